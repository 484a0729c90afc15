import Foundation

/// Writes ``WorkbookTable``s as the sheets of one .xlsx workbook, in order, with libxlsxwriter.
///
/// Each sheet: the header in bold on row 1, frozen (it stays in view) and with filter buttons;
/// then the rows, texts as text cells (never formulas), numbers as numbers in their format (the
/// cell holds the full double; the format only rounds what is shown), an undefined figure as an
/// empty cell; the column widths; and each colour scale over its column's rows. The first sheet
/// is the one a reader sees on opening.
public enum WorkbookTableWriter {
    /// Writes `tables` to `url` atomically: into a temporary file in the same folder, renamed over
    /// `url` once complete (a failure leaves `url` as it was).
    /// - Throws: ``WorkbookError``: `invalidDescription` (no table, an invalid or repeated sheet
    ///   name, a row or colour scale that does not fit its columns), `tooLarge` (rows, columns or a
    ///   text beyond Excel's limits), `readOnly` or `writeFailed`.
    public static func write(_ tables: [WorkbookTable], to url: URL) throws(WorkbookError) {
        try validate(tables, url)
        try AtomicWorkbookFile.write(url) { path throws(WorkbookError) in
            let workbook = try XLSXWorkbook(path: path, reportedPath: url.path)
            let header = workbook.headerStyle()
            for table in tables { try write(table, into: workbook, header: header) }
            try workbook.close()
        }
    }

    private static func write(_ table: WorkbookTable, into workbook: XLSXWorkbook, header: XLSXWorkbook.Format?) throws(WorkbookError) {
        let sheet = try workbook.sheet(table.name)
        for (c, column) in table.columns.enumerated() {
            try workbook.text(sheet, 0, c, column.header, header)
            workbook.width(sheet, columns: c, c, column.width)
        }
        for (r, row) in table.rows.enumerated() {
            for (c, cell) in row.enumerated() {
                switch cell {
                case .empty: continue
                case .text(let text): try workbook.text(sheet, r + 1, c, text)
                case .number(let value, let format):
                    try workbook.number(sheet, r + 1, c, value, (format ?? table.columns[c].format).flatMap { workbook.numberFormat($0.code) })
                }
            }
        }
        workbook.freeze(sheet, rows: 1)
        try workbook.autofilter(sheet, headerRow: 0, lastRow: max(table.rows.count, 1), columns: table.columns.count)
        if !table.rows.isEmpty {
            for scale in table.colourScales {
                try workbook.colourScale(sheet, column: scale.column, firstRow: 1, lastRow: table.rows.count,
                                         low: scale.low, middle: scale.middle, high: scale.high)
            }
        }
    }

    /// The tables fit a workbook: at least one; valid sheet names, unique regardless of case; per
    /// table, 1 to 16,384 columns, under 1,048,576 rows, one cell per column a row, and colour
    /// scales on its columns with finite stops in order.
    static func validate(_ tables: [WorkbookTable], _ url: URL) throws(WorkbookError) {
        func invalid(_ reason: String) -> WorkbookError { WorkbookError(kind: .invalidDescription, path: url.path, reason: reason) }
        guard !tables.isEmpty else { throw invalid("a workbook needs at least one sheet") }
        var names = Set<String>()
        for table in tables {
            guard WorkbookSheetName.isValid(table.name) else {
                throw invalid("\"\(table.name)\" is not a sheet name Excel accepts (at most 31 characters, none of [ ] : * ? / \\)")
            }
            guard names.insert(table.name.lowercased()).inserted else { throw invalid("two sheets are named \"\(table.name)\"") }
            guard (1...16_384).contains(table.columns.count) else {
                throw WorkbookError(kind: table.columns.isEmpty ? .invalidDescription : .tooLarge, path: url.path,
                                    reason: "\"\(table.name)\" has \(table.columns.count) columns; a sheet holds 1 to 16,384")
            }
            guard table.rows.count < 1_048_576 else {
                throw WorkbookError(kind: .tooLarge, path: url.path,
                                    reason: "\"\(table.name)\" has \(table.rows.count) rows; a sheet holds 1,048,575 below its header")
            }
            if let r = table.rows.firstIndex(where: { $0.count != table.columns.count }) {
                throw invalid("row \(r + 1) of \"\(table.name)\" has \(table.rows[r].count) cells for \(table.columns.count) columns")
            }
            for scale in table.colourScales {
                guard table.columns.indices.contains(scale.column) else {
                    throw invalid("a colour scale on column \(scale.column + 1) of \"\(table.name)\", which has \(table.columns.count)")
                }
                let stops = [scale.low.value, scale.middle.value, scale.high.value]
                guard stops.allSatisfy(\.isFinite), stops[0] < stops[1], stops[1] < stops[2], stops.count == 3,
                      [scale.low, scale.middle, scale.high].allSatisfy({ $0.colour <= 0xFFFFFF }) else {
                    throw invalid("a colour scale on \"\(table.name)\" needs finite stops in increasing order and colours 0xRRGGBB")
                }
            }
        }
    }
}

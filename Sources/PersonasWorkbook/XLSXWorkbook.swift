import CXLSXWriter
import Foundation

/// One workbook being written by libxlsxwriter, behind Swift calls: sheets, text, number and
/// formula cells, number formats, column widths, a frozen header, an autofilter and colour scales.
///
/// The thin wrapper every workbook of this module writes through (`WorkbookSheets` for the typing
/// tool, ``WorkbookTableWriter`` for tables), so the C calls they share, the limits Excel sets on a
/// cell and the mapping of libxlsxwriter's statuses onto ``WorkbookError`` are written once.
/// libxlsxwriter writes the file whole on `close()`; a workbook dropped unclosed is closed by
/// `deinit` (its temporary file is then abandoned by the caller).
class XLSXWorkbook {
    typealias Sheet = UnsafeMutablePointer<lxw_worksheet>
    typealias Format = UnsafeMutablePointer<lxw_format>

    /// The path named in errors: the destination, not the temporary file written.
    let reportedPath: String
    let workbook: UnsafeMutablePointer<lxw_workbook>
    private var closed = false
    /// The number formats made so far, by format code (libxlsxwriter wants one format per style).
    private var numberFormats: [String: Format] = [:]

    /// Excel's longest text in a cell, in UTF-16 code units.
    static let maximumTextLength = 32_767

    /// Starts a workbook at `path` (the temporary file), naming `reportedPath` in errors.
    init(path: String, reportedPath: String) throws(WorkbookError) {
        self.reportedPath = reportedPath
        guard let workbook = workbook_new(path) else {
            throw WorkbookError(kind: .writeFailed, path: reportedPath, reason: "libxlsxwriter could not start a workbook (out of memory)")
        }
        self.workbook = workbook
    }

    deinit {
        if !closed { workbook_close(workbook) }
    }

    /// Writes the file (libxlsxwriter writes everything on closing).
    func close() throws(WorkbookError) {
        closed = true
        let status = workbook_close(workbook)
        guard status == LXW_NO_ERROR else { throw failure(status, "writing the file") }
    }

    // MARK: Sheets

    func sheet(_ name: String) throws(WorkbookError) -> Sheet {
        guard let sheet = workbook_add_worksheet(workbook, name) else {
            throw WorkbookError(kind: .writeFailed, path: reportedPath, reason: "libxlsxwriter could not add the sheet \"\(name)\"")
        }
        return sheet
    }

    /// Sets the width of columns `first...last` (in characters of the default font).
    func width(_ sheet: Sheet, columns first: Int, _ last: Int, _ width: Double) {
        worksheet_set_column(sheet, lxw_col_t(first), lxw_col_t(last), width, nil)
    }

    /// Keeps the first `rows` rows in view while scrolling.
    func freeze(_ sheet: Sheet, rows: Int) {
        worksheet_freeze_panes(sheet, lxw_row_t(rows), 0)
    }

    /// Filter buttons on the header row `row`, over columns `0..<columns` down to `lastRow`.
    func autofilter(_ sheet: Sheet, headerRow row: Int, lastRow: Int, columns: Int) throws(WorkbookError) {
        let status = worksheet_autofilter(sheet, lxw_row_t(row), 0, lxw_row_t(lastRow), lxw_col_t(columns - 1))
        guard status == LXW_NO_ERROR else { throw failure(status, "the filter") }
    }

    /// A three-colour scale over column `column`, rows `firstRow...lastRow`: `low`'s colour at
    /// and below its value, `middle`'s at its value, `high`'s at and above, blended between.
    func colourScale(_ sheet: Sheet, column: Int, firstRow: Int, lastRow: Int,
                     low: WorkbookColourScale.Stop, middle: WorkbookColourScale.Stop,
                     high: WorkbookColourScale.Stop) throws(WorkbookError) {
        var scale = lxw_conditional_format()
        scale.type = UInt8(LXW_CONDITIONAL_3_COLOR_SCALE.rawValue)
        let number = UInt8(LXW_CONDITIONAL_RULE_TYPE_NUMBER.rawValue)
        (scale.min_rule_type, scale.min_value, scale.min_color) = (number, low.value, lxw_color_t(low.colour))
        (scale.mid_rule_type, scale.mid_value, scale.mid_color) = (number, middle.value, lxw_color_t(middle.colour))
        (scale.max_rule_type, scale.max_value, scale.max_color) = (number, high.value, lxw_color_t(high.colour))
        let status = worksheet_conditional_format_range(sheet, lxw_row_t(firstRow), lxw_col_t(column),
                                                        lxw_row_t(lastRow), lxw_col_t(column), &scale)
        guard status == LXW_NO_ERROR else { throw failure(status, "the colour scale") }
    }

    // MARK: Formats

    /// A new cell format, set up by `configure`.
    func format(_ configure: (Format?) -> Void) -> Format? {
        let format = workbook_add_format(workbook)
        configure(format)
        return format
    }

    /// A bold header with a thin line below.
    func headerStyle() -> Format? {
        format {
            format_set_bold($0)
            format_set_bottom($0, UInt8(LXW_BORDER_THIN.rawValue))
        }
    }

    /// The format showing numbers with Excel's format code `code` (`0.0%`, `#,##0.00`), one per code.
    func numberFormat(_ code: String) -> Format? {
        if let made = numberFormats[code] { return made }
        let made = format { format_set_num_format($0, code) }
        numberFormats[code] = made
        return made
    }

    // MARK: Cells

    /// A text cell (never a formula, whatever the text: `=1+1` stays those four characters); an
    /// empty text leaves the cell empty.
    func text(_ sheet: Sheet, _ row: Int, _ column: Int, _ value: String, _ format: Format? = nil) throws(WorkbookError) {
        guard value.utf16.count <= Self.maximumTextLength else {
            throw WorkbookError(kind: .tooLarge, path: reportedPath,
                                reason: "a text of \(value.utf16.count) characters (\(value.prefix(40))…); a cell holds 32,767")
        }
        if value.isEmpty { return }
        let status = worksheet_write_string(sheet, lxw_row_t(row), lxw_col_t(column), value, format)
        guard status == LXW_NO_ERROR else { throw failure(status, "the text \"\(value.prefix(40))\"") }
    }

    /// A number cell; a number that is not finite leaves the cell empty (Excel has no NaN).
    func number(_ sheet: Sheet, _ row: Int, _ column: Int, _ value: Double, _ format: Format? = nil) throws(WorkbookError) {
        guard value.isFinite else { return }
        let status = worksheet_write_number(sheet, lxw_row_t(row), lxw_col_t(column), value, format)
        guard status == LXW_NO_ERROR else { throw failure(status, "the number on row \(row + 1)") }
    }

    /// A formula with an empty cached result (never libxlsxwriter's default 0, which a viewer that
    /// does not recalculate would show as a result), within Excel's length and nesting limits.
    func formula(_ sheet: Sheet, _ row: Int, _ column: Int, _ formula: String, _ format: Format? = nil) throws(WorkbookError) {
        guard formula.count < FormulaText.maximumLength else {
            throw WorkbookError(kind: .tooLarge, path: reportedPath,
                                reason: "a formula of \(formula.count) characters; Excel reads at most 8,192 (ask fewer questions or a smaller tree)")
        }
        guard FormulaText.nesting(formula) <= FormulaText.maximumNesting else {
            throw WorkbookError(kind: .tooLarge, path: reportedPath,
                                reason: "a formula nested \(FormulaText.nesting(formula)) deep; Excel allows 64 (a tree this deep does not fit a spreadsheet)")
        }
        let status = worksheet_write_formula_str(sheet, lxw_row_t(row), lxw_col_t(column), formula, format, "")
        guard status == LXW_NO_ERROR else { throw failure(status, "a formula") }
    }

    /// libxlsxwriter's status as a ``WorkbookError``: a text too long is `tooLarge`, anything else
    /// `writeFailed`, in libxlsxwriter's words.
    func failure(_ status: lxw_error, _ what: String) -> WorkbookError {
        WorkbookError(kind: status == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED ? .tooLarge : .writeFailed, path: reportedPath,
                      reason: "\(what): \(String(cString: lxw_strerror(status)))")
    }
}

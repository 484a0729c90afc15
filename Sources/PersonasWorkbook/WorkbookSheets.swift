import CXLSXWriter
import Foundation

/// The sheets of one typing-tool workbook, laid out and written through libxlsxwriter (with
/// ``XLSXWorkbook``'s cells). See ``WorkbookWriter`` for what each sheet holds.
final class WorkbookSheets: XLSXWorkbook {
    private let description: WorkbookDescription
    private var titleFormat, headerFormat, inputFormat, resultFormat, wrapFormat: Format?

    private static let typingToolSheet = "Typing tool", customersSheet = "Customers", segmentsSheet = "Segments",
                       listsSheet = "Lists", pointsSheet = "Points"
    /// "Typing tool": the first question's row, and the hidden helper columns.
    private static let firstQuestionRow = 4, valueColumn = 7, totalColumn = 8, indexColumn = 9

    init(description: WorkbookDescription, path: String, reportedPath: String) throws(WorkbookError) {
        self.description = description
        try super.init(path: path, reportedPath: reportedPath)
        titleFormat = format {
            format_set_bold($0)
            format_set_font_size($0, 14)
        }
        headerFormat = headerStyle()
        inputFormat = format {
            format_set_bg_color($0, 0xFFF2CC)
            format_set_pattern($0, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_border($0, UInt8(LXW_BORDER_THIN.rawValue))
        }
        resultFormat = format { format_set_bold($0) }
        wrapFormat = format {
            format_set_text_wrap($0)
            format_set_align($0, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        }
    }

    /// Lays out every sheet, then writes the file (libxlsxwriter writes it whole on closing).
    /// `example` fills the "Typing tool" inputs (tests recalculate it; a delivered tool leaves them empty).
    func write(customers: [[WorkbookAnswer]], rows customerRows: Int, example: [WorkbookAnswer]?) throws(WorkbookError) {
        let typing = try sheet(Self.typingToolSheet)
        let customerSheet = try sheet(Self.customersSheet)
        let segments = try sheet(Self.segmentsSheet)
        var tables = try writeSegments(segments)
        if description.questions.contains(where: { if case .levels = $0.kind { true } else { false } }) {
            let lists = try sheet(Self.listsSheet)
            worksheet_hide(lists)
            try writeLists(lists, into: &tables)
        }
        if case .points(let points) = description.scoring {
            let sheet = try sheet(Self.pointsSheet)
            worksheet_hide(sheet)
            try writePoints(points, sheet, into: &tables)
        }
        let formulas = ScoringFormulas(description: description, tables: tables)
        try writeTypingTool(typing, formulas, example: example)
        try writeCustomers(customerSheet, customers, rows: customerRows, formulas)
        worksheet_activate(typing)
        try close()
    }

    // MARK: Sheets

    private func writeSegments(_ sheet: Sheet) throws(WorkbookError) -> WorkbookTables {
        let segments = description.segments
        try text(sheet, 0, 0, "Segment", headerFormat)
        try text(sheet, 0, 1, "Persona", headerFormat)
        try text(sheet, 0, 2, "Description", headerFormat)
        for (i, segment) in segments.enumerated() {
            try text(sheet, i + 1, 0, segment.label)
            try text(sheet, i + 1, 1, segment.personaName)
            try text(sheet, i + 1, 2, segment.description, wrapFormat)
        }
        worksheet_set_column(sheet, 0, 0, 12, nil)
        worksheet_set_column(sheet, 1, 1, 32, nil)
        worksheet_set_column(sheet, 2, 2, 80, nil)
        let q = description.questions.count
        func column(_ c: Int) -> String { FormulaText.range(sheet: Self.segmentsSheet, firstRow: 1, lastRow: segments.count, column: c) }
        return WorkbookTables(levelLabels: Array(repeating: nil, count: q), levelValues: Array(repeating: nil, count: q),
                              constant: [], perUnit: Array(repeating: nil, count: q), perLevel: Array(repeating: nil, count: q),
                              missing: Array(repeating: [], count: q),
                              segmentLabels: column(0), personaNames: column(1), descriptions: column(2))
    }

    /// Per levels question, two columns: its level labels and values, below a header.
    private func writeLists(_ sheet: Sheet, into tables: inout WorkbookTables) throws(WorkbookError) {
        var column = 0
        for (q, question) in description.questions.enumerated() {
            guard case .levels(let levels) = question.kind else { continue }
            try text(sheet, 0, column, question.label, headerFormat)
            try text(sheet, 0, column + 1, "\(question.name) (value)", headerFormat)
            for (i, level) in levels.enumerated() {
                try text(sheet, i + 1, column, level.label)
                try text(sheet, i + 1, column + 1, level.value)
            }
            tables.levelLabels[q] = FormulaText.range(sheet: Self.listsSheet, firstRow: 1, lastRow: levels.count, column: column)
            tables.levelValues[q] = FormulaText.range(sheet: Self.listsSheet, firstRow: 1, lastRow: levels.count, column: column + 1)
            column += 2
        }
    }

    /// A header (question, answer, one column per segment), the constants, then per question its
    /// points per unit or per level and its points for a missing answer.
    private func writePoints(_ points: WorkbookPoints, _ sheet: Sheet,
                             into tables: inout WorkbookTables) throws(WorkbookError) {
        let k = description.segments.count
        try text(sheet, 0, 0, "Question", headerFormat)
        try text(sheet, 0, 1, "Answer", headerFormat)
        for (s, segment) in description.segments.enumerated() { try text(sheet, 0, 2 + s, segment.label, headerFormat) }
        try text(sheet, 1, 0, "Constant")
        try numbers(sheet, 1, points.constant)
        tables.constant = (0..<k).map { "\(Self.pointsSheet)!\(FormulaText.cell(row: 1, column: 2 + $0, absolute: true))" }
        var row = 2
        for (q, (question, entry)) in zip(description.questions, points.questions).enumerated() {
            switch entry.answer {
            case .perUnit(let perUnit):
                try text(sheet, row, 0, question.label)
                try text(sheet, row, 1, { if case .yesNo = question.kind { "Yes" } else { "per unit" } }())
                try numbers(sheet, row, perUnit)
                tables.perUnit[q] = (0..<k).map { "\(Self.pointsSheet)!\(FormulaText.cell(row: row, column: 2 + $0, absolute: true))" }
                row += 1
            case .perLevel(let table):
                guard case .levels(let levels) = question.kind else { continue }
                for (level, perLevel) in zip(levels, table) {
                    try text(sheet, row, 0, question.label)
                    try text(sheet, row, 1, level.label)
                    try numbers(sheet, row, perLevel)
                    row += 1
                }
                let first = row - table.count
                tables.perLevel[q] = (0..<k).map {
                    FormulaText.range(sheet: Self.pointsSheet, firstRow: first, lastRow: row - 1, column: 2 + $0)
                }
            }
            try text(sheet, row, 0, question.label)
            try text(sheet, row, 1, "missing or unknown")
            try numbers(sheet, row, entry.missing)
            tables.missing[q] = (0..<k).map { "\(Self.pointsSheet)!\(FormulaText.cell(row: row, column: 2 + $0, absolute: true))" }
            row += 1
        }
    }

    /// The title, one input per question, the results, and hidden helpers in columns H to J.
    private func writeTypingTool(_ sheet: Sheet, _ formulas: ScoringFormulas,
                                 example: [WorkbookAnswer]?) throws(WorkbookError) {
        let questions = description.questions, first = Self.firstQuestionRow
        try text(sheet, 0, 0, description.title, titleFormat)
        try text(sheet, 1, 0, "Answer each question in the yellow cells; leave a cell empty when the answer is not known.")
        try text(sheet, 3, 0, "Question", headerFormat)
        try text(sheet, 3, 1, "Answer", headerFormat)
        let layout = AnswerRowLayout(input: { (first + $0, 1) }, value: { (first + $0, Self.valueColumn) },
                                     total: { (first + $0, Self.totalColumn) }, index: (first, Self.indexColumn), absolute: true)
        let cells = try helpers(sheet, formulas, layout)
        for (q, question) in questions.enumerated() {
            try text(sheet, first + q, 0, question.label, wrapFormat)
            try answer(sheet, first + q, 1, example.map { $0[q] } ?? .blank, of: question, inputFormat)
            try validate(sheet, q, formulas.tables, firstRow: first + q, lastRow: first + q, column: 1)
        }
        let results = first + questions.count + 1
        for (i, (name, column)) in [("Segment", formulas.tables.segmentLabels), ("Persona", formulas.tables.personaNames),
                                    ("Description", formulas.tables.descriptions)].enumerated() {
            try text(sheet, results + i, 0, name, resultFormat)
            try formula(sheet, results + i, 1, formulas.result(column, cells), i == 2 ? wrapFormat : resultFormat)
        }
        worksheet_set_column(sheet, 0, 0, 48, nil)
        worksheet_set_column(sheet, 1, 1, 40, nil)
        worksheet_fit_to_pages(sheet, 1, 0)  // printed: questions and answers on one page width
        var hidden = lxw_row_col_options(hidden: 1, level: 0, collapsed: 0)
        worksheet_set_column_opt(sheet, lxw_col_t(Self.valueColumn), lxw_col_t(Self.indexColumn), 10, nil, &hidden)
    }

    /// A header of question labels, then per row the answers (pre-filled, or empty for the analyst),
    /// the segment and persona, and hidden helpers to their right.
    private func writeCustomers(_ sheet: Sheet, _ customers: [[WorkbookAnswer]], rows: Int,
                                _ formulas: ScoringFormulas) throws(WorkbookError) {
        let questions = description.questions, q = questions.count
        let k = { if case .points = description.scoring { description.segments.count } else { 0 } }()
        let valueColumn = q + 2, totalColumn = 2 * q + 2, indexColumn = 2 * q + 2 + k
        guard indexColumn < 16_384 else {
            throw WorkbookError(kind: .tooLarge, path: reportedPath, reason: "\(indexColumn + 1) columns on \"Customers\"; a sheet holds 16,384")
        }
        for (i, question) in questions.enumerated() {
            try text(sheet, 0, i, question.label, headerFormat)
            try validate(sheet, i, formulas.tables, firstRow: 1, lastRow: max(1, rows), column: i)
        }
        try text(sheet, 0, q, "Segment", headerFormat)
        try text(sheet, 0, q + 1, "Persona", headerFormat)
        for r in stride(from: 1, through: rows, by: 1) {
            if r - 1 < customers.count {
                for (c, given) in customers[r - 1].enumerated() { try answer(sheet, r, c, given, of: questions[c]) }
            }
            let layout = AnswerRowLayout(input: { (r, $0) }, value: { (r, valueColumn + $0) }, total: { (r, totalColumn + $0) },
                                         index: (r, indexColumn), absolute: false)
            let cells = try helpers(sheet, formulas, layout)
            try formula(sheet, r, q, formulas.result(formulas.tables.segmentLabels, cells))
            try formula(sheet, r, q + 1, formulas.result(formulas.tables.personaNames, cells))
        }
        worksheet_set_column(sheet, 0, lxw_col_t(q + 1), 20, nil)
        var hidden = lxw_row_col_options(hidden: 1, level: 0, collapsed: 0)
        worksheet_set_column_opt(sheet, lxw_col_t(valueColumn), lxw_col_t(indexColumn), 10, nil, &hidden)
        worksheet_freeze_panes(sheet, 1, 0)
    }

    /// The helper formulas of one row of answers (values, totals for points, the index), written
    /// where `layout` puts them; returns the row's references for its result formulas.
    private func helpers(_ sheet: Sheet, _ formulas: ScoringFormulas,
                         _ layout: AnswerRowLayout) throws(WorkbookError) -> AnswerRowCells {
        let cells = AnswerRowCells(layout, questions: description.questions.count, segments: description.segments.count)
        for q in description.questions.indices {
            let at = layout.value(q)
            try formula(sheet, at.row, at.column, formulas.value(q, cells))
        }
        if case .points = description.scoring {
            for s in description.segments.indices {
                let at = layout.total(s)
                try formula(sheet, at.row, at.column, formulas.total(s, cells))
            }
        }
        try formula(sheet, layout.index.row, layout.index.column, formulas.index(cells))
        return cells
    }

    /// One answer as a cell: a number as a number, anything else as text; blank leaves the cell empty.
    private func answer(_ sheet: Sheet, _ row: Int, _ column: Int, _ answer: WorkbookAnswer,
                        of question: WorkbookQuestion, _ format: Format? = nil) throws(WorkbookError) {
        switch answer {
        case .number(let value) where value.isFinite: try number(sheet, row, column, value, format); return
        case .text(let value) where !value.isEmpty: try text(sheet, row, column, value, format); return
        case .yesNo(let yes): try text(sheet, row, column, yes ? "Yes" : "No", format); return
        case .level(let i):
            if case .levels(let levels) = question.kind { try text(sheet, row, column, levels[i].label, format); return }
        case .blank, .number, .text: break
        }
        guard let format else { return }
        let status = worksheet_write_blank(sheet, lxw_row_t(row), lxw_col_t(column), format)
        guard status == LXW_NO_ERROR else { throw failure(status, "the input on row \(row + 1)") }
    }

    // MARK: Cells

    /// One row of numbers from column C on (the points table).
    private func numbers(_ sheet: Sheet, _ row: Int, _ values: [Double]) throws(WorkbookError) {
        for (i, value) in values.enumerated() { try number(sheet, row, 2 + i, value) }
    }

    /// The input rule of a question's cells: a drop-down list of level labels, Yes/No, or numbers.
    private func validate(_ sheet: Sheet, _ q: Int, _ tables: WorkbookTables,
                          firstRow: Int, lastRow: Int, column: Int) throws(WorkbookError) {
        let question = description.questions[q]
        var rule = lxw_data_validation()
        rule.ignore_blank = UInt8(LXW_VALIDATION_ON.rawValue)
        rule.error_type = UInt8(LXW_VALIDATION_ERROR_TYPE_STOP.rawValue)
        let source: String?, message: String
        switch question.kind {
        case .number:
            rule.validate = UInt8(LXW_VALIDATION_TYPE_DECIMAL.rawValue)
            rule.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
            rule.minimum_number = -1e307
            rule.maximum_number = 1e307
            source = nil
            message = "Enter a number, or leave the cell empty when the answer is not known."
        case .yesNo:
            rule.validate = UInt8(LXW_VALIDATION_TYPE_LIST_FORMULA.rawValue)
            source = FormulaText.literal("Yes,No")
            message = "Choose Yes or No, or leave the cell empty when the answer is not known."
        case .levels(let levels):
            rule.validate = UInt8(LXW_VALIDATION_TYPE_LIST_FORMULA.rawValue)
            let labels = levels.map(\.label)
            let joined = labels.joined(separator: ",")
            // Excel's inline list: at most 255 characters, split on commas, trimmed; any other list
            // is read from its column on the hidden "Lists" sheet.
            let inline = joined.utf16.count <= 255 && labels.allSatisfy {
                !$0.contains(",") && !$0.contains("\"") && $0.trimmingCharacters(in: .whitespaces) == $0
            }
            source = inline ? FormulaText.literal(joined) : tables.levelLabels[q]
            message = "Choose an answer from the list, or leave the cell empty when the answer is not known."
        }
        let sourceC = source.map { strdup($0) } ?? nil, titleC = strdup("Not an answer"), messageC = strdup(message)
        defer { free(sourceC); free(titleC); free(messageC) }
        rule.value_formula = sourceC
        rule.error_title = titleC
        rule.error_message = messageC
        let status = firstRow == lastRow
            ? worksheet_data_validation_cell(sheet, lxw_row_t(firstRow), lxw_col_t(column), &rule)
            : worksheet_data_validation_range(sheet, lxw_row_t(firstRow), lxw_col_t(column), lxw_row_t(lastRow), lxw_col_t(column), &rule)
        guard status == LXW_NO_ERROR else { throw failure(status, "the answer list of '\(question.name)'") }
    }
}

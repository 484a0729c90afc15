import CXLSXWriter
import Foundation

/// Writes a ``WorkbookDescription`` as an .xlsx workbook (`typing-tool.xlsx`) with libxlsxwriter.
///
/// The sheets:
/// - **Typing tool**: the title, one input cell per question beside its label (a drop-down list of
///   level labels, Yes/No, or numbers only), and the segment, persona name and description that
///   formulas compute from the inputs. An empty input is a missing answer; with nothing answered
///   the results stay empty.
/// - **Customers**: a header of question labels, then one row per customer with the same formulas
///   giving the segment and persona (empty while the row is), pre-filled with the caller's answer
///   rows followed by empty rows an analyst can fill.
/// - **Segments**: each segment's label, persona name and description.
/// - **Lists** and **Points** (hidden): the level lists (a drop-down list whose labels do not fit
///   Excel's 255 characters, or hold a comma or a quote, reads them from there) and the points
///   table, read by the formulas.
///
/// Every text of the description and every pre-filled answer is a text cell, never a formula (a
/// level named `=1+1` stays those four characters); the formulas read texts and numbers from cells,
/// and the one place a text enters a formula (a short drop-down list) is an escaped string literal.
/// No formula carries a cached result: each is stored with an empty one, so a viewer that cannot
/// calculate shows nothing rather than a stale or zero segment, and Excel and LibreOffice compute
/// them on opening (the workbook asks for a full calculation on load).
public enum WorkbookWriter {
    /// Rows with formulas but no answers, after the pre-filled ones on "Customers".
    public static let defaultEmptyCustomerRows = 200

    /// Writes the workbook to `url` atomically: into a temporary file in the same folder, renamed
    /// over `url` once complete (a reader never sees part of a workbook; a failure leaves `url` as
    /// it was).
    /// - Parameters:
    ///   - description: the questions, segments and scoring; checked by ``WorkbookDescription/validate()``.
    ///   - customers: pre-filled rows of "Customers", one answer per question each.
    ///   - emptyCustomerRows: rows with formulas left for answers after them.
    ///   - url: the .xlsx file to write.
    /// - Throws: ``WorkbookError``: `invalidDescription`, `invalidAnswers` (a row of the wrong
    ///   length, a level index out of range), `tooLarge` (rows, columns, or a formula beyond Excel's
    ///   limits), `readOnly` or `writeFailed`.
    public static func write(_ description: WorkbookDescription, customers: [[WorkbookAnswer]] = [],
                             emptyCustomerRows: Int = defaultEmptyCustomerRows, to url: URL) throws(WorkbookError) {
        try write(description, customers: customers, emptyCustomerRows: emptyCustomerRows, example: nil, to: url)
    }

    /// ``write(_:customers:emptyCustomerRows:to:)`` with the "Typing tool" inputs filled with `example`
    /// (the tests recalculate that sheet too).
    static func write(_ description: WorkbookDescription, customers: [[WorkbookAnswer]], emptyCustomerRows: Int,
                      example: [WorkbookAnswer]?, to url: URL) throws(WorkbookError) {
        try description.validate()
        for (r, row) in customers.enumerated() { try check(row, "customer row \(r + 1)", description) }
        if let example { try check(example, "the example answers", description) }
        let customerRows = customers.count + max(0, emptyCustomerRows)
        guard customerRows < 1_048_576 else {
            throw WorkbookError(kind: .tooLarge, reason: "\(customerRows) customer rows; a sheet holds 1,048,575 below its header")
        }
        try AtomicWorkbookFile.write(url) { path throws(WorkbookError) in
            try WorkbookSheets(description: description, path: path, reportedPath: url.path)
                .write(customers: customers, rows: customerRows, example: example)
        }
    }

    /// One answer per question, and each level index among its question's levels.
    private static func check(_ row: [WorkbookAnswer], _ name: String, _ description: WorkbookDescription) throws(WorkbookError) {
        let q = description.questions.count
        guard row.count == q else {
            throw WorkbookError(kind: .invalidAnswers, reason: "\(name) has \(row.count) answers for \(q) questions")
        }
        for (answer, question) in zip(row, description.questions) {
            guard case .level(let i) = answer else { continue }
            guard case .levels(let levels) = question.kind, levels.indices.contains(i) else {
                throw WorkbookError(kind: .invalidAnswers, reason: "\(name) names level \(i) of '\(question.name)', which has no such level")
            }
        }
    }
}

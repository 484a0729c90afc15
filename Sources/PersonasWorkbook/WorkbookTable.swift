/// One sheet of a table workbook: a header row, then rows of text and number cells, with number
/// formats and widths per column and colour scales over columns.
///
/// The general sheet ``WorkbookTableWriter`` writes (`profile.xlsx` is made of them): the header
/// stays in view while scrolling (frozen) and carries filter buttons, so a reader can sort and
/// filter the rows in Excel or LibreOffice without touching the figures. Every text is a text
/// cell, never a formula: a cell holding `=HYPERLINK(…)`, `+1`, `-2` or `@x` shows those
/// characters.
public struct WorkbookTable: Sendable, Equatable {
    /// The sheet's name: a valid Excel sheet name (``WorkbookSheetName/isValid(_:)``), unique in
    /// the workbook regardless of case; ``WorkbookSheetName/unique(_:)`` makes any texts into such names.
    public var name: String
    /// The columns, left to right (at least one).
    public var columns: [WorkbookTableColumn]
    /// The rows below the header, one cell per column each.
    public var rows: [[WorkbookCell]]
    /// Colour scales over whole columns of the rows.
    public var colourScales: [WorkbookColourScale]

    public init(name: String, columns: [WorkbookTableColumn], rows: [[WorkbookCell]], colourScales: [WorkbookColourScale] = []) {
        self.name = name
        self.columns = columns
        self.rows = rows
        self.colourScales = colourScales
    }
}

/// One column of a ``WorkbookTable``.
public struct WorkbookTableColumn: Sendable, Equatable {
    /// The header, in bold on the first row.
    public var header: String
    /// The width, in characters of the default font.
    public var width: Double
    /// How the column shows its numbers, unless a cell says otherwise; nil: Excel's General.
    public var format: WorkbookNumberFormat?

    public init(header: String, width: Double = 12, format: WorkbookNumberFormat? = nil) {
        self.header = header
        self.width = width
        self.format = format
    }
}

/// One cell of a ``WorkbookTable`` row.
public enum WorkbookCell: Sendable, Equatable {
    /// Nothing: an undefined or withheld figure.
    case empty
    /// A text cell, whatever the text (never read as a formula or a number).
    case text(String)
    /// A number, shown with `format` or else its column's; a number that is not finite is
    /// written as an empty cell.
    case number(Double, format: WorkbookNumberFormat? = nil)
}

/// An Excel number format code: what the reader sees, not what the cell holds (the cell keeps
/// the full double).
public struct WorkbookNumberFormat: Sendable, Hashable {
    /// The format code, as Excel's "Format Cells" dialog spells it (`0.0%`, `#,##0.00`).
    public var code: String

    public init(_ code: String) { self.code = code }

    /// A whole number with thousands separators (`1,234`).
    public static let integer = WorkbookNumberFormat("#,##0")
    /// Two decimals with thousands separators (`1,234.57`).
    public static let decimal = WorkbookNumberFormat("#,##0.00")
    /// A signed effect size with two decimals (`+0.84`, `-1.20`).
    public static let signedDecimal = WorkbookNumberFormat("+0.00;-0.00;0.00")
    /// A share as a percentage with one decimal (`0.25` shows `25.0%`).
    public static let percent = WorkbookNumberFormat("0.0%")
    /// A p-value with three decimals.
    public static let probability = WorkbookNumberFormat("0.000")
}

/// Writes delimited text (RFC 4180) through an ``AtomicFileWriter``, buffering in large blocks.
///
/// Fields are quoted only when they contain the delimiter, a quote, a line break or leading or
/// trailing spaces, so plain numbers and codes stay unquoted and files open cleanly in Excel.
///
/// Every file Personas writes may be opened in a spreadsheet, so no cell may become a formula
/// there (a level `=HYPERLINK("http://…","click")` would be a live link): a field that starts
/// with `=`, `+`, `-`, `@`, a tab or a carriage return (OWASP's list) is written quoted with a
/// single quote in front (`"'=HYPERLINK(…)"`), which spreadsheets read as text. A number as
/// Personas' own reader reads one (`-3.5`, `+2`, `-1e-5`, `-inf`) is not a formula and stays as
/// it is. The columns named in `verbatimColumns` (the identifier: it is the join key and must
/// come out byte for byte as it went in) are never altered, header included.
public struct CSVWriter: ~Copyable {
    private let file: AtomicFileWriter
    private let delimiter: UInt8
    private let verbatimColumns: Set<Int>
    private var buffer: [UInt8] = []
    /// The column of the next field of a record built with ``appendField(_:first:)``.
    private var column = 0
    private static let flushSize = 1 << 20

    /// - Parameters:
    ///   - file: the file the rows go to.
    ///   - delimiter: the field separator.
    ///   - verbatimColumns: the 0-based columns written exactly as given, formula or not
    ///     (identifiers); every other field starting a formula is neutralised.
    public init(file: AtomicFileWriter, delimiter: UInt8 = UInt8(ascii: ","), verbatimColumns: Set<Int> = []) {
        self.file = file
        self.delimiter = delimiter
        self.verbatimColumns = verbatimColumns
        buffer.reserveCapacity(CSVWriter.flushSize + 4096)
    }

    /// Appends one record.
    public mutating func writeRow(_ fields: [String]) throws(OutputError) {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(delimiter) }
            appendField(field, column: index)
        }
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= CSVWriter.flushSize { try flush() }
    }

    /// Appends one field of a record being built with ``appendField(_:first:)`` and ``endRow()``.
    public mutating func appendField(_ field: String, first: Bool) {
        if first { column = 0 } else { buffer.append(delimiter) }
        appendField(field, column: column)
        column += 1
    }

    /// Ends a record built field by field.
    public mutating func endRow() throws(OutputError) {
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= CSVWriter.flushSize { try flush() }
    }

    private mutating func appendField(_ field: String, column: Int) {
        let neutralised = !verbatimColumns.contains(column) && CSVWriter.startsFormula(field)
        var needsQuotes = neutralised
        for byte in field.utf8 where byte == delimiter || byte == UInt8(ascii: "\"") || byte == 10 || byte == 13 {
            needsQuotes = true
            break
        }
        if let first = field.utf8.first, let last = field.utf8.last, first == 32 || last == 32 { needsQuotes = true }
        if !needsQuotes {
            buffer.append(contentsOf: field.utf8)
            return
        }
        buffer.append(UInt8(ascii: "\""))
        if neutralised { buffer.append(UInt8(ascii: "'")) }
        for byte in field.utf8 {
            buffer.append(byte)
            if byte == UInt8(ascii: "\"") { buffer.append(byte) }
        }
        buffer.append(UInt8(ascii: "\""))
    }

    /// The field a quoted or plain cell this writer wrote stands for, once its quotes are taken
    /// off: the neutralising quote of a formula-like field removed (`'=HYPERLINK(…)` quoted gives
    /// `=HYPERLINK(…)`), so writing it again gives the same bytes.
    public static func field(ofWritten text: String, quoted: Bool) -> String {
        guard quoted, text.hasPrefix("'") else { return text }
        let rest = String(text.dropFirst())
        return startsFormula(rest) ? rest : text
    }

    /// Whether a spreadsheet would run `field` as a formula: it starts with `=`, `+`, `-`, `@`, a
    /// tab or a carriage return and is not a number (``NumberParser``'s grammar, the one Personas
    /// reads its own files with, so `-3.5` and `-inf` stay numbers on the way back).
    static func startsFormula(_ field: String) -> Bool {
        switch field.utf8.first {
        case UInt8(ascii: "="), UInt8(ascii: "@"), 9, 13:
            return true
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            return NumberParser.parse(text: field) == nil
        default:
            return false
        }
    }

    private mutating func flush() throws(OutputError) {
        let result: Result<Void, OutputError> = buffer.withUnsafeBytes { bytes in
            do throws(OutputError) { try file.write(bytes); return .success(()) } catch { return .failure(error) }
        }
        try result.get()
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered and commits the file (rename into place).
    public consuming func finish() throws(OutputError) {
        try flush()
        try file.commit()
    }
}

extension DataTable {
    /// Writes the table as CSV (free-text columns are written empty: their values are not kept).
    public func writeCSV(to url: AtomicFileWriter) throws(OutputError) {
        let identifiers = Set(columns.indices.filter { columns[$0].role == .identifier || columns[$0].type == .identifier })
        var writer = CSVWriter(file: url, verbatimColumns: identifiers)
        try writer.writeRow(columns.map(\.name))
        for row in 0..<rowCount {
            for (index, column) in columns.enumerated() {
                writer.appendField(column.text(atRow: row), first: index == 0)
            }
            try writer.endRow()
        }
        try writer.finish()
    }
}

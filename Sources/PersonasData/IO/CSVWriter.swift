/// Writes delimited text (RFC 4180) through an ``AtomicFileWriter``, buffering in large blocks.
///
/// Fields are quoted only when they contain the delimiter, a quote, a line break or leading or
/// trailing spaces, so plain numbers and codes stay unquoted and files open cleanly in Excel.
public struct CSVWriter: ~Copyable {
    private let file: AtomicFileWriter
    private let delimiter: UInt8
    private var buffer: [UInt8] = []
    private static let flushSize = 1 << 20

    public init(file: AtomicFileWriter, delimiter: UInt8 = UInt8(ascii: ",")) {
        self.file = file
        self.delimiter = delimiter
        buffer.reserveCapacity(CSVWriter.flushSize + 4096)
    }

    /// Appends one record.
    public mutating func writeRow(_ fields: [String]) throws(OutputError) {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(delimiter) }
            appendField(field)
        }
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= CSVWriter.flushSize { try flush() }
    }

    /// Appends one field of a record being built with ``appendField(_:)`` and ``endRow()``.
    public mutating func appendField(_ field: String, first: Bool) {
        if !first { buffer.append(delimiter) }
        appendField(field)
    }

    /// Ends a record built field by field.
    public mutating func endRow() throws(OutputError) {
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= CSVWriter.flushSize { try flush() }
    }

    private mutating func appendField(_ field: String) {
        var needsQuotes = false
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
        for byte in field.utf8 {
            buffer.append(byte)
            if byte == UInt8(ascii: "\"") { buffer.append(byte) }
        }
        buffer.append(UInt8(ascii: "\""))
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
        var writer = CSVWriter(file: url)
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

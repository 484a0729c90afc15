/// A labels file that cannot be read or does not fit the table it labels, located at its file
/// and, where there is one, its line.
///
/// ``kind`` says what went wrong, so a caller can add its own advice (a command line names the
/// option that picks the segment column); ``message`` says it without naming any such option.
public struct SegmentLabelsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The labels file (as the user named it), or the table for a problem on the table's side.
    public var file: String
    /// The 1-based line, when the problem has one.
    public var line: Int?
    /// What went wrong.
    public var kind: Kind

    public init(file: String, line: Int? = nil, kind: Kind) {
        self.file = file
        self.line = line
        self.kind = kind
    }

    public enum Kind: Sendable, Equatable {
        /// The file itself does not read as CSV (empty, ragged, invalid UTF-8, …).
        case unreadable(DataError)
        /// The file has no column besides the identifier or `row` column.
        case noSegmentColumn(keyColumn: String)
        /// More than one column could hold the segment, and none is named as one.
        case ambiguousSegmentColumn(candidates: [String])
        /// The segment column asked for is not in the file.
        case segmentColumnNotFound(name: String, columns: [String])
        /// Neither the table's identifier column nor a `row` column is in the file.
        case noKeyColumn(identifier: String?, columns: [String])
        /// The table has no column named as the file's key column, so rows cannot be matched.
        case keyNotInTable(keyColumn: String, table: String)
        /// A `row` cell that is not a row number of the table.
        case rowOutOfRange(found: String, rowCount: Int)
        /// An identifier (or row) listed twice.
        case repeatedKey(key: String, firstLine: Int)
        /// An identifier that is not in the table.
        case unknownIdentifier(column: String, value: String, table: String)
        /// A line with no segment.
        case emptySegment(column: String)
        /// A segment label where a segment number is needed.
        case notASegmentNumber(found: String, column: String)
        /// A table row (0-based, and its line in the table) that the file gives no segment.
        case unlabelledRow(row: Int, tableLine: Int, table: String)
    }

    /// The location and the message, as a compiler diagnostic: `labels.csv:7: …`.
    public var description: String {
        if case .unreadable(let error) = kind { return error.description }
        return "\(file)\(line.map { ":\($0)" } ?? ""): \(message)"
    }

    /// What went wrong and what to do, without the location.
    public var message: String {
        func list(_ names: [String]) -> String { names.map { "\"\($0)\"" }.joined(separator: ", ") }
        switch kind {
        case .unreadable(let error):
            return error.message
        case .noSegmentColumn(let key):
            return "the file has no segment column besides \"\(key)\"; a labels file holds an identifier "
                + "(or 1-based row) column and a segment column"
        case .ambiguousSegmentColumn(let candidates):
            return "more than one column could hold the segment (\(list(candidates))) and none is named segment, "
                + "cluster, label, class or group; name the one to use"
        case .segmentColumnNotFound(let name, let columns):
            return "there is no column \"\(name)\" (the columns are \(list(columns)))"
        case .noKeyColumn(let identifier, let columns):
            return "no column to match rows on (the columns are \(list(columns))): a labels file needs "
                + (identifier.map { "the table's identifier column \"\($0)\" or " } ?? "an identifier column or ")
                + "a 1-based \"row\" column"
        case .keyNotInTable(let key, let table):
            return "the labels are keyed by \"\(key)\", but \(table) has no such column; label the rows by "
                + "the table's identifier or by a 1-based \"row\" column"
        case .rowOutOfRange(let found, let rowCount):
            return "row \"\(found)\" is not between 1 and \(rowCount)"
        case .repeatedKey(let key, let firstLine):
            return "\"\(key)\" is labelled twice (first on line \(firstLine)); give each customer one segment"
        case .unknownIdentifier(let column, let value, let table):
            return "\(column) \"\(value)\" is not in \(table); label the customers of this table"
        case .emptySegment(let column):
            return "the \"\(column)\" cell is empty; give every row a segment"
        case .notASegmentNumber(let found, let column):
            return "\(column) \"\(found)\" is not a segment number (0, 1, …; -1 leaves a row out)"
        case .unlabelledRow(let row, let tableLine, let table):
            return "no segment for row \(row + 1) of \(table) (line \(tableLine)); label every row of the table"
        }
    }
}

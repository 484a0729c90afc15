import Foundation

/// A labels file: each customer's segment, as `kmeans`, `hclust`, `segment`, `assign` and `type`
/// write it, or as an analyst exports it from elsewhere. One rule for every reader:
///
/// - **Key**: the table's identifier column (by its name), else a 1-based `row` column, else
///   (when no table identifier is known) the first column that is not the segment column.
/// - **Segment**: the column asked for by name; else the one column named `segment`, `cluster`,
///   `label`, `class` or `group` (any case); else the only column besides the key. Any other
///   file (the labels `choose-k` writes, a column per k) is refused with the candidates listed.
///
/// Every cell is read as the text it is written as: the identifier byte for byte (`00001`), and
/// the segment as a label (`0` and `1` stay `"0"` and `"1"`, never booleans; `one_and_done` is
/// a label too). Only an empty cell is missing.
public struct SegmentLabelsFile: Sendable {
    /// How the file's rows are matched to a table's.
    public enum Key: Sendable, Equatable {
        /// By the text of an identifier column of this name.
        case identifier(String)
        /// By 1-based row number (a `row` column).
        case row
    }

    /// The column names that announce the segment (compared in lower case).
    public static let segmentColumnNames: Set<String> = ["segment", "cluster", "label", "class", "group"]

    /// The file as the user named it.
    public let source: String
    /// How rows are matched.
    public let key: Key
    /// The key column's name (the identifier's, or `row` as written).
    public let keyColumn: String
    /// The segment column's name.
    public let segmentColumn: String
    /// Each line's key, exactly as written.
    public let keys: [String]
    /// Each line's segment label, exactly as written (never empty).
    public let segments: [String]
    /// The table as read, for the line of each row.
    private let table: DataTable
    /// The labelled line of each key.
    private let indexOfKey: [String: Int]

    /// Reads the labels at `url`.
    /// - Parameters:
    ///   - url: The labels file.
    ///   - segmentColumn: The segment column's name; nil finds it by the rule above.
    ///   - identifierColumn: The identifier column of the table to be labelled, if it has one.
    ///   - encoding: The file's text encoding.
    public static func read(
        contentsOf url: URL, segmentColumn: String? = nil, identifierColumn: String? = nil,
        encoding: CSVOptions.TextEncoding = .utf8
    ) throws(SegmentLabelsError) -> SegmentLabelsFile {
        try SegmentLabelsFile(segmentColumn: segmentColumn, identifierColumn: identifierColumn) { () throws(DataError) in
            try CSVReader.read(contentsOf: url, options: options(encoding))
        }
    }

    /// Reads labels from text already in memory; `name` labels messages.
    public static func read(
        text: String, name: String, segmentColumn: String? = nil, identifierColumn: String? = nil
    ) throws(SegmentLabelsError) -> SegmentLabelsFile {
        try SegmentLabelsFile(segmentColumn: segmentColumn, identifierColumn: identifierColumn) { () throws(DataError) in
            try CSVReader.read(text: text, name: name, options: options(.utf8))
        }
    }

    /// Every column as text levels, and only an empty cell missing ("NA" is a segment's name as
    /// much as any other word).
    private static func options(_ encoding: CSVOptions.TextEncoding) -> CSVOptions {
        CSVOptions(missingValues: [""], encoding: encoding, undeclaredType: .categorical)
    }

    /// The labels in the table `read` returns, its reading errors located as the file's.
    private init(
        segmentColumn requested: String?, identifierColumn: String?, read: () throws(DataError) -> DataTable
    ) throws(SegmentLabelsError) {
        let table: DataTable
        do {
            table = try read()
        } catch {
            throw SegmentLabelsError(file: error.file, line: error.line, kind: .unreadable(error))
        }
        let names = table.columns.map(\.name)
        func fail(_ kind: SegmentLabelsError.Kind, row: Int? = nil) -> SegmentLabelsError {
            SegmentLabelsError(file: table.source, line: row.map { table.line(ofRow: $0) }, kind: kind)
        }
        let rowColumn = names.first { $0.lowercased() == "row" }
        let named = names.filter { Self.segmentColumnNames.contains($0.lowercased()) }

        // The key: the table's identifier, else `row`, else (no identifier known) the first other column.
        let keyName: String
        if let identifierColumn, names.contains(identifierColumn) {
            keyName = identifierColumn
        } else if let rowColumn {
            keyName = rowColumn
        } else if identifierColumn == nil,
                  let first = names.first(where: { $0 != requested && !(requested == nil && named.contains($0)) }) {
            keyName = first
        } else {
            throw fail(.noKeyColumn(identifier: identifierColumn, columns: names))
        }

        // The segment: asked for, else named as one, else the only other column.
        let others = names.filter { $0 != keyName }
        let segmentName: String
        if let requested {
            guard others.contains(requested) else { throw fail(.segmentColumnNotFound(name: requested, columns: names)) }
            segmentName = requested
        } else {
            let candidates = named.filter { $0 != keyName }
            if candidates.count == 1 {
                segmentName = candidates[0]
            } else if candidates.count > 1 {
                throw fail(.ambiguousSegmentColumn(candidates: candidates))
            } else if others.count == 1 {
                segmentName = others[0]
            } else if others.isEmpty {
                throw fail(.noSegmentColumn(keyColumn: keyName))
            } else {
                throw fail(.ambiguousSegmentColumn(candidates: others))
            }
        }

        let keyCells = table[keyName]!, segmentCells = table[segmentName]!
        var keys: [String] = [], segments: [String] = []
        keys.reserveCapacity(table.rowCount)
        segments.reserveCapacity(table.rowCount)
        var indexOfKey: [String: Int] = [:]
        indexOfKey.reserveCapacity(table.rowCount)
        for row in 0..<table.rowCount {
            let key = keyCells.text(atRow: row), segment = segmentCells.text(atRow: row)
            guard !segment.isEmpty else { throw fail(.emptySegment(column: segmentName), row: row) }
            if let first = indexOfKey.updateValue(row, forKey: key) {
                throw fail(.repeatedKey(key: key, firstLine: table.line(ofRow: first)), row: row)
            }
            keys.append(key)
            segments.append(segment)
        }
        self.source = table.source
        self.key = keyName == rowColumn && keyName != identifierColumn ? .row : .identifier(keyName)
        self.keyColumn = keyName
        self.segmentColumn = segmentName
        self.keys = keys
        self.segments = segments
        self.table = table
        self.indexOfKey = indexOfKey
    }

    /// The number of labelled lines.
    public var count: Int { keys.count }

    /// The 1-based line of the file where labelled line `index` (0-based) is.
    public func line(of index: Int) -> Int { table.line(ofRow: index) }

    /// The labels join in one call: reads the labels at `url`, keyed by `table`'s identifier
    /// column when the file has one (by row number otherwise), and gives every row of `table` its
    /// segment, as ``segments(for:)`` matches them.
    public static func segments(
        contentsOf url: URL, for table: DataTable, segmentColumn: String? = nil,
        encoding: CSVOptions.TextEncoding = .utf8
    ) throws(SegmentLabelsError) -> [String] {
        try read(contentsOf: url, keyedFor: table, segmentColumn: segmentColumn, encoding: encoding).segments(for: table)
    }

    /// ``segments(contentsOf:for:segmentColumn:encoding:)`` as segment numbers
    /// (``segmentNumbers(for:)``).
    public static func segmentNumbers(
        contentsOf url: URL, for table: DataTable, segmentColumn: String? = nil,
        encoding: CSVOptions.TextEncoding = .utf8
    ) throws(SegmentLabelsError) -> [Int32] {
        try read(contentsOf: url, keyedFor: table, segmentColumn: segmentColumn, encoding: encoding)
            .segmentNumbers(for: table)
    }

    /// The labels at `url`, keyed by `table`'s identifier column when it has one.
    private static func read(
        contentsOf url: URL, keyedFor table: DataTable, segmentColumn: String?, encoding: CSVOptions.TextEncoding
    ) throws(SegmentLabelsError) -> SegmentLabelsFile {
        try read(contentsOf: url, segmentColumn: segmentColumn, identifierColumn: table.identifierColumn?.name,
                 encoding: encoding)
    }

    /// The segment of every row of `table`: matched by its identifier (rows that share an
    /// identifier share its segment) or by row number. Every row must be labelled, and every
    /// label must name a row of the table.
    public func segments(for table: DataTable) throws(SegmentLabelsError) -> [String] {
        try labelledLines(for: table).map { segments[$0] }
    }

    /// The same as segment numbers, for readers that number segments (profiles: 0, 1, …; a
    /// negative number leaves a row out). A label that is not a whole number is an error at its line.
    public func segmentNumbers(for table: DataTable) throws(SegmentLabelsError) -> [Int32] {
        var numbers: [Int32] = []
        numbers.reserveCapacity(segments.count)
        for (index, segment) in segments.enumerated() {
            guard let number = Int32(segment) else {
                throw SegmentLabelsError(file: source, line: line(of: index),
                                         kind: .notASegmentNumber(found: segment, column: segmentColumn))
            }
            numbers.append(number)
        }
        return try labelledLines(for: table).map { numbers[$0] }
    }

    /// The labelled line (0-based) of every row of `table`.
    private func labelledLines(for table: DataTable) throws(SegmentLabelsError) -> [Int] {
        func fail(_ kind: SegmentLabelsError.Kind, line index: Int) -> SegmentLabelsError {
            SegmentLabelsError(file: source, line: line(of: index), kind: kind)
        }
        var indexOfRow = [Int](repeating: -1, count: table.rowCount)
        switch key {
        case .row:
            for (index, text) in keys.enumerated() {
                guard let row = Int(text), row >= 1, row <= table.rowCount else {
                    throw fail(.rowOutOfRange(found: text, rowCount: table.rowCount), line: index)
                }
                if indexOfRow[row - 1] >= 0 {  // "7" and "07"
                    throw fail(.repeatedKey(key: text, firstLine: line(of: indexOfRow[row - 1])), line: index)
                }
                indexOfRow[row - 1] = index
            }
        case .identifier(let name):
            guard let column = table[name] else {
                throw SegmentLabelsError(file: source, kind: .keyNotInTable(keyColumn: name, table: table.source))
            }
            var used = [Bool](repeating: false, count: keys.count)
            for row in 0..<table.rowCount {
                if let index = indexOfKey[column.text(atRow: row)] {
                    indexOfRow[row] = index
                    used[index] = true
                }
            }
            if let index = used.firstIndex(of: false) {
                throw fail(.unknownIdentifier(column: name, value: keys[index], table: table.source), line: index)
            }
        }
        if let row = indexOfRow.firstIndex(of: -1) {
            throw SegmentLabelsError(file: source, kind: .unlabelledRow(row: row, tableLine: table.line(ofRow: row),
                                                                        table: table.source))
        }
        return indexOfRow
    }
}

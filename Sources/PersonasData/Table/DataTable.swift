/// A customer table held by column: what the CSV reader produces and everything downstream reads.
///
/// Numeric columns are `[Double]` with NaN for missing cells; level columns (categorical, ordinal,
/// identifier) are `Int32` codes into a level list with -1 for missing; free-text columns keep no
/// values at all. Rows keep their file order, and ``line(ofRow:)`` maps a row back to its line in
/// the source file for error messages.
public struct DataTable: Sendable {
    /// The source file as the user named it (used in messages).
    public var source: String
    /// The columns in header order.
    public private(set) var columns: [Column]
    /// Number of data rows.
    public let rowCount: Int
    /// Things the reader or a later stage decided that the analyst should know about
    /// (a column read as free text, pooled levels, dropped constant columns).
    public var warnings: [String] = []
    let lineMap: LineMap
    /// Each column's index by name (the first, should a name repeat), so a lookup by name costs the
    /// same on a table of 100,000 columns as on one of ten: preparing every column of a wide table
    /// looks each one up, which a scan made quadratic.
    private var indexByName: [String: Int]

    public init(source: String, columns: [Column], rowCount: Int) {
        precondition(columns.allSatisfy { $0.count == rowCount || $0.type == .text },
                     "every column must have \(rowCount) rows")
        self.source = source
        self.columns = columns
        self.rowCount = rowCount
        self.lineMap = LineMap(firstDataLine: 2)
        indexByName = DataTable.indexByName(columns)
    }

    init(source: String, columns: [Column], rowCount: Int, lineMap: LineMap) {
        self.source = source
        self.columns = columns
        self.rowCount = rowCount
        self.lineMap = lineMap
        indexByName = DataTable.indexByName(columns)
    }

    private static func indexByName(_ columns: [Column]) -> [String: Int] {
        Dictionary(columns.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The column named `name`, if any.
    public subscript(name: String) -> Column? {
        indexByName[name].map { columns[$0] }
    }

    /// The index of the column named `name`.
    public func columnIndex(named name: String) -> Int? {
        indexByName[name]
    }

    /// The 1-based line of the file where row `row` (0-based) starts.
    public func line(ofRow row: Int) -> Int {
        lineMap.line(ofRow: row)
    }

    /// Bytes held by all column values (see ``ColumnValues/storageBytes``).
    public var storageBytes: Int { columns.reduce(0) { $0 + $1.values.storageBytes } }

    /// The identifier column: the one with role ``ColumnRole/identifier``, else the first of type
    /// ``ColumnType/identifier``.
    public var identifierColumn: Column? {
        columns.first { $0.role == .identifier } ?? columns.first { $0.type == .identifier }
    }

    /// Gives the column `name` the role `role` (the value or potential measure named on the command
    /// line, say), whatever the schema or inference said, so every later stage follows the role:
    /// a value or potential column is then never a clustering feature or a typing-tool question.
    /// - Throws: ``DataError`` when the table has no such column.
    public mutating func assignRole(_ role: ColumnRole, toColumn name: String) throws(DataError) {
        guard let index = columnIndex(named: name) else {
            throw DataError(file: source, columnName: name, kind: .unknownColumn(role: role, columns: columns.map(\.name)))
        }
        columns[index].role = role
    }

    /// The table restricted to `rows` (in that order), for samples and resamples.
    public func selectingRows(_ rows: [Int]) -> DataTable {
        DataTable(source: source, columns: columns.map { $0.selectingRows(rows) }, rowCount: rows.count,
                  lineMap: LineMap(firstDataLine: 2))
    }

    /// Replaces a column (same name) or appends a new one.
    public mutating func setColumn(_ column: Column) {
        precondition(column.count == rowCount || column.type == .text, "column has the wrong length")
        if let index = columnIndex(named: column.name) {
            columns[index] = column
        } else {
            indexByName[column.name] = columns.count
            columns.append(column)
        }
    }
}

/// One column of a ``DataTable``.
public struct Column: Sendable {
    /// The header name.
    public var name: String
    /// The inferred or declared type.
    public var type: ColumnType
    /// The role in a segmentation.
    public var role: ColumnRole
    /// A human-readable name for reports ("Monthly prescriptions"); the header name when unset.
    public var displayName: String
    /// The values.
    public var values: ColumnValues
    /// Number of missing cells.
    public var missingCount: Int
    /// Human-readable labels for levels ("ONC" → "oncology"), from the schema.
    public var levelLabels: [String: String]
    /// Whether a rep or a survey can ask a customer for this column (the schema's `askable`,
    /// default true). A column that is not askable may still form segments, but is never a
    /// typing-tool question.
    public var askable: Bool
    /// The transform the schema declares for this numeric column (``ColumnSchema/transform``),
    /// applied when the column is prepared as a feature; nil for none.
    public var transform: ColumnTransform?
    /// The attitude battery the schema makes this column an item of (``ColumnSchema/battery``); nil for none.
    public var battery: String?

    public init(name: String, type: ColumnType, role: ColumnRole, values: ColumnValues,
                displayName: String? = nil, levelLabels: [String: String] = [:], askable: Bool = true,
                transform: ColumnTransform? = nil, battery: String? = nil) {
        self.name = name
        self.type = type
        self.role = role
        self.values = values
        self.displayName = displayName ?? name
        self.levelLabels = levelLabels
        self.askable = askable
        self.transform = transform
        self.battery = battery
        self.missingCount = values.missingCount
    }

    /// Number of cells (rows).
    public var count: Int { values.count }

    /// The numbers of a numeric-storage column (NaN = missing), or nil.
    public var numbers: [Double]? {
        if case .numbers(let values) = values { return values }
        return nil
    }

    /// The codes and levels of a level column (-1 = missing), or nil.
    public var codedLevels: (codes: [Int32], levels: [String])? {
        if case .levels(let codes, let levels) = values { return (codes, levels) }
        return nil
    }

    /// The cell at `row` as text, as it would be written back to a CSV ("" when missing).
    public func text(atRow row: Int) -> String {
        switch values {
        case .numbers(let numbers):
            let v = numbers[row]
            if v.isNaN { return "" }
            switch type {
            case .boolean: return v == 0 ? "false" : "true"
            case .integer: return Swift.abs(v) < 1e15 ? String(Int64(v)) : "\(v)"
            case .date: return CivilDate(daysSinceEpoch: Int(v)).iso8601
            default: return formatNumber(v)
            }
        case .levels(let codes, let levels):
            let code = codes[row]
            return code < 0 ? "" : levels[Int(code)]
        case .withheld:
            return ""
        }
    }

    /// Why this column can never be a clustering feature or a typing-tool question, or nil when it
    /// can be one. Identifiers (by type or role), free text and the value and potential measures
    /// are kept out however they were declared.
    public var reasonItIsNeverAFeature: String? {
        if type == .identifier || role == .identifier {
            return "it is the customer identifier, and identifiers never become features or questions "
                + "(each customer would be its own segment); it is kept to label the results"
        }
        if type == .text {
            return "it is free text, and free text never becomes a feature or a question "
                + "(its values are not even kept in memory)"
        }
        switch role {
        case .value:
            return "it is the customers' value measure: it describes and targets the segments but never forms "
                + "them, and no one can be asked for it"
        case .potential:
            return "it is the customers' potential measure: it describes and targets the segments but never forms "
                + "them, and no one can be asked for it"
        case .weight:
            return "it is the survey weight: it weighs the respondents in profiles, the typing tool and the "
                + "universe projection, but never forms segments, and no one can be asked for it"
        default:
            return nil
        }
    }

    /// "; did you mean …?" for a name that differs only in case, else the first columns, for a
    /// message about a column name that is not in the table.
    public static func nearestNameHint(_ name: String, among known: [String]) -> String {
        known.first { $0.lowercased() == name.lowercased() }.map { "; did you mean \"\($0)\"?" }
            ?? "; the columns are " + known.prefix(12).joined(separator: ", ") + (known.count > 12 ? ", …" : "")
    }

    /// The label shown for a level: the schema's label, else the level itself.
    public func label(forLevel level: String) -> String {
        levelLabels[level] ?? level
    }

    func selectingRows(_ rows: [Int]) -> Column {
        var copy = self
        switch values {
        case .numbers(let numbers): copy.values = .numbers(rows.map { numbers[$0] })
        case .levels(let codes, let levels): copy.values = .levels(codes: rows.map { codes[$0] }, levels: levels)
        case .withheld: copy.values = .withheld(count: rows.count)
        }
        copy.missingCount = copy.values.missingCount
        return copy
    }
}

/// The values of one column.
public enum ColumnValues: Sendable {
    /// Numeric, integer, boolean (0/1) and date (days since 1970-01-01) columns; NaN marks a missing cell.
    case numbers([Double])
    /// Categorical, ordinal and identifier columns: a code per row into `levels`, -1 for missing.
    case levels(codes: [Int32], levels: [String])
    /// Free text: values are never kept, only the row count.
    case withheld(count: Int)

    /// Number of cells.
    public var count: Int {
        switch self {
        case .numbers(let v): v.count
        case .levels(let codes, _): codes.count
        case .withheld(let count): count
        }
    }

    /// Bytes held by the column's values: 8 per number, 4 per code plus the level strings'
    /// UTF-8 bytes. The yardstick for the reader's peak-memory goal (at most 2x the loaded columns).
    public var storageBytes: Int {
        switch self {
        case .numbers(let v): v.count * MemoryLayout<Double>.stride
        case .levels(let codes, let levels):
            codes.count * MemoryLayout<Int32>.stride + levels.reduce(0) { $0 + $1.utf8.count + 16 }
        case .withheld: 0
        }
    }

    /// Number of missing cells (all of them for withheld text).
    public var missingCount: Int {
        switch self {
        // Branch-free counts the compiler vectorizes: this runs once per column of every load.
        case .numbers(let v): v.reduce(0) { $0 &+ ($1 != $1 ? 1 : 0) }
        case .levels(let codes, _): codes.reduce(0) { $0 &+ Int(truncatingIfNeeded: UInt32(bitPattern: $1) >> 31) }
        case .withheld: 0
        }
    }
}

/// Shortest text that reads back as the same Double, without a trailing ".0" for whole numbers.
func formatNumber(_ value: Double) -> String {
    if value == value.rounded(), Swift.abs(value) < 1e15 {
        return String(Int64(value))
    }
    return "\(value)"
}

/// Maps data rows to source lines. Records normally take one line each; blank lines and quoted
/// newlines shift later rows, recorded as sparse checkpoints.
struct LineMap: Sendable {
    /// (first row, its line); rows after a checkpoint follow it one line each.
    private var checkpoints: [(row: Int, line: Int)]

    init(firstDataLine: Int) {
        checkpoints = [(0, firstDataLine)]
    }

    /// Notes that `row` starts at `line`; call in row order.
    mutating func record(row: Int, line: Int) {
        let last = checkpoints[checkpoints.count - 1]
        if last.line + (row - last.row) != line {
            checkpoints.append((row, line))
        }
    }

    func line(ofRow row: Int) -> Int {
        // Binary search for the last checkpoint at or before `row`.
        var low = 0, high = checkpoints.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if checkpoints[mid].row <= row { low = mid } else { high = mid - 1 }
        }
        let checkpoint = checkpoints[low]
        return checkpoint.line + (row - checkpoint.row)
    }
}

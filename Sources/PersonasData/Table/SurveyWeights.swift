/// The survey weight of every respondent, read from the column that holds it.
///
/// A weighted survey sample says how many customers of the universe each respondent stands for
/// (the design and non-response weights an agency delivers with the data). Profiles, the typing
/// tool and the universe projection multiply by it, so every cell must be a finite number above
/// 0: a missing, zero or negative weight would silently drop or flip a respondent, and one cell of
/// text would make the whole column categorical.
extension DataTable {
    /// The survey weights in `name`, one per row: the column given the role
    /// ``ColumnRole/weight`` (see ``assignRole(_:toColumn:)``) or named on the command line.
    /// - Throws: ``DataError`` of kind ``DataError/Kind/unknownColumn(role:columns:)`` when the
    ///   table has no such column, or ``DataError/Kind/invalidWeight(found:)`` located at the
    ///   first cell (file, line, column) that is missing, not a number, not finite or not above 0.
    public func weights(column name: String) throws(DataError) -> [Double] {
        guard let index = columnIndex(named: name) else {
            throw DataError(file: source, columnName: name, kind: .unknownColumn(role: .weight, columns: columns.map(\.name)))
        }
        let column = columns[index]
        func invalid(_ row: Int, _ found: String) -> DataError {
            DataError(file: source, line: line(ofRow: row), field: index + 1, columnName: name, kind: .invalidWeight(found: found))
        }
        switch column.values {
        case .numbers(let values) where column.type != .date:
            // Numbers (a column of 1s may read as yes/no; its 0s are caught like any other).
            if let row = values.firstIndex(where: { !($0.isFinite && $0 > 0) }) {
                throw invalid(row, column.text(atRow: row))
            }
            return values
        case .levels(let codes, let levels):
            // Declared categorical in a schema, or read as text because of one cell: every level
            // must still be a positive number.
            let numbers = levels.map { Double($0).flatMap { $0.isFinite && $0 > 0 ? $0 : nil } }
            var weights = [Double](repeating: 0, count: rowCount)
            for row in 0..<rowCount {
                guard codes[row] >= 0, let w = numbers[Int(codes[row])] else { throw invalid(row, column.text(atRow: row)) }
                weights[row] = w
            }
            return weights
        case .numbers, .withheld:
            // A date is no weight; free text is not kept.
            throw invalid(0, column.text(atRow: 0))
        }
    }

    /// The column whose role is ``ColumnRole/weight`` (from the schema or
    /// ``assignRole(_:toColumn:)``), if any.
    public var weightColumn: Column? {
        columns.first { $0.role == .weight }
    }
}

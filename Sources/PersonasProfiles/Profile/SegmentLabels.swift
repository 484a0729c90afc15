import PersonasData

/// Reads a labelling (the `labels.csv` that `personas kmeans` and `hclust` write) onto a table.
public enum SegmentLabels {
    /// The segment of every row of `table`, from a labels table with a `segment` column and
    /// either a `row` column (1-based row numbers) or a column named like the table's identifier.
    ///
    /// Every row of `table` must receive a label; a negative label leaves a row unassigned.
    public static func align(_ labels: DataTable, to table: DataTable) throws(ProfileError) -> [Int32] {
        guard let segmentColumn = labels["segment"] else {
            throw ProfileError("\(labels.source) has no \"segment\" column")
        }
        func segment(_ row: Int) throws(ProfileError) -> Int32 {
            // A 0/1 labelling reads as boolean: take the stored number, not its text.
            if let numbers = segmentColumn.numbers, numbers[row].isFinite, numbers[row] == numbers[row].rounded(),
               abs(numbers[row]) < 2e9 {
                return Int32(numbers[row])
            }
            let text = segmentColumn.text(atRow: row)
            guard let value = Int32(text) else {
                throw ProfileError("\(labels.source):\(labels.line(ofRow: row)): segment \"\(text)\" is not a whole number")
            }
            return value
        }
        var result = [Int32](repeating: 0, count: table.rowCount)
        var seen = [Bool](repeating: false, count: table.rowCount)
        if let rowColumn = labels["row"], table.identifierColumn.map({ labels[$0.name] == nil }) ?? true {
            for i in 0..<labels.rowCount {
                let text = rowColumn.numbers.map { $0[i].isFinite ? String(Int($0[i])) : "" } ?? rowColumn.text(atRow: i)
                guard let row = Int(text), row >= 1, row <= table.rowCount else {
                    throw ProfileError("\(labels.source):\(labels.line(ofRow: i)): row \"\(text)\" is not between 1 and "
                                       + "\(table.rowCount)")
                }
                result[row - 1] = try segment(i)
                seen[row - 1] = true
            }
        } else if let id = table.identifierColumn, let key = labels[id.name] {
            var rowOf: [String: Int] = [:]
            rowOf.reserveCapacity(table.rowCount)
            for row in 0..<table.rowCount { rowOf[id.text(atRow: row)] = row }
            for i in 0..<labels.rowCount {
                guard let row = rowOf[key.text(atRow: i)] else {
                    throw ProfileError("\(labels.source):\(labels.line(ofRow: i)): \(id.name) is not in \(table.source)")
                }
                result[row] = try segment(i)
                seen[row] = true
            }
        } else {
            let idName = table.identifierColumn?.name
            throw ProfileError("\(labels.source) needs a \"row\" column (1-based)"
                               + (idName.map { " or a \"\($0)\" column matching \(table.source)" } ?? ""))
        }
        if let missing = seen.firstIndex(of: false) {
            throw ProfileError("\(labels.source) gives no segment for row \(missing + 1) of \(table.source) "
                               + "(line \(table.line(ofRow: missing))); label every row, -1 to leave one out")
        }
        return result
    }
}

import PersonasData

/// A schema for the columns of a table just read, chosen by one control byte, so the fuzzer reaches
/// the declared-type paths (ordinal levels, identifiers, booleans, dates, whole numbers) on any text.
///
/// Column k is declared `ColumnType.allCases[(selector & 0x7F + 3k) % 9]`, the ninth choice leaving it
/// undeclared. An ordinal column declares the levels the first read saw, in order of appearance, all
/// but the last when bit 7 is set (so some cell holds an unknown level). The schema goes through
/// ``Schema/decode(_:name:)`` like a file would; one the loader refuses is not used.
enum DerivedSchema {
    static func make(from table: DataTable, selector: UInt8) -> Schema? {
        var columns: [ColumnSchema] = []
        for (k, column) in table.columns.enumerated() {
            let choice = (Int(selector & 0x7F) + 3 * k) % 9
            guard choice < ColumnType.allCases.count else { continue }
            let type = ColumnType.allCases[choice]
            var declared = ColumnSchema(name: column.name, type: type)
            if type == .ordinal {
                var levels = observedLevels(column)
                if selector & 0x80 != 0 { levels.removeLast(min(1, levels.count)) }
                guard !levels.isEmpty else { continue }
                declared.levels = levels
            }
            columns.append(declared)
        }
        guard let data = try? Schema(columns: columns).jsonData() else { return nil }
        return try? Schema.decode(data, name: "fuzz.schema.json")
    }

    /// The distinct non-missing cell texts, in order of first appearance.
    private static func observedLevels(_ column: Column) -> [String] {
        if case .levels(_, let levels) = column.values { return levels }
        var seen = Set<String>()
        var levels: [String] = []
        for row in 0..<column.count {
            let text = column.text(atRow: row)
            if !text.isEmpty && seen.insert(text).inserted { levels.append(text) }
        }
        return levels
    }
}

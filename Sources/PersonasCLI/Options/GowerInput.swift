import ArgumentParser
import PersonasClustering
import PersonasData

/// The Gower variables of a table's feature columns, typed as R's `cluster::daisy` types them:
/// numbers and dates interval-scaled, booleans symmetric binary, categories nominal, ordinal
/// columns by their declared level order. Missing cells stay missing (Gower skips them per pair).
enum GowerInput {
    static func variables(_ table: DataTable, columns options: ColumnListOptions) throws -> [GowerVariable] {
        try options.check(table)
        let requested = options.features
        let chosen: [Column]
        if requested.isEmpty {
            chosen = table.columns.filter {
                $0.role == .feature && $0.type.canBeFeature && !options.excluded.contains($0.name)
            }
        } else {
            chosen = try requested.map { name in
                guard let column = table[name] else {
                    throw CommandFailure("\(table.source): no column named \"\(name)\"")
                }
                guard column.type.canBeFeature else {
                    throw CommandFailure("\(table.source): column \"\(name)\" is \(column.type.rawValue) and never "
                                          + "becomes a feature")
                }
                return column
            }
        }
        guard !chosen.isEmpty else { throw CommandFailure("\(table.source): no feature columns for Gower") }
        return chosen.map { column in
            switch column.values {
            case .numbers(let numbers):
                GowerVariable(name: column.name, kind: column.type == .boolean ? .symmetricBinary : .interval,
                              values: numbers)
            case .levels(let codes, _):
                GowerVariable(name: column.name, kind: column.type == .ordinal ? .ordinal : .nominal,
                              values: codes.map { $0 < 0 ? .nan : Double($0) + 1 })
            case .withheld:
                GowerVariable(name: column.name, kind: .nominal, values: [])  // unreachable: text is not a feature
            }
        }
    }
}

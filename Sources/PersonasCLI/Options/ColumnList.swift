import Foundation
import PersonasData

/// The one list syntax of every option that names columns (`--columns`, `--exclude`,
/// `--questions`, `--key`): repeat the option, or separate names with commas, or both, so
/// `--columns a,b --columns c` names a, b and c. Spaces around a name are dropped; empty names
/// (`a,,b`, a trailing comma) are ignored. A column whose name holds a comma cannot be named this
/// way: mark it in a schema instead.
enum ColumnList {
    /// The names the option's values hold, in order, each once.
    static func names(_ values: [String]) -> [String] {
        var seen = Set<String>(), names: [String] = []
        for value in values {
            for piece in value.split(separator: ",", omittingEmptySubsequences: true) {
                let name = piece.trimmingCharacters(in: .whitespaces)
                if !name.isEmpty, seen.insert(name).inserted { names.append(name) }
            }
        }
        return names
    }

    /// Refuses the first of `names` that `table` has no column for, listing the table's columns,
    /// before any work starts (a misspelt name would otherwise fail deep in a run, or be read as
    /// one column named `a,nosuch`).
    static func requireColumns(_ names: [String], in table: DataTable) throws {
        let known = table.columns.map(\.name)
        for name in names where table[name] == nil {
            throw CommandFailure("\(table.source): column \"\(name)\": there is no such column"
                                 + Column.nearestNameHint(name, among: known))
        }
    }
}

import ArgumentParser
import PersonasData

/// `--battery NAME=a,b,c`: an attitude battery (``Battery``) for a table without a schema, or one
/// replacing the schema's battery of that name; repeat for several batteries.
struct BatteryOption: ParsableArguments {
    @Option(parsing: .singleValue,
            help: ArgumentHelp("An attitude battery: NAME=a,b,c names at least two numeric items answered on one scale "
                               + "(as the schema's \"battery\": \"NAME\" on each item does); repeat for several.",
                               valueName: "name=a,b,c"))
    var battery: [String] = []

    /// The batteries given, in order.
    var given: [Battery] {
        (try? parsed()) ?? []
    }

    private func parsed() throws -> [Battery] {
        var out: [Battery] = []
        for item in battery {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !ColumnList.names([parts[1]]).isEmpty else {
                throw ValidationError("--battery takes NAME=column,column,…, not \"\(item)\"")
            }
            guard !out.contains(where: { $0.name == parts[0] }) else {
                throw ValidationError("--battery names battery \"\(parts[0])\" twice")
            }
            out.append(Battery(name: parts[0], columns: ColumnList.names([parts[1]])))
        }
        return out
    }

    func validate() throws {
        _ = try parsed()
    }

    /// The table's batteries: the schema's, then those given here, checked against `table`.
    func batteries(in table: DataTable) throws -> [Battery] {
        try table.batteries(adding: given)
    }
}

import ArgumentParser
import Foundation
import PersonasData

/// `--center-rows BATTERY`: centre a battery's items within each respondent before scaling
/// (``RowCentering``), against scale-use bias; the batteries come from the schema or `--battery`.
struct RowCenteringOption: ParsableArguments {
    @OptionGroup var batteries: BatteryOption

    @Option(name: .customLong("center-rows"), parsing: .singleValue,
            help: ArgumentHelp("Replace each respondent's answers to a battery by their differences from the "
                               + "respondent's own mean over its answered items, before scaling (against scale-use bias); "
                               + "the saved model does the same to new rows. Comma-separated or repeated.",
                               valueName: "battery"))
    var centerRows: [String] = []

    /// Whether neither a battery nor a centering is given.
    var isEmpty: Bool { batteries.battery.isEmpty && centerRows.isEmpty }

    /// Refuses batteries or centerings for a `.npy` matrix, whose columns have no names.
    func refuseMatrix(_ url: URL) throws {
        guard !isEmpty else { return }
        throw CommandFailure("\(url.lastPathComponent): --battery and --center-rows name columns, which a .npy matrix "
                             + "does not have; give the table as a CSV")
    }

    /// The centerings asked for, each battery looked up in `table`'s batteries.
    func centerings(in table: DataTable) throws -> [RowCentering] {
        let names = ColumnList.names(centerRows)
        guard !names.isEmpty else { return [] }
        let known = try batteries.batteries(in: table)
        return try names.map { name in
            guard let battery = known.first(where: { $0.name == name }) else {
                let list = known.isEmpty ? "the table has none: declare one with --battery NAME=a,b,c or the schema's "
                    + "\"battery\" key" : "the batteries are " + known.map(\.name).joined(separator: ", ")
                throw CommandFailure("\(table.source): --center-rows \(name): there is no such battery; \(list)")
            }
            return RowCentering(battery)
        }
    }
}

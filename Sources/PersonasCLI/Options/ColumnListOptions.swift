import ArgumentParser
import PersonasData

/// `--columns` and `--exclude`: which columns of a table become features, in the one list syntax
/// (``ColumnList``), each name checked against the table before any work starts.
struct ColumnListOptions: ParsableArguments {
    @Option(parsing: .singleValue,
            help: ArgumentHelp("Feature columns, comma-separated or repeated (default: every feature column).",
                               valueName: "a,b,c"))
    var columns: [String] = []

    @Option(parsing: .singleValue,
            help: ArgumentHelp("Columns left out of the default features, comma-separated or repeated.",
                               valueName: "a,b,c"))
    var exclude: [String] = []

    /// The columns asked for (empty: every feature column).
    var features: [String] { ColumnList.names(columns) }

    /// The columns left out.
    var excluded: [String] { ColumnList.names(exclude) }

    func validate() throws {
        if !features.isEmpty && !excluded.isEmpty {
            throw ValidationError("give --columns or --exclude, not both")
        }
    }

    /// Refuses a name `table` has no column for, listing its columns.
    func check(_ table: DataTable) throws {
        try ColumnList.requireColumns(features + excluded, in: table)
    }

    /// The preparation these options ask for, with `scaling`.
    func preparation(scaling: PreparationSpec.Scaling) -> PreparationSpec {
        PreparationSpec(features: features.isEmpty ? nil : features, exclude: excluded, scaling: scaling)
    }
}

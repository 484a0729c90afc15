import ArgumentParser
import PersonasData

/// `--columns`, `--exclude` and `--transform`: which columns of a table become features and how
/// skewed ones are transformed, in the one list syntax (``ColumnList``), each name checked against
/// the table before any work starts.
struct ColumnListOptions: ParsableArguments {
    @Option(parsing: .singleValue,
            help: ArgumentHelp("Feature columns, comma-separated or repeated (default: every feature column).",
                               valueName: "a,b,c"))
    var columns: [String] = []

    @Option(parsing: .singleValue,
            help: ArgumentHelp("Columns left out of the default features, comma-separated or repeated.",
                               valueName: "a,b,c"))
    var exclude: [String] = []

    @Option(parsing: .singleValue,
            help: ArgumentHelp("Take the log of a skewed numeric column before scaling: COLUMN=log uses log(1+x), for "
                               + "values of 0 or more (as the schema's \"transform\": \"log\" does); comma-separated or "
                               + "repeated.", valueName: "column=log"))
    var transform: [String] = []

    /// The transforms asked for, by column (``ColumnList`` syntax, each item `COLUMN=log`).
    var transforms: [String: ColumnTransform] {
        (try? parsedTransforms()) ?? [:]
    }

    private func parsedTransforms() throws -> [String: ColumnTransform] {
        var out: [String: ColumnTransform] = [:]
        for item in ColumnList.names(transform) {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            let known = ColumnTransform.allCases.map(\.rawValue).joined(separator: ", ")
            guard parts.count == 2, !parts[0].isEmpty else {
                throw ValidationError("--transform takes COLUMN=\(known), not \"\(item)\"")
            }
            guard let kind = ColumnTransform(rawValue: parts[1]) else {
                throw ValidationError("--transform \(item): unknown transform \"\(parts[1])\" (known: \(known))")
            }
            if let earlier = out[parts[0]], earlier != kind {
                throw ValidationError("--transform gives column \"\(parts[0])\" two transforms")
            }
            out[parts[0]] = kind
        }
        return out
    }

    /// The columns asked for (empty: every feature column).
    var features: [String] { ColumnList.names(columns) }

    /// The columns left out.
    var excluded: [String] { ColumnList.names(exclude) }

    func validate() throws {
        if !features.isEmpty && !excluded.isEmpty {
            throw ValidationError("give --columns or --exclude, not both")
        }
        _ = try parsedTransforms()
    }

    /// Refuses a name `table` has no column for, listing its columns.
    func check(_ table: DataTable) throws {
        try ColumnList.requireColumns(features + excluded + transforms.keys.sorted(), in: table)
    }

    /// The preparation these options ask for, with `scaling`.
    func preparation(scaling: PreparationSpec.Scaling) -> PreparationSpec {
        PreparationSpec(features: features.isEmpty ? nil : features, exclude: excluded, scaling: scaling,
                        transforms: transforms)
    }
}

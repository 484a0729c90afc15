import ArgumentParser
import PersonasData

/// `--questions`: the columns a rep or survey can ask for the typing tool, in the one list syntax
/// (``ColumnList``), each name checked against the table before any work starts.
struct QuestionListOption: ParsableArguments {
    @Option(parsing: .singleValue,
            help: ArgumentHelp("Columns a rep or survey can ask, comma-separated or repeated (default: every "
                               + "non-identifier feature).", valueName: "a,b,c"))
    var questions: [String] = []

    /// The columns named (nil: every non-identifier feature).
    var names: [String]? {
        let names = ColumnList.names(questions)
        return names.isEmpty ? nil : names
    }

    /// Refuses a name `table` has no column for, listing its columns.
    func check(_ table: DataTable) throws {
        try ColumnList.requireColumns(names ?? [], in: table)
    }
}

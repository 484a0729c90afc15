import ArgumentParser
import Foundation
import PersonasData
import PersonasSegmentation

/// `personas export-sql model.json`: the model as one SQL query, to score customers inside a
/// warehouse (Spark SQL, Trino, Snowflake, DuckDB) when they outgrow one machine.
struct ExportSQLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-sql",
        abstract: "Write a saved model.json as one SQL query that prepares and assigns a table's rows.",
        discussion: """
            The query applies the saved preparation (fills, scaling, levels, weights, PCA) and \
            assigns each row to its nearest segment center, returning the key columns, segment, \
            segment_name, distance and, when the model has a typing tool, typing_tool_segment. The \
            table needs the training file's columns, natively typed or all text (empty cells are \
            missing; a cell that is not a number in a number column gives the row a NULL segment). \
            Dialects: ansi (DuckDB, Snowflake), postgres (PostgreSQL), sqlite, spark (Spark SQL, \
            Databricks), trino (Trino, Presto).
            """)

    @Argument(help: "model.json written by `personas segment`.")
    var model: String

    @Option(help: "The table to score.")
    var table = "customers"

    @Option(parsing: .singleValue,
            help: ArgumentHelp("Columns to copy first into the result, comma-separated or repeated (default: the "
                               + "training table's identifier).", valueName: "a,b,c"))
    var key: [String] = []

    @Option(help: "SQL dialect: ansi, postgres, sqlite, spark or trino.")
    var dialect: SQLDialect = .ansi

    @Option(help: ArgumentHelp("Write the query to this file instead of standard output.", valueName: "file.sql"))
    var out: String?

    func run() throws {
        let saved = try SegmentationModel.load(from: URL(fileURLWithPath: model))
        let keys = ColumnList.names(key)
        let query = saved.sql(table: table, keyColumns: keys.isEmpty ? nil : keys, dialect: dialect)
        guard let out else {
            print(query, terminator: "")
            return
        }
        try AtomicFileWriter.write(Data(query.utf8), to: URL(fileURLWithPath: out),
                                   protectedInputs: [URL(fileURLWithPath: model)])
        Terminal.printOutput("export-sql: \(saved.k) segments as \(dialect.rawValue) SQL for table \"\(table)\"; wrote \(out)")
    }
}

extension SQLDialect: ExpressibleByArgument {}

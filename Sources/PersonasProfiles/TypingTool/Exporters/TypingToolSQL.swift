import PersonasData

/// SQL shared by the typing tool's methods.
enum TypingToolSQL {
    /// `WITH typed AS (…)`: `keys`, then every question column read through
    /// `Preparation.typedColumnSQL(_:type:dialect:)` (as `export-sql` reads them), then the flag
    /// `Preparation.unreadableSQL(_:dialect:)` (1 when a cell cannot be read as its column's type),
    /// from `table`. A query goes on with `,` and another common table, or with its `SELECT … FROM typed`.
    static func typedCommonTable(from table: String, keys: [String], columns: [(name: String, type: ColumnType)],
                                 dialect: SQLDialect) -> String {
        let typed = columns.map {
            "\(Preparation.typedColumnSQL($0.name, type: $0.type, dialect: dialect)) AS \(dialect.identifier($0.name))"
        } + ["\(Preparation.unreadableSQL(columns, dialect: dialect)) AS \(dialect.identifier(Preparation.unreadableFlag))"]
        return """
            WITH \(dialect.commonTable("typed")) (
              SELECT
                \((keys + typed).joined(separator: ",\n    "))
              FROM \(dialect.identifier(table))
            )
            """
    }
}

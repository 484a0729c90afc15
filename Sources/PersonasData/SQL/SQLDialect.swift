/// The SQL flavour a generated query targets, and the engines each one serves.
///
/// Every piece of SQL text that depends on the engine is spelled here or in `SQLText.swift`:
/// identifier quoting and string literals (``identifier(_:)``, ``text(_:)``), type names, the
/// conversion of a raw cell to a number or a date (engines without a try-cast get a guarded cast),
/// and date arithmetic. The rest of a query is ANSI SQL that every dialect reads alike.
///
/// | Dialect | Engines | Identifiers | Backslash in a literal | Number from text |
/// | --- | --- | --- | --- | --- |
/// | `ansi` | DuckDB, Snowflake | `"a"` | `CHR(92)` | `TRY_CAST` |
/// | `postgres` | PostgreSQL (and Redshift) | `"a"` | `CHR(92)` | regular-expression guarded `CAST` |
/// | `sqlite` | SQLite | `"a"` | itself | JSON-number guarded `CAST` |
/// | `spark` | Spark SQL, Databricks (default settings) | backquoted a | `\\` | `TRY_CAST` |
/// | `trino` | Trino, Presto, Athena | `"a"` | itself | `TRY_CAST` |
///
/// `ansi` spells a backslash as `CHR(92)` because DuckDB reads `\` in a literal as itself and
/// Snowflake as an escape: a concatenation reads the same in both.
public enum SQLDialect: String, Sendable, CaseIterable, Codable {
    /// DuckDB and Snowflake (ANSI SQL with `TRY_CAST`).
    case ansi
    /// PostgreSQL, which has no `TRY_CAST`.
    case postgres
    /// SQLite (dates by `julianday`, no boolean or date types).
    case sqlite
    /// Spark SQL and Databricks (`STRING`, `DATEDIFF`, backtick identifiers, backslash escapes).
    case spark
    /// Trino and Presto (`date_diff`).
    case trino

    /// The 64-bit floating-point type.
    public var doubleType: String {
        switch self {
        case .ansi, .postgres: "DOUBLE PRECISION"
        case .sqlite, .spark, .trino: "DOUBLE"
        }
    }

    /// The unbounded text type.
    public var textType: String {
        switch self {
        case .ansi, .postgres, .trino: "VARCHAR"
        case .sqlite: "TEXT"
        case .spark: "STRING"
        }
    }

    /// `name AS` to open a common table expression. PostgreSQL and SQLite inline a CTE used once
    /// into the query that uses it, copying each expression into every reference (the
    /// nearest-center `CASE` names every distance k times), which makes the sample's query run for
    /// minutes and gigabytes: their CTEs are `MATERIALIZED`, computed once. (Snowflake, Spark and
    /// Trino have no such keyword.)
    public func commonTable(_ name: String) -> String {
        self == .postgres || self == .sqlite ? "\(name) AS MATERIALIZED" : "\(name) AS"
    }

    /// A raw cell as trimmed text, `NULL` when it is empty or one of the CSV reader's default
    /// missing-value markers (`NA`, `N/A`, `null`, `NaN`, in any case): how the reader sees a cell,
    /// whatever the column's type in the table (a native number, boolean or date is cast to text).
    public func cellText(_ column: String) -> String {
        let trimmed = "TRIM(CAST(\(column) AS \(textType)))"
        let markers = ([""] + CSVOptions.defaultMissingValues.filter { !$0.isEmpty }.map { $0.lowercased() })
            .map(text).joined(separator: ", ")
        return "CASE WHEN LOWER(\(trimmed)) IN (\(markers)) THEN NULL ELSE \(trimmed) END"
    }

    /// A raw column as a double: the cell's text converted by the engine's try-cast, so a cell that
    /// is not a number gives `NULL` rather than an error.
    public func number(_ column: String) -> String {
        let cell = cellText(column)
        switch self {
        case .ansi, .spark, .trino:
            return "TRY_CAST(\(cell) AS \(doubleType))"
        case .postgres:
            let pattern = text("^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$")
            return "CASE WHEN \(cell) ~ \(pattern) THEN CAST(\(cell) AS \(doubleType)) END"
        case .sqlite:
            // Native numbers as they are (SQLite's text form of a REAL keeps 15 digits only);
            // text when it is a JSON number (json_type raises on text that is not JSON, hence the
            // nested CASE).
            let kinds = [text("integer"), text("real")].joined(separator: ", ")
            return "CASE WHEN typeof(\(column)) IN (\(kinds)) THEN CAST(\(column) AS REAL) "
                + "WHEN json_valid(\(cell)) THEN CASE WHEN json_type(\(cell)) IN (\(kinds)) THEN CAST(\(cell) AS REAL) END END"
        }
    }

    /// The natural logarithm of `expression` (a double). Every engine spells it `LN`: SQLite has it
    /// only when built with its math functions (the default of the `sqlite3` shell and of most
    /// builds since 3.35; without them the query fails with "no such function: ln"); DuckDB,
    /// PostgreSQL (on double precision), Spark SQL, Snowflake and Trino have it built in.
    public func naturalLog(_ expression: String) -> String {
        switch self {
        case .ansi, .postgres, .sqlite, .spark, .trino: "LN(\(expression))"
        }
    }

    /// Days from 1970-01-01 to the date in a raw column (ISO 8601 text or a native date), as a
    /// double (how the library stores dates); `NULL` when the cell is not a date.
    public func daysSinceEpoch(_ column: String) -> String {
        let cell = cellText(column)
        switch self {
        case .ansi: return "CAST(TRY_CAST(\(cell) AS DATE) - DATE '1970-01-01' AS \(doubleType))"
        case .postgres:
            let pattern = text("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
            return "CAST(CASE WHEN \(cell) ~ \(pattern) THEN CAST(\(cell) AS DATE) END - DATE '1970-01-01' AS \(doubleType))"
        case .sqlite: return "(julianday(\(cell)) - 2440587.5)"
        case .spark: return "CAST(DATEDIFF(TRY_CAST(\(cell) AS DATE), DATE '1970-01-01') AS DOUBLE)"
        case .trino: return "CAST(date_diff('day', DATE '1970-01-01', TRY_CAST(\(cell) AS DATE)) AS DOUBLE)"
        }
    }
}

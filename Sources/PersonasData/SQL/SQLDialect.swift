/// The SQL flavour a generated query targets.
///
/// The queries stay within ANSI SQL except where engines disagree with no common form: the name of
/// the double type, the name of the text type, and the number of days between two dates.
public enum SQLDialect: String, Sendable, CaseIterable, Codable {
    /// ANSI SQL: PostgreSQL, DuckDB, Snowflake.
    case ansi
    /// SQLite (dates by `julianday`).
    case sqlite
    /// Spark SQL and Databricks (`STRING`, `DATEDIFF`).
    case spark
    /// Trino and Presto (`date_diff`).
    case trino

    /// The 64-bit floating-point type.
    public var doubleType: String {
        switch self {
        case .ansi: "DOUBLE PRECISION"
        case .sqlite, .spark, .trino: "DOUBLE"
        }
    }

    /// The unbounded text type.
    public var textType: String {
        switch self {
        case .ansi, .trino: "VARCHAR"
        case .sqlite: "TEXT"
        case .spark: "STRING"
        }
    }

    /// Days from 1970-01-01 to the ISO 8601 date in `expression`, as a double (how the library
    /// stores dates).
    public func daysSinceEpoch(_ expression: String) -> String {
        switch self {
        case .ansi: "CAST(CAST(\(expression) AS DATE) - DATE '1970-01-01' AS \(doubleType))"
        case .sqlite: "(julianday(\(expression)) - 2440587.5)"
        case .spark: "CAST(DATEDIFF(CAST(\(expression) AS DATE), DATE '1970-01-01') AS DOUBLE)"
        case .trino: "CAST(date_diff('day', DATE '1970-01-01', CAST(\(expression) AS DATE)) AS DOUBLE)"
        }
    }
}

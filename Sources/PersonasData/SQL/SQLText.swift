extension SQLDialect {
    /// `name` as a quoted identifier that reads back byte for byte: double quotes (doubled inside)
    /// in every dialect but Spark, backticks (doubled inside) in Spark, which reads a double-quoted
    /// name as a string on its default settings.
    public func identifier(_ name: String) -> String {
        switch self {
        case .spark: "`" + name.replacingOccurrences(of: "`", with: "``") + "`"
        case .ansi, .postgres, .sqlite, .trino: "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
    }

    /// `value` as a string literal that every engine of the dialect reads back byte for byte.
    ///
    /// Single quotes are doubled. Backslashes depend on the engine: SQLite, Trino and PostgreSQL
    /// (with its default `standard_conforming_strings`) read `\` as itself, Snowflake and Spark as
    /// an escape. `ansi` and `postgres` spell each backslash as `CHR(92)` in a concatenation, so no
    /// backslash reaches the engine's lexer; `spark` escapes `\` and `'` with a backslash (Spark
    /// reads adjacent literals `'a''b'` as `'ab'`) and spells `$` as `\u0024`, out of the reach of
    /// Spark's `${…}` variable substitution.
    public func text(_ value: String) -> String {
        func quoted(_ piece: String) -> String { "'" + piece.replacingOccurrences(of: "'", with: "''") + "'" }
        switch self {
        case .sqlite, .trino:
            return quoted(value)
        case .ansi, .postgres:
            let pieces = value.split(separator: "\\", omittingEmptySubsequences: false).map { quoted(String($0)) }
            return pieces.count == 1 ? pieces[0] : "(" + pieces.joined(separator: " || CHR(92) || ") + ")"
        case .spark:
            var out = "'"
            for character in value.unicodeScalars {
                switch character {
                case "\\": out += "\\\\"
                case "'": out += "\\'"
                case "$": out += "\\u0024"
                default: out.unicodeScalars.append(character)
                }
            }
            return out + "'"
        }
    }
}

/// Numeric literals, which every dialect spells alike.
public enum SQLText {
    /// A floating-point literal that reads back as the same `Double` and is never an integer
    /// literal (`2.0`, `1e-05`), so engines with integer arithmetic (SQLite) never divide integers.
    /// - Precondition: `value` is finite.
    public static func double(_ value: Double) -> String {
        precondition(value.isFinite, "SQL has no literal for \(value)")
        return "\(value)"
    }

    /// The shortest literal that reads back as `value`: an integer when it is one (thresholds
    /// and bounds read better as `12` than `12.0`).
    public static func number(_ value: Double) -> String {
        if value == value.rounded(), Swift.abs(value) < 1e15 { return String(Int64(value)) }
        return double(value)
    }
}

/// Literals and names spelled for SQL.
public enum SQLText {
    /// A double-quoted identifier (quotes inside doubled), safe for any column name.
    public static func identifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A single-quoted string literal (quotes inside doubled).
    public static func text(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
    }

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

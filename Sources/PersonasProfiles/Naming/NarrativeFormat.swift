import Foundation
import PersonasNumerics

/// How numbers are written in narratives and reports: shares as percentages with one decimal,
/// indices as whole numbers, means with 3 significant digits (no exponent, except beyond 10^15 and
/// below 10^-3, where whole digits or zeros would say nothing), counts with thousands separators.
/// Public so the Markdown report writes the same figures.
public enum NarrativeFormat {
    public static func percent(_ share: Double) -> String { String(format: "%.1f%%", share * 100) }
    public static func index(_ index: Double) -> String { String(format: "%.0f", index.rounded()) }
    public static func count(_ value: Int) -> String { Quantity.grouped(value) }
    public static func number(_ value: Double) -> String {
        let value = value == 0 ? 0 : value  // -0.0 is written 0.000, not -0.000
        let magnitude = abs(value)
        if magnitude >= 1e15 || (magnitude > 0 && magnitude < 1e-3) { return String(format: "%.3g", value) }
        if magnitude >= 100 { return (value < 0 ? "-" : "") + count(Int(magnitude.rounded())) }
        if magnitude >= 10 { return String(format: "%.1f", value) }
        if magnitude >= 1 { return String(format: "%.2f", value) }
        return String(format: "%.3f", value)
    }
}

import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Messages for the person at the terminal: always on stderr, so stdout stays clean for data.
enum Terminal {
    /// Whether stderr is an interactive terminal (progress displays only then).
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    static func warn(_ message: String) {
        printError("warning: " + message)
    }

    static func note(_ message: String) {
        printError(message)
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}

/// Number formatting for people: thousands separators and short decimals.
enum Format {
    static func count(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (value < 0 ? "-" : "") + out
    }

    static func number(_ value: Double, digits: Int = 3) -> String {
        if value.isNaN { return "–" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        if value == value.rounded() && abs(value) < 1e15 { return count(Int(value)) }
        let magnitude = abs(value)
        if magnitude >= 1e6 || magnitude < 1e-3 { return String(format: "%.\(digits)g", value) }
        let decimals = max(0, digits - Int(log10(max(magnitude, 1e-12)).rounded(.down)) - 1)
        return String(format: "%.\(min(decimals, 6))f", value)
    }

    static func seconds(_ value: Double) -> String {
        value < 1 ? "\(Int((value * 1000).rounded())) ms" : "\(number(value)) s"
    }

    static func percent(_ share: Double) -> String {
        String(format: share < 0.1 ? "%.1f%%" : "%.0f%%", share * 100)
    }

    /// Left-aligned text columns separated by two spaces.
    static func table(_ rows: [[String]]) -> String {
        guard let width = rows.map(\.count).max() else { return "" }
        var widths = [Int](repeating: 0, count: width)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return rows.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}

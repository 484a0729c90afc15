import Foundation
import PersonasProfiles

#if canImport(Glibc)
import Glibc
#endif

/// What a command shows: its result (the text summary, or the SQL of `export-sql`) on stdout with
/// ``printOutput(_:)``, and progress, notes and warnings on stderr with ``note(_:)`` and
/// ``warn(_:)``, so `personas … --format json > summary.json` or a pipe gets the result alone.
///
/// Every line of text a command shows (messages, warnings, errors, the text summaries on stdout)
/// goes through ``escaped(_:)`` on its way out, because it quotes the data: column names, levels,
/// cells and file names are whatever the file held, and a terminal acts on some characters
/// instead of showing them. JSON output (`--format json`) is left to its encoder, which escapes
/// control characters itself.
enum Terminal {
    /// Whether stderr is an interactive terminal (progress displays only then).
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// The width of the terminal on stderr in columns (80 when it cannot tell).
    static var columns: Int {
        var size = winsize()
        guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    static func warn(_ message: String) {
        printError("warning: " + message)
    }

    static func note(_ message: String) {
        printError(message)
    }

    /// `message` and a newline on stderr, escaped.
    static func printError(_ message: String) {
        FileHandle.standardError.write(Data((escaped(message) + "\n").utf8))
    }

    /// `text` and a newline on stdout (a command's text output), escaped.
    static func printOutput(_ text: String) {
        print(escaped(text))
    }

    /// `text` with every character a terminal would act on instead of showing written as a
    /// visible escape: ESC (`\u{1B}`), which starts the colour, cursor and title sequences
    /// (`\u{1B}]0;title\u{7}` renames the window, `\u{1B}[2J` clears the screen), the other C0
    /// controls (carriage return and backspace can overwrite what was printed), DEL, the C1
    /// controls U+0080–U+009F (some terminals read U+009B as ESC [), and the bidirectional
    /// overrides and isolates U+202A–U+202E and U+2066–U+2069, which reorder the rest of the line.
    ///
    /// Newline and tab pass through: messages are laid out with them, and they move the cursor in
    /// the ordinary way. A backslash is not doubled, so the result is for reading, not for parsing.
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: actsOnTerminal) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if actsOnTerminal(scalar) {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Whether a terminal acts on `scalar` rather than showing it (see ``escaped(_:)``).
    private static func actsOnTerminal(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: false
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}

/// Number formatting for people: thousands separators and short decimals.
enum Format {
    /// A count with thousands separators, as the reports write it (``NarrativeFormat/count(_:)``).
    static func count(_ value: Int) -> String { NarrativeFormat.count(value) }

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
    /// Cells are escaped first (``Terminal/escaped(_:)``), so the widths are those shown.
    static func table(_ rows: [[String]]) -> String {
        let rows = rows.map { $0.map(Terminal.escaped) }
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

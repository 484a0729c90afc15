/// Text made safe for XML character data and attribute values.
enum XMLText {
    /// `text` with `&`, `<`, `>`, `"` and `'` escaped and every character XML 1.0 forbids (control
    /// characters other than tab, line feed and carriage return; U+FFFE, U+FFFF) replaced by U+FFFD,
    /// so any string, such as a customer id read from a file, yields a well-formed document.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t": result += "&#9;"
            case "\n": result += "&#10;"
            case "\r": result += "&#13;"
            default:
                let v = scalar.value
                let allowed = (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v) || v >= 0x10000
                result.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return result
    }

    /// `text` on one line (runs of whitespace and control characters become one space) and at most
    /// `maxCharacters` long, ending in "…" when shortened: for labels drawn in a fixed space.
    static func label(_ text: String, maxCharacters: Int) -> String {
        var line = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace || scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                pendingSpace = !line.isEmpty
            } else {
                if pendingSpace { line.unicodeScalars.append(" ") }
                pendingSpace = false
                line.unicodeScalars.append(scalar)
            }
        }
        guard line.count > maxCharacters else { return line }
        return String(line.prefix(max(maxCharacters - 1, 0))) + "…"
    }
}

/// Word wrapping for labels drawn in a fixed width: SVG text does not wrap by itself, so charts
/// break long names (personas, questions) into lines of an estimated character budget.
enum TextLines {
    /// Average advance of a character of the system sans-serif fonts, as a share of the font size:
    /// an estimate on the generous side, so estimated widths rarely fall short.
    static let characterWidth = 0.6

    /// How many characters of a `fontSize` font fit in `width` pixels (at least 1).
    static func characters(fitting width: Double, fontSize: Double) -> Int {
        max(Int(width / (fontSize * characterWidth)), 1)
    }

    /// The estimated width in pixels of `text` in a `fontSize` font.
    static func width(_ text: String, fontSize: Double) -> Double {
        Double(text.count) * fontSize * characterWidth
    }

    /// `text` on at most `maxLines` lines of at most `maxCharacters` characters, broken at spaces
    /// (a word longer than a line is cut). Text beyond the last line is dropped and the last line
    /// ends in "…". Whitespace and control characters collapse as in ``XMLText/label(_:maxCharacters:)``.
    static func wrap(_ text: String, maxCharacters: Int, maxLines: Int) -> [String] {
        let width = max(maxCharacters, 2), limit = max(maxLines, 1)
        // Words longer than a line are cut into line-sized pieces first.
        var pieces: [String] = []
        for word in XMLText.label(text, maxCharacters: Int.max).split(separator: " ") {
            var rest = Substring(word)
            while rest.count > width {
                pieces.append(String(rest.prefix(width)))
                rest = rest.dropFirst(width)
            }
            pieces.append(String(rest))
        }
        var lines: [String] = []
        var used = 0
        for piece in pieces {
            if let last = lines.last, last.count + 1 + piece.count <= width {
                lines[lines.count - 1] = last + " " + piece
            } else if lines.count < limit {
                lines.append(piece)
            } else {
                break
            }
            used += 1
        }
        if used < pieces.count, let last = lines.popLast() {
            lines.append(String(last.prefix(width - 1)) + "…")
        }
        return lines
    }
}

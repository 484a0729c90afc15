/// Data text (a level, a column name, a segment name, a file name) made into Markdown that reads
/// as the same text and never as markup: no data value can open an HTML element, a script, a
/// link, a heading, a list or a table cell in `personas.md`, `typing-tool.md`, `choose-k.md` or
/// the notebook's Markdown cells (which `jupyter nbconvert --to html` passes to the browser as
/// they are).
///
/// The rules, each as CommonMark (and GitHub's tables and Jupyter's math) reads it:
/// - `&`, `<` and `>` become the entities `&amp;`, `&lt;` and `&gt;`: no HTML tag, comment or
///   autolink can start, and the rendered text shows the characters themselves.
/// - `\`, the backquote, `*`, `_`, `[`, `]`, `|`, `~` and `$` get a backslash wherever they are: they
///   act mid-line (code, emphasis, links, table cells, strikethrough, Jupyter's math). `(`, `)`
///   and `!` stay as they are: they act only next to a `[`, which is always escaped.
/// - At the start of the text, `#`, `-`, `+` and `=` get a backslash, as does the `.` or `)` of
///   an ordered list's marker (`1. `, `2)` followed by a space or the end), so text that lands at
///   the start of a line opens no heading or list; `12.5 mg` is left as it is.
/// - A line break or other control character becomes a space, so a level holding a newline
///   cannot end a table row or a list item.
public enum MarkdownText {
    /// `text` as literal Markdown text (see ``MarkdownText``).
    public static func escaped(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        // Leading digits, then `.` or `)` and a space or the end: an ordered list's marker.
        let digits = scalars.prefix { ("0"..."9").contains($0) }.count
        let listMarker = digits > 0 && digits < scalars.count && (scalars[digits] == "." || scalars[digits] == ")")
            && (digits + 1 == scalars.count || scalars[digits + 1] == " " || scalars[digits + 1] == "\t")
        var out = ""
        out.unicodeScalars.reserveCapacity(scalars.count)
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "`", "*", "_", "[", "]", "|", "~", "$":
                out += "\\"
                out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}" {
                    out += " "
                    continue
                }
                let opensBlock = index == 0 && ["#", "-", "+", "="].contains(scalar)
                if opensBlock || (listMarker && index == digits) { out += "\\" }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// A standalone SVG document assembled element by element: attribute values and text are escaped,
/// so callers pass plain strings (numbers already formatted with ``SVGNumber``).
struct SVGDocument {
    /// A system sans-serif stack: no web fonts, no external references.
    static let fontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif"

    let width: Double
    let height: Double
    private var body = ""

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// `<tag a="…" …>` (closed later with ``close(_:)``).
    mutating func open(_ tag: String, _ attributes: [(String, String)] = []) {
        body += "<" + tag
        appendAttributes(attributes)
        body += ">\n"
    }

    mutating func close(_ tag: String) {
        body += "</" + tag + ">\n"
    }

    /// `<tag a="…" …/>`, or `<tag …>text</tag>` when `text` is given.
    mutating func element(_ tag: String, _ attributes: [(String, String)], text: String? = nil) {
        body += "<" + tag
        appendAttributes(attributes)
        if let text {
            body += ">" + XMLText.escaped(text) + "</" + tag + ">\n"
        } else {
            body += "/>\n"
        }
    }

    private mutating func appendAttributes(_ attributes: [(String, String)]) {
        for (name, value) in attributes {
            body += " " + name + "=\"" + XMLText.escaped(value) + "\""
        }
    }

    /// The whole document; `title` is its accessible name (and the tooltip of the image).
    func rendered(title: String) -> String {
        let w = SVGNumber.format(width), h = SVGNumber.format(height)
        var text = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\""
        text += " font-family=\"" + XMLText.escaped(Self.fontFamily) + "\" role=\"img\">\n"
        text += "<title>" + XMLText.escaped(title) + "</title>\n"
        text += body
        text += "</svg>\n"
        return text
    }
}

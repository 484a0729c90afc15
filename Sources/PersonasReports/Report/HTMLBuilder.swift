/// An HTML document assembled element by element, text and attribute values escaped (the same
/// escaping as the SVG, so the page is also well-formed XML: tools and tests can parse it).
/// Only ``raw(_:)`` takes markup as is, for the report's own SVG charts.
struct HTMLBuilder {
    private(set) var markup = ""

    /// `<tag a="…">`, closed later with ``close(_:)``.
    mutating func open(_ tag: String, _ attributes: [(String, String)] = []) {
        markup += "<" + tag + Self.attributes(attributes) + ">\n"
    }

    mutating func close(_ tag: String) {
        markup += "</" + tag + ">\n"
    }

    /// `<tag a="…">text</tag>` on one line.
    mutating func element(_ tag: String, _ attributes: [(String, String)] = [], text content: String) {
        markup += "<" + tag + Self.attributes(attributes) + ">" + XMLText.escaped(content) + "</" + tag + ">\n"
    }

    /// An element with no content, such as `<meta charset="utf-8"/>`.
    mutating func empty(_ tag: String, _ attributes: [(String, String)] = []) {
        markup += "<" + tag + Self.attributes(attributes) + "/>\n"
    }

    /// Inline content: a run of text and elements such as `<strong>`, each (tag, text) piece
    /// escaped; a nil tag is plain text.
    mutating func paragraph(_ tag: String = "p", _ attributes: [(String, String)] = [],
                            _ pieces: [(tag: String?, text: String)]) {
        markup += "<" + tag + Self.attributes(attributes) + ">"
        for piece in pieces {
            if let inner = piece.tag {
                markup += "<" + inner + ">" + XMLText.escaped(piece.text) + "</" + inner + ">"
            } else {
                markup += XMLText.escaped(piece.text)
            }
        }
        markup += "</" + tag + ">\n"
    }

    /// Escaped text inside the open element.
    mutating func text(_ content: String) {
        markup += XMLText.escaped(content)
    }

    /// Markup inserted as is: only for documents this module wrote (the charts).
    mutating func raw(_ trusted: String) {
        markup += trusted
        if !trusted.hasSuffix("\n") { markup += "\n" }
    }

    private static func attributes(_ attributes: [(String, String)]) -> String {
        attributes.map { " " + $0.0 + "=\"" + XMLText.escaped($0.1) + "\"" }.joined()
    }
}

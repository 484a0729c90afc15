/// How a segment looks in every chart of the report: its colour from ``QualitativePalette`` (the
/// dendrogram's, so segment 0 is the same blue everywhere) and, because the palette repeats after
/// seven colours, a marker shape per round of the palette (circle, square, diamond) so that
/// segments 0 and 7 never look alike.
enum SegmentStyle {
    enum Shape: String { case circle, square, diamond }

    static func colour(_ segment: Int) -> String { QualitativePalette.colour(max(segment, 0)) }

    static func shape(_ segment: Int) -> Shape {
        switch (max(segment, 0) / QualitativePalette.colours.count) % 3 {
        case 0: .circle
        case 1: .square
        default: .diamond
        }
    }

    /// "3 · Oncology, high monthly prescriptions": the number readers find in the other charts.
    static func label(_ segment: Int, name: String) -> String {
        name.isEmpty ? "Segment \(segment)" : "\(segment) · \(name)"
    }

    /// A marker of `segment`'s shape centred on (x, y), `size` pixels across, filled with the
    /// group's or the given colour.
    static func marker(_ segment: Int, x: Double, y: Double, size: Double, fill: String? = nil,
                       into doc: inout SVGDocument) {
        let f = { (v: Double) in SVGNumber.format(v, decimals: 1) }
        let half = size / 2
        var attributes: [(String, String)]
        let tag: String
        switch shape(segment) {
        case .circle:
            tag = "circle"
            attributes = [("cx", f(x)), ("cy", f(y)), ("r", f(half))]
        case .square:
            // The same area as the circle, so no shape looks heavier.
            let side = size * 0.886
            tag = "rect"
            attributes = [("x", f(x - side / 2)), ("y", f(y - side / 2)), ("width", f(side)), ("height", f(side))]
        case .diamond:
            let r = half * 1.25
            tag = "path"
            attributes = [("d", "M\(f(x)) \(f(y - r))L\(f(x + r)) \(f(y))L\(f(x)) \(f(y + r))L\(f(x - r)) \(f(y))Z")]
        }
        if let fill { attributes.append(("fill", fill)) }
        doc.element(tag, attributes)
    }

    /// A vertical legend: one marker and a wrapped "n · name" per segment, with an optional note
    /// under each name (such as the customer count). Returns the y below the last entry.
    @discardableResult
    static func legend(_ entries: [(segment: Int, name: String, note: String?)], x: Double, y: Double, width: Double,
                       fontSize: Double = 12, maxLines: Int = 2, into doc: inout SVGDocument) -> Double {
        let f = { (v: Double) in SVGNumber.format(v, decimals: 1) }
        let lineHeight = fontSize * 1.3
        let characters = TextLines.characters(fitting: width - 20, fontSize: fontSize)
        var top = y
        doc.open("g", [("class", "legend"), ("font-size", f(fontSize)), ("fill", ChartStyle.ink)])
        for entry in entries {
            let lines = TextLines.wrap(label(entry.segment, name: entry.name), maxCharacters: characters, maxLines: maxLines)
            marker(entry.segment, x: x + 6, y: top + fontSize * 0.35 + 1, size: 10, fill: colour(entry.segment), into: &doc)
            for (i, line) in lines.enumerated() {
                doc.element("text", [("x", f(x + 18)), ("y", f(top + fontSize * 0.75 + Double(i) * lineHeight))], text: line)
            }
            top += Double(lines.count) * lineHeight
            if let note = entry.note {
                doc.element("text", [("x", f(x + 18)), ("y", f(top + fontSize * 0.7)), ("font-size", f(fontSize - 1)),
                                     ("fill", ChartStyle.muted)], text: note)
                top += lineHeight
            }
            top += 6
        }
        doc.close("g")
        return top
    }
}

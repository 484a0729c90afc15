/// The look the report's charts share: two inks, the grid colour, a heading, and gridlines with
/// their tick labels.
enum ChartStyle {
    /// Text and marks.
    static let ink = "#1D2330"
    /// Subtitles, tick labels, notes.
    static let muted = "#5B6577"
    static let grid = "#E6E9EE"
}

extension SVGDocument {
    /// A white background, the title, and under it a line saying what the chart shows.
    mutating func chartHeading(_ title: String, subtitle: String, titleSize: Double = 17, subtitleSize: Double = 12) {
        let f = { (v: Double) in SVGNumber.format(v, decimals: 1) }
        element("rect", [("width", f(width)), ("height", f(height)), ("fill", "#FFFFFF")])
        element("text", [("class", "chart-title"), ("x", "20"), ("y", "26"), ("font-size", f(titleSize)), ("font-weight", "600"),
                         ("fill", ChartStyle.ink)], text: title)
        element("text", [("class", "chart-subtitle"), ("x", "20"), ("y", f(30 + subtitleSize * 1.4)), ("font-size", f(subtitleSize)),
                         ("fill", ChartStyle.muted)], text: subtitle)
    }

    /// Gridlines across the plot with tick labels: vertical lines at the `x` positions (labels
    /// under the plot) and horizontal ones at the `y` positions (labels left of it).
    mutating func grid(x: [(position: Double, label: String)], y: [(position: Double, label: String)],
                       left: Double, top: Double, right: Double, bottom: Double) {
        let f = { (v: Double) in SVGNumber.format(v, decimals: 1) }
        open("g", [("class", "axis"), ("font-size", "11"), ("fill", ChartStyle.muted)])
        for tick in x {
            element("line", [("x1", f(tick.position)), ("x2", f(tick.position)), ("y1", f(top)), ("y2", f(bottom)),
                             ("stroke", ChartStyle.grid)])
            element("text", [("x", f(tick.position)), ("y", f(bottom + 16)), ("text-anchor", "middle")], text: tick.label)
        }
        for tick in y {
            element("line", [("x1", f(left)), ("x2", f(right)), ("y1", f(tick.position)), ("y2", f(tick.position)),
                             ("stroke", ChartStyle.grid)])
            element("text", [("x", f(left - 7)), ("y", f(tick.position + 4)), ("text-anchor", "end")], text: tick.label)
        }
        close("g")
    }

    /// An axis title: centred under the plot, or (`vertical`) turned to read upwards left of it.
    mutating func axisTitle(_ text: String, x: Double, y: Double, vertical: Bool = false) {
        let f = { (v: Double) in SVGNumber.format(v, decimals: 1) }
        var attributes = [("class", "axis-title"), ("x", f(x)), ("y", f(y)), ("text-anchor", "middle"), ("font-size", "12"),
                          ("fill", ChartStyle.muted)]
        if vertical { attributes.append(("transform", "rotate(-90 \(f(x)) \(f(y)))")) }
        element("text", attributes, text: text)
    }
}

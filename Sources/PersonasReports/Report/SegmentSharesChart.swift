import PersonasProfiles

/// `charts/segments.svg`: each segment's share of the customers beside its share of total value,
/// as two horizontal bars per segment, so segments that weigh more (or less) in value than in
/// numbers stand out. Without a value column only the customer bars are drawn.
///
/// Bars are `<rect class="bar customers">` and `<rect class="bar value">` with `data-segment`.
struct SegmentSharesChart {
    struct Row {
        var segment: Int
        var name: String
        var customers: Int
        var customerShare: Double
        /// Nil when there is no value column or the segment is suppressed.
        var valueShare: Double?
    }

    static let customerColour = "#8FA6BF"
    static let valueColour = "#1F4E79"

    var width = 960.0

    /// - Parameter valueName: the value column's display name, nil without one.
    func svg(_ rows: [Row], valueName: String?) -> String {
        let f = { (v: Double) in SVGNumber.format(v, decimals: 1) }
        let hasValue = valueName != nil
        let barHeight = 15.0, rowHeight = hasValue ? 2 * barHeight + 16 : barHeight + 17
        let labelLeft = 20.0, labelRight = 330.0
        let plotLeft = labelRight + 12, plotRight = width - 110
        let plotTop = hasValue ? 92.0 : 70.0
        let plotBottom = plotTop + Double(rows.count) * rowHeight
        let height = plotBottom + 56

        var largest = rows.map(\.customerShare).max() ?? 0
        for row in rows { if let v = row.valueShare { largest = max(largest, v) } }
        let ticks = NiceTicks(upTo: largest * 100)
        let px = { (share: Double) in plotLeft + max(share * 100, 0) / ticks.top * (plotRight - plotLeft) }

        var doc = SVGDocument(width: width, height: height)
        doc.chartHeading(hasValue ? "Segment sizes and value shares" : "Segment sizes",
                         subtitle: hasValue ? "Each segment's share of all customers beside its share of total \(valueName!)"
                             : "Each segment's share of all customers (no value column was given)")
        if hasValue {
            doc.open("g", [("class", "series-legend"), ("font-size", "12"), ("fill", ChartStyle.ink)])
            doc.element("rect", [("x", f(labelLeft)), ("y", "60"), ("width", "12"), ("height", "12"), ("fill", Self.customerColour)])
            doc.element("text", [("x", f(labelLeft + 17)), ("y", "70")], text: "share of customers")
            doc.element("rect", [("x", f(labelLeft + 150)), ("y", "60"), ("width", "12"), ("height", "12"), ("fill", Self.valueColour)])
            doc.element("text", [("x", f(labelLeft + 167)), ("y", "70")], text: "share of \(valueName!)")
            doc.close("g")
        }
        doc.element("rect", [("class", "plot-area"), ("x", f(plotLeft)), ("y", f(plotTop)), ("width", f(plotRight - plotLeft)),
                             ("height", f(plotBottom - plotTop)), ("fill", "none")])

        doc.grid(x: ticks.values.map { (px($0 / 100), ticks.label($0) + "%") }, y: [],
                 left: plotLeft, top: plotTop, right: plotRight, bottom: plotBottom)
        doc.element("line", [("x1", f(plotLeft)), ("x2", f(plotLeft)), ("y1", f(plotTop)), ("y2", f(plotBottom)),
                             ("stroke", ChartStyle.muted)])
        doc.axisTitle(hasValue ? "share of all customers / of total \(valueName!)" : "share of all customers",
                      x: (plotLeft + plotRight) / 2, y: plotBottom + 38)

        let labelCharacters = TextLines.characters(fitting: labelRight - labelLeft - 18, fontSize: 12)
        for (i, row) in rows.enumerated() {
            let top = plotTop + Double(i) * rowHeight + 8
            let lines = TextLines.wrap(SegmentStyle.label(row.segment, name: row.name), maxCharacters: labelCharacters, maxLines: 2)
            let middle = hasValue ? top + barHeight + 0.5 : top + barHeight / 2
            SegmentStyle.marker(row.segment, x: labelLeft + 5, y: middle - (lines.count == 2 ? 7 : 0), size: 10,
                                fill: SegmentStyle.colour(row.segment), into: &doc)
            for (l, line) in lines.enumerated() {
                let y = middle + 4 + (Double(l) - Double(lines.count - 1) / 2) * 15
                doc.element("text", [("class", "segment-label"), ("x", f(labelLeft + 16)), ("y", f(y)), ("font-size", "12"),
                                     ("fill", ChartStyle.ink)], text: line)
            }
            bar(row.segment, "customers", share: row.customerShare, top: top, height: barHeight, colour: Self.customerColour,
                note: "\(NarrativeFormat.percent(row.customerShare)) · \(NarrativeFormat.count(row.customers))", px: px, into: &doc)
            if hasValue {
                let valueTop = top + barHeight + 1
                if let share = row.valueShare {
                    bar(row.segment, "value", share: share, top: valueTop, height: barHeight, colour: Self.valueColour,
                        note: NarrativeFormat.percent(share), px: px, into: &doc)
                } else {
                    doc.element("text", [("x", f(plotLeft + 4)), ("y", f(valueTop + 11.5)), ("font-size", "11"),
                                         ("fill", ChartStyle.muted)], text: "value withheld (small segment)")
                }
            }
        }
        let title = hasValue ? "Share of customers and of \(valueName!) per segment" : "Share of customers per segment"
        return doc.rendered(title: title)
    }

    private func bar(_ segment: Int, _ series: String, share: Double, top: Double, height: Double, colour: String,
                     note: String, px: (Double) -> Double, into doc: inout SVGDocument) {
        let f = { (v: Double) in SVGNumber.format(v, decimals: 1) }
        let left = px(0), right = px(share)
        doc.element("rect", [("class", "bar \(series)"), ("data-segment", String(segment)),
                             ("x", f(left)), ("y", f(top)), ("width", f(right - left)), ("height", f(height)), ("fill", colour)])
        doc.element("text", [("x", f(right + 5)), ("y", f(top + height - 3.5)), ("font-size", "11"), ("fill", ChartStyle.ink)], text: note)
    }
}

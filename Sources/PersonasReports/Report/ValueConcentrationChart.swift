import PersonasProfiles

/// `charts/value-concentration.svg`: the Pareto curve of value (customers sorted by value against
/// the cumulative share of value they hold), the same curve at segment level (segments sorted by
/// value share, a marker in each segment's colour), the line of equal shares, and the headline
/// figures ("the top 20% of customers hold 78% of value").
///
/// The customer curve is `<polyline class="curve">`, the segment curve `<polyline
/// class="segment-curve">`, the plot frame `<rect class="plot-area">` (x from 0 to 100% of
/// customers, y from 0 to the top tick of value share).
struct ValueConcentrationChart {
    /// A segment's point on the segment-level curve (cumulative, segments by value share).
    struct SegmentPoint {
        var segment: Int
        var name: String
        var customers: Double
        var value: Double
    }

    static let curveColour = "#1F4E79"

    var width = 960.0
    var height = 560.0

    func svg(_ curve: ReportFigures.ValueCurve, valueName: String, segments: [SegmentPoint]) -> String {
        let f = { (v: Double) in SVGNumber.format(v, decimals: 1) }
        let plotLeft = 84.0, plotTop = 76.0, side = 400.0
        let plotRight = plotLeft + side, plotBottom = plotTop + side
        let highest = max(curve.points.map(\.value).max() ?? 1, segments.map(\.value).max() ?? 1, 1)
        let yTicks = NiceTicks(upTo: highest * 100 * (1 - 1e-12), targetCount: 5)
        let xTicks = NiceTicks(upTo: 100, targetCount: 5)
        let px = { (share: Double) in plotLeft + share * 100 / xTicks.top * side }
        let py = { (share: Double) in plotBottom - share * 100 / yTicks.top * side }

        let shortName = XMLText.label(valueName, maxCharacters: 30)
        var doc = SVGDocument(width: width, height: height)
        doc.chartHeading("How concentrated is \(XMLText.label(valueName, maxCharacters: 40))?",
                         subtitle: "Customers sorted by \(shortName), highest first, against the share of the total they hold "
                             + "(\(NarrativeFormat.count(curve.customerCount)) customers)")
        doc.element("rect", [("class", "plot-area"), ("x", f(plotLeft)), ("y", f(plotTop)), ("width", f(side)),
                             ("height", f(side)), ("fill", "none"), ("stroke", ChartStyle.muted)])
        doc.grid(x: xTicks.values.map { (px($0 / 100), xTicks.label($0) + "%") },
                 y: yTicks.values.map { (py($0 / 100), yTicks.label($0) + "%") },
                 left: plotLeft, top: plotTop, right: plotRight, bottom: plotBottom)
        doc.axisTitle("share of customers (sorted by \(shortName), highest first)", x: (plotLeft + plotRight) / 2, y: plotBottom + 38)
        doc.axisTitle("cumulative share of \(shortName)", x: plotLeft - 50, y: (plotTop + plotBottom) / 2, vertical: true)

        // Equal shares, the headline guide at 20%, then the curves on top.
        doc.element("line", [("class", "equal-shares"), ("x1", f(px(0))), ("y1", f(py(0))), ("x2", f(px(1))), ("y2", f(py(1))),
                             ("stroke", "#8A94A6"), ("stroke-width", "1.2"), ("stroke-dasharray", "2 4")])
        if let top20 = curve.topShares.first(where: { $0.customers == 0.2 }) {
            let x = px(0.2), y = py(top20.value)
            doc.element("path", [("d", "M\(f(x)) \(f(plotBottom))V\(f(y))H\(f(plotLeft))"), ("fill", "none"),
                                 ("stroke", "#D55E00"), ("stroke-width", "1.2"), ("stroke-dasharray", "5 3")])
            // Under the curves, beside the guide's foot: the one corner of the plot no line crosses.
            doc.element("text", [("x", f(x + 6)), ("y", f(plotBottom - 10)), ("font-size", "12"), ("fill", ChartStyle.ink)],
                        text: "top 20% of customers hold \(NarrativeFormat.percent(top20.value))")
        }
        let points = curve.points.map { "\(SVGNumber.format(px($0.customers), decimals: 2)),\(SVGNumber.format(py($0.value), decimals: 2))" }
        doc.element("polyline", [("class", "curve"), ("points", points.joined(separator: " ")), ("fill", "none"),
                                 ("stroke", Self.curveColour), ("stroke-width", "2.5"), ("stroke-linejoin", "round")])
        if !segments.isEmpty {
            let path = [(0.0, 0.0)] + segments.map { ($0.customers, $0.value) }
            doc.element("polyline", [("class", "segment-curve"), ("points", path.map { "\(f(px($0.0))),\(f(py($0.1)))" }.joined(separator: " ")),
                                     ("fill", "none"), ("stroke", ChartStyle.muted), ("stroke-width", "1.5"), ("stroke-dasharray", "6 3")])
            doc.open("g", [("class", "segment-markers"), ("stroke", "#FFFFFF"), ("stroke-width", "1.5")])
            for point in segments {
                SegmentStyle.marker(point.segment, x: px(point.customers), y: py(point.value), size: 11,
                                    fill: SegmentStyle.colour(point.segment), into: &doc)
            }
            doc.close("g")
        }

        // The reading on the right: headline figures, the line legend, the segments.
        let panelLeft = plotRight + 56, panelWidth = width - panelLeft - 20
        var y = plotTop + 4
        doc.element("text", [("x", f(panelLeft)), ("y", f(y + 10)), ("font-size", "13"), ("font-weight", "600"), ("fill", ChartStyle.ink)],
                    text: "The top customers hold")
        y += 30
        doc.open("g", [("class", "headlines"), ("font-size", "12"), ("fill", ChartStyle.ink)])
        for share in curve.topShares {
            doc.element("text", [("x", f(panelLeft)), ("y", f(y))],
                        text: "top \(SVGNumber.format(share.customers * 100, decimals: 0))% of customers: "
                            + "\(NarrativeFormat.percent(share.value)) of \(shortName)")
            y += 18
        }
        if curve.missingCount > 0 {
            doc.element("text", [("x", f(panelLeft)), ("y", f(y)), ("fill", ChartStyle.muted)],
                        text: "\(NarrativeFormat.count(curve.missingCount)) customers without a value count as 0")
            y += 18
        }
        doc.close("g")
        y += 14
        doc.open("g", [("class", "line-legend"), ("font-size", "12"), ("fill", ChartStyle.ink)])
        var lines: [(label: String, colour: String, dash: String?)] = [("customers, one by one", Self.curveColour, nil)]
        if !segments.isEmpty { lines.append(("segments, by value share", ChartStyle.muted, "6 3")) }
        lines.append(("equal shares (no concentration)", "#8A94A6", "2 4"))
        for (label, colour, dash) in lines {
            var attributes = [("x1", f(panelLeft)), ("x2", f(panelLeft + 28)), ("y1", f(y - 4)), ("y2", f(y - 4)),
                              ("stroke", colour), ("stroke-width", dash == nil ? "2.5" : "1.5")]
            if let dash { attributes.append(("stroke-dasharray", dash)) }
            doc.element("line", attributes)
            doc.element("text", [("x", f(panelLeft + 36)), ("y", f(y))], text: label)
            y += 20
        }
        doc.close("g")
        if !segments.isEmpty {
            y += 10
            SegmentStyle.legend(segments.sorted { $0.segment < $1.segment }.map { ($0.segment, $0.name, nil) },
                                x: panelLeft, y: y, width: panelWidth, fontSize: 11.5, maxLines: 1, into: &doc)
        }
        return doc.rendered(title: "Value concentration: share of \(valueName) against share of customers")
    }
}

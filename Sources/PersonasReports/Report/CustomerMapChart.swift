import PersonasProfiles

/// `charts/customer-map.svg`: a sample of customers on their first two principal components,
/// each a marker in its segment's colour (and shape, past seven segments), with the share of
/// variance each axis explains and a legend of the personas.
///
/// Each axis spans its own range (the second component's spread is the smaller). Points are
/// grouped by segment, largest first so the small segments are drawn on top:
/// `<g class="segment" data-segment="…" fill="…">` holding one marker per sampled customer.
struct CustomerMapChart {
    var width = 960.0
    var height = 600.0

    /// The map of `map`, drawn from the `totalCustomers` of reported segments.
    func svg(_ map: CustomerMap, names: [String], totalCustomers: Int) -> String {
        svg(ReportFigures.CustomerMapFigure(map, totalCustomers: totalCustomers), names: names)
    }

    /// The map as saved in the report's figures.
    func svg(_ map: ReportFigures.CustomerMapFigure, names: [String]) -> String {
        let totalCustomers = map.totalCustomers
        let f = { (v: Double) in SVGNumber.format(v, decimals: 1) }
        let boxLeft = 84.0, boxTop = 70.0, boxWidth = 600.0
        let plotLeft = boxLeft, plotTop = boxTop, plotRight = boxLeft + boxWidth, plotBottom = height - 62
        let xs = map.coordinates.map(\.x), ys = map.coordinates.map(\.y)
        let xTicks = RangeTicks(low: xs.min() ?? -1, high: xs.max() ?? 1, targetCount: 6)
        let yTicks = RangeTicks(low: ys.min() ?? -1, high: ys.max() ?? 1, targetCount: 5)
        // Each axis fills the frame: the first component always spreads wider than the second, so
        // one common scale would leave most of the frame empty.
        let px = { (v: Double) in plotLeft + (v - xTicks.low) / (xTicks.high - xTicks.low) * (plotRight - plotLeft) }
        let py = { (v: Double) in plotBottom - (v - yTicks.low) / (yTicks.high - yTicks.low) * (plotBottom - plotTop) }
        let plotWidth = plotRight - plotLeft, plotHeight = plotBottom - plotTop

        var doc = SVGDocument(width: width, height: height)
        let sampled = map.coordinates.count == totalCustomers
            ? "all \(NarrativeFormat.count(totalCustomers)) customers"
            : "a random sample of \(NarrativeFormat.count(map.coordinates.count)) of \(NarrativeFormat.count(totalCustomers)) customers"
        doc.chartHeading("Map of customers",
                         subtitle: "The first two principal components of the prepared features, \(sampled); nearby points are similar customers")
        doc.element("rect", [("class", "plot-area"), ("x", f(plotLeft)), ("y", f(plotTop)), ("width", f(plotWidth)),
                             ("height", f(plotHeight)), ("fill", "#FBFBFC"), ("stroke", ChartStyle.muted)])
        doc.grid(x: xTicks.values.map { (px($0), xTicks.label($0)) }, y: yTicks.values.map { (py($0), yTicks.label($0)) },
                 left: plotLeft, top: plotTop, right: plotRight, bottom: plotBottom)
        let first = "first principal component (\(NarrativeFormat.percent(map.explainedVariance.first)) of variance)"
        let second = map.explainedVariance.second.map { "second principal component (\(NarrativeFormat.percent($0)) of variance)" }
            ?? "no second component (one feature)"
        doc.axisTitle(first, x: (plotLeft + plotRight) / 2, y: plotBottom + 38)
        doc.axisTitle(second, x: plotLeft - 46, y: (plotTop + plotBottom) / 2, vertical: true)

        // Points, grouped by segment; segment 0 is the largest, so drawing in segment order puts
        // the small segments on top.
        var bySegment: [Int: [Int]] = [:]
        for (i, segment) in map.segments.enumerated() { bySegment[Int(segment), default: []].append(i) }
        for segment in bySegment.keys.sorted() {
            doc.open("g", [("class", "segment"), ("data-segment", String(segment)), ("fill", SegmentStyle.colour(segment)),
                           ("fill-opacity", "0.6")])
            for i in bySegment[segment]! {
                let point = map.coordinates[i]
                SegmentStyle.marker(segment, x: px(point.x), y: py(point.y), size: 4.4, into: &doc)
            }
            doc.close("g")
        }

        let legendLeft = boxLeft + boxWidth + 30
        let entries = names.indices.map { segment in (segment, names[segment], String?.none) }
        doc.element("text", [("x", f(legendLeft)), ("y", f(boxTop + 10)), ("font-size", "13"), ("font-weight", "600"),
                             ("fill", ChartStyle.ink)], text: "Segments")
        SegmentStyle.legend(entries, x: legendLeft, y: boxTop + 26, width: width - legendLeft - 16, fontSize: 12,
                            maxLines: 3, into: &doc)
        return doc.rendered(title: "Map of \(NarrativeFormat.count(map.coordinates.count)) customers on their first two "
                            + "principal components, coloured by segment")
    }
}

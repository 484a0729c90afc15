import PersonasProfiles

/// `charts/membership.svg`: for a model-based method, each segment's customers by their
/// probability of it, as a quantile strip on a 0–1 axis (the box the middle half, the whiskers
/// 10% to 90%, the tick the median) with a dashed line at 0.5 and, on the right, the share under
/// it: the segments whose customers the model is unsure of stand out.
///
/// Boxes are `<rect class="box" data-segment="…">`.
struct MembershipChart {
    var width = 960.0

    func svg(_ membership: ReportFigures.Membership, names: [String]) -> String {
        let f = { (v: Double) in SVGNumber.format(v, decimals: 1) }
        let rowHeight = 30.0, labelLeft = 20.0, labelRight = 330.0
        let plotLeft = labelRight + 12, plotRight = width - 150
        let plotTop = 70.0, plotBottom = plotTop + Double(membership.segments.count) * rowHeight
        let px = { (p: Double) in plotLeft + min(max(p, 0), 1) * (plotRight - plotLeft) }

        var doc = SVGDocument(width: width, height: plotBottom + 56)
        doc.chartHeading("How sure is each assignment?",
                         subtitle: "Each segment's customers by their probability of it; "
                             + "\(NarrativeFormat.percent(membership.lowShare)) of all are under 0.5")
        doc.grid(x: stride(from: 0.0, through: 1.0, by: 0.25).map { (px($0), SVGNumber.format($0, decimals: 2)) }, y: [],
                 left: plotLeft, top: plotTop, right: plotRight, bottom: plotBottom)
        doc.element("line", [("class", "threshold"), ("x1", f(px(0.5))), ("x2", f(px(0.5))), ("y1", f(plotTop)),
                             ("y2", f(plotBottom)), ("stroke", ChartStyle.muted), ("stroke-dasharray", "4 3")])
        doc.axisTitle("probability of the customer's own segment", x: (plotLeft + plotRight) / 2, y: plotBottom + 38)

        let labelCharacters = TextLines.characters(fitting: labelRight - labelLeft - 18, fontSize: 12)
        for (i, row) in membership.segments.enumerated() {
            let middle = plotTop + (Double(i) + 0.5) * rowHeight
            let name = row.segment < names.count ? names[row.segment] : ""
            let label = TextLines.wrap(SegmentStyle.label(row.segment, name: name), maxCharacters: labelCharacters, maxLines: 1)
            SegmentStyle.marker(row.segment, x: labelLeft + 5, y: middle, size: 10, fill: SegmentStyle.colour(row.segment),
                                into: &doc)
            doc.element("text", [("class", "segment-label"), ("x", f(labelLeft + 16)), ("y", f(middle + 4)),
                                 ("font-size", "12"), ("fill", ChartStyle.ink)], text: label.first ?? "")
            let q = row.quantiles
            let colour = SegmentStyle.colour(row.segment)
            doc.element("line", [("x1", f(px(q[0]))), ("x2", f(px(q[4]))), ("y1", f(middle)), ("y2", f(middle)),
                                 ("stroke", colour), ("stroke-width", "2")])
            doc.element("rect", [("class", "box"), ("data-segment", String(row.segment)), ("x", f(px(q[1]))),
                                 ("y", f(middle - 8)), ("width", f(max(px(q[3]) - px(q[1]), 1))), ("height", "16"),
                                 ("fill", colour), ("fill-opacity", "0.35"), ("stroke", colour)])
            doc.element("line", [("x1", f(px(q[2]))), ("x2", f(px(q[2]))), ("y1", f(middle - 8)), ("y2", f(middle + 8)),
                                 ("stroke", ChartStyle.ink), ("stroke-width", "2")])
            doc.element("text", [("x", f(plotRight + 12)), ("y", f(middle + 4)), ("font-size", "11"), ("fill", ChartStyle.ink)],
                        text: "\(NarrativeFormat.percent(row.lowShare)) under 0.5")
        }
        return doc.rendered(title: "Each segment's customers by their probability of it")
    }
}

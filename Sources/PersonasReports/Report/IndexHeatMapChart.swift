import PersonasProfiles

/// `charts/index-heatmap.svg`: segments (rows) × key traits (columns), each cell the segment's
/// index against all customers (100 = average) printed on a diverging colour: reds above
/// average, blues below (see ``IndexScale``), with the scale as a legend.
///
/// Cells are `<g class="cell" data-segment="…" data-column="…" data-level="…">` holding the
/// rectangle and the printed index; missing indices print "–" on grey.
struct IndexHeatMapChart {
    struct Row {
        var segment: Int
        var name: String
        /// One per trait, nil where the profile has no index; all nil for a suppressed segment.
        var indices: [Double?]
    }

    static let missingFill = "#EEF0F3"

    func svg(traits: [KeyTrait], rows: [Row], overThreshold: Double = 120, underThreshold: Double = 80) -> String {
        let f = { (v: Double) in SVGNumber.format(v, decimals: 1) }
        let cellWidth = 54.0, cellHeight = 36.0
        let labelLeft = 20.0, labelWidth = 250.0
        let gridLeft = labelLeft + labelWidth + 10
        let headerFont = 11.0
        let headers = traits.map { XMLText.label($0.label, maxCharacters: 32) }
        // Headers are rotated 45°: their length sets the header band's height and, for the last
        // columns, the room needed on the right.
        let longest = headers.map { TextLines.width($0, fontSize: headerFont) }.max() ?? 0
        let diagonal = longest * 0.7072
        let gridTop = 64 + diagonal + 14
        let gridRight = gridLeft + Double(traits.count) * cellWidth
        let width = max(gridRight + max(diagonal - cellWidth / 2, 0) + 20, 960)
        let gridBottom = gridTop + Double(rows.count) * cellHeight
        let height = gridBottom + 100

        var doc = SVGDocument(width: width, height: height)
        doc.chartHeading("What sets each segment apart",
                         subtitle: "Index vs all customers (segment mean or share ÷ overall × 100; 100 = average, "
                             + "≥ \(NarrativeFormat.index(overThreshold)) or ≤ \(NarrativeFormat.index(underThreshold)) is notable)")
        if traits.isEmpty {
            doc.element("text", [("x", f(labelLeft)), ("y", f(gridTop)), ("font-size", "13"), ("fill", ChartStyle.muted)],
                        text: "No profiled column sets a segment apart.")
        }
        doc.element("rect", [("class", "plot-area"), ("x", f(gridLeft)), ("y", f(gridTop)), ("width", f(gridRight - gridLeft)),
                             ("height", f(gridBottom - gridTop)), ("fill", "none")])

        doc.open("g", [("class", "trait-headers"), ("font-size", f(headerFont)), ("fill", ChartStyle.ink)])
        for (j, header) in headers.enumerated() {
            let x = gridLeft + (Double(j) + 0.5) * cellWidth, y = gridTop - 8
            doc.element("text", [("class", "trait"), ("data-column", traits[j].column), ("data-level", traits[j].level ?? ""),
                                 ("x", f(x)), ("y", f(y)), ("transform", "rotate(-45 \(f(x)) \(f(y)))")], text: header)
        }
        doc.close("g")

        let labelCharacters = TextLines.characters(fitting: labelWidth - 16, fontSize: 12)
        for (i, row) in rows.enumerated() {
            let top = gridTop + Double(i) * cellHeight
            let lines = TextLines.wrap(SegmentStyle.label(row.segment, name: row.name), maxCharacters: labelCharacters, maxLines: 2)
            SegmentStyle.marker(row.segment, x: labelLeft + 5, y: top + cellHeight / 2, size: 10,
                                fill: SegmentStyle.colour(row.segment), into: &doc)
            for (l, line) in lines.enumerated() {
                let y = top + cellHeight / 2 + 4 + (Double(l) - Double(lines.count - 1) / 2) * 14
                doc.element("text", [("class", "segment-label"), ("x", f(labelLeft + 16)), ("y", f(y)), ("font-size", "12"),
                                     ("fill", ChartStyle.ink)], text: line)
            }
            for (j, trait) in traits.enumerated() {
                let x = gridLeft + Double(j) * cellWidth
                let index = j < row.indices.count ? row.indices[j] : nil
                let fill = index.map { IndexScale.colour($0).hex } ?? Self.missingFill
                let ink = index.map { IndexScale.textColour(on: IndexScale.colour($0)) } ?? ChartStyle.muted
                doc.open("g", [("class", "cell"), ("data-segment", String(row.segment)), ("data-column", trait.column),
                               ("data-level", trait.level ?? "")])
                doc.element("rect", [("x", f(x + 1)), ("y", f(top + 1)), ("width", f(cellWidth - 2)), ("height", f(cellHeight - 2)),
                                     ("fill", fill)])
                let notable = index.map { $0 >= overThreshold || $0 <= underThreshold } ?? false
                doc.element("text", [("x", f(x + cellWidth / 2)), ("y", f(top + cellHeight / 2 + 4.5)), ("text-anchor", "middle"),
                                     ("font-size", "12"), ("font-weight", notable ? "600" : "400"), ("fill", ink)],
                            text: index.map { NarrativeFormat.index($0) } ?? "–")
                doc.close("g")
            }
        }
        drawLegend(left: gridLeft, top: gridBottom + 24, into: &doc)
        return doc.rendered(title: "Index heat map: \(rows.count) segments × \(traits.count) key traits")
    }

    /// The colour scale as a strip of small steps, ticks at round indices.
    private func drawLegend(left: Double, top: Double, into doc: inout SVGDocument) {
        let f = { (v: Double) in SVGNumber.format(v, decimals: 1) }
        let stripWidth = 360.0, steps = 60
        doc.open("g", [("class", "scale-legend"), ("font-size", "11"), ("fill", ChartStyle.muted)])
        doc.element("text", [("x", f(left)), ("y", f(top - 6)), ("fill", ChartStyle.ink)], text: "Index")
        for s in 0..<steps {
            // Even steps in log-ratio, from the low saturation to the high one.
            let position = -1 + 2 * (Double(s) + 0.5) / Double(steps)
            let index = 100 * IndexScale.ratio(atPosition: position)
            doc.element("rect", [("x", f(left + Double(s) * stripWidth / Double(steps))), ("y", f(top)),
                                 ("width", f(stripWidth / Double(steps) + 0.4)), ("height", "12"),
                                 ("fill", IndexScale.colour(index).hex)])
        }
        let lowest = 100 * IndexScale.ratio(atPosition: -1), highest = IndexScale.saturation
        for tick in [lowest, 50, 80, 100, 120, 150, 200, highest] {
            let x = left + (IndexScale.position(tick) + 1) / 2 * stripWidth
            doc.element("line", [("x1", f(x)), ("x2", f(x)), ("y1", f(top + 12)), ("y2", f(top + 16)), ("stroke", ChartStyle.muted)])
            doc.element("text", [("x", f(x)), ("y", f(top + 28)), ("text-anchor", "middle")],
                        text: tick == lowest ? "≤ " + NarrativeFormat.index(tick) : tick == highest ? "≥ " + NarrativeFormat.index(tick)
                            : NarrativeFormat.index(tick))
        }
        doc.element("text", [("x", f(left)), ("y", f(top + 46))],
                    text: "blue: below average · white: average · red: above average · grey: not available")
        doc.close("g")
    }
}

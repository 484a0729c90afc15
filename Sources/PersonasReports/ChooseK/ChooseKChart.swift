import PersonasClustering

/// `choose-k.svg`: every criterion against k on one page (small multiples sharing the k axis),
/// the recommended k marked in each, so an analyst sees at a glance where the criteria agree.
public struct ChooseKChart: Sendable {
    public var width: Double
    public var height: Double

    public init(width: Double = 960, height: Double = 600) {
        self.width = width
        self.height = height
    }

    private struct Panel {
        var title: String
        var series: [(name: String, values: [Double?], colour: String)]
        var band: [Double?]? = nil          // ± error per point on the first series
        var guides: [Double] = []           // horizontal dashed reference lines
        var mark: Int? = nil                // the k this criterion favours
    }

    public func svg(_ result: ChooseKResult) -> String {
        let ks = result.candidates.map(\.k)
        let vote = { (criterion: String) in result.votes.first { $0.criterion == criterion }?.k }
        var panels = [
            Panel(title: "Inertia (elbow)", series: [("inertia", result.candidates.map { $0.inertia }, QualitativePalette.colour(0))],
                  mark: vote("elbow")),
            Panel(title: "Silhouette ↑", series: [("silhouette", result.candidates.map { $0.silhouette }, QualitativePalette.colour(1))],
                  band: result.candidates.map { $0.silhouetteStandardError > 0 ? $0.silhouetteStandardError : nil },
                  mark: vote("silhouette")),
            Panel(title: "Calinski–Harabasz ↑",
                  series: [("CH", result.candidates.map { $0.calinskiHarabasz }, QualitativePalette.colour(2))],
                  mark: vote("Calinski–Harabasz")),
            Panel(title: "Davies–Bouldin ↓",
                  series: [("DB", result.candidates.map { $0.daviesBouldin }, QualitativePalette.colour(3))],
                  mark: vote("Davies–Bouldin")),
        ]
        if result.candidates.contains(where: { $0.gap != nil }) {
            panels.append(Panel(title: "Gap statistic (± s)",
                                series: [("gap", result.candidates.map { $0.gap }, QualitativePalette.colour(4))],
                                band: result.candidates.map { $0.gapStandardError }, mark: vote("gap statistic")))
        }
        if result.candidates.contains(where: { $0.stabilityJaccard != nil }) {
            panels.append(Panel(title: "Bootstrap stability (Jaccard)",
                                series: [("weakest segment", result.candidates.map { $0.minimumJaccard }, QualitativePalette.colour(5)),
                                         ("mean", result.candidates.map { c in c.stabilityJaccard.map { $0.reduce(0, +) / Double(max($0.count, 1)) } },
                                          QualitativePalette.colour(6))],
                                guides: [0.75, 0.85], mark: vote("bootstrap stability")))
        }

        var doc = SVGDocument(width: width, height: height)
        doc.element("rect", [("width", "100%"), ("height", "100%"), ("fill", "#ffffff")])
        doc.element("text", [("x", "20"), ("y", "28"), ("font-size", "17"), ("font-weight", "600"), ("fill", "#222")],
                    text: "How many segments? Recommended k = \(result.recommendedK)")
        doc.element("text", [("x", "20"), ("y", "48"), ("font-size", "12"), ("fill", "#555")],
                    text: "\(result.rows) customers, \(result.segmenter); the grey band marks the recommendation, "
                    + "a ring each criterion's own choice")
        let columns = 3, rows = (panels.count + columns - 1) / columns
        let top = 64.0, cellW = width / Double(columns), cellH = (height - top) / Double(max(rows, 1))
        for (index, panel) in panels.enumerated() {
            let x0 = Double(index % columns) * cellW, y0 = top + Double(index / columns) * cellH
            draw(panel, ks: ks, recommended: result.recommendedK, in: (x0, y0, cellW, cellH), into: &doc)
        }
        return doc.rendered(title: "Choosing k: validity indices, gap statistic and stability for k = "
                            + "\(ks.first!)…\(ks.last!); recommended k = \(result.recommendedK)")
    }

    private func draw(_ panel: Panel, ks: [Int], recommended: Int, in frame: (Double, Double, Double, Double),
                      into doc: inout SVGDocument) {
        let (x0, y0, w, h) = frame
        let left = x0 + 58, right = x0 + w - 16, top = y0 + 26, bottom = y0 + h - 38
        var all: [Double] = panel.guides
        for s in panel.series { all += s.values.compactMap { $0 } }
        if let band = panel.band {
            for (v, e) in zip(panel.series[0].values, band) { if let v, let e { all += [v - e, v + e] } }
        }
        let ticks = RangeTicks(low: all.min() ?? 0, high: all.max() ?? 1)
        let kLow = Double(ks.first!), kHigh = Double(max(ks.last!, ks.first! + 1))
        func px(_ k: Double) -> Double { left + (k - kLow) / (kHigh - kLow) * (right - left) }
        func py(_ v: Double) -> Double { bottom - (v - ticks.low) / (ticks.high - ticks.low) * (bottom - top) }
        func f(_ v: Double) -> String { SVGNumber.format(v, decimals: 1) }

        doc.element("text", [("x", f(left)), ("y", f(y0 + 16)), ("font-size", "13"), ("font-weight", "600"),
                             ("fill", "#222")], text: panel.title)
        // The recommendation band first, behind everything.
        doc.element("rect", [("x", f(px(Double(recommended)) - 7)), ("y", f(top)), ("width", "14"),
                             ("height", f(bottom - top)), ("fill", "#e6e6e6")])
        for tick in ticks.values {
            doc.element("line", [("x1", f(left)), ("x2", f(right)), ("y1", f(py(tick))), ("y2", f(py(tick))),
                                 ("stroke", "#eeeeee")])
            doc.element("text", [("x", f(left - 6)), ("y", f(py(tick) + 4)), ("font-size", "10"), ("text-anchor", "end"),
                                 ("fill", "#555")], text: ticks.label(tick))
        }
        for guide in panel.guides {
            doc.element("line", [("x1", f(left)), ("x2", f(right)), ("y1", f(py(guide))), ("y2", f(py(guide))),
                                 ("stroke", "#999999"), ("stroke-dasharray", "4 3")])
        }
        doc.element("line", [("x1", f(left)), ("x2", f(right)), ("y1", f(bottom)), ("y2", f(bottom)), ("stroke", "#444")])
        doc.element("line", [("x1", f(left)), ("x2", f(left)), ("y1", f(top)), ("y2", f(bottom)), ("stroke", "#444")])
        let labelEvery = max(1, ks.count / 10)
        for (i, k) in ks.enumerated() where i % labelEvery == 0 || k == recommended {
            doc.element("text", [("x", f(px(Double(k)))), ("y", f(bottom + 14)), ("font-size", "10"),
                                 ("text-anchor", "middle"), ("fill", "#555")], text: String(k))
        }
        doc.element("text", [("x", f((left + right) / 2)), ("y", f(bottom + 28)), ("font-size", "10"),
                             ("text-anchor", "middle"), ("fill", "#555")], text: "k (segments)")
        if let band = panel.band {
            for (i, k) in ks.enumerated() {
                guard let v = panel.series[0].values[i], let e = band[i] else { continue }
                doc.element("line", [("x1", f(px(Double(k)))), ("x2", f(px(Double(k)))), ("y1", f(py(v - e))),
                                     ("y2", f(py(v + e))), ("stroke", panel.series[0].colour), ("stroke-width", "1.5")])
            }
        }
        for (s, series) in panel.series.enumerated() {
            let points = zip(ks, series.values).compactMap { k, v in v.map { "\(f(px(Double(k)))),\(f(py($0)))" } }
            doc.element("polyline", [("points", points.joined(separator: " ")), ("fill", "none"),
                                     ("stroke", series.colour), ("stroke-width", "2")])
            for (k, v) in zip(ks, series.values) {
                guard let v else { continue }
                doc.element("circle", [("cx", f(px(Double(k)))), ("cy", f(py(v))), ("r", "3"), ("fill", series.colour)])
                if s == 0, k == panel.mark {
                    doc.element("circle", [("cx", f(px(Double(k)))), ("cy", f(py(v))), ("r", "7"), ("fill", "none"),
                                           ("stroke", "#222"), ("stroke-width", "1.5")])
                }
            }
            if panel.series.count > 1 {
                doc.element("text", [("x", f(right - 4)), ("y", f(top + 12 + Double(s) * 13)), ("font-size", "10"),
                                     ("text-anchor", "end"), ("fill", series.colour)], text: series.name)
            }
        }
    }
}

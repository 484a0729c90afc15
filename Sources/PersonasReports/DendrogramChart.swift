import PersonasClustering

/// A dendrogram drawn as a self-contained SVG (no scripts, fonts or external references), laid
/// out like SciPy's `scipy.cluster.hierarchy.dendrogram`.
///
/// Leaves run left to right in the pre-order of the drawn tree (left child first), links are
/// U-shaped and the vertical axis is the merge height. Large trees are truncated like SciPy's
/// `truncate_mode='lastp'`: only the last ``lastMerges`` − 1 merges are drawn, and a leaf that
/// stands for several observations is labelled with their number, "(123)". Drawing costs O(p)
/// for p leaves whatever the number of observations, plus O(n log n) when ``clusterCount`` is set.
///
/// Centroid and median trees can have inversions (a merge lower than one below it); links are
/// drawn at their own heights, as SciPy does.
///
/// The document is made to be read by tools as well: links are `<path class="link">` in merge
/// order (so a merge comes after the merges below it), leaf labels `<text class="leaf">` left to
/// right, the cut `<line class="cut">`.
public struct DendrogramChart: Sendable {
    /// Drawn at the top when given.
    public var title: String?
    /// p: show only the top p clusters as leaves (SciPy's `truncate_mode='lastp'`). p ≥ n, or
    /// p ≤ 0, shows every observation.
    public var lastMerges: Int
    /// When given, branches inside the clusters of `Dendrogram.labels(clusterCount:)` are coloured
    /// per cluster (cluster 0, the largest, first in the palette; a colour-blind-safe palette that
    /// repeats after seven clusters), links above the cut are grey, a strip under the leaves shows
    /// each leaf's cluster, and a dashed line marks the cut height.
    public var clusterCount: Int?
    /// Names of the observations (such as customer ids) for leaves that are single observations;
    /// observations without a name (a shorter list, or none) show their number. Long names are
    /// shortened to 24 characters.
    public var leafNames: [String]?
    /// Size of the image in pixels.
    public var width: Double
    public var height: Double

    public init(
        title: String? = nil,
        lastMerges: Int = 30,
        clusterCount: Int? = nil,
        leafNames: [String]? = nil,
        width: Double = 900,
        height: Double = 500
    ) {
        self.title = title
        self.lastMerges = lastMerges
        self.clusterCount = clusterCount
        self.leafNames = leafNames
        self.width = width
        self.height = height
    }

    static let maxLabelCharacters = 24
    static let textColour = "#333333"
    static let uncolouredLink = "#3B4B5C"

    /// The SVG document for `dendrogram`.
    public func svg(_ dendrogram: Dendrogram) -> String {
        let n = dendrogram.observationCount
        let tree = TruncatedDendrogram(dendrogram, lastMerges: lastMerges)
        let colouring = clusterCount.flatMap { ClusterColouring(dendrogram, clusterCount: $0) }
        let width = self.width.isFinite ? max(self.width, 240) : 900
        let height = self.height.isFinite ? max(self.height, 200) : 500
        let f = { (value: Double) in SVGNumber.format(value) }

        // Vertical scale: 0 to the highest drawn merge (and the cut).
        var maxHeight = 0.0
        for k in tree.drawnMerges { maxHeight = max(maxHeight, dendrogram.merges[k].height) }
        if let colouring { maxHeight = max(maxHeight, colouring.cutHeight) }
        let ticks = NiceTicks(upTo: maxHeight)
        let tickLabels = ticks.values.map { ticks.label($0) }

        let leafLabels = tree.leaves.map { leaf -> String in
            if leaf.isTruncated { return "(\(leaf.count))" }
            let name = leafNames.flatMap { leaf.node < $0.count ? $0[leaf.node] : nil } ?? String(leaf.node)
            return XMLText.label(name, maxCharacters: Self.maxLabelCharacters)
        }

        // Margins: title, legend, tick labels and axis title, rotated leaf labels.
        let titleBlock = title == nil ? 0.0 : 32
        let legendBlock = colouring == nil ? 0.0 : 22
        let plotTop = 16 + titleBlock + legendBlock
        let tickCharacters = Double(tickLabels.map(\.count).max() ?? 1)
        let plotLeft = 24 + 10 + tickCharacters * 6.6 + 8
        let plotRight = width - 20
        let spacing = (plotRight - plotLeft) / Double(tree.leaves.count)
        let leafFont = min(12, max(spacing * 0.8, 1))
        let bandHeight = colouring == nil ? 0.0 : 5
        let labelTop = bandHeight + 6
        let labelCharacters = Double(leafLabels.map(\.count).max() ?? 1)
        let bottomMargin = min(labelTop + labelCharacters * leafFont * 0.62 + 10, height * 0.45)
        let plotBottom = max(height - bottomMargin, plotTop + 40)
        let plotHeight = plotBottom - plotTop
        let y = { (h: Double) in plotBottom - min(max(h, 0), ticks.top) / ticks.top * plotHeight }
        let leafX = { (i: Int) in plotLeft + (Double(i) + 0.5) * spacing }

        var doc = SVGDocument(width: width, height: height)
        doc.element("rect", [("width", f(width)), ("height", f(height)), ("fill", "#ffffff")])
        if let title {
            doc.element("text", [("class", "title"), ("x", f(width / 2)), ("y", "26"), ("text-anchor", "middle"),
                                 ("font-size", "16"), ("font-weight", "600"), ("fill", "#222222")],
                        text: XMLText.label(title, maxCharacters: max(Int((width - 40) / 9.5), 8)))
        }
        if let colouring { drawLegend(colouring, into: &doc, y: 16 + titleBlock, left: plotLeft, right: plotRight) }

        // Axis: gridlines, ticks and their labels, axis title.
        doc.open("g", [("class", "axis"), ("font-size", "11"), ("fill", Self.textColour)])
        for (value, label) in zip(ticks.values, tickLabels) {
            let ty = f(y(value))
            doc.element("line", [("x1", f(plotLeft)), ("y1", ty), ("x2", f(plotRight)), ("y2", ty),
                                 ("stroke", "#ECECEC"), ("stroke-width", "1")])
            doc.element("line", [("x1", f(plotLeft - 5)), ("y1", ty), ("x2", f(plotLeft)), ("y2", ty),
                                 ("stroke", "#666666"), ("stroke-width", "1")])
            doc.element("text", [("class", "tick"), ("x", f(plotLeft - 8)), ("y", f(y(value) + 4)),
                                 ("text-anchor", "end")], text: label)
        }
        doc.element("line", [("x1", f(plotLeft)), ("y1", f(plotTop)), ("x2", f(plotLeft)), ("y2", f(plotBottom)),
                             ("stroke", "#666666"), ("stroke-width", "1")])
        let axisTitleX = f(16), axisTitleY = f((plotTop + plotBottom) / 2)
        doc.element("text", [("class", "axis-title"), ("x", axisTitleX), ("y", axisTitleY), ("text-anchor", "middle"),
                             ("font-size", "12"), ("transform", "rotate(-90 \(axisTitleX) \(axisTitleY))")],
                    text: "height (\(dendrogram.method.rawValue) linkage)")
        doc.close("g")

        // Links, children before parents (merge order), each from its children's tops.
        var position: [Int: (x: Double, y: Double)] = [:]
        position.reserveCapacity(2 * tree.leaves.count)
        for (i, leaf) in tree.leaves.enumerated() { position[leaf.node] = (leafX(i), plotBottom) }
        let linkWidth = min(1.5, max(0.5, spacing * 0.4))
        doc.open("g", [("class", "links"), ("fill", "none"), ("stroke-width", f(linkWidth)),
                       ("stroke-linecap", "square"), ("stroke-linejoin", "miter")])
        for k in tree.drawnMerges {
            let merge = dendrogram.merges[k]
            guard let left = position[merge.left], let right = position[merge.right] else { continue }
            let top = y(merge.height)
            position[n + k] = ((left.x + right.x) / 2, top)
            var colour = Self.uncolouredLink
            if let colouring {
                colour = colouring.cluster(ofNode: n + k, in: dendrogram).map(QualitativePalette.colour)
                    ?? QualitativePalette.neutral
            }
            let d = "M\(f(left.x)) \(f(left.y))V\(f(top))H\(f(right.x))V\(f(right.y))"
            doc.element("path", [("class", "link"), ("d", d), ("stroke", colour)])
        }
        doc.close("g")

        // Each leaf's cluster as a strip under the baseline (single observations and truncated
        // clusters have no link of their own colour), runs of one colour as one rectangle.
        if let colouring {
            doc.open("g", [("class", "cluster-strip")])
            var start = 0
            while start < tree.leaves.count {
                let cluster = colouring.cluster(ofNode: tree.leaves[start].node, in: dendrogram)
                var end = start + 1
                while end < tree.leaves.count, colouring.cluster(ofNode: tree.leaves[end].node, in: dendrogram) == cluster {
                    end += 1
                }
                let colour = cluster.map(QualitativePalette.colour) ?? QualitativePalette.neutral
                let x0 = plotLeft + Double(start) * spacing, x1 = plotLeft + Double(end) * spacing
                let gap = min(1, spacing * 0.2)
                doc.element("rect", [("x", f(x0 + gap / 2)), ("y", f(plotBottom + 1)), ("width", f(x1 - x0 - gap)),
                                     ("height", f(bandHeight)), ("fill", colour)])
                start = end
            }
            doc.close("g")

            let cutY = y(colouring.cutHeight)
            doc.element("line", [("class", "cut"), ("x1", f(plotLeft)), ("y1", f(cutY)), ("x2", f(plotRight)),
                                 ("y2", f(cutY)), ("stroke", "#444444"), ("stroke-width", "1"),
                                 ("stroke-dasharray", "6 4")])
            // The label on a white patch at the right end of the line, so links do not cross it
            // (a patch rather than a text halo: not every renderer supports paint-order).
            let clusters = colouring.clusterCount == 1 ? "1 cluster" : "\(colouring.clusterCount) clusters"
            let cutLabel = "cut: \(clusters)"
            let labelWidth = Double(cutLabel.count) * 6.2 + 8
            doc.element("rect", [("x", f(plotRight - labelWidth)), ("y", f(cutY - 16)), ("width", f(labelWidth)),
                                 ("height", "13"), ("fill", "#ffffff"), ("fill-opacity", "0.85")])
            doc.element("text", [("class", "cut-label"), ("x", f(plotRight - 3)), ("y", f(cutY - 6)),
                                 ("text-anchor", "end"), ("font-size", "11"), ("fill", "#444444")],
                        text: cutLabel)
        }

        // Leaf labels, rotated to read upwards, ending just under the baseline.
        doc.open("g", [("class", "leaves"), ("font-size", f(leafFont)), ("fill", Self.textColour),
                       ("text-anchor", "end")])
        let labelY = plotBottom + labelTop
        for (i, label) in leafLabels.enumerated() {
            let x = f(leafX(i) + leafFont * 0.35), ly = f(labelY)
            doc.element("text", [("class", "leaf"), ("x", x), ("y", ly), ("transform", "rotate(-90 \(x) \(ly))")],
                        text: label)
        }
        doc.close("g")

        let accessibleName = title ?? "Dendrogram of \(n) observations (\(dendrogram.method.rawValue) linkage)"
        return doc.rendered(title: accessibleName)
    }

    /// One row of swatches under the title: "cluster 0 (412)", as many as fit.
    private func drawLegend(_ colouring: ClusterColouring, into doc: inout SVGDocument, y: Double,
                            left: Double, right: Double) {
        let f = { (value: Double) in SVGNumber.format(value) }
        doc.open("g", [("class", "legend"), ("font-size", "11"), ("fill", Self.textColour)])
        var x = left
        for (cluster, size) in colouring.sizes.enumerated() {
            let text = "cluster \(cluster) (\(size))"
            let itemWidth = 14 + Double(text.count) * 6.2 + 14
            let remaining = colouring.sizes.count - cluster
            if x + itemWidth > right - (remaining > 1 ? 60 : 0), cluster > 0 {
                doc.element("text", [("x", f(x)), ("y", f(y + 10))], text: "+\(remaining) more")
                break
            }
            doc.element("rect", [("x", f(x)), ("y", f(y + 1)), ("width", "10"), ("height", "10"),
                                 ("fill", QualitativePalette.colour(cluster))])
            doc.element("text", [("x", f(x + 14)), ("y", f(y + 10))], text: text)
            x += itemWidth
        }
        doc.close("g")
    }
}

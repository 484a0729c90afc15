import Foundation
import FoundationXML
import PersonasClustering
@testable import PersonasReports
import Testing

// MARK: - Trees built directly from merges

/// Single linkage of points on a line: adjacent gaps merged shortest first (Kruskal on a path),
/// in SciPy's convention (smaller id left, merge k creates n + k).
private func lineTree(_ points: [Double], method: LinkageMethod = .single) throws -> Dendrogram {
    let n = points.count
    let order = points.indices.sorted { points[$0] < points[$1] }
    let gaps = (0..<max(n - 1, 0)).sorted {
        (points[order[$0 + 1]] - points[order[$0]], $0) < (points[order[$1 + 1]] - points[order[$1]], $1)
    }
    var parent = Array(0..<n)            // union-find over observations
    var clusterId = Array(0..<n)         // the cluster id held by each union-find root
    var count = [Int](repeating: 1, count: n)
    func find(_ i: Int) -> Int {
        var i = i
        while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
        return i
    }
    var merges: [Dendrogram.Merge] = []
    for g in gaps {
        let a = find(order[g]), b = find(order[g + 1])
        let (idA, idB) = (clusterId[a], clusterId[b])
        let size = count[a] + count[b]
        merges.append(.init(left: min(idA, idB), right: max(idA, idB),
                            height: points[order[g + 1]] - points[order[g]], size: Double(size), count: size))
        parent[b] = a
        count[a] = size
        clusterId[a] = n + merges.count - 1
    }
    return try Dendrogram(observationCount: n, method: method, merges: merges)
}

/// Each merge adds the next observation to everything merged so far: n − 1 levels deep.
private func chainTree(_ n: Int) throws -> Dendrogram {
    var merges: [Dendrogram.Merge] = [.init(left: 0, right: 1, height: 1, size: 2, count: 2)]
    merges.reserveCapacity(n - 1)
    for k in 1..<(n - 1) {
        merges.append(.init(left: k + 1, right: n + k - 1, height: Double(k + 1), size: Double(k + 2), count: k + 2))
    }
    return try Dendrogram(observationCount: n, method: .single, merges: merges)
}

/// Deterministic points in `groups` well separated groups, observation numbers shuffled.
private func groupedPoints(_ n: Int, groups: Int, seed: UInt64) -> [Double] {
    var state = seed
    func next() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53)
    }
    return (0..<n).map { _ in Double(Int(next() * Double(groups))) * 100 + next() * 10 }
}

// MARK: - Reading the SVG back

private extension ParsedChart {
    /// Leaf labels as drawn: (text, x).
    var leafLabels: [(text: String, x: Double)] {
        elements(class: "leaf").map { ($0.stringValue ?? "", Double($0.value(of: "x") ?? "") ?? .nan) }
    }

    /// Links as drawn, in merge order: the path "M x0 y0 V top H x1 V y1".
    var links: [(x0: Double, y0: Double, top: Double, x1: Double, y1: Double, stroke: String)] {
        elements(class: "link").map { path in
            let d = path.value(of: "d") ?? ""
            let numbers = d.split(whereSeparator: { "MVH ".contains($0) }).map { Double($0) ?? .nan }
            let stroke = path.value(of: "stroke") ?? ""
            guard numbers.count == 5 else { return (.nan, .nan, .nan, .nan, .nan, stroke) }
            return (numbers[0], numbers[1], numbers[2], numbers[3], numbers[4], stroke)
        }
    }
}

/// The leaves of SciPy's lastp-truncated tree, left to right, by an independent recursive walk.
private func expectedTruncatedLeaves(_ tree: Dendrogram, p: Int) -> [Int] {
    let n = tree.observationCount
    func walk(_ node: Int) -> [Int] {
        guard node >= 2 * n - p, node >= n else { return [node] }
        return walk(tree.merges[node - n].left) + walk(tree.merges[node - n].right)
    }
    return walk(2 * n - 2)
}

// MARK: - Tests

@Suite("Dendrogram chart")
struct DendrogramChartTests {
    @Test("the document is well-formed XML, text escaped, no scripts or external references")
    func wellFormed() throws {
        let tree = try lineTree(groupedPoints(12, groups: 3, seed: 1))
        var names = (0..<12).map { "cust-\($0)" }
        names[3] = "<Müller & \"Söhne\">'s\u{1}\u{0B}"
        let chart = DendrogramChart(title: "Personas <beta> & co", lastMerges: 100, clusterCount: 3, leafNames: names)
        let svg = chart.svg(tree)
        let parsed = try ParsedChart(svg)
        #expect(parsed.document.rootElement()?.name == "svg")
        #expect(parsed.elements(class: "title").first?.stringValue == "Personas <beta> & co")
        let labels = parsed.leafLabels.map(\.text)
        #expect(labels.contains("<Müller & \"Söhne\">'s"))
        #expect(!svg.contains("<script"))
        #expect(!svg.contains("href"))
        #expect(!svg.contains("url("))
        #expect(parsed.elements(class: "axis-title").first?.stringValue == "height (single linkage)")
    }

    @Test("untruncated: one label per observation, left to right in the leaf order")
    func leafLabelsFollowLeafOrder() throws {
        let tree = try lineTree(groupedPoints(40, groups: 4, seed: 7))
        let names = (0..<40).map { "c\($0 * 7 % 40)x" }
        let parsed = try ParsedChart(DendrogramChart(lastMerges: 40, leafNames: names).svg(tree))
        let labels = parsed.leafLabels
        #expect(labels.count == 40)
        #expect(zip(labels, labels.dropFirst()).allSatisfy { $0.x < $1.x })
        #expect(labels.map(\.text) == tree.leafOrder.map { names[$0] })
        #expect(tree.leafOrder != Array(0..<40)) // otherwise the check above proves little
        // Without names, the observation numbers.
        let numbered = try ParsedChart(DendrogramChart(lastMerges: 0).svg(tree)).leafLabels.map(\.text)
        #expect(numbered == tree.leafOrder.map(String.init))
    }

    @Test("truncated: p leaves in pre-order, cluster sizes in parentheses adding up to n")
    func truncatedLeaves() throws {
        let tree = try lineTree(groupedPoints(500, groups: 6, seed: 3))
        for p in [1, 2, 12, 30] {
            let labels = try ParsedChart(DendrogramChart(lastMerges: p).svg(tree)).leafLabels
            #expect(labels.count == p)
            #expect(zip(labels, labels.dropFirst()).allSatisfy { $0.x < $1.x })
            let expected = expectedTruncatedLeaves(tree, p: p).map { node in
                node < 500 ? String(node) : "(\(tree.merges[node - 500].count))"
            }
            #expect(labels.map(\.text) == expected)
            let total = labels.reduce(0) { sum, label in
                label.text.hasPrefix("(") ? sum + (Int(label.text.dropFirst().dropLast()) ?? -1_000_000) : sum + 1
            }
            #expect(total == 500)
        }
    }

    @Test("a higher merge is drawn higher, and each link starts at its children's tops")
    func heightsMapMonotonically() throws {
        let tree = try lineTree(groupedPoints(30, groups: 5, seed: 11))
        let links = try ParsedChart(DendrogramChart(lastMerges: 30).svg(tree)).links
        let n = 30
        try #require(links.count == n - 1)
        let baseline = links.map { max($0.y0, $0.y1) }.max() ?? 0
        for (k, merge) in tree.merges.enumerated() {
            #expect(links[k].top < baseline)
            for (j, other) in tree.merges.enumerated() where other.height > merge.height {
                #expect(links[j].top < links[k].top, "merge \(j) at \(other.height) vs merge \(k) at \(merge.height)")
            }
            for (child, x, y) in [(merge.left, links[k].x0, links[k].y0), (merge.right, links[k].x1, links[k].y1)] {
                if child >= n {
                    let c = links[child - n]
                    #expect(abs(y - c.top) < 0.02)
                    #expect(abs(x - (c.x0 + c.x1) / 2) < 0.02)
                } else {
                    #expect(abs(y - baseline) < 0.02)
                }
            }
        }
    }

    @Test("a cut line and one colour per cluster exactly when clusterCount is given")
    func clusterColours() throws {
        let tree = try lineTree(groupedPoints(40, groups: 3, seed: 5))
        let plain = try ParsedChart(DendrogramChart(lastMerges: 40).svg(tree))
        #expect(plain.elements(class: "cut").isEmpty)
        #expect(Set(plain.links.map(\.stroke)).count == 1)

        for k in [2, 3] {
            let labels = try tree.labels(clusterCount: k)
            #expect(Set(labels).count == k)
            let parsed = try ParsedChart(DendrogramChart(lastMerges: 40, clusterCount: k).svg(tree))
            let cuts = parsed.elements(class: "cut")
            #expect(cuts.count == 1)
            let cutY = Double(cuts.first?.value(of: "y1") ?? "") ?? .nan
            let coloured = parsed.links.filter { $0.stroke != QualitativePalette.neutral }
            #expect(Set(coloured.map(\.stroke)).count == k)
            #expect(coloured.allSatisfy { $0.top > cutY })
            #expect(parsed.links.filter { $0.stroke == QualitativePalette.neutral }.allSatisfy { $0.top < cutY })
            // Leaves of one cluster share the colour of the cluster's links: strip under the leaves.
            let strip = parsed.elements.filter { $0.parent.flatMap { ($0 as? XMLElement)?.value(of: "class") } == "cluster-strip" }
            #expect(Set(strip.compactMap { $0.value(of: "fill") }) == Set(coloured.map(\.stroke)))
        }
    }

    @Test("a 200,000-deep chain renders truncated, quickly, without deep recursion")
    func deepChain() throws {
        let n = 200_000
        let tree = try chainTree(n)
        let clock = ContinuousClock()
        var svg = ""
        let elapsed = clock.measure { svg = DendrogramChart(lastMerges: 30).svg(tree) }
        #expect(elapsed < .seconds(1))
        let labels = try ParsedChart(svg).leafLabels
        #expect(labels.count == 30)
        // Each merge puts the new observation (the smaller id) left: n − 1, n − 2, …, then the rest.
        #expect(labels.map(\.text) == (n - 29..<n).reversed().map(String.init) + ["(\(n - 29))"])
        // With clusters: an O(n) pass, still no recursion.
        let coloured = try ParsedChart(DendrogramChart(lastMerges: 30, clusterCount: 4).svg(tree))
        #expect(coloured.elements(class: "cut").count == 1)
        // Everything shown: n labels.
        let small = try chainTree(2_000)
        #expect(try ParsedChart(DendrogramChart(lastMerges: 2_000).svg(small)).leafLabels.count == 2_000)
    }

    @Test("inversions, equal heights, a single observation: finite numbers only")
    func degenerateTrees() throws {
        // Centroid-like: merge 1 (at 2) is lower than its child merge 0 (at 3).
        let inverted = try Dendrogram(observationCount: 4, method: .centroid, merges: [
            .init(left: 0, right: 1, height: 3, size: 2, count: 2),
            .init(left: 2, right: 4, height: 2, size: 3, count: 3),
            .init(left: 3, right: 5, height: 2.5, size: 4, count: 4),
        ])
        let zero = try Dendrogram(observationCount: 3, method: .median, merges: [
            .init(left: 0, right: 1, height: 0, size: 2, count: 2),
            .init(left: 2, right: 3, height: 0, size: 3, count: 3),
        ])
        let single = try Dendrogram(observationCount: 1, method: .ward, merges: [])
        let tiny = try Dendrogram(observationCount: 2, method: .ward, merges: [.init(left: 0, right: 1, height: 1e-12, size: 2, count: 2)])
        let huge = try Dendrogram(observationCount: 2, method: .ward, merges: [.init(left: 0, right: 1, height: 3.7e14, size: 2, count: 2)])
        for tree in [inverted, zero, single, tiny, huge] {
            for k: Int? in [nil, 1, 2, 3, 10] {
                for size in [(900.0, 500.0), (10, 10), (.nan, .infinity)] {
                    let svg = DendrogramChart(clusterCount: k, width: size.0, height: size.1).svg(tree)
                    for bad in ["nan", "inf"] { #expect(!svg.lowercased().contains(bad), "\(bad) in \(svg)") }
                    let parsed = try ParsedChart(svg)
                    #expect(parsed.leafLabels.count == tree.observationCount)
                    #expect(parsed.links.count == tree.observationCount - 1)
                    #expect(parsed.links.allSatisfy { [$0.x0, $0.y0, $0.top, $0.x1, $0.y1].allSatisfy(\.isFinite) })
                    #expect(parsed.leafLabels.allSatisfy { $0.x.isFinite })
                }
            }
        }
        // The inverted merge is drawn at its own height, below its child.
        let links = try ParsedChart(DendrogramChart().svg(inverted)).links
        #expect(links[1].top > links[0].top)
        #expect(links[2].top < links[1].top && links[2].top > links[0].top)
        #expect(try ParsedChart(DendrogramChart().svg(single)).leafLabels.map(\.text) == ["0"])
    }

    @Test("tick labels are nice numbers")
    func ticks() {
        #expect(NiceTicks(upTo: 9.3).values == [0, 2, 4, 6, 8, 10])
        #expect(NiceTicks(upTo: 0.3).values.map { NiceTicks(upTo: 0.3).label($0) } == ["0", "0.1", "0.2", "0.3"])
        #expect(NiceTicks(upTo: 0).top == 1)
        let big = NiceTicks(upTo: 3.7e14)
        #expect(big.values.map(big.label).last == "4e14")
        #expect(SVGNumber.format(-0.004) == "0")
        #expect(SVGNumber.format(12.5) == "12.5")
        #expect(SVGNumber.format(3.10) == "3.1")
        #expect(SVGNumber.format(-2.05, decimals: 2) == "-2.05")
        #expect(SVGNumber.format(.nan) == "0")
    }
}

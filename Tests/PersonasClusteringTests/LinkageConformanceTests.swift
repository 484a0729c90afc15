import Foundation
@testable import PersonasClustering
import PersonasNumerics
import PersonasTestSupport
import Testing

/// SciPy 1.17 results from Tests/Fixtures/hierarchical/make_linkage_fixtures.py (its docstring
/// pins down every convention these tests rely on).
private struct LinkageReference: Decodable {
    struct Dataset: Decodable {
        let name: String
        let n: Int
        let d: Int
        let X: [[Double]]
        let pdist: [String: [Double]]?
        let linkages: [Case]
    }
    struct Case: Decodable {
        let method: String
        let metric: String
        let input: String
        let Z: [[Double]]
        let leaves_list: [Int]
        let fcluster_maxclust: [MaxClust]
        let fcluster_distance: [DistanceCut]
        let cophenetic_correlation: Double
        let cophenetic_distances: [Double]?
    }
    struct MaxClust: Decodable {
        let k: Int
        let n_clusters: Int
        let labels: [Int32]
    }
    struct DistanceCut: Decodable {
        let rule: String
        let t: Double
        let boundary_sensitive: Bool
        let n_clusters: Int
        let labels: [Int32]
    }
    struct Weighted: Decodable {
        let X: [[Double]]
        let weights: [Double]
        let Z_weighted: [[Double]]
        let n_points: [Int]
    }
    let datasets: [Dataset]
    let weighted_ward: Weighted
}

private let reference: LinkageReference = try! Fixtures.json("hierarchical/linkage_reference.json")

private struct CaseID: CustomTestStringConvertible, Sendable {
    let dataset: Int
    let linkage: Int
    var testDescription: String {
        let set = reference.datasets[dataset], c = set.linkages[linkage]
        return "\(set.name) \(c.method) \(c.metric)"
    }
}

private let allCases: [CaseID] = reference.datasets.indices.flatMap { s in
    reference.datasets[s].linkages.indices.map { CaseID(dataset: s, linkage: $0) }
}

private func metric(_ scipyName: String) -> DistanceMetric {
    switch scipyName {
    case "cityblock": .manhattan
    case "sqeuclidean": .squaredEuclidean
    case "cosine": .cosine
    default: .euclidean
    }
}

/// Same merge pairs and sizes, heights within `tolerance` relative.
func expectSameLinkage(_ tree: Dendrogram, _ z: [[Double]], tolerance: Double = 1e-10,
                               sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(tree.merges.count == z.count, sourceLocation: sourceLocation)
    var worst = 0.0
    for (merge, row) in zip(tree.merges, z) {
        #expect(Double(merge.left) == row[0] && Double(merge.right) == row[1] && merge.size == row[3],
                "merge \(merge) differs from SciPy's \(row)", sourceLocation: sourceLocation)
        worst = max(worst, abs(merge.height - row[2]) / max(abs(row[2]), .leastNormalMagnitude))
    }
    #expect(worst <= tolerance, "largest relative height error \(worst)", sourceLocation: sourceLocation)
}

/// Whether two labellings are the same partition (a bijection between their label values).
private func samePartition(_ a: [Int32], _ b: [Int32]) -> Bool {
    guard a.count == b.count else { return false }
    var forward: [Int32: Int32] = [:], backward: [Int32: Int32] = [:]
    for (x, y) in zip(a, b) {
        if forward[x, default: y] != y || backward[y, default: x] != x { return false }
        forward[x] = y
        backward[y] = x
    }
    return true
}

@Suite("Hierarchical clustering against SciPy")
struct LinkageConformanceTests {
    @Test("Every method, every data set: SciPy's merge pairs, sizes and heights (1e-10 relative)",
          arguments: allCases)
    fileprivate func linkageMatchesSciPy(_ id: CaseID) throws {
        let set = reference.datasets[id.dataset], c = set.linkages[id.linkage]
        let method = try #require(LinkageMethod(rawValue: c.method))
        let x = Matrix(set.X)
        if c.input == "observations" {
            let tree = try HierarchicalClustering.fit(x, HierarchicalConfiguration(method: method))
            expectSameLinkage(tree, c.Z)
            #expect(tree.leafOrder == c.leaves_list)
            // The same tree through the condensed-matrix path.
            let distances = try CondensedDistanceMatrix(x, metric: .euclidean)
            expectSameLinkage(try HierarchicalClustering.fit(distances: distances, method: method), c.Z)
        } else {
            // A precomputed condensed matrix (SciPy's pdist) and our own metric on the rows.
            let given = try CondensedDistanceMatrix(count: set.n, values: try #require(set.pdist?[c.metric]))
            expectSameLinkage(try HierarchicalClustering.fit(distances: given, method: method), c.Z)
            let ours = try HierarchicalClustering.fit(x, HierarchicalConfiguration(method: method, metric: metric(c.metric)))
            expectSameLinkage(ours, c.Z)
        }
    }

    @Test("Cuts, leaf order and cophenetic distances from SciPy's own Z", arguments: allCases)
    fileprivate func treeQueriesMatchSciPy(_ id: CaseID) throws {
        let set = reference.datasets[id.dataset], c = set.linkages[id.linkage]
        let method = try #require(LinkageMethod(rawValue: c.method))
        let tree = try Dendrogram(linkageMatrix: Matrix(c.Z), method: method)
        #expect(tree.leafOrder == c.leaves_list)
        for cut in c.fcluster_maxclust {
            let labels = try tree.labels(clusterCount: cut.k)
            #expect(Int(labels.max()!) + 1 == cut.n_clusters, "k = \(cut.k)")
            #expect(samePartition(labels, cut.labels), "maxclust k = \(cut.k)")
            // Numbered by size: 0 is the largest cluster.
            let sizes = (0..<cut.n_clusters).map { j in labels.filter { $0 == j }.count }
            #expect(sizes == sizes.sorted(by: >))
        }
        for cut in c.fcluster_distance {
            let labels = try tree.labels(height: cut.t)
            #expect(Int(labels.max()!) + 1 == cut.n_clusters, "\(cut.rule)")
            #expect(samePartition(labels, cut.labels), "\(cut.rule) t = \(cut.t)")
        }
        if let expected = c.cophenetic_distances {
            #expect(tree.copheneticDistances().values == expected)
        }
        let original = try set.pdist.map { try CondensedDistanceMatrix(count: set.n, values: $0[c.metric]!) }
            ?? CondensedDistanceMatrix(Matrix(set.X), metric: .euclidean)
        let r = try tree.copheneticCorrelation(with: original)
        #expect(abs(r - c.cophenetic_correlation) <= 1e-12 * abs(c.cophenetic_correlation))
    }

    @Test("maxclust labels of our own fit equal SciPy's, up to renumbering", arguments: allCases)
    fileprivate func ownCutsMatch(_ id: CaseID) throws {
        let set = reference.datasets[id.dataset], c = set.linkages[id.linkage]
        guard c.input == "observations" else { return }
        let method = try #require(LinkageMethod(rawValue: c.method))
        let tree = try HierarchicalClustering.fit(Matrix(set.X), HierarchicalConfiguration(method: method))
        for cut in c.fcluster_maxclust {
            #expect(samePartition(try tree.labels(clusterCount: cut.k), cut.labels), "k = \(cut.k)")
        }
        for cut in c.fcluster_distance where !cut.boundary_sensitive {
            #expect(samePartition(try tree.labels(height: cut.t), cut.labels), "\(cut.rule)")
        }
    }

    @Test("Weighted Ward equals SciPy's Ward on the rows repeated by their weights")
    func weightedWard() throws {
        let w = reference.weighted_ward
        let x = Matrix(w.X)
        let tree = try HierarchicalClustering.fit(x, HierarchicalConfiguration(method: .ward, sampleWeights: w.weights))
        expectSameLinkage(tree, w.Z_weighted, tolerance: 1e-12)
        #expect(tree.merges.map(\.count) == w.n_points)
        // The condensed-matrix path with the same weights.
        let distances = try CondensedDistanceMatrix(x, metric: .euclidean)
        expectSameLinkage(try HierarchicalClustering.fit(distances: distances, method: .ward, sampleWeights: w.weights),
                          w.Z_weighted, tolerance: 1e-12)
    }
}

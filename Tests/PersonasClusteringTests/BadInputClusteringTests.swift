import Foundation
@testable import PersonasClustering
import PersonasNumerics
import PersonasTestSupport
import Testing

/// The clustering side of the bad-input catalogue (README.md's data section): degenerate matrices
/// as the prepared features of the catalogue's files would give them. Each has a precise error or a
/// documented, tested interpretation; none traps.
@Suite("Bad-input catalogue: clustering")
struct BadInputClusteringTests {
    /// 30 rows taking only two distinct values (few_distinct_rows.csv after preparation).
    static let twoDistinct = Matrix<Double>((0..<30).map { $0 % 2 == 0 ? [-1.0, -1.0] : [1.0, 1.0] })
    /// 30 identical rows (identical_rows.csv).
    static let identical = Matrix<Double>(rows: 30, columns: 2, repeating: 0.5)

    /// Values around `magnitude`, in two separated groups (float_limits.csv without scaling).
    static func nearLimit(_ magnitude: Double, rows: Int = 40) -> Matrix<Double> {
        var rng = SeededGenerator(seed: 7)
        return Matrix((0..<rows).map { i in
            (0..<2).map { _ in (1 + Double(i % 2) * 4 + rng.nextUnitDouble()) * magnitude }
        })
    }

    @Test("k-means with more clusters than distinct rows: each distinct row is one cluster, the rest stay empty")
    func kMeansMoreClustersThanDistinctRows() throws {
        for initialization in [KMeansConfiguration.Initialization.kMeansPlusPlus(), .randomRows, .firstRows] {
            let model = try KMeans.fit(Self.twoDistinct, KMeansConfiguration(k: 3, initialization: initialization, seed: 1))
            let sizes = segmentSizes(model.labels, count: 3)
            #expect(sizes.sorted() == [0, 15, 15], "\(initialization)")
            // Copies of a row share its cluster, whose center is the row itself.
            #expect(model.labels[0] != model.labels[1])
            #expect((0..<30).allSatisfy { model.labels[$0] == model.labels[$0 % 2] })
            #expect(model.inertia == 0)
            #expect(model.centers.elements.allSatisfy { $0.isFinite })
        }
    }

    @Test("k-means on identical rows: one non-empty cluster at the row, inertia 0")
    func kMeansIdenticalRows() throws {
        let model = try KMeans.fit(Self.identical, KMeansConfiguration(k: 3, seed: 2))
        #expect(Set(model.labels).count == 1)
        #expect(model.inertia == 0)
        #expect(model.centers.elements.allSatisfy { $0 == 0.5 })
    }

    @Test("k-means refuses a k above the number of rows")
    func kMeansTooFewRows() throws {
        let error = try #require(throws: KMeansError.self) {
            try KMeans.fit(Matrix<Double>([[1, 2]]), KMeansConfiguration(k: 2))
        }
        #expect(error.description == "k-means with k = 2 needs at least 2 rows; the data has 1")
    }

    @Test("k-means refuses values whose squared distances overflow or vanish, in either precision")
    func kMeansNearLimits() throws {
        let huge = try #require(throws: KMeansError.self) {
            try KMeans.fit(Self.nearLimit(1e300), KMeansConfiguration(k: 2))
        }
        #expect(huge.description.hasPrefix("column 2 of the data spans "))  // the wider of the two
        #expect(huge.description.hasSuffix("e300, so squared distances between rows overflow to infinity; scale the "
                                           + "features (z-score, robust or min-max) or rescale the column"))
        let tiny = try #require(throws: KMeansError.self) {
            try KMeans.fit(Self.nearLimit(1e-300), KMeansConfiguration(k: 2))
        }
        #expect(tiny.description.contains("squared distances between rows underflow to zero"))
        // Float's limits are nearer: 1e20 squares past Float's largest number.
        let float = Matrix<Float>(converting: Self.nearLimit(1e20))
        #expect(throws: KMeansError.self) { try KMeans.fit(float, KMeansConfiguration(k: 2)) }
        // Well inside the limits, the same shapes cluster into the two planted groups.
        for magnitude in [1e100, 1e-100] {
            let model = try KMeans.fit(Self.nearLimit(magnitude), KMeansConfiguration(k: 2, seed: 3))
            #expect((0..<40).allSatisfy { model.labels[$0] == model.labels[$0 % 2] } && model.labels[0] != model.labels[1])
            #expect(model.inertia.isFinite && model.inertia > 0)
        }
    }

    @Test("mini-batch k-means refuses a batch whose squared distances overflow")
    func miniBatchNearLimits() throws {
        var streaming = MiniBatchKMeans<Double>(k: 2, seed: 1)
        #expect(throws: KMeansError.self) { try streaming.partialFit(Self.nearLimit(1e300)) }
    }

    @Test("hierarchical clustering refuses values whose squared distances overflow or vanish, instead of trapping",
          arguments: [LinkageMethod.ward, .single, .average, .centroid])
    func hierarchicalNearLimits(method: LinkageMethod) throws {
        for magnitude in [1e300, 1e-300] {
            let error = try #require(throws: HierarchicalError.self) {
                try HierarchicalClustering.fit(Self.nearLimit(magnitude), HierarchicalConfiguration(method: method))
            }
            #expect(error.description.hasPrefix("column 2 of the data spans "), "\(method) \(magnitude)")
        }
        let tree = try HierarchicalClustering.fit(Self.nearLimit(1e100), HierarchicalConfiguration(method: method))
        let labels = try tree.labels(clusterCount: 2)
        #expect((0..<40).allSatisfy { labels[$0] == labels[$0 % 2] } && labels[0] != labels[1])
    }

    @Test("hierarchical clustering of identical rows merges at height 0 and cuts into the clusters asked for",
          arguments: [LinkageMethod.ward, .single, .complete, .average])
    func hierarchicalIdenticalRows(method: LinkageMethod) throws {
        let tree = try HierarchicalClustering.fit(Self.identical, HierarchicalConfiguration(method: method))
        #expect(tree.merges.allSatisfy { $0.height == 0 })
        let labels = try tree.labels(clusterCount: 3)
        #expect(labels.count == 30 && labels.allSatisfy { $0 >= 0 && $0 < 3 })
    }

    @Test("choosing k needs more distinct rows than the largest k, and says how many there are")
    func chooseKFewDistinctRows() throws {
        let error = try #require(throws: ModelSelectionError.self) {
            try ChooseK.run(Self.twoDistinct, ChooseKConfiguration(ks: [2, 3, 4], bootstrapResamples: 2, gapReferences: 2))
        }
        #expect(error.description == "k = 4 needs more than 4 distinct rows, but the rows take only 2 distinct values; "
                + "there is nothing to choose between")
        let few = Matrix<Double>((0..<30).map { [Double($0 % 5), 0] })
        let fewer = try #require(throws: ModelSelectionError.self) {
            try ChooseK.run(few, ChooseKConfiguration(ks: [2, 3, 4, 5], bootstrapResamples: 2, gapReferences: 2))
        }
        #expect(fewer.description == "k = 5 needs more than 5 distinct rows, but the rows take only 5 distinct values; "
                + "try k up to 4")
    }

    @Test("distinct rows are counted by value (0 and -0 alike) and the count stops at the limit")
    func distinctRowCount() {
        let x = Matrix<Double>([[0, 1], [-0.0, 1], [1, 0], [0, 1], [2, 2]])
        #expect(x.distinctRowCount(upTo: 10) == 3)
        #expect(x.distinctRowCount(upTo: 2) == 2)
        #expect(Self.identical.distinctRowCount(upTo: 5) == 1)
    }
}

import PersonasNumerics

/// A way to segment rows into k clusters, as the model-selection tools (gap statistic, bootstrap
/// stability, consensus, choose-k) need it: the same method run many times, on resamples and
/// reference data, each run seeded.
///
/// ```swift
/// let labels = try Segmenter.kMeans().segment(x, k: 6, seed: 1)
/// let byK = try Segmenter.ward.segment(x, ks: [2, 3, 4], seeds: [1, 2, 3])   // one tree, three cuts
/// ```
public struct Segmenter: Sendable {
    /// A short name for reports ("k-means", "Ward", "hybrid Ward").
    public let name: String
    private let run: @Sendable (Matrix<Double>, Int, UInt64) throws -> [Int32]
    /// Every k of a list from one fit, for methods whose one fit answers every k (a dendrogram
    /// cut at each k); nil for methods fitted once per k.
    private let runEach: (@Sendable (Matrix<Double>, [Int], [UInt64]) throws -> [[Int32]])?

    /// A segmenter from any function of (rows, k, seed) to labels 0..<k.
    public init(name: String, _ run: @escaping @Sendable (Matrix<Double>, Int, UInt64) throws -> [Int32]) {
        self.name = name
        self.run = run
        self.runEach = nil
    }

    /// A segmenter whose one fit answers several k at once (`each`: rows, ks, one seed per k →
    /// one labelling per k), with `run` for a single k.
    public init(name: String, _ run: @escaping @Sendable (Matrix<Double>, Int, UInt64) throws -> [Int32],
                each: @escaping @Sendable (Matrix<Double>, [Int], [UInt64]) throws -> [[Int32]]) {
        self.name = name
        self.run = run
        self.runEach = each
    }

    /// Whether one fit answers every k (``segment(_:ks:seeds:)`` fits once, as Ward's tree does),
    /// rather than one fit per k.
    public var answersEveryKInOneFit: Bool { runEach != nil }

    /// Each row's segment, 0..<k (some may be empty for degenerate data).
    public func segment(_ x: Matrix<Double>, k: Int, seed: UInt64) throws -> [Int32] {
        try run(x, k, seed)
    }

    /// One labelling per k of `ks`, the fit for `ks[i]` seeded with `seeds[i]`: for k-means
    /// exactly ``segment(_:k:seed:)`` for each k; for Ward and the hybrid one tree cut at every
    /// k (the hybrid's micro-clusters seeded with `seeds[0]`), since Ward's tree does not depend
    /// on k. This is what makes choosing k with Ward cost one O(n²) fit, not one per k.
    public func segment(_ x: Matrix<Double>, ks: [Int], seeds: [UInt64]) throws -> [[Int32]] {
        precondition(ks.count == seeds.count, "one seed per k")
        if let runEach, !ks.isEmpty { return try runEach(x, ks, seeds) }
        return try zip(ks, seeds).map { k, seed in try run(x, k, seed) }
    }

    /// k-means (k-means++ initialisation, `restarts` runs, the lowest inertia kept); with
    /// `restartSampleSize`, rows beyond it run `sampledRestarts` restarts (default `restarts`) on a
    /// sample of that many rows and the best is refined on all rows
    /// (``KMeansConfiguration/restartSampleSize``): restarts on a sample are cheap, so more of
    /// them find the deepest optimum more often.
    public static func kMeans(restarts: Int = 3, maxIterations: Int = 300, restartSampleSize: Int? = nil,
                              sampledRestarts: Int? = nil) -> Segmenter {
        Segmenter(name: "k-means") { x, k, seed in
            let sampled = restartSampleSize.map { x.rows > $0 } ?? false
            return try KMeans.fit(x, KMeansConfiguration(k: k, restarts: sampled ? sampledRestarts ?? restarts : restarts,
                                                         maxIterations: maxIterations, seed: seed,
                                                         restartSampleSize: restartSampleSize))
                .labels
        }
    }

    /// Ward's hierarchical clustering cut into k segments (the seed is not used: Ward is
    /// deterministic).
    public static var ward: Segmenter {
        Segmenter(name: "Ward", { x, k, _ in try wardTree(x).labels(clusterCount: k) },
                  each: { x, ks, _ in
                      let tree = try wardTree(x)
                      return try ks.map { try tree.labels(clusterCount: $0) }
                  })
    }

    /// Ward, answering for the rows `fitted` from `tree` (their Ward tree, already fitted) and
    /// fitting any other rows afresh: the pipeline fits the data's tree once for choosing k and
    /// for the final cut, so the O(n²) fit is not repeated. Recognising the rows costs one
    /// O(n·d) comparison.
    public static func ward(reusing tree: Dendrogram, fittedTo fitted: Matrix<Double>) -> Segmenter {
        @Sendable func treeOf(_ x: Matrix<Double>) throws -> Dendrogram { x == fitted ? tree : try wardTree(x) }
        return Segmenter(name: "Ward", { x, k, _ in try treeOf(x).labels(clusterCount: k) },
                         each: { x, ks, _ in
                             let tree = try treeOf(x)
                             return try ks.map { try tree.labels(clusterCount: $0) }
                         })
    }

    /// Hybrid Ward (k-means micro-clusters, then Ward) cut into k segments; plain Ward when the
    /// rows are fewer than the micro-clusters.
    public static func hybridWard(microClusters: Int = 300) -> Segmenter {
        @Sendable func cuts(_ x: Matrix<Double>, _ ks: [Int], seed: UInt64) throws -> [[Int32]] {
            if x.rows <= microClusters {
                let tree = try wardTree(x)
                return try ks.map { try tree.labels(clusterCount: $0) }
            }
            let model = try HybridWard.fit(x, HybridWard.Configuration(microClusters: microClusters, seed: seed))
            return try ks.map { try model.labels(clusterCount: $0) }
        }
        return Segmenter(name: "hybrid Ward", { x, k, seed in try cuts(x, [k], seed: seed)[0] },
                         each: { x, ks, seeds in try cuts(x, ks, seed: seeds[0]) })
    }

    private static func wardTree(_ x: Matrix<Double>) throws -> Dendrogram {
        try HierarchicalClustering.fit(x, HierarchicalConfiguration(method: .ward))
    }
}

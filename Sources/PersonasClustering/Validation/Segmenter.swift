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
    /// The fit with its information criteria, for model-based methods; nil otherwise.
    private let runModel: (@Sendable (Matrix<Double>, Int, UInt64) throws -> ModelBasedFit)?

    /// A segmenter from any function of (rows, k, seed) to labels 0..<k.
    public init(name: String, _ run: @escaping @Sendable (Matrix<Double>, Int, UInt64) throws -> [Int32]) {
        self.name = name
        self.run = run
        self.runEach = nil
        self.runModel = nil
    }

    /// A model-based segmenter (a mixture model): each fit gives its labels and its information
    /// criteria (``ModelBasedFit``), which choosing k reads.
    public init(name: String, modelBased: @escaping @Sendable (Matrix<Double>, Int, UInt64) throws -> ModelBasedFit) {
        self.name = name
        self.run = { x, k, seed in try modelBased(x, k, seed).labels }
        self.runEach = nil
        self.runModel = modelBased
    }

    /// A segmenter whose one fit answers several k at once (`each`: rows, ks, one seed per k →
    /// one labelling per k), with `run` for a single k.
    public init(name: String, _ run: @escaping @Sendable (Matrix<Double>, Int, UInt64) throws -> [Int32],
                each: @escaping @Sendable (Matrix<Double>, [Int], [UInt64]) throws -> [[Int32]]) {
        self.name = name
        self.run = run
        self.runEach = each
        self.runModel = nil
    }

    /// Whether the method fits a probability model, whose fits carry information criteria
    /// (``fitModel(_:k:seed:)``).
    public var isModelBased: Bool { runModel != nil }

    /// The model-based fit at k, with its information criteria; nil for a method that is not
    /// model-based.
    public func fitModel(_ x: Matrix<Double>, k: Int, seed: UInt64) throws -> ModelBasedFit? {
        try runModel?(x, k, seed)
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

    /// A Gaussian mixture (``GaussianMixture``) with `covarianceType` covariances, `restarts` EM
    /// runs from k-means starts (the highest likelihood kept); each row's segment is its most
    /// probable component.
    public static func gaussianMixture(covarianceType: GaussianMixtureConfiguration.CovarianceType,
                                       restarts: Int = 3) -> Segmenter {
        Segmenter(name: "Gaussian mixture (\(covarianceType.rawValue))") { x, k, seed in
            let model = try GaussianMixture.fit(x, GaussianMixtureConfiguration(k: k, covarianceType: covarianceType,
                                                                                restarts: restarts, seed: seed))
            return ModelBasedFit(labels: model.labels, criteria: model.informationCriteria)
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

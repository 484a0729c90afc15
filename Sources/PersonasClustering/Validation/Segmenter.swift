import PersonasNumerics

/// A way to segment rows into k clusters, as the model-selection tools (gap statistic, bootstrap
/// stability, consensus, choose-k) need it: the same method run many times, on resamples and
/// reference data, each run seeded.
///
/// ```swift
/// let labels = try Segmenter.kMeans().segment(x, k: 6, seed: 1)
/// ```
public struct Segmenter: Sendable {
    /// A short name for reports ("k-means", "Ward", "hybrid Ward").
    public let name: String
    private let run: @Sendable (Matrix<Double>, Int, UInt64) throws -> [Int32]

    /// A segmenter from any function of (rows, k, seed) to labels 0..<k.
    public init(name: String, _ run: @escaping @Sendable (Matrix<Double>, Int, UInt64) throws -> [Int32]) {
        self.name = name
        self.run = run
    }

    /// Each row's segment, 0..<k (some may be empty for degenerate data).
    public func segment(_ x: Matrix<Double>, k: Int, seed: UInt64) throws -> [Int32] {
        try run(x, k, seed)
    }

    /// k-means (k-means++ initialisation, `restarts` runs, the lowest inertia kept).
    public static func kMeans(restarts: Int = 3, maxIterations: Int = 300) -> Segmenter {
        Segmenter(name: "k-means") { x, k, seed in
            try KMeans.fit(x, KMeansConfiguration(k: k, restarts: restarts, maxIterations: maxIterations, seed: seed))
                .labels
        }
    }

    /// Ward's hierarchical clustering cut into k segments (the seed is not used: Ward is
    /// deterministic).
    public static var ward: Segmenter {
        Segmenter(name: "Ward") { x, k, _ in
            try HierarchicalClustering.fit(x, HierarchicalConfiguration(method: .ward)).labels(clusterCount: k)
        }
    }

    /// Hybrid Ward (k-means micro-clusters, then Ward) cut into k segments; plain Ward when the
    /// rows are fewer than the micro-clusters.
    public static func hybridWard(microClusters: Int = 300) -> Segmenter {
        Segmenter(name: "hybrid Ward") { x, k, seed in
            if x.rows <= microClusters {
                return try HierarchicalClustering.fit(x, HierarchicalConfiguration(method: .ward)).labels(clusterCount: k)
            }
            return try HybridWard.fit(x, HybridWard.Configuration(microClusters: microClusters, seed: seed))
                .labels(clusterCount: k)
        }
    }
}

import PersonasNumerics

/// Ward clustering for millions of rows: k-means into m micro-clusters, weighted Ward on their
/// centroids (each weighted by the rows it stands for), and every row labelled through its
/// micro-cluster.
///
/// Exact Ward costs O(n²) time; this costs one k-means fit plus Ward on m points. The result
/// equals plain Ward on the micro-cluster centroids exactly (weighted Ward merges clusters by the
/// same criterion as Ward on all their rows, given that each micro-cluster stays together); the
/// approximation is only that a micro-cluster is never split. Rows a plain Ward would have put
/// on different sides of a cut but k-means put in one micro-cluster are the whole error, so it
/// shrinks as m grows; the benchmark and tests measure the adjusted Rand index against plain Ward.
public enum HybridWard {
    /// Parameters of the hybrid.
    public struct Configuration: Sendable {
        /// The number of micro-clusters m (default 300): large enough that each is small next to
        /// any segment of interest, small enough for Ward on m points to be instant.
        public var microClusters: Int
        /// The k-means fit that makes them (k is taken from ``microClusters``).
        public var kMeans: KMeansConfiguration

        public init(microClusters: Int = 300, seed: UInt64 = 0, sampleWeights: [Double]? = nil) {
            self.microClusters = microClusters
            kMeans = KMeansConfiguration(k: microClusters, initialization: .kMeansParallel(), restarts: 1,
                                         maxIterations: 100, tolerance: 1e-4, seed: seed, sampleWeights: sampleWeights)
        }
    }

    /// A fitted hybrid: the micro-clusters and the Ward tree over them.
    public struct Model<Scalar: BLASScalar>: Sendable {
        /// The k-means fit into micro-clusters.
        public let microClusters: KMeansModel<Scalar>
        /// The weighted Ward dendrogram over the non-empty micro-clusters (leaf i is micro-cluster
        /// ``leafMicroCluster``[i]); heights are in the units of plain Ward on the rows.
        public let dendrogram: Dendrogram
        /// The micro-cluster each leaf of ``dendrogram`` stands for.
        public let leafMicroCluster: [Int]
        /// Each row's leaf of ``dendrogram``.
        public let rowLeaves: [Int32]

        /// Each row's segment when the tree is cut into at most `k` clusters, numbered by the
        /// number of rows (0 the largest).
        public func labels(clusterCount k: Int) throws(HierarchicalError) -> [Int32] {
            carried(try dendrogram.labels(clusterCount: k))
        }

        /// Each row's segment when the tree is cut at `height`.
        public func labels(height: Double) throws(HierarchicalError) -> [Int32] {
            carried(try dendrogram.labels(height: height))
        }

        private func carried(_ leafLabels: [Int32]) -> [Int32] {
            let rows = rowLeaves.map { leafLabels[Int($0)] }
            return numberedBySize(rows)
        }
    }

    /// Fits the hybrid on the rows of `x` (n × d).
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public static func fit<Scalar: BLASScalar>(
        _ x: Matrix<Scalar>, _ configuration: Configuration
    ) throws(HierarchicalError) -> Model<Scalar> {
        guard configuration.microClusters >= 2 else {
            throw HierarchicalError("the hybrid needs at least 2 micro-clusters, not \(configuration.microClusters)")
        }
        guard x.rows >= configuration.microClusters else {
            throw HierarchicalError("\(x.rows) rows are fewer than the \(configuration.microClusters) micro-clusters; "
                                    + "run plain Ward instead")
        }
        var kMeansConfiguration = configuration.kMeans
        kMeansConfiguration.k = configuration.microClusters
        let micro: KMeansModel<Scalar>
        do {
            micro = try KMeans.fit(x, kMeansConfiguration)
        } catch {
            throw HierarchicalError("micro-clusters: \(error.description)")
        }
        let m = configuration.microClusters, d = x.columns
        var weight = [Double](repeating: 0, count: m)
        let rowWeights = configuration.kMeans.sampleWeights
        for (row, label) in micro.labels.enumerated() { weight[Int(label)] += rowWeights?[row] ?? 1 }
        // Empty micro-clusters (possible when rows repeat) stand for nobody: leave them out.
        let kept = (0..<m).filter { weight[$0] > 0 }
        var leafOf = [Int32](repeating: -1, count: m)
        for (leaf, cluster) in kept.enumerated() { leafOf[cluster] = Int32(leaf) }
        var centers = Matrix<Double>(rows: kept.count, columns: d)
        for (leaf, cluster) in kept.enumerated() {
            for q in 0..<d { centers[leaf, q] = Double(micro.centers[cluster, q]) }
        }
        let tree = try HierarchicalClustering.fit(
            centers, HierarchicalConfiguration(method: .ward, sampleWeights: kept.map { weight[$0] }))
        return Model(microClusters: micro, dendrogram: tree, leafMicroCluster: kept,
                     rowLeaves: micro.labels.map { leafOf[Int($0)] })
    }
}

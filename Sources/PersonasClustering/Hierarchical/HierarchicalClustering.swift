import PersonasNumerics

/// Agglomerative (hierarchical) clustering: the public entry point.
///
/// ```swift
/// let tree = try HierarchicalClustering.fit(features, HierarchicalConfiguration(method: .ward))
/// let segments = try tree.labels(clusterCount: 6)
/// tree.linkageMatrix   // SciPy's Z, for scipy.cluster.hierarchy.dendrogram
/// ```
///
/// The algorithms follow Müllner (2011, "Modern hierarchical, agglomerative clustering
/// algorithms"), as SciPy and fastcluster do: Prim's minimum spanning tree for single linkage,
/// the nearest-neighbour chain for complete, average, weighted and Ward, the generic algorithm
/// for centroid and median. Single linkage (any metric) and Euclidean Ward, centroid and median
/// run from the coordinates in O(n·d) memory; the others need the n(n − 1)/2 condensed matrix,
/// and are refused with the memory they would need when it exceeds the configured limit.
/// Heights follow `scipy.cluster.hierarchy.linkage` (Ward's is sqrt(2 ΔSSE)).
public enum HierarchicalClustering {
    /// Clusters the rows of `x` (n × d).
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public static func fit<Scalar: BLASScalar>(
        _ x: Matrix<Scalar>, _ configuration: HierarchicalConfiguration
    ) throws(HierarchicalError) -> Dendrogram {
        let n = x.rows, d = x.columns
        guard n >= 1 else { throw HierarchicalError("hierarchical clustering needs at least one row") }
        guard d >= 1 else { throw HierarchicalError("hierarchical clustering needs at least one feature") }
        let weights = try validatedWeights(configuration.sampleWeights, n: n)
        if let bad = x.firstNonFinite { throw .nonFinite(row: bad.row, column: bad.column) }
        var rows = [Double](repeating: 0, count: n * d)
        var shift = [Double](repeating: 0, count: d)
        for i in 0..<n {
            for q in 0..<d {
                let value = Double(x[i, q])
                rows[i * d + q] = value
                shift[q] += value
            }
        }
        for q in 0..<d { shift[q] /= Double(n) }
        let method = configuration.method, metric = configuration.metric
        // Euclidean linkages sum squared differences: values near the floating-point limits
        // would turn every distance into infinity or zero (and the merge search has no nearest).
        if metric == .euclidean || metric == .squaredEuclidean, let problem = DistanceRange.problem(in: x) {
            throw ClusteringError.distanceRange(problem, of: "column \(problem.column + 1) of the data")
        }
        if metric == .cosine {
            for i in 0..<n where (0..<d).allSatisfy({ rows[i * d + $0] == 0 }) {
                throw HierarchicalError("row \(i + 1) is all zeros: its cosine distance to anything is undefined")
            }
        }
        guard n > 1 else { return Dendrogram(unchecked: 1, method: method, merges: []) }
        let sizes = weights ?? [Double](repeating: 1, count: n)

        if method == .single {
            let record = rows.withUnsafeBufferPointer { buffer in
                singleFromCoordinates(buffer, n: n, d: d, metric: metric, shift: shift)
            }
            return record.dendrogram(n: n, method: method, weights: weights, sortedByHeight: true,
                                     protectingDependencies: false)
        }
        if method.isGeometric && metric == .euclidean {
            let columns = rows.withUnsafeBufferPointer { CoordinateColumns($0, n: n, d: d, shift: shift, sizes: sizes) }
            if method == .ward {
                var chain = WardChain(columns)
                return chain.run(n: n).dendrogram(n: n, method: method, weights: weights, sortedByHeight: true)
            }
            var space = CentroidSpace(rows: rows, d: d, shift: shift, median: method == .median)
            return GenericLinkage.run(&space, n: n, sizes: sizes)
                .dendrogram(n: n, method: method, weights: weights, sortedByHeight: false)
        }
        try checkMemory(n: n, method: method, limit: configuration.memoryLimitBytes)
        return linkage(PairwiseDistances.condensed(rows, n: n, d: d, metric: metric), n: n, method: method,
                       weights: weights)
    }

    /// Clusters observations given by their condensed dissimilarities (SciPy's
    /// `linkage(y, method)` for a condensed `y`).
    public static func fit(
        distances: CondensedDistanceMatrix, method: LinkageMethod, sampleWeights: [Double]? = nil
    ) throws(HierarchicalError) -> Dendrogram {
        let weights = try validatedWeights(sampleWeights, n: distances.count)
        let n = distances.count
        guard n > 1 else { return Dendrogram(unchecked: 1, method: method, merges: []) }
        if method == .single {
            let values = distances.values
            let record = values.withUnsafeBufferPointer { v in
                MinimumSpanningTree.fromRows(n: n) { x, out in
                    for j in 0..<n where j != x {
                        out[j] = v[CondensedDistanceMatrix.index(min(x, j), max(x, j), n: n)]
                    }
                }
            }
            return record.dendrogram(n: n, method: method, weights: weights, sortedByHeight: true,
                                     protectingDependencies: false)
        }
        return linkage(DistanceBuffer(copying: distances.values), n: n, method: method, weights: weights)
    }

    /// Clusters mixed-type observations by their Gower dissimilarity (R's `cluster::daisy`).
    /// Single linkage runs from the variables in O(n) memory; the other methods need the
    /// condensed matrix.
    public static func fit(
        gower: GowerDissimilarity, method: LinkageMethod, sampleWeights: [Double]? = nil,
        memoryLimitBytes: Int? = nil
    ) throws(HierarchicalError) -> Dendrogram {
        let n = gower.observationCount
        let weights = try validatedWeights(sampleWeights, n: n)
        guard n > 1 else { return Dendrogram(unchecked: 1, method: method, merges: []) }
        if method == .single {
            var undefined: (Int, Int)?
            let record = MinimumSpanningTree.fromRows(n: n) { x, out in
                gower.distances(from: x, to: 0..<n, into: out)
                if undefined == nil, let j = (0..<n).first(where: { $0 != x && out[$0].isNaN }) {
                    undefined = (min(x, j), max(x, j))
                }
            }
            if let (i, j) = undefined {
                throw HierarchicalError("observations \(i + 1) and \(j + 1) share no non-missing variable, so their "
                                        + "Gower dissimilarity is undefined; drop one or impute")
            }
            return record.dendrogram(n: n, method: method, weights: weights, sortedByHeight: true,
                                     protectingDependencies: false)
        }
        let limit = memoryLimitBytes ?? HierarchicalConfiguration().memoryLimitBytes
        try checkMemory(n: n, method: method, limit: limit)
        return linkage(DistanceBuffer(copying: try gower.condensed().values), n: n, method: method, weights: weights)
    }

    // MARK: - Internals

    static func singleFromCoordinates(
        _ rows: UnsafeBufferPointer<Double>, n: Int, d: Int, metric: DistanceMetric, shift: [Double]
    ) -> MergeRecord {
        switch metric {
        case .cosine:
            // Cosine is not shift-invariant: the raw rows, with their reciprocal norms.
            let columns = CoordinateColumns(rows, n: n, d: d, shift: [Double](repeating: 0, count: d),
                                            sizes: [Double](repeating: 1, count: n))
            let inverse = (0..<n).map { i in
                var s = 0.0
                for q in 0..<d { s += rows[i * d + q] * rows[i * d + q] }
                return 1 / s.squareRoot()
            }
            return MinimumSpanningTree.fromCoordinates(columns, metric: .cosine, inverseNorms: inverse) { max(0, $0) }
        case .euclidean, .squaredEuclidean, .manhattan:
            // Differences are shift-invariant; centering keeps the coordinates small.
            let columns = CoordinateColumns(rows, n: n, d: d, shift: shift, sizes: [Double](repeating: 1, count: n))
            let kernelMetric: LinkageKernels.PrimMetric = metric == .manhattan ? .manhattan : .squaredEuclidean
            return MinimumSpanningTree.fromCoordinates(columns, metric: kernelMetric, inverseNorms: nil) { value in
                metric == .euclidean ? value.squareRoot() : value
            }
        }
    }

    /// The condensed-matrix algorithms, on the linkage's own working copy.
    static func linkage(_ buffer: DistanceBuffer, n: Int, method: LinkageMethod, weights: [Double]?) -> Dendrogram {
        let sizes = weights ?? [Double](repeating: 1, count: n)
        if method == .ward, let weights {
            // Two singletons of masses w_i and w_j are sqrt(2 w_i w_j / (w_i + w_j)) · d_ij apart
            // in Ward's sense (1 · d_ij for unit weights, SciPy's convention).
            var index = 0
            for i in 0..<n {
                for j in (i + 1)..<n {
                    buffer.pointer[index] *= (2 * weights[i] * weights[j] / (weights[i] + weights[j])).squareRoot()
                    index += 1
                }
            }
        }
        let record: MergeRecord
        switch method {
        case .single: record = CondensedChain.run(buffer, n: n, sizes: sizes, update: SingleUpdate.self)
        case .complete: record = CondensedChain.run(buffer, n: n, sizes: sizes, update: CompleteUpdate.self)
        case .average: record = CondensedChain.run(buffer, n: n, sizes: sizes, update: AverageUpdate.self)
        case .weighted: record = CondensedChain.run(buffer, n: n, sizes: sizes, update: WeightedUpdate.self)
        case .ward: record = CondensedChain.run(buffer, n: n, sizes: sizes, update: WardUpdate.self)
        case .centroid:
            var space = CondensedSpace<CentroidUpdate>(buffer: buffer, n: n)
            return GenericLinkage.run(&space, n: n, sizes: sizes)
                .dendrogram(n: n, method: method, weights: weights, sortedByHeight: false)
        case .median:
            var space = CondensedSpace<MedianUpdate>(buffer: buffer, n: n)
            return GenericLinkage.run(&space, n: n, sizes: sizes)
                .dendrogram(n: n, method: method, weights: weights, sortedByHeight: false)
        }
        return record.dendrogram(n: n, method: method, weights: weights, sortedByHeight: true)
    }

    static func checkMemory(n: Int, method: LinkageMethod, limit: Int) throws(HierarchicalError) {
        let bytes = CondensedDistanceMatrix.byteCount(n: n)
        if bytes > limit { throw .tooLarge(n: n, bytes: bytes, limit: limit, method: method) }
    }

    static func validatedWeights(_ weights: [Double]?, n: Int) throws(HierarchicalError) -> [Double]? {
        guard let weights else { return nil }
        guard weights.count == n else {
            throw HierarchicalError("\(weights.count) sample weights for \(n) observations")
        }
        if let bad = weights.firstIndex(where: { !($0 > 0 && $0.isFinite) }) {
            throw HierarchicalError("sample weight \(bad + 1) is \(weights[bad]); weights must be positive and finite")
        }
        return weights
    }
}

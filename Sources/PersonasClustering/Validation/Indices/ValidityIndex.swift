import PersonasNumerics

/// Internal validity indices of one labelling of the rows of `x` (row-major, n × d): how compact
/// and separated its clusters are, for choosing k and for reporting.
///
/// ```swift
/// let s = try ValidityIndex.silhouette(x, labels: model.labels)          // higher is better, ≤ 1
/// let ch = try ValidityIndex.calinskiHarabasz(x, labels: model.labels)   // higher is better
/// let db = try ValidityIndex.daviesBouldin(x, labels: model.labels)      // lower is better, ≥ 0
/// ```
///
/// Conventions are scikit-learn 1.9's (`silhouette_score`, `silhouette_samples`,
/// `calinski_harabasz_score`, `davies_bouldin_score`, KMeans' `inertia_`), checked against it on
/// committed fixtures (Tests/Fixtures/validation). Labels are any `Int32` values and are recoded as
/// scikit-learn's `LabelEncoder` does: only the values that occur are clusters, so an unused
/// cluster number is simply absent (it does not count towards k). Silhouette,
/// Calinski–Harabasz, Davies–Bouldin and Dunn need 2 ≤ k ≤ n − 1 clusters.
///
/// Input is checked once here (shapes, one label per row, finite values — found by the first
/// pass over the data, not a separate scan); the kernels behind it check nothing. All sums are
/// in Double whatever the input precision, over chunks fixed by the problem size and combined in
/// chunk order: every result is bit-identical on every thread count.
public enum ValidityIndex {
    /// Σ w_i ‖x_i − c_label(i)‖², c the (weighted) centroid of each cluster: scikit-learn's
    /// `inertia_` for the labels a k-means fit converged to. Exact (differences, not the
    /// expansion), accumulated in Double. Any number of clusters (1 gives the total sum of
    /// squares). Two passes, O(n·d).
    ///
    /// - Parameters:
    ///   - x: the rows, n × d.
    ///   - labels: each row's cluster, 0..<k.
    ///   - weights: per-row weights (finite, ≥ 0), or nil for 1. A cluster of zero total
    ///     weight contributes 0.
    @_specialize(where S == Double)
    @_specialize(where S == Float)
    public static func inertia<S: BLASScalar>(
        _ x: Matrix<S>, labels: [Int32], weights: [Double]? = nil
    ) throws(ModelSelectionError) -> Double {
        let index = "inertia"
        let encoded = try validatedLabels(x, labels, index: index, clusterRange: false)
        if let weights {
            guard weights.count == x.rows else {
                throw ModelSelectionError("\(index): \(weights.count) weights for \(x.rows) rows; give one weight per row")
            }
            if let bad = weights.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
                throw ModelSelectionError("\(index): the weight of row \(bad + 1) is \(weights[bad]); weights must be finite and ≥ 0")
            }
        }
        let centroids = try ClusterCentroids(x, labels: encoded.codes, k: encoded.k, weights: weights, index: index)
        let within = centroids.withinClusterSums(x, labels: encoded.codes, weights: weights, distances: false)
        return within.squares.reduce(0, +)
    }

    /// The mean silhouette over all rows (Rousseeuw 1987; scikit-learn's `silhouette_score`,
    /// Euclidean): for each row, a = mean distance to the other rows of its cluster, b = smallest
    /// mean distance to another cluster's rows, s = (b − a) / max(a, b); 0 for a row alone in its
    /// cluster. Between −1 and 1, higher is better.
    ///
    /// Exact, in O(n²·d) time and O(n·d) memory: distances are computed tile by tile with GEMM
    /// on the centered data, each pair once, and never stored (see `SilhouetteKernel`). On the
    /// benchmark (n = 20,000, d = 32, k = 8, 2 cores) it takes 0.24 s, about a tenth of
    /// scikit-learn's `silhouette_score`.
    ///
    /// Float input is widened to Double first. Measured on that shape: single-precision GEMM
    /// tiles are about twice as fast (0.31 against 0.66 s on one core for all n² pairs), but the
    /// expansion ‖x‖² − 2x·y + ‖y‖² in Float puts distances off by 4e-8 on average and 1e-6 at
    /// worst (relative), two orders beyond agreeing with scikit-learn to 1e-9; in Double the
    /// whole index still runs at a tenth of scikit-learn's time.
    @_specialize(where S == Double)
    @_specialize(where S == Float)
    public static func silhouette<S: BLASScalar>(_ x: Matrix<S>, labels: [Int32]) throws(ModelSelectionError) -> Double {
        let (data, counts) = try orderedRows(x, labels, index: "silhouette")
        let values = SilhouetteKernel.allSilhouettes(data, counts: counts)
        return values.reduce(0, +) / Double(data.n)
    }

    /// Every row's silhouette (scikit-learn's `silhouette_samples`), in row order. See
    /// ``silhouette(_:labels:)``.
    @_specialize(where S == Double)
    @_specialize(where S == Float)
    public static func silhouetteSamples<S: BLASScalar>(
        _ x: Matrix<S>, labels: [Int32]
    ) throws(ModelSelectionError) -> [Double] {
        let (data, counts) = try orderedRows(x, labels, index: "silhouette")
        let values = SilhouetteKernel.allSilhouettes(data, counts: counts)
        var samples = [Double](repeating: 0, count: data.n)
        for (p, value) in values.enumerated() { samples[data.order[p]] = value }
        return samples
    }

    /// The mean silhouette of the rows `sample` (distinct indices into `x`) with each row
    /// measured against the other sampled rows only, as scikit-learn's
    /// `silhouette_score(X, labels, sample_size=m)` computes it: O(m²·d) whatever n is, where
    /// ``silhouetteEstimate(_:labels:sampleSize:seed:)`` costs O(m·n·d). The standard error is
    /// the same formula (sample standard deviation / √m times √((n − m)/(n − 1))); it leaves out
    /// the small extra error of measuring each sampled row against a sample (each cluster's
    /// mean distance is estimated from its sampled rows, O(1/(m·share)) for a cluster holding
    /// that share of the rows). A cluster with no sampled row takes no part; with fewer than
    /// two clusters in the sample the silhouette is undefined and this throws.
    ///
    /// Choose-k measures every k on the same sample (common random numbers), so the difference
    /// between two k carries little sampling noise. With `sample` every row in order it equals
    /// ``silhouette(_:labels:)``.
    ///
    /// - Parameters:
    ///   - x: the rows, n × d.
    ///   - labels: each row's cluster, 0..<k.
    ///   - sample: the rows to measure, distinct, at least 2.
    public static func silhouetteOfSample<S: BLASScalar>(
        _ x: Matrix<S>, labels: [Int32], rows sample: [Int]
    ) throws(ModelSelectionError) -> (value: Double, standardError: Double) {
        guard labels.count == x.rows else {
            throw ModelSelectionError("silhouette of a sample: \(labels.count) labels for \(x.rows) rows")
        }
        guard sample.count >= 2, sample.allSatisfy({ $0 >= 0 && $0 < x.rows }), Set(sample).count == sample.count else {
            throw ModelSelectionError("silhouette of a sample: give at least 2 distinct rows of the \(x.rows)")
        }
        // Clusters renumbered densely over the sample: one without sampled rows drops out.
        var dense: [Int32: Int32] = [:]
        let sampledLabels = sample.map { row in
            let label = labels[row]
            if let known = dense[label] { return known }
            let next = Int32(dense.count)
            dense[label] = next
            return next
        }
        guard dense.count >= 2 else {
            throw ModelSelectionError("silhouette of a sample: the \(sample.count) sampled rows all fall in one "
                                      + "cluster; sample more rows")
        }
        let values = try silhouetteSamples(x.gatheredRows(sample), labels: sampledLabels)
        let m = Double(values.count), n = Double(x.rows)
        let mean = values.reduce(0, +) / m
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let correction = n > 1 ? ((n - m) / (n - 1)).squareRoot() : 0
        return (mean, (squares / (m - 1)).squareRoot() / m.squareRoot() * correction)
    }

    /// A seeded estimate of the mean silhouette for large n, in O(m·n·d) instead of O(n²·d):
    /// the silhouettes of `sampleSize` rows drawn without replacement, each computed exactly
    /// against all rows, their mean and its standard error (sample standard deviation / √m,
    /// times the finite-population correction √((n − m)/(n − 1))).
    ///
    /// Unlike scikit-learn's `silhouette_score(sample_size=)`, which computes the silhouette of
    /// the subsample alone, every sampled row is measured against the whole data set, so the
    /// estimate is unbiased for the exact index. With `sampleSize` = n it equals
    /// ``silhouette(_:labels:)`` bit for bit, with standard error 0.
    ///
    /// - Parameters:
    ///   - x: the rows, n × d.
    ///   - labels: each row's cluster, 0..<k.
    ///   - sampleSize: rows to draw, 2...n.
    ///   - seed: the sample's seed (`SeededGenerator`): the same seed draws the same rows.
    @_specialize(where S == Double)
    @_specialize(where S == Float)
    public static func silhouetteEstimate<S: BLASScalar>(
        _ x: Matrix<S>, labels: [Int32], sampleSize: Int, seed: UInt64
    ) throws(ModelSelectionError) -> (value: Double, standardError: Double) {
        let (data, counts) = try orderedRows(x, labels, index: "silhouette estimate")
        guard sampleSize >= 2 && sampleSize <= data.n else {
            throw ModelSelectionError("silhouette estimate: the sample size must be between 2 and the row count "
                                      + "\(data.n), got \(sampleSize)")
        }
        return SilhouetteKernel.estimate(data, counts: counts, sampleSize: sampleSize, seed: seed)
    }

    /// The Calinski–Harabasz index (variance ratio criterion; scikit-learn's
    /// `calinski_harabasz_score`): [B / (k − 1)] / [W / (n − k)], B and W the between- and
    /// within-cluster sums of squares; 1 when W = 0, as scikit-learn returns. Higher is better.
    ///
    /// Two passes over the data, O(n·d): centroids (per-chunk sums in parallel), then the exact
    /// within-cluster squares.
    @_specialize(where S == Double)
    @_specialize(where S == Float)
    public static func calinskiHarabasz<S: BLASScalar>(
        _ x: Matrix<S>, labels: [Int32]
    ) throws(ModelSelectionError) -> Double {
        let index = "Calinski–Harabasz"
        let encoded = try validatedLabels(x, labels, index: index, clusterRange: true)
        let centroids = try ClusterCentroids(x, labels: encoded.codes, k: encoded.k, weights: nil, index: index)
        let within = centroids.withinClusterSums(x, labels: encoded.codes, weights: nil, distances: false)
        return centroids.calinskiHarabasz(within: within.squares.reduce(0, +), rows: x.rows)
    }

    /// The Davies–Bouldin index (scikit-learn's `davies_bouldin_score`): the mean over clusters
    /// of the largest (s_i + s_j) / ‖c_i − c_j‖, s the mean distance of a cluster's rows to its
    /// centroid. Lower is better, 0 at best. scikit-learn's handling of zero spreads and zero
    /// centroid distances is kept (see `ClusterCentroids.daviesBouldin`).
    ///
    /// Two passes over the data, O(n·d + k²·d); distances to centroids are exact differences.
    @_specialize(where S == Double)
    @_specialize(where S == Float)
    public static func daviesBouldin<S: BLASScalar>(
        _ x: Matrix<S>, labels: [Int32]
    ) throws(ModelSelectionError) -> Double {
        let index = "Davies–Bouldin"
        let encoded = try validatedLabels(x, labels, index: index, clusterRange: true)
        let centroids = try ClusterCentroids(x, labels: encoded.codes, k: encoded.k, weights: nil, index: index)
        let within = centroids.withinClusterSums(x, labels: encoded.codes, weights: nil, distances: true)
        return centroids.daviesBouldin(distanceSums: within.distances)
    }

    /// The Dunn index (Dunn 1974): the smallest distance between two rows of different clusters
    /// divided by the largest distance between two rows of one cluster (the largest diameter).
    /// Higher is better. +∞ when every cluster's diameter is 0 but clusters are apart; 0 when two
    /// clusters share a point.
    ///
    /// Expensive: exact, O(n²·d) time (about half a silhouette; see `DunnKernel` for how the GEMM
    /// screen stays exact), O(n·d) memory. For large n, compute it on a sample of rows.
    @_specialize(where S == Double)
    @_specialize(where S == Float)
    public static func dunn<S: BLASScalar>(_ x: Matrix<S>, labels: [Int32]) throws(ModelSelectionError) -> Double {
        let (data, _) = try orderedRows(x, labels, index: "Dunn")
        let (between, within) = DunnKernel.extremes(x, data)
        if between == 0 { return 0 }
        return between.squareRoot() / within.squareRoot()
    }

    /// Validated, recoded labels and the cluster-ordered, centered rows of the pairwise indices.
    static func orderedRows<S: BLASScalar>(
        _ x: Matrix<S>, _ labels: [Int32], index: String
    ) throws(ModelSelectionError) -> (ClusterOrderedRows, [Int]) {
        let encoded = try validatedLabels(x, labels, index: index, clusterRange: true)
        return (try ClusterOrderedRows(x, labels: encoded, index: index), encoded.counts)
    }
}

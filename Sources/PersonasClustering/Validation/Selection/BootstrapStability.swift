import PersonasNumerics

/// Cluster-wise stability under bootstrap resampling: Hennig (2007, "Cluster-wise assessment of
/// cluster stability", CSDA 52), as R's `fpc::clusterboot` computes it with its defaults
/// (`bootmethod = "boot"`, `multipleboot = FALSE`).
///
/// ```swift
/// let stability = try BootstrapStability.assess(x, labels: model.labels, k: 6, segmenter: .kMeans(), seed: 1)
/// stability.readings   // per segment: highly stable, stable, doubtful or dissolved
/// ```
///
/// Each of B resamples (default 50) draws n rows with replacement and keeps the distinct ones
/// (about 63% of the rows; clustering copies of a row adds nothing, and clusterboot drops them
/// too). The segmenter clusters those rows into k; each original cluster C is compared with every
/// resample cluster D on the rows the resample holds, and its score is the best Jaccard
/// similarity |C ∩ D| / |C ∪ D| (0 when no row of C was drawn). Per cluster the result gives the
/// mean over resamples, how often it "dissolved" (Jaccard ≤ 0.5) and how often it was
/// "recovered" (Jaccard > 0.75, strictly, as clusterboot counts), and Hennig's reading of the
/// mean (``Reading``).
///
/// Overall agreement is the adjusted Rand index, two ways: each resample's solution against the
/// original labelling on the rows it drew (``Result/meanAdjustedRandIndex``), and each resample's
/// solution against the previous resample's on the rows both drew
/// (``Result/meanAdjustedRandIndexBetweenResamples``).
///
/// Randomness: resample b's rows come from its own stream of `seed` (see
/// ``resample(rows:index:seed:)``) and its segmenter seed is derived from `seed` and b, so the
/// result does not depend on the thread count. Resamples run side by side, one per thread
/// (`ReplicateBatches`); memory beyond the data is one resampled matrix per thread and a few
/// n-length arrays.
/// Cost: B clusterings of about 0.63·n rows.
public enum BootstrapStability {
    /// Hennig's reading of a cluster's mean Jaccard similarity (fpc's `clusterboot` help).
    public enum Reading: String, Sendable, CaseIterable, CustomStringConvertible {
        /// Mean Jaccard ≥ 0.85.
        case highlyStable = "highly stable"
        /// 0.75 ≤ mean Jaccard < 0.85: a valid, stable cluster.
        case stable
        /// 0.6 ≤ mean Jaccard < 0.75: points at a pattern, but which rows belong to it is doubtful.
        case doubtful
        /// Mean Jaccard < 0.6: the cluster should not be trusted.
        case dissolved

        /// The reading of a mean Jaccard similarity.
        public init(meanJaccard: Double) {
            switch meanJaccard {
            case 0.85...: self = .highlyStable
            case 0.75..<0.85: self = .stable
            case 0.6..<0.75: self = .doubtful
            default: self = .dissolved
            }
        }

        public var description: String { rawValue }

        /// One sentence for a report.
        public var meaning: String {
            switch self {
            case .highlyStable: "highly stable: resampling finds it again almost unchanged (mean Jaccard ≥ 0.85)"
            case .stable: "stable: a valid cluster that resampling recovers (mean Jaccard 0.75–0.85)"
            case .doubtful: "doubtful: it points at a pattern, but which customers belong to it is unclear "
                + "(mean Jaccard 0.6–0.75)"
            case .dissolved: "dissolved: resampling does not find it again; do not trust it (mean Jaccard < 0.6)"
            }
        }
    }

    /// Stability of one k-segmentation.
    public struct Result: Sendable, Equatable {
        /// The number of clusters.
        public let k: Int
        /// B, the number of bootstrap resamples.
        public let resamples: Int
        /// Per original cluster, the best-match Jaccard similarity in each resample (k × B).
        public let jaccard: [[Double]]
        /// Per original cluster, the mean of ``jaccard`` over the resamples.
        public let meanJaccard: [Double]
        /// Per cluster, the resamples where its Jaccard was ≤ 0.5.
        public let dissolved: [Int]
        /// Per cluster, the resamples where its Jaccard was > 0.75.
        public let recovered: [Int]
        /// Per cluster, Hennig's reading of its mean Jaccard.
        public let readings: [Reading]
        /// The mean adjusted Rand index of each resample's solution against the original labels
        /// on the rows it drew.
        public let meanAdjustedRandIndex: Double
        /// The mean adjusted Rand index of consecutive resamples' solutions (b − 1 against b) on
        /// the rows both drew; `nil` for a single resample.
        public let meanAdjustedRandIndexBetweenResamples: Double?
    }

    /// The stability of `labels` (one per row of `x`, in 0..<k, every cluster used), the
    /// segmentation `segmenter` gave `x` (n × d, finite) with k clusters, 2 ≤ k ≤ n. `progress`,
    /// when given, is told the share of the resamples done after each one.
    public static func assess(
        _ x: Matrix<Double>, labels: [Int32], k: Int, resamples: Int = 50, segmenter: Segmenter, seed: UInt64,
        progress: (@Sendable (_ fractionDone: Double) -> Void)? = nil
    ) throws -> Result {
        try assess(x, labels: [labels], ks: [k], resamples: resamples, segmenter: segmenter, seed: seed,
                   emptyClustersAllowed: false, progress: progress)[0]
    }

    /// The stability of several segmentations of `x` at once, `labels[i]` with `ks[i]` clusters
    /// (each as in ``assess(_:labels:k:resamples:segmenter:seed:progress:)``), on shared resamples:
    /// resample b draws the same rows for every k, and the segmenter answers every k of it in
    /// one call (``Segmenter/segment(_:ks:seeds:)``), so Ward and the hybrid fit one tree per
    /// resample instead of one per k and resample. Each k's result is what the one-k call gives
    /// with the same seed: the draws and the fit seeds depend on `seed` and b only.
    public static func assess(
        _ x: Matrix<Double>, labels: [[Int32]], ks: [Int], resamples: Int = 50, segmenter: Segmenter, seed: UInt64,
        progress: (@Sendable (_ fractionDone: Double) -> Void)? = nil
    ) throws -> [Result] {
        try assess(x, labels: labels, ks: ks, resamples: resamples, segmenter: segmenter, seed: seed,
                   emptyClustersAllowed: false, progress: progress)
    }

    /// `emptyClustersAllowed`: a cluster of `labels` with no row here (the labels of a subsample
    /// of the rows) scores 0 in every resample, as a cluster none of whose rows was drawn.
    static func assess(
        _ x: Matrix<Double>, labels: [[Int32]], ks: [Int], resamples: Int, segmenter: Segmenter, seed: UInt64,
        emptyClustersAllowed: Bool, progress: (@Sendable (_ fractionDone: Double) -> Void)?
    ) throws -> [Result] {
        let n = x.rows
        precondition(labels.count == ks.count, "one labelling per k")
        guard resamples >= 1 else {
            throw ModelSelectionError("bootstrap stability needs at least 1 resample, got \(resamples)")
        }
        try SelectionChecks.data(x)
        for (labels, k) in zip(labels, ks) {
            guard k >= 2 else { throw ModelSelectionError("bootstrap stability needs k ≥ 2 clusters, got \(k)") }
            guard k <= n else { throw ModelSelectionError("k = \(k) is more than the \(n) rows") }
            try SelectionChecks.labels(labels, rows: n, k: k, what: "the labelling")
            guard !emptyClustersAllowed else { continue }
            var sizes = [Int](repeating: 0, count: k)
            for label in labels { sizes[Int(label)] += 1 }
            if let empty = sizes.firstIndex(of: 0) {
                throw ModelSelectionError("cluster \(empty) of the labelling is empty; number the clusters 0..<k "
                                          + "without gaps (k = \(k))")
            }
        }

        var tallies = ks.map { Tally(k: $0, rows: n) }
        try ReplicateBatches.run(resamples) { b in
            var marks = [Bool](repeating: false, count: n)
            let rows = drawResample(rows: n, index: b, seed: seed, marks: &marks)
            if let k = ks.max(), rows.count < k {
                throw ModelSelectionError("resample \(b + 1) drew only \(rows.count) distinct rows, fewer than k = \(k); "
                                          + "bootstrap stability needs more rows")
            }
            let fitSeed = ReplicateSeeds.seed(seed, .bootstrapFit, 0, b)
            let resampled = try segmenter.segment(x.gatheredRows(rows), ks: ks, seeds: ks.map { _ in fitSeed })
            for (i, k) in ks.enumerated() {
                try SelectionChecks.labels(resampled[i], rows: rows.count, k: k,
                                           what: "the \(segmenter.name) segmenter (k = \(k))")
            }
            return (rows, resampled)
        } consume: { b, fitted in
            for i in ks.indices {
                tallies[i].add(rows: fitted.0, resampled: fitted.1[i], original: labels[i], first: b == 0)
            }
            progress?(Double(b + 1) / Double(resamples))
        }
        return tallies.map { $0.result(resamples: resamples) }
    }

    /// One k's running figures over the resamples.
    private struct Tally {
        let k: Int
        var jaccard: [[Double]]
        var randIndices: [Double] = [], betweenIndices: [Double] = []
        /// Each row's label in the previous resample (−1 when not drawn), and the rows it drew.
        var previous: [Int32]
        var previousRows: [Int] = []
        var originalOfDrawn: [Int32] = [], shared: [Int32] = [], sharedPrevious: [Int32] = []

        init(k: Int, rows n: Int) {
            self.k = k
            jaccard = [[Double]](repeating: [], count: k)
            previous = [Int32](repeating: -1, count: n)
        }

        mutating func add(rows: [Int], resampled: [Int32], original labels: [Int32], first: Bool) {
            originalOfDrawn.removeAll(keepingCapacity: true)
            for row in rows { originalOfDrawn.append(labels[row]) }
            let scores = bestJaccards(originalOfDrawn, resampled, k: k)
            for r in 0..<k { jaccard[r].append(scores[r]) }
            randIndices.append(adjustedRandIndex(originalOfDrawn, resampled))

            if !first {
                shared.removeAll(keepingCapacity: true)
                sharedPrevious.removeAll(keepingCapacity: true)
                for (t, row) in rows.enumerated() where previous[row] >= 0 {
                    shared.append(resampled[t])
                    sharedPrevious.append(previous[row])
                }
                betweenIndices.append(adjustedRandIndex(sharedPrevious, shared))
            }
            for row in previousRows { previous[row] = -1 }
            for (t, row) in rows.enumerated() { previous[row] = resampled[t] }
            previousRows = rows
        }

        func result(resamples: Int) -> Result {
            let count = Double(resamples)
            let means = jaccard.map { $0.reduce(0, +) / count }
            return Result(
                k: k, resamples: resamples, jaccard: jaccard, meanJaccard: means,
                dissolved: jaccard.map { $0.reduce(0) { $0 + ($1 <= 0.5 ? 1 : 0) } },
                recovered: jaccard.map { $0.reduce(0) { $0 + ($1 > 0.75 ? 1 : 0) } },
                readings: means.map(Reading.init(meanJaccard:)),
                meanAdjustedRandIndex: randIndices.reduce(0, +) / count,
                meanAdjustedRandIndexBetweenResamples: betweenIndices.isEmpty
                    ? nil : betweenIndices.reduce(0, +) / Double(betweenIndices.count))
        }
    }

    /// The distinct rows resample `b` draws for `seed` (n draws with replacement from 0..<n),
    /// increasing: exactly the rows ``assess(_:labels:k:resamples:segmenter:seed:progress:)`` clusters.
    public static func resample(rows n: Int, index b: Int, seed: UInt64) -> [Int] {
        precondition(n >= 1 && b >= 0, "a resample needs rows and an index ≥ 0")
        var marks = [Bool](repeating: false, count: n)
        return drawResample(rows: n, index: b, seed: seed, marks: &marks)
    }

    // MARK: - Internals

    /// `marks` is all false on entry and on exit.
    static func drawResample(rows n: Int, index b: Int, seed: UInt64, marks: inout [Bool]) -> [Int] {
        var generator = ReplicateSeeds.generator(seed, .bootstrapDraw, 0, b)
        for _ in 0..<n { marks[generator.nextInt(below: n)] = true }
        var rows: [Int] = []
        rows.reserveCapacity(n * 2 / 3)
        for i in 0..<n where marks[i] {
            rows.append(i)
            marks[i] = false
        }
        return rows
    }

    /// For each cluster r of `original` (0..<k), the best Jaccard similarity with any cluster of
    /// `resampled`, both labellings of the same rows; 0 for a cluster with no rows. O(m + k²).
    static func bestJaccards(_ original: [Int32], _ resampled: [Int32], k: Int) -> [Double] {
        let kb = Int(resampled.max() ?? 0) + 1
        var table = [Int](repeating: 0, count: k * kb)
        var rowTotals = [Int](repeating: 0, count: k), columnTotals = [Int](repeating: 0, count: kb)
        for (a, b) in zip(original, resampled) {
            table[Int(a) * kb + Int(b)] += 1
            rowTotals[Int(a)] += 1
            columnTotals[Int(b)] += 1
        }
        return (0..<k).map { r in
            var best = 0.0
            for c in 0..<kb where table[r * kb + c] > 0 {
                let both = table[r * kb + c]
                best = max(best, Double(both) / Double(rowTotals[r] + columnTotals[c] - both))
            }
            return best
        }
    }
}

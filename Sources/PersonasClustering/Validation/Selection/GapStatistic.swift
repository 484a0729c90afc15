import Foundation
import PersonasNumerics

/// The gap statistic (Tibshirani, Walther & Hastie 2001, "Estimating the number of clusters in a
/// data set via the gap statistic", JRSS B 63(2)): how much tighter the clusters of the data are
/// than those of structureless reference data of the same extent.
///
/// ```swift
/// let gap = try GapStatistic.compute(x, ks: Array(1...10), segmenter: .kMeans(), seed: 42)
/// gap.recommendedK   // the smallest k with gap(k) ≥ gap(k+1) − s(k+1)
/// ```
///
/// For each k, with W_k = Σ_r Σ_{i∈C_r} ‖x_i − c_r‖² the pooled within-cluster sum of squares of
/// a k-clustering (the paper's Σ_r D_r / (2 n_r), which is the same number):
/// - gap(k) = (1/B) Σ_b log W*_kb − log W_k, where W*_kb clusters reference set b,
/// - sd_k = sqrt((1/B) Σ_b (log W*_kb − mean)²) (the paper's 1/B; R's `cluster::clusGap` uses
///   1/(B − 1)),
/// - s_k = sd_k · sqrt(1 + 1/B), which accounts for the simulation error of the mean.
///
/// Reference sets are drawn uniformly in the principal-component box of the data (the paper's
/// method (b), see ``referenceSet(_:index:seed:)``), B of them (default 10), each of n rows, and
/// clustered by the same segmenter as the data. W_k uses squared Euclidean distances, as the
/// paper does (`clusGap(d.power = 2)`; clusGap's default `d.power = 1` sums unsquared ones).
///
/// Randomness: reference set b is drawn from its own stream of `seed`, and the segmenter's seed
/// for (k, set b) and for (k, the data) is derived from `seed`, k and b, so each value can be
/// recomputed alone and nothing depends on the thread count. Reference sets are drawn and
/// clustered side by side, one per thread (`ReplicateBatches`: the memory of one n × d set per
/// thread). Cost: B + 1 clusterings per k, plus O(n·d²) once for the principal axes.
public enum GapStatistic {
    /// The gap curve over the ks tried, in increasing k.
    public struct Result: Sendable, Equatable {
        /// The numbers of clusters tried, increasing.
        public let ks: [Int]
        /// B, the number of reference sets.
        public let references: Int
        /// log W_k of the data.
        public let logW: [Double]
        /// (1/B) Σ_b log W*_kb, the reference sets' mean.
        public let expectedLogW: [Double]
        /// gap(k) = expectedLogW − logW.
        public let gap: [Double]
        /// sd_k, the standard deviation of log W*_kb over the reference sets (1/B).
        public let standardDeviation: [Double]
        /// s_k = sd_k · sqrt(1 + 1/B), the standard error the rule uses.
        public let standardError: [Double]
        /// log W*_kb: per k, one value per reference set.
        public let referenceLogW: [[Double]]
        /// The smallest tried k with gap(k) ≥ gap(k′) − s(k′), k′ the next k tried; `nil` when no
        /// k qualifies (see ``GapStatistic/recommendation(ks:gap:standardError:)``).
        public let recommendedK: Int?
    }

    /// The gap statistic of `x` (n × d, finite) for each k in `ks` (distinct, each in 1...n; any
    /// order), clustering the data and `references` reference sets with `segmenter`.
    ///
    /// k = 1 needs no clustering (one cluster), and including it lets the rule answer "no
    /// clusters".
    public static func compute(
        _ x: Matrix<Double>, ks: [Int], references: Int = 10, segmenter: Segmenter, seed: UInt64
    ) throws -> Result {
        try compute(x, ks: ks, references: references, segmenter: segmenter, seed: seed, dataLabels: [:])
    }

    /// As ``compute(_:ks:references:segmenter:seed:)``, with the data's own labels for some or all
    /// ks supplied by the caller (choose-k has them already; each in 0..<k, one per row), so the
    /// data are not clustered twice. Ks without labels are clustered here. `progress`, when given,
    /// is told the share of the reference sets done after each one.
    public static func compute(
        _ x: Matrix<Double>, ks: [Int], references: Int = 10, segmenter: Segmenter, seed: UInt64,
        dataLabels: [Int: [Int32]], progress: (@Sendable (_ fractionDone: Double) -> Void)? = nil
    ) throws -> Result {
        let ks = try validatedKs(ks, rows: x.rows)
        guard references >= 1 else {
            throw ModelSelectionError("the gap statistic needs at least 1 reference set, got \(references)")
        }
        try SelectionChecks.data(x)
        for (k, labels) in dataLabels {
            guard ks.contains(k) else {
                throw ModelSelectionError("labels were given for k = \(k), which is not among the ks tried \(ks)")
            }
            try SelectionChecks.labels(labels, rows: x.rows, k: k, what: "the given labelling for k = \(k)")
        }

        let unlabelled = ks.filter { dataLabels[$0] == nil }
        let fitted = try clusterLabels(x, ks: unlabelled, segmenter: segmenter,
                                       seeds: unlabelled.map { ReplicateSeeds.seed(seed, .gapDataFit, $0) })
        var logW: [Double] = []
        for k in ks {
            let labels = dataLabels[k] ?? fitted[unlabelled.firstIndex(of: k)!]
            let w = withinClusterSumOfSquares(x, labels: labels, k: k)
            guard w > 0 else {
                throw ModelSelectionError("the data's within-cluster sum of squares is 0 at k = \(k) (every cluster "
                                          + "holds copies of one row), so its logarithm is undefined; try fewer clusters")
            }
            logW.append(log(w))
        }

        let box = try PrincipalComponentBox(x)
        var referenceLogW = [[Double]](repeating: [], count: ks.count)
        try ReplicateBatches.run(references) { b in
            let reference = draw(box, rows: x.rows, index: b, seed: seed)
            let labels = try clusterLabels(reference, ks: ks, segmenter: segmenter,
                                           seeds: ks.map { ReplicateSeeds.seed(seed, .gapReferenceFit, $0, b) })
            return ks.enumerated().map { position, k in
                log(withinClusterSumOfSquares(reference, labels: labels[position], k: k))
            }
        } consume: { b, logW in
            for position in ks.indices { referenceLogW[position].append(logW[position]) }
            progress?(Double(b + 1) / Double(references))
        }

        let count = Double(references)
        var expected: [Double] = [], deviation: [Double] = [], error: [Double] = [], gap: [Double] = []
        for position in ks.indices {
            let values = referenceLogW[position]
            let mean = values.reduce(0, +) / count
            let sd = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / count).squareRoot()
            expected.append(mean)
            deviation.append(sd)
            error.append(sd * (1 + 1 / count).squareRoot())
            gap.append(mean - logW[position])
        }
        return Result(ks: ks, references: references, logW: logW, expectedLogW: expected, gap: gap,
                      standardDeviation: deviation, standardError: error, referenceLogW: referenceLogW,
                      recommendedK: recommendation(ks: ks, gap: gap, standardError: error))
    }

    /// Reference set `b` (n × d) exactly as ``compute(_:ks:references:segmenter:seed:)`` draws it
    /// for `seed`: uniform in the box of the data's principal-component ranges, rotated back and
    /// shifted by the column means. For recomputing a gap value independently.
    public static func referenceSet(_ x: Matrix<Double>, index b: Int, seed: UInt64) throws -> Matrix<Double> {
        guard b >= 0 else { throw ModelSelectionError("reference set index must be ≥ 0, got \(b)") }
        try SelectionChecks.data(x)
        return draw(try PrincipalComponentBox(x), rows: x.rows, index: b, seed: seed)
    }

    /// Tibshirani et al.'s rule ("Tibs2001SEmax" in `cluster::maxSE`): the smallest `ks[i]` with
    /// `gap[i] ≥ gap[i + 1] − standardError[i + 1]`, the next k tried standing in for k + 1.
    ///
    /// `nil` when no k qualifies, i.e. the gap still rises by more than its error at every step:
    /// the data may hold more clusters than the largest k tried. (clusGap reports the largest k
    /// in that case; saying "none in range" is more honest.)
    public static func recommendation(ks: [Int], gap: [Double], standardError: [Double]) -> Int? {
        precondition(ks.count == gap.count && gap.count == standardError.count, "one gap and error per k")
        guard ks.count >= 2 else { return nil }
        for i in 0..<(ks.count - 1) where gap[i] >= gap[i + 1] - standardError[i + 1] { return ks[i] }
        return nil
    }

    // MARK: - Internals

    static func draw(_ box: PrincipalComponentBox, rows n: Int, index b: Int, seed: UInt64) -> Matrix<Double> {
        var generator = ReplicateSeeds.generator(seed, .gapReferenceDraw, 0, b)
        return box.draw(rows: n, generator: &generator)
    }

    /// For each k of `ks`, its clustering of `x` seeded by its seed, the segmenter answering
    /// every k > 1 in one call (one tree for Ward) and one cluster needing no segmenter; each
    /// checked against the segmenter's contract.
    static func clusterLabels(_ x: Matrix<Double>, ks: [Int], segmenter: Segmenter, seeds: [UInt64]) throws -> [[Int32]] {
        let fitted = ks.indices.filter { ks[$0] > 1 }
        let labels = try segmenter.segment(x, ks: fitted.map { ks[$0] }, seeds: fitted.map { seeds[$0] })
        var all = ks.map { _ in [Int32](repeating: 0, count: x.rows) }
        for (position, index) in fitted.enumerated() {
            try SelectionChecks.labels(labels[position], rows: x.rows, k: ks[index],
                                       what: "the \(segmenter.name) segmenter (k = \(ks[index]))")
            all[index] = labels[position]
        }
        return all
    }

    static func validatedKs(_ ks: [Int], rows n: Int) throws(ModelSelectionError) -> [Int] {
        guard !ks.isEmpty else { throw ModelSelectionError("no numbers of clusters to try; give at least one k") }
        if let bad = ks.first(where: { $0 < 1 || $0 > n }) {
            throw ModelSelectionError("k = \(bad) is out of range: k must be between 1 and the number of rows (\(n))")
        }
        let sorted = ks.sorted()
        for i in sorted.indices.dropFirst() where sorted[i] == sorted[i - 1] {
            throw ModelSelectionError("k = \(sorted[i]) is listed twice")
        }
        return sorted
    }
}

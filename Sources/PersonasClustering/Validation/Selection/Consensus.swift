import PersonasNumerics

/// Consensus (ensemble) clustering: many runs of a segmenter combined into one partition, with
/// each row's confidence in its segment. Strehl & Ghosh (2002, "Cluster ensembles — a knowledge
/// reuse framework for combining multiple partitions", JMLR 3); Monti, Tamayo, Mesirov & Golub
/// (2003, "Consensus clustering", Machine Learning 52).
///
/// ```swift
/// let consensus = try Consensus.fit(x, k: 6, subsample: 0.8, segmenter: .kMeans(), seed: 7)
/// consensus.labels       // 0 is the largest segment
/// consensus.confidence   // per customer, in [0, 1]
/// ```
///
/// R runs (default 50) each cluster either all rows with a different seed (`subsample: nil`) or
/// a fraction of the rows drawn without replacement (Monti et al.'s resampling; 0.8 is usual).
/// The runs are then combined one of two ways:
/// - **co-association** (n ≤ `coAssociationLimit`, default 5,000): the share of runs, among
///   those that drew both rows, that put rows i and j together; the final partition is the
///   average-linkage tree of 1 − co-association cut into k (Monti et al.; Fred & Jain 2005's
///   evidence accumulation), and a row's confidence is its mean co-association with the other
///   members of its final segment (Monti et al.'s item consensus). O(n²) memory (two n(n − 1)/2
///   arrays of doubles: 100 MB each at n = 5,000) and O(n²·R) time.
/// - **aligned vote** (larger n): each run's labels are matched to a reference partition by the
///   assignment maximising shared rows (Hungarian method on the k × k table), and each row takes
///   the label most runs give it; the reference starts as run 1 and is replaced by the vote until
///   the vote stops changing (at most 20 rounds). A row's confidence is the share of the runs
///   that drew it and agree with its final label. O(n·R) bytes of memory (the runs' labels) and
///   O(n·R + R·k³) time per round.
///
/// Final labels are numbered by size, 0 the largest. Randomness: run r's rows and segmenter seed
/// come from `seed` and r alone; the runs run one after another, each using the cores, and
/// every combination step is exact or split in fixed chunks, so nothing depends on the thread
/// count.
public enum Consensus {
    /// The consensus partition.
    public struct Result: Sendable, Equatable {
        /// Each row's segment, 0..<k, numbered by size (0 the largest). The average-linkage cut
        /// can leave fewer than k segments when merge heights tie.
        public let labels: [Int32]
        /// Each row's confidence in its segment, in [0, 1] (see ``Consensus``).
        public let confidence: [Double]
        /// R, the number of runs combined.
        public let runs: Int
        /// How the runs were combined: ``Consensus/coAssociationMethod`` or
        /// ``Consensus/alignedVoteMethod``.
        public let method: String
    }

    /// ``Result/method`` for the co-association path.
    public static let coAssociationMethod = "co-association"
    /// ``Result/method`` for the aligned-vote path.
    public static let alignedVoteMethod = "aligned vote"

    /// The consensus of `runs` segmentations of `x` (n × d, finite) into k clusters,
    /// 2 ≤ k ≤ min(n, 254).
    ///
    /// - Parameters:
    ///   - x: the rows, n × d, finite.
    ///   - k: the number of clusters, 2 ≤ k ≤ min(n, 254).
    ///   - runs: how many segmentations to combine.
    ///   - segmenter: the method each run uses.
    ///   - seed: run r's rows and segmenter seed come from `seed` and r alone.
    ///   - subsample: the fraction of rows each run draws (without replacement), in (0, 1]; `nil`
    ///     clusters every row in every run, with different seeds. Every row must be drawn by at
    ///     least one run (checked before any clustering).
    ///   - coAssociationLimit: the largest n for the co-association path (its memory grows as n²).
    public static func fit(
        _ x: Matrix<Double>, k: Int, runs: Int = 50, subsample: Double? = nil, segmenter: Segmenter, seed: UInt64,
        coAssociationLimit: Int = 5_000
    ) throws -> Result {
        let n = x.rows
        guard k >= 2 else { throw ModelSelectionError("consensus clustering needs k ≥ 2 clusters, got \(k)") }
        guard k <= n else { throw ModelSelectionError("k = \(k) is more than the \(n) rows") }
        guard k <= Int(RunLabels.absent) - 1 else {
            throw ModelSelectionError("consensus clustering supports k ≤ \(Int(RunLabels.absent) - 1), got \(k)")
        }
        guard runs >= 1 else { throw ModelSelectionError("consensus clustering needs at least 1 run, got \(runs)") }
        guard coAssociationLimit >= 0 else {
            throw ModelSelectionError("coAssociationLimit must be ≥ 0, got \(coAssociationLimit)")
        }
        var sampleSize: Int?
        if let subsample {
            guard subsample > 0, subsample <= 1 else {
                throw ModelSelectionError("subsample must be a fraction in (0, 1], got \(subsample)")
            }
            let m = Int((subsample * Double(n)).rounded())
            guard m >= k else {
                throw ModelSelectionError("a subsample of \(subsample) draws \(m) of \(n) rows, fewer than k = \(k); "
                                          + "raise the fraction")
            }
            sampleSize = m
        }
        try SelectionChecks.data(x)

        let labels = try collectRuns(x, k: k, runs: runs, sampleSize: sampleSize, segmenter: segmenter, seed: seed)
        if n <= coAssociationLimit {
            return try coAssociation(labels, k: k)
        }
        return alignedVote(labels, k: k)
    }

    // MARK: - Runs

    /// Every run's labels, row-major (row i's R labels together), ``absent`` for rows a run did
    /// not draw. One byte per label keeps the large-n path at n·R bytes.
    struct RunLabels {
        static let absent: UInt8 = 255
        let rows: Int
        let runs: Int
        var values: [UInt8]
    }

    /// Run r's rows, increasing.
    static func subsampleRows(rows n: Int, size m: Int, run r: Int, seed: UInt64) -> [Int] {
        var generator = ReplicateSeeds.generator(seed, .consensusDraw, 0, r)
        return generator.sampleWithoutReplacement(m, from: n).sorted()
    }

    static func collectRuns(
        _ x: Matrix<Double>, k: Int, runs: Int, sampleSize: Int?, segmenter: Segmenter, seed: UInt64
    ) throws -> RunLabels {
        let n = x.rows
        if let m = sampleSize {
            // Draws are cheap next to clustering: check coverage first, draw again while running.
            var drawn = [Bool](repeating: false, count: n)
            for r in 0..<runs { for row in subsampleRows(rows: n, size: m, run: r, seed: seed) { drawn[row] = true } }
            if let missed = drawn.firstIndex(of: false) {
                let count = drawn.reduce(0) { $0 + ($1 ? 0 : 1) }
                throw ModelSelectionError("\(count) rows (the first is row \(missed + 1)) were drawn by none of the "
                                          + "\(runs) runs; raise the runs or the subsample fraction")
            }
        }
        var labels = RunLabels(rows: n, runs: runs,
                               values: [UInt8](repeating: RunLabels.absent, count: n * runs))
        for r in 0..<runs {
            let runSeed = ReplicateSeeds.seed(seed, .consensusFit, 0, r)
            if let m = sampleSize {
                let rows = subsampleRows(rows: n, size: m, run: r, seed: seed)
                let sample = x.gatheredRows(rows)
                let runLabels = try SelectionChecks.segment(segmenter, sample, k: k, seed: runSeed)
                for (t, row) in rows.enumerated() { labels.values[row * runs + r] = UInt8(runLabels[t]) }
            } else {
                let runLabels = try SelectionChecks.segment(segmenter, x, k: k, seed: runSeed)
                for i in 0..<n { labels.values[i * runs + r] = UInt8(runLabels[i]) }
            }
        }
        return labels
    }
}

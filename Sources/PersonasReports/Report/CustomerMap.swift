import PersonasData
import PersonasNumerics

/// Customers on the plane of their first two principal components: the prepared features of a
/// seeded sample of rows, projected by ``PrincipalComponents`` fitted on that sample.
///
/// The sample keeps the cost flat (O(s·d²) for s sampled rows, however many customers there
/// are) and the chart readable: beyond a few thousand points a scatter is a blot.
///
/// The width is bounded too: on more than ``maximumColumns`` features the components are fitted
/// on the ``maximumColumns`` columns of largest variance in the sample (the others barely move a
/// point on the first two axes), so the covariance and its eigenvectors stay within a few tens of
/// megabytes (m² doubles for m kept columns) instead of d² (80 GB for 100,000 features). The
/// explained shares are then of the sample's total variance over every column, not only the kept
/// ones, so the axis labels stay honest.
struct CustomerMap {
    /// The rows drawn, ascending.
    let rows: [Int]
    /// Each sampled row's coordinates on the first and second component (second 0 when the
    /// features have one dimension).
    let coordinates: [(x: Double, y: Double)]
    /// Each sampled row's segment.
    let segments: [Int32]
    /// Share of the sample's variance along each drawn component (the second nil when there is
    /// none).
    let explainedVariance: (first: Double, second: Double?)

    /// The seed stream of the sample, so it is independent of every other draw from the master seed.
    static let sampleStream: UInt64 = 0x6D6170   // "map"

    /// The most feature columns the components are fitted on: 1,000 keeps the covariance at 8 MB
    /// and the sampled matrix at 40 MB for the default 5,000 rows.
    static let maximumColumns = 1_000

    /// Nil when there are no rows or features, or the eigensolver fails (non-finite features).
    init?(features: Matrix<Double>, labels: [Int32], sampleSize: Int, seed: UInt64) {
        let n = features.rows
        guard n > 0, features.columns > 0, labels.count == n else { return nil }
        var rows = Array(0..<n)
        if n > sampleSize {
            var generator = SeededGenerator(seed: seed, stream: Self.sampleStream)
            rows = generator.sampleWithoutReplacement(max(sampleSize, 1), from: n).sorted()
        }
        let sample: Matrix<Double>
        var totalVariance: Double?
        if features.columns > Self.maximumColumns {
            let variances = Self.columnVariances(features, rows: rows)
            let kept = variances.indices.sorted { (variances[$0], $1) > (variances[$1], $0) }
                .prefix(Self.maximumColumns).sorted()
            sample = Matrix(rows: rows.count, columns: kept.count,
                            elements: rows.flatMap { row in kept.map { features[row, $0] } })
            totalVariance = variances.reduce(0, +)
        } else {
            sample = rows.count == n ? features : features.rows(at: rows)
        }
        guard let pca = try? PrincipalComponents.fit(sample, keeping: .count(2)) else { return nil }
        let projected = pca.transform(sample)
        let second = projected.columns > 1
        let shares = totalVariance.map { total in pca.explainedVariance.map { total > 0 ? $0 / total : 0 } }
            ?? pca.explainedVarianceRatio
        self.rows = rows
        self.coordinates = (0..<projected.rows).map { (projected[$0, 0], second ? projected[$0, 1] : 0) }
        self.segments = rows.map { labels[$0] }
        self.explainedVariance = (shares.first ?? 0, second ? shares[1] : nil)
    }

    /// The variance (n − 1, as the components use) of every column over the sampled `rows`, in one
    /// pass over the rows with shifted sums (the first sampled row as the shift, against cancellation).
    static func columnVariances(_ features: Matrix<Double>, rows: [Int]) -> [Double] {
        let d = features.columns
        guard rows.count > 1 else { return [Double](repeating: 0, count: d) }
        let shift = Array(features.row(rows[0]))
        var sums = [Double](repeating: 0, count: d), squares = [Double](repeating: 0, count: d)
        for row in rows {
            for (j, value) in features.row(row).enumerated() {
                let centered = value - shift[j]
                sums[j] += centered
                squares[j] += centered * centered
            }
        }
        let count = Double(rows.count)
        return (0..<d).map { j in Swift.max(0, (squares[j] - sums[j] * sums[j] / count) / (count - 1)) }
    }
}

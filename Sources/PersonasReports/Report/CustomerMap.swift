import PersonasData
import PersonasNumerics

/// Customers on the plane of their first two principal components: the prepared features of a
/// seeded sample of rows, projected by ``PrincipalComponents`` fitted on that sample.
///
/// The sample keeps the cost flat (O(s·d²) for s sampled rows, however many customers there
/// are) and the chart readable: beyond a few thousand points a scatter is a blot.
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

    /// Nil when there are no rows or features, or the eigensolver fails (non-finite features).
    init?(features: Matrix<Double>, labels: [Int32], sampleSize: Int, seed: UInt64) {
        let n = features.rows
        guard n > 0, features.columns > 0, labels.count == n else { return nil }
        var rows = Array(0..<n)
        if n > sampleSize {
            var generator = SeededGenerator(seed: seed, stream: Self.sampleStream)
            rows = generator.sampleWithoutReplacement(max(sampleSize, 1), from: n).sorted()
        }
        let sample = rows.count == n ? features : features.rows(at: rows)
        guard let pca = try? PrincipalComponents.fit(sample, keeping: .count(2)) else { return nil }
        let projected = pca.transform(sample)
        let second = projected.columns > 1
        self.rows = rows
        self.coordinates = (0..<projected.rows).map { (projected[$0, 0], second ? projected[$0, 1] : 0) }
        self.segments = rows.map { labels[$0] }
        self.explainedVariance = (pca.explainedVarianceRatio.first ?? 0, second ? pca.explainedVarianceRatio[1] : nil)
    }
}

import PersonasNumerics

/// A seeded uniform sample of a table's rows, drawn once and shared by every k: what choose-k
/// measures on a sample of a large table (the silhouette estimate, the gap statistic, bootstrap
/// stability) it measures on the same rows for every k, so the comparison between k carries no
/// sampling noise of its own (common random numbers).
///
/// The rows are drawn in random order; every prefix of them is itself a uniform sample, so a
/// smaller sample for one purpose is the first rows of the larger one.
struct RowSample: Sendable {
    /// The sampled rows, in the order drawn.
    let drawn: [Int]

    /// `size` of the `rows` rows (all of them, in order, when `size >= rows`), from `seed`.
    init(rows: Int, size: Int, seed: UInt64) {
        if size >= rows {
            drawn = Array(0..<rows)
        } else {
            var generator = SeededGenerator(seed: seed)
            drawn = generator.sampleWithoutReplacement(size, from: rows)
        }
    }

    /// The first `count` rows drawn, increasing (increasing rows gather memory in order).
    func first(_ count: Int) -> [Int] {
        Array(drawn.prefix(count)).sorted()
    }
}

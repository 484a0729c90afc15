import PersonasNumerics

/// The value-concentration (Pareto, or Lorenz read from the top) curve of a value column:
/// customers sorted by value, highest first, against the cumulative share of total value they
/// hold. A missing value counts as no value, as in the profile's value shares.
///
/// One sort, O(n log n) (a radix sort: about 10 ms per million values), then a few hundred
/// points: what the chart draws, whatever n is.
struct ValueConcentration {
    /// (share of customers, share of total value), from (0, 0) to (1, 1), at evenly spaced
    /// customer counts. Concave: each next customer holds no more than the one before.
    let points: [(customers: Double, value: Double)]
    /// Customers (rows) in the curve.
    let customerCount: Int
    /// Rows whose value is missing (counted as 0).
    let missingCount: Int
    /// The share of total value held by the top `share` of customers, for the shares of
    /// ``headlineShares``.
    let topShares: [(customers: Double, value: Double)]

    static let headlineShares = [0.01, 0.05, 0.1, 0.2, 0.5]

    /// Nil when there are no rows or the total value is not positive (nothing to concentrate).
    init?(values: [Double], points pointCount: Int = 400) {
        let n = values.count
        guard n > 0 else { return nil }
        var missing = 0
        var sorted = values.map { value -> Double in
            if value.isNaN { missing += 1; return 0 }
            return value
        }
        RadixSort.sort(&sorted)
        // Running sums from the top, recorded at the sampled and the headline counts; the total
        // is the same sum, so the last point is exactly 1.
        let steps = min(max(pointCount, 1), n)
        let sampled = (0...steps).map { Int((Double($0) * Double(n) / Double(steps)).rounded()) }
        let headline = Self.headlineShares.map { max(1, Int(($0 * Double(n)).rounded())) }
        var sums = [Int: Double]()
        var running = 0.0
        sums[0] = 0
        let wanted = Set(sampled + headline).sorted()
        var next = 0
        for taken in 1...n {
            running += sorted[n - taken]
            while next < wanted.count, wanted[next] <= taken {
                if wanted[next] == taken { sums[taken] = running }
                next += 1
            }
        }
        let total = running
        guard total > 0, total.isFinite else { return nil }
        self.points = sampled.map { (Double($0) / Double(n), sums[$0]! / total) }
        self.topShares = zip(Self.headlineShares, headline).map { share, count in (share, sums[count]! / total) }
        self.customerCount = n
        self.missingCount = missing
    }
}

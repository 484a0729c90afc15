import PersonasNumerics

/// The n(n − 1)/2 dissimilarities between n observations, in SciPy's condensed order (`pdist`):
/// (0,1), (0,2), …, (0,n−1), (1,2), …, (n−2,n−1).
public struct CondensedDistanceMatrix: Sendable, Equatable {
    /// n, the number of observations.
    public let count: Int
    /// The n(n − 1)/2 values.
    public internal(set) var values: [Double]

    /// A condensed matrix from `values` (checked: the right length, finite and not negative).
    public init(count n: Int, values: [Double]) throws(HierarchicalError) {
        guard n >= 1 else { throw HierarchicalError("a distance matrix needs at least one observation") }
        let expected = n * (n - 1) / 2
        guard values.count == expected else {
            throw HierarchicalError("a condensed distance matrix of \(n) observations has \(expected) values, "
                                    + "not \(values.count)")
        }
        for (index, value) in values.enumerated() where !(value >= 0 && value.isFinite) {
            let (i, j) = Self.pair(at: index, n: n)
            throw HierarchicalError("the distance between observations \(i + 1) and \(j + 1) is \(value); "
                                    + "distances must be finite and not negative")
        }
        self.init(unchecked: n, values: values)
    }

    init(unchecked n: Int, values: [Double]) {
        count = n
        self.values = values
    }

    /// The number of observations whose condensed matrix has `valueCount` entries, if any.
    public static func observationCount(forValueCount valueCount: Int) -> Int? {
        let n = Int((1 + (1 + 8 * Double(valueCount)).squareRoot()) / 2)
        for candidate in max(1, n - 1)...(n + 1) where candidate * (candidate - 1) / 2 == valueCount {
            return candidate
        }
        return nil
    }

    /// Bytes the values of a condensed matrix of `n` observations take, saturating at `Int.max`
    /// (`MemoryBudget.product(_:)`) so that the size check of a huge n refuses it instead of trapping.
    public static func byteCount(n: Int) -> Int {
        guard n >= 2 else { return 0 }
        // n(n − 1)/2 pairs, halving the even factor first so that only the final product can overflow.
        let pairs = n.isMultiple(of: 2) ? MemoryBudget.product(n / 2, n - 1) : MemoryBudget.product(n, (n - 1) / 2)
        return MemoryBudget.product(pairs, MemoryLayout<Double>.stride)
    }

    /// The dissimilarity between observations `i` and `j` (0 when i == j).
    public subscript(i: Int, j: Int) -> Double {
        if i == j { return 0 }
        return values[Self.index(min(i, j), max(i, j), n: count)]
    }

    /// The position of pair (i, j), i < j, in condensed order.
    @inline(__always)
    static func index(_ i: Int, _ j: Int, n: Int) -> Int { n * i - i * (i + 1) / 2 + (j - i - 1) }

    /// The pair (i, j), i < j, at a condensed position.
    static func pair(at index: Int, n: Int) -> (Int, Int) {
        var i = 0, start = 0
        while start + (n - 1 - i) <= index {
            start += n - 1 - i
            i += 1
        }
        return (i, i + 1 + index - start)
    }
}

extension CondensedDistanceMatrix {
    /// The dissimilarities between the rows of `x` (n × d), as SciPy's `pdist(x, metric)`,
    /// computed in parallel, coordinate by coordinate (no cancellation for close points).
    public init<Scalar: BLASScalar>(_ x: Matrix<Scalar>, metric: DistanceMetric) throws(HierarchicalError) {
        let n = x.rows, d = x.columns
        guard n >= 1, d >= 1 else { throw HierarchicalError("distances need at least one row and one column") }
        let bytes = CondensedDistanceMatrix.byteCount(n: n)
        let limit = HierarchicalConfiguration().memoryLimitBytes
        guard bytes <= limit else {
            throw HierarchicalError("the distance matrix of \(n) rows needs \(MemoryBudget.describe(bytes)), more than the "
                                    + "\(MemoryBudget.describe(limit)) allowed")
        }
        if let bad = x.firstNonFinite { throw .nonFinite(row: bad.row, column: bad.column) }
        var rows = [Double](repeating: 0, count: n * d)
        for i in 0..<n {
            for q in 0..<d { rows[i * d + q] = Double(x[i, q]) }
        }
        if metric == .cosine, let i = (0..<n).first(where: { i in (0..<d).allSatisfy { rows[i * d + $0] == 0 } }) {
            throw HierarchicalError("row \(i + 1) is all zeros: its cosine distance to anything is undefined")
        }
        self.init(unchecked: n, values: PairwiseDistances.condensedArray(rows, n: n, d: d, metric: metric))
    }
}

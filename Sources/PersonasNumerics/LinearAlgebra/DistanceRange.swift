/// Whether squared Euclidean distances between the rows of a matrix can be computed in its
/// precision: every clustering sums squared differences, and values near the floating-point
/// limits overflow to infinity (1e300² ≈ 1e600) or underflow to zero (1e-300² ≈ 1e-600) without
/// a trap, so a fit would go on to compare infinities or zeros and return meaningless segments.
///
/// The test is on each column's range (max − min): no squared distance exceeds Σ range², and no
/// sum of n of them (an inertia, a Ward merge cost) exceeds n · Σ range². So the data is safe
/// when n · Σ range² is finite in the precision, and informative when the widest range's square
/// is a normal number (otherwise every squared distance is subnormal or zero).
public enum DistanceRange {
    /// Why squared distances cannot be trusted; columns are 0-based.
    public enum Problem: Sendable, Equatable {
        /// Sums of squared distances overflow: `column` has the widest range, `range`.
        case overflow(column: Int, range: Double)
        /// Every squared distance underflows: the widest range (`range`, in `column`) squared is
        /// below the smallest normal number.
        case underflow(column: Int, range: Double)

        /// The column concerned (0-based).
        public var column: Int {
            switch self {
            case .overflow(let column, _), .underflow(let column, _): column
            }
        }

        /// Whether sums of squared distances overflow (rather than all underflow).
        public var isOverflow: Bool {
            if case .overflow = self { return true }
            return false
        }

        /// What went wrong, for a message about `subject` ("column 3 of the data", "it"), ending
        /// with what to do. It names no command-line option: a caller that has one adds it, by the
        /// error's kind.
        public func explanation(of subject: String) -> String {
            let remedy = "scale the features (z-score, robust or min-max) or rescale the column"
            switch self {
            case .overflow(_, let range):
                return "\(subject) spans \(Self.scientific(range)), so squared distances between rows overflow to "
                    + "infinity; \(remedy)"
            case .underflow(_, let range):
                return "\(subject) spans only \(Self.scientific(range)) (the widest of any column), so squared "
                    + "distances between rows underflow to zero; \(remedy)"
            }
        }

        /// A short decimal form for messages ("1.2e300"), without Foundation.
        static func scientific(_ value: Double) -> String {
            guard value.isFinite else { return "more than 1.8e308" }
            guard value > 0 else { return "0" }
            var exponent = 0, mantissa = value
            while mantissa >= 10 { mantissa /= 10; exponent += 1 }
            while mantissa < 1 { mantissa *= 10; exponent -= 1 }
            var tenths = Int((mantissa * 10).rounded())
            if tenths == 100 { tenths = 10; exponent += 1 }
            return "\(tenths / 10).\(tenths % 10)e\(exponent)"
        }
    }

    /// The problem with the rows of `x`, or nil when their squared distances are safe.
    /// O(n·d), parallel over fixed row groups.
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public static func problem<Scalar: BLASScalar>(in x: Matrix<Scalar>) -> Problem? {
        problem(columnRanges: columnRanges(x), rows: x.rows, as: Scalar.self)
    }

    /// The problem for columns with these ranges (max − min; infinity when it overflows) over
    /// `rows` rows, computed in `Scalar`.
    public static func problem<Scalar: BLASScalar>(
        columnRanges ranges: [Double], rows: Int, as _: Scalar.Type
    ) -> Problem? {
        guard let widest = ranges.indices.max(by: { ranges[$0] < ranges[$1] }) else { return nil }
        let r = ranges[widest]
        guard r > 0 else { return nil }  // identical rows: every distance is exactly 0
        let greatest = Double(Scalar.greatestFiniteMagnitude)
        // n · Σ range² ≤ greatest, evaluated without overflow as n · Σ (range / r)² ≤ (greatest / r) / r.
        let relative = ranges.reduce(0.0) { $0 + ($1 / r) * ($1 / r) }
        if !r.isFinite || Double(Swift.max(rows, 1)) * relative > greatest / r / r {
            return .overflow(column: widest, range: r)
        }
        if r * r < Double(Scalar.leastNormalMagnitude) {
            return .underflow(column: widest, range: r)
        }
        return nil
    }

    /// max − min of each column (NaN and infinite values give an infinite range).
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    static func columnRanges<Scalar: BLASScalar>(_ x: Matrix<Scalar>) -> [Double] {
        let n = x.rows, d = x.columns
        guard n > 0, d > 0 else { return [Double](repeating: 0, count: d) }
        let groups = RowBlockReduction.groups(rows: n)
        // Per column, in the data's precision and without branches (so the loop vectorises): the
        // least and greatest value, and Σ (v − v), which turns NaN at the first NaN or infinity.
        let partial: [[Scalar]] = x.withUnsafeBufferPointer { values in
            ParallelFor.mapChunks(groups.count) { g in
                var extremes = [Scalar](repeating: 0, count: 3 * d)
                extremes.withUnsafeMutableBufferPointer { e in
                    let low = e.baseAddress!, high = low + d, poison = high + d
                    let first = values.baseAddress! + groups[g].lowerBound * d
                    for q in 0..<d {
                        low[q] = first[q]
                        high[q] = first[q]
                    }
                    for i in groups[g] {
                        let row = values.baseAddress! + i * d
                        for q in 0..<d {
                            let v = row[q]
                            low[q] = v < low[q] ? v : low[q]
                            high[q] = v > high[q] ? v : high[q]
                            poison[q] += v - v
                        }
                    }
                }
                return extremes
            }
        }
        var low = [Double](repeating: .infinity, count: d), high = [Double](repeating: -.infinity, count: d)
        var unusable = [Bool](repeating: false, count: d)
        for extremes in partial {
            for q in 0..<d {
                low[q] = Swift.min(low[q], Double(extremes[q]))
                high[q] = Swift.max(high[q], Double(extremes[d + q]))
                unusable[q] = unusable[q] || !extremes[2 * d + q].isFinite
            }
        }
        return (0..<d).map { q in
            let range = high[q] - low[q]
            return unusable[q] || range.isNaN ? .infinity : range
        }
    }
}

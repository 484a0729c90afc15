import Foundation

/// Count, weight, mean and sum of squared deviations of one group: enough for Welch's test and
/// Cohen's d, and mergeable (Chan, Golub & LeVeque's pairwise update) so "the rest" of a segment
/// is the other segments combined without another pass.
///
/// With survey weights the mean is Σwx ÷ Σw, ``sumOfSquares`` is Σw(x − mean)², and the tests
/// count the group as Kish's effective sample size (Σw)² ÷ Σw² (``effectiveCount``). Unweighted,
/// every weight is 1, ``weight`` and ``squaredWeight`` equal ``count`` and every figure is the
/// unweighted one, bit for bit (the sums are of whole numbers).
public struct GroupMoments: Sendable, Hashable, Codable {
    /// Values (respondents) in the group.
    public var count: Int
    /// Σw: ``count`` when unweighted.
    public var weight: Double
    /// Σw²: ``count`` when unweighted.
    public var squaredWeight: Double
    public var mean: Double
    /// Σ w (x − mean)².
    public var sumOfSquares: Double

    /// Unweighted moments (every weight 1).
    public init(count: Int = 0, mean: Double = 0, sumOfSquares: Double = 0) {
        self.init(count: count, weight: Double(count), squaredWeight: Double(count), mean: mean, sumOfSquares: sumOfSquares)
    }

    /// Weighted moments: `weight` is Σw, `squaredWeight` Σw², `sumOfSquares` Σw(x − mean)².
    public init(count: Int, weight: Double, squaredWeight: Double, mean: Double, sumOfSquares: Double) {
        self.count = count
        self.weight = weight
        self.squaredWeight = squaredWeight
        self.mean = mean
        self.sumOfSquares = sumOfSquares
    }

    /// Moments of `values` (two passes; NaN must already be excluded).
    public init<C: Collection>(_ values: C) where C.Element == Double {
        guard !values.isEmpty else { self.init(); return }
        let mean = values.reduce(0, +) / Double(values.count)
        self.init(count: values.count, mean: mean, sumOfSquares: values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) })
    }

    /// Kish's effective sample size (Σw)² ÷ Σw²: the number of unweighted values that would
    /// estimate the mean as precisely; ``count`` when unweighted.
    public var effectiveCount: Double {
        KishEffectiveSize.of(weight: weight, squaredWeight: squaredWeight)
    }

    /// The sample variance, nil below two values: Σw(x − mean)² ÷ (Σw − Σw²/Σw), the unbiased
    /// estimate for reliability weights (NumPy's `np.cov(x, aweights=w)`), which is the n − 1
    /// denominator when unweighted.
    public var variance: Double? { count > 1 ? sumOfSquares / (weight - squaredWeight / weight) : nil }

    /// The moments of the union of two groups.
    public func merged(with other: GroupMoments) -> GroupMoments {
        if other.count == 0 { return self }
        if count == 0 { return other }
        let total = weight + other.weight
        let delta = other.mean - mean
        let mean = self.mean + delta * other.weight / total
        let ss = sumOfSquares + other.sumOfSquares + delta * delta * weight * other.weight / total
        return GroupMoments(count: count + other.count, weight: total, squaredWeight: squaredWeight + other.squaredWeight,
                            mean: mean, sumOfSquares: ss)
    }
}

/// Welch's unequal-variance t-test of one group against another, with Cohen's d.
public struct WelchTest: Sendable, Hashable, Codable {
    public var t: Double
    public var degreesOfFreedom: Double
    /// Two-sided p-value. SciPy: `scipy.stats.ttest_ind(a, b, equal_var=False).pvalue`.
    public var p: Double

    /// The test of `a` against `b`; nil when either group has fewer than two values or both are
    /// constant (the statistic is undefined).
    public init?(_ a: GroupMoments, _ b: GroupMoments) {
        guard let va = a.variance, let vb = b.variance else { return nil }
        let na = a.effectiveCount, nb = b.effectiveCount
        let sa = va / na, sb = vb / nb
        let se2 = sa + sb
        guard se2 > 0, se2.isFinite else { return nil }
        t = (a.mean - b.mean) / se2.squareRoot()
        // Welch–Satterthwaite, (sa + sb)² / (sa²/(na − 1) + sb²/(nb − 1)), written with the shares
        // sa/se2 and sb/se2 (both in [0, 1]) so that tiny or huge variances cannot underflow or
        // overflow the squares into 0/0.
        let ra = sa / se2, rb = sb / se2
        degreesOfFreedom = 1 / (ra * ra / (na - 1) + rb * rb / (nb - 1))
        guard degreesOfFreedom > 0, !t.isNaN else { return nil }
        p = Distributions.studentTTwoSided(t, degreesOfFreedom: degreesOfFreedom)
    }

    /// Cohen's d of `a` against `b` with the pooled standard deviation; nil when it is 0 or
    /// undefined. Weighted, the pooled variance divides by Σ(Σw − Σw²/Σw) over the two groups
    /// (n₁ + n₂ − 2 when unweighted).
    public static func cohensD(_ a: GroupMoments, _ b: GroupMoments) -> Double? {
        guard a.count + b.count > 2, a.count > 0, b.count > 0 else { return nil }
        let freedom = (a.weight - a.squaredWeight / a.weight) + (b.weight - b.squaredWeight / b.weight)
        let pooled = ((a.sumOfSquares + b.sumOfSquares) / freedom).squareRoot()
        guard pooled > 0 else { return nil }
        return (a.mean - b.mean) / pooled
    }
}

/// The test of independence on a 2 × L table (segment vs rest × levels).
///
/// The rule: Pearson's chi-square without continuity correction (SciPy's
/// `chi2_contingency(table, correction=False)`), except for a 2 × 2 table with an expected count
/// below 5, which gets Fisher's exact test (two-sided, SciPy's `fisher_exact`). Levels no one
/// holds are dropped first. A 2 × L table (L > 2) with small expected counts keeps the
/// chi-square and says so in ``lowExpectedCounts``.
public struct ContingencyTest: Sendable, Hashable, Codable {
    public enum Method: String, Sendable, Codable { case chiSquare = "chi-square", fisherExact = "fisher-exact" }
    public var method: Method
    /// The chi-square statistic (nil for Fisher's test).
    public var statistic: Double?
    public var degreesOfFreedom: Int
    public var p: Double
    /// Some expected count is below 5 (the chi-square approximation is rough).
    public var lowExpectedCounts: Bool

    /// The test of `segment` against `rest` (counts per level, same order); nil when fewer than
    /// two levels are held or either row is empty.
    public init?(segment: [Int], rest: [Int]) {
        self.init(segment: segment.map(Double.init), rest: rest.map(Double.init))
    }

    /// The test of counts that need not be whole numbers: a weighted table whose rows the
    /// profiler scaled to their effective sample sizes (each row's weighted counts times Kish's
    /// n_eff ÷ Σw, a first-order design-effect correction in the manner of Rao and Scott), so the
    /// test sees as many answers as the weights are worth. Fisher's test, where the rule picks it,
    /// takes the counts rounded. Whole-number counts are tested exactly as the `[Int]` initializer tests them.
    public init?(segment: [Double], rest: [Double]) {
        precondition(segment.count == rest.count, "one count per level in both rows")
        var a: [Double] = [], b: [Double] = []
        for (x, y) in zip(segment, rest) where x + y > 0 {
            a.append(x)
            b.append(y)
        }
        let na = a.reduce(0, +), nb = b.reduce(0, +)
        guard a.count >= 2, na > 0, nb > 0 else { return nil }
        let n = na + nb
        var chi2 = 0.0
        var low = false
        for j in a.indices {
            let column = a[j] + b[j]
            let ea = na * column / n, eb = nb * column / n
            if ea < 5 || eb < 5 { low = true }
            chi2 += (a[j] - ea) * (a[j] - ea) / ea + (b[j] - eb) * (b[j] - eb) / eb
        }
        lowExpectedCounts = low
        degreesOfFreedom = a.count - 1
        if a.count == 2 && low {
            method = .fisherExact
            statistic = nil
            p = ContingencyTest.fisherExact(Int(a[0].rounded()), Int(a[1].rounded()), Int(b[0].rounded()), Int(b[1].rounded()))
        } else {
            method = .chiSquare
            statistic = chi2
            p = Distributions.chiSquareSurvival(chi2, degreesOfFreedom: Double(a.count - 1))
        }
    }

    /// Two-sided Fisher exact p-value of [[a, b], [c, d]]: the total probability of the tables
    /// with the same margins that are no more likely than the observed one (SciPy's rule, with
    /// its relative tolerance of 1e-7). Probabilities come from ratios of neighbouring
    /// hypergeometric terms, normalised by their sum, so no log-gamma cancellation enters.
    public static func fisherExact(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> Double {
        let row1 = a + b, col1 = a + c, n = a + b + c + d
        let low = max(0, row1 + col1 - n), high = min(row1, col1)
        guard high > low else { return 1 }
        // Unnormalised pmf, scaled to 1 at the mode.
        let mode = min(high, max(low, Int((Double(row1 + 1) * Double(col1 + 1) / Double(n + 2)).rounded(.down))))
        var weights = [Double](repeating: 0, count: high - low + 1)
        weights[mode - low] = 1
        // P(x+1)/P(x) = (row1 − x)(col1 − x) / ((x + 1)(n − row1 − col1 + x + 1)).
        var x = mode
        while x < high {
            let ratio = Double(row1 - x) * Double(col1 - x) / (Double(x + 1) * Double(n - row1 - col1 + x + 1))
            weights[x + 1 - low] = weights[x - low] * ratio
            x += 1
        }
        x = mode
        while x > low {
            let ratio = Double(x) * Double(n - row1 - col1 + x) / (Double(row1 - x + 1) * Double(col1 - x + 1))
            weights[x - 1 - low] = weights[x - low] * ratio
            x -= 1
        }
        let observed = weights[a - low]
        let threshold = observed * (1 + 1e-7)
        var total = 0.0, tail = 0.0
        for w in weights {
            total += w
            if w <= threshold { tail += w }
        }
        return min(1, tail / total)
    }
}

/// Benjamini–Hochberg adjustment of a family of p-values (the false discovery rate).
public enum BenjaminiHochberg {
    /// Adjusted p-values in the input order. SciPy: `scipy.stats.false_discovery_control(p, method="bh")`.
    public static func adjust(_ p: [Double]) -> [Double] {
        let m = p.count
        guard m > 0 else { return [] }
        let order = p.indices.sorted { p[$0] != p[$1] ? p[$0] < p[$1] : $0 < $1 }
        var adjusted = [Double](repeating: 0, count: m)
        var running = 1.0
        for rank in stride(from: m - 1, through: 0, by: -1) {
            let index = order[rank]
            running = min(running, p[index] * Double(m) / Double(rank + 1))
            adjusted[index] = running
        }
        return adjusted
    }
}

import Foundation

/// The special functions behind the p-values: the regularized incomplete beta function (Student's
/// t) and the regularized incomplete gamma function (chi-square).
///
/// Written here because none of the packages this project may depend on provides them (Foundation
/// has `lgamma` and `erfc`, nothing incomplete). Methods: Lentz's modified continued fractions
/// (Numerical Recipes §6.2 and §6.4; DiDonato & Morris 1992 for the choice of tail), the power
/// series of P(a, x) below x < a + 1, and a Stirling-series log-beta for large arguments so that
/// p-values of tests on a million rows keep their relative accuracy. Against SciPy they agree to
/// about 1e-13 relative over the ranges a profile meets (see `StatisticsTests`), the tail being
/// computed directly, never as 1 − (something close to 1).
enum SpecialFunctions {
    static let epsilon = 1e-16
    static let maximumIterations = 100_000

    /// Stirling's correction δ(x) = lnΓ(x) − [(x − ½)ln x − x + ½ ln 2π], for x ≥ 10.
    static func stirlingCorrection(_ x: Double) -> Double {
        let x2 = x * x
        return (1.0 / 12.0 - (1.0 / 360.0 - (1.0 / 1260.0 - (1.0 / 1680.0 - 1.0 / (1188.0 * x2)) / x2) / x2) / x2) / x
    }

    /// ln B(a, b) = lnΓ(a) + lnΓ(b) − lnΓ(a + b), without the cancellation of three large
    /// log-gammas when a or b is large.
    static func logBeta(_ a: Double, _ b: Double) -> Double {
        let small = min(a, b), large = max(a, b)
        if small >= 10 {
            let sum = a + b
            return 0.5 * log(2 * Double.pi) - 0.5 * log(sum)
                + (a - 0.5) * log1p(-b / sum) + (b - 0.5) * log1p(-a / sum)
                + stirlingCorrection(a) + stirlingCorrection(b) - stirlingCorrection(sum)
        }
        if large >= 10 {
            // lnΓ(large) − lnΓ(large + small) by Stirling, plus lnΓ(small).
            let difference = -(large - 0.5) * log1p(small / large) - small * log(large + small) + small
                + stirlingCorrection(large) - stirlingCorrection(large + small)
            return lgamma(small) + difference
        }
        return lgamma(a) + lgamma(b) - lgamma(a + b)
    }

    /// The regularized incomplete beta function I_x(a, b), given x and y = 1 − x (pass both so a
    /// tail near 1 keeps its digits).
    static func incompleteBeta(_ a: Double, _ b: Double, x: Double, y: Double) -> Double {
        precondition(a > 0 && b > 0, "incomplete beta needs positive parameters")
        if x <= 0 { return 0 }
        if y <= 0 { return 1 }
        if x > (a + 1) / (a + b + 2) {
            return 1 - incompleteBeta(b, a, x: y, y: x)
        }
        let logX = x < 0.5 ? log(x) : log1p(-y)
        let logY = y < 0.5 ? log(y) : log1p(-x)
        let front = exp(a * logX + b * logY - logBeta(a, b)) / a
        return front * betaContinuedFraction(a, b, x)
    }

    /// Lentz's evaluation of the continued fraction for I_x(a, b) (Numerical Recipes `betacf`).
    static func betaContinuedFraction(_ a: Double, _ b: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...maximumIterations {
            let m = Double(m), m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < epsilon { break }
        }
        return h
    }

    /// The regularized upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a).
    static func upperIncompleteGamma(_ a: Double, _ x: Double) -> Double {
        precondition(a > 0, "incomplete gamma needs a positive shape")
        if x <= 0 { return 1 }
        let logFront = -x + a * log(x) - lgamma(a)
        if x < a + 1 {
            // Series for P(a, x); Q = 1 − P is not close to 0 here (x below the mean + 1).
            var term = 1 / a, sum = term, ap = a
            for _ in 0..<maximumIterations {
                ap += 1
                term *= x / ap
                sum += term
                if abs(term) < abs(sum) * epsilon { break }
            }
            return 1 - sum * exp(logFront)
        }
        // Continued fraction for Q (Numerical Recipes `gcf`, Lentz).
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        for i in 1...maximumIterations {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < epsilon { break }
        }
        return exp(logFront) * h
    }
}

/// Tail probabilities of the distributions the profile tests use.
public enum Distributions {
    /// Two-sided p-value of Student's t: P(|T| ≥ |t|) with `degreesOfFreedom` (any positive real,
    /// as Welch's test needs). SciPy: `2 * scipy.stats.t.sf(abs(t), df)`.
    public static func studentTTwoSided(_ t: Double, degreesOfFreedom df: Double) -> Double {
        precondition(df > 0, "degrees of freedom must be positive")
        if t.isNaN { return .nan }
        if t.isInfinite { return 0 }
        let t2 = t * t
        let x = df / (df + t2), y = t2 / (df + t2)
        return min(1, SpecialFunctions.incompleteBeta(df / 2, 0.5, x: x, y: y))
    }

    /// Upper tail of chi-square: P(X ≥ x) with `degreesOfFreedom`. SciPy: `scipy.stats.chi2.sf`.
    public static func chiSquareSurvival(_ x: Double, degreesOfFreedom df: Double) -> Double {
        precondition(df > 0, "degrees of freedom must be positive")
        if x.isNaN { return .nan }
        if x.isInfinite { return 0 }
        return SpecialFunctions.upperIncompleteGamma(df / 2, x / 2)
    }
}

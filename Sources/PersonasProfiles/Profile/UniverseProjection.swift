import Foundation

/// A segment's size in the universe the weighted survey sample stands for, with a 95% interval.
///
/// The projected size is the segment's weighted share times the universe (the sum of the weights
/// by default, or a universe size the analyst gives). The interval is Wilson's score interval of
/// the share, on the whole sample's Kish effective sample size n_eff = (Σw)² ÷ Σw² in place of n,
/// times the universe:
///
///     centre = (p + z²/2n) ÷ (1 + z²/n),  half-width = z ÷ (1 + z²/n) · √(p(1 − p)/n + z²/4n²)
///
/// with z = 1.959964 (the 97.5% normal quantile) and n = n_eff. Wilson rather than the Wald
/// interval p ± z√(p(1 − p)/n): survey segments are often small and n_eff often a fraction of the
/// respondents, where Wald's interval falls below 0 for a small share and has too little coverage
/// (Brown, Cai & DasGupta 2001); Wilson's stays inside [0, 1] and keeps close to 95% coverage. Both
/// narrow as 1/√n_eff, and they agree for large n_eff. The bounds are clamped to [0, 1] against
/// rounding.
public struct UniverseProjection: Sendable, Codable, Hashable {
    /// The segment's weighted share of the profiled respondents.
    public var share: Double
    /// The lower and upper bound of the share's 95% interval.
    public var shareLower: Double
    public var shareUpper: Double
    /// share × universe: customers of the universe in the segment.
    public var size: Double
    /// The interval's bounds times the universe.
    public var lower: Double
    public var upper: Double

    /// z of a two-sided 95% interval: the standard normal's 0.975 quantile.
    public static let z95 = 1.959963984540054

    /// The projection of a segment with weighted share `share` of a sample of effective size
    /// `effectiveSize` onto a universe of `universe` customers.
    public init(share: Double, effectiveSize: Double, universe: Double) {
        let (low, high) = UniverseProjection.wilson(share: share, effectiveSize: effectiveSize)
        self.share = share
        shareLower = low
        shareUpper = high
        size = share * universe
        lower = low * universe
        upper = high * universe
    }

    /// Wilson's 95% score interval of a share `share` observed on `effectiveSize` (n_eff)
    /// respondents, clamped to [0, 1]; [0, 1] itself when n_eff is not positive.
    public static func wilson(share p: Double, effectiveSize n: Double) -> (lower: Double, upper: Double) {
        guard n > 0, n.isFinite else { return (0, 1) }
        let z2 = z95 * z95
        let denominator = 1 + z2 / n
        let centre = (p + z2 / (2 * n)) / denominator
        let half = z95 / denominator * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        return (min(1, max(0, centre - half)), min(1, max(0, centre + half)))
    }
}

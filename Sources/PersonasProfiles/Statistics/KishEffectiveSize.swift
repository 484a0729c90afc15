/// Kish's effective sample size of a weighted sample, (Σw)² ÷ Σw².
///
/// Unequal survey weights cost precision: a weighted mean of n respondents is as precise as an
/// unweighted mean of (Σw)² ÷ Σw² of them (Kish 1965, the design effect of weighting), which is n
/// when every weight is equal and falls as the weights spread. Profiles test and the universe
/// projection sets its intervals on this number instead of the respondent count.
public enum KishEffectiveSize {
    /// (Σw)² ÷ Σw² from the two sums; exactly Σw when Σw = Σw² (every weight 1), 0 for no weight.
    public static func of(weight: Double, squaredWeight: Double) -> Double {
        guard squaredWeight > 0 else { return 0 }
        return weight == squaredWeight ? weight : weight * weight / squaredWeight
    }

    /// (Σw)² ÷ Σw² of `weights`.
    public static func of(_ weights: [Double]) -> Double {
        var sum = 0.0, squares = 0.0
        for w in weights {
            sum += w
            squares += w * w
        }
        return of(weight: sum, squaredWeight: squares)
    }
}

import PersonasNumerics

/// Order statistics over the non-missing values of a column: the one quantile of the libraries
/// (the preparation's robust scaling, column summaries, profiles and targeting cut points).
package enum Quantiles {
    /// The `q`-quantile (0...1) of `sorted` with linear interpolation between order statistics
    /// (NumPy's default "linear" method, as scikit-learn's RobustScaler uses).
    package static func quantile(sorted: [Double], _ q: Double) -> Double {
        precondition(!sorted.isEmpty)
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = Swift.min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }

    /// The non-missing values, sorted.
    package static func sortedFinite(_ values: [Double]) -> [Double] {
        var kept = values.filter { !$0.isNaN }
        RadixSort.sort(&kept)
        return kept
    }
}

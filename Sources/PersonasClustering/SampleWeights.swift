/// Respondent (case) weights, one per row, as k-means and Gaussian mixtures take them: a row of
/// weight w counts as w rows in every sum the fit makes (scikit-learn's `sample_weight`), so an
/// integer weight gives the fit of the data with that row repeated. A survey weight that makes the
/// sample stand for the universe is one; its scale does not matter to the fit.
///
/// Weights are finite and ≥ 0 (a row of weight 0 is labelled but moves nothing, as in
/// scikit-learn), and at least k rows need a positive weight. Checked once, at the entry points.
enum SampleWeights {
    /// Throws when `weights` is not one finite, non-negative weight per row with at least `k`
    /// positive: ``ClusteringError/Kind/invalidWeight(row:)`` for the first bad value,
    /// ``ClusteringError/Kind/invalidInput`` for a wrong count or too few positive weights.
    static func validate(_ weights: [Double]?, rows: Int, k: Int) throws(ClusteringError) {
        guard let weights else { return }
        guard weights.count == rows else {
            throw ClusteringError("\(weights.count) sample weights for \(rows) rows")
        }
        if let bad = weights.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
            throw ClusteringError(.invalidWeight(row: bad),
                                  "sample weight of row \(bad + 1) is \(weights[bad]); weights must be finite and ≥ 0")
        }
        let positive = weights.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
        guard positive >= k else {
            throw ClusteringError("only \(positive) rows have a positive weight; k = \(k) needs at least \(k)")
        }
    }
}

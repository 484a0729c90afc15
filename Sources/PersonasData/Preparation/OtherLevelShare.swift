/// When a new table's share of `other` (levels a one-hot column did not keep) deserves a warning.
///
/// Rare levels are pooled into `other` when fitting, so the same share of a new year's customers
/// falling into it is expected and says nothing; a clearly larger share means the column's levels
/// changed (a recoding, a new product), and the segments may no longer fit it.
enum OtherLevelShare {
    /// The warning for `rows` of `total` customers in `other`, or nil when their share does not
    /// clearly exceed the fitted one: by more than one percentage point and more than three
    /// binomial standard errors of the fitted share at this table's size. Models saved without a
    /// fitted share count it as 0 for a column with no pooled levels, and are compared with 1%
    /// (the least share a kept level has by default) otherwise.
    static func warning(column: String, rows: Int, of total: Int, fitted: PreparedColumn.PooledLevels?) -> String? {
        let expected = fitted.map { $0.share ?? 0.01 } ?? 0
        let observed = Double(rows) / Double(Swift.max(total, 1))
        let standardError = (expected * (1 - expected) / Double(Swift.max(total, 1))).squareRoot()
        guard observed > expected + Swift.max(0.01, 3 * standardError) else { return nil }
        let percent = { (share: Double) in formatNumber((share * 1000).rounded() / 10) + "%" }
        let held = rows == 1 ? "1 row has a level" : "\(rows) rows (\(percent(observed))) have levels"
        return "column \"\(column)\": \(held) the model does not keep"
            + (fitted == nil ? ", so they get no level feature" : " and count as \"other\"")
            + " (\(percent(expected)) when it was prepared); check whether the column's levels were recoded"
    }
}

import PersonasNumerics

/// A labelling recoded as scikit-learn's `LabelEncoder` recodes it before every index: the label
/// values that occur, in increasing order, become clusters 0..<k.
///
/// So a label value nobody carries (an emptied k-means cluster, a gap in hand-made numbers) is
/// not a cluster, and any `Int32` values (−1 for noise, say) are clusters like the others. When
/// the labels already are 0..<k with every value used — the usual case — they are kept without
/// a copy.
struct ClusterLabels: Sendable {
    /// Each row's cluster, 0..<k.
    let codes: [Int32]
    /// Rows per cluster (every count is at least 1).
    let counts: [Int]

    var k: Int { counts.count }
    var n: Int { codes.count }

    init(_ labels: [Int32]) {
        guard let low = labels.min(), let high = labels.max() else {
            codes = []
            counts = []
            return
        }
        let span = Int(high) - Int(low) + 1
        if span <= 2 * labels.count + 64 {
            // A table over the value range: one pass to mark, one to number, one to recode.
            var code = [Int32](repeating: -1, count: span)
            for label in labels { code[Int(label) - Int(low)] = 0 }
            var next: Int32 = 0
            for v in 0..<span where code[v] == 0 {
                code[v] = next
                next += 1
            }
            var counts = [Int](repeating: 0, count: Int(next))
            if low == 0 && Int(next) == span {
                for label in labels { counts[Int(label)] += 1 }
                self.codes = labels
            } else {
                let codes = labels.map { code[Int($0) - Int(low)] }
                for c in codes { counts[Int(c)] += 1 }
                self.codes = codes
            }
            self.counts = counts
        } else {
            let values = Array(Set(labels)).sorted()
            var code: [Int32: Int32] = [:]
            for (index, value) in values.enumerated() { code[value] = Int32(index) }
            let codes = labels.map { code[$0]! }
            var counts = [Int](repeating: 0, count: values.count)
            for c in codes { counts[Int(c)] += 1 }
            self.codes = codes
            self.counts = counts
        }
    }
}

extension ValidityIndex {
    /// Checks the shapes and labels of an index's input and recodes the labels.
    ///
    /// - Parameter clusterRange: whether the index needs 2 ≤ k ≤ n − 1 clusters (silhouette,
    ///   Calinski–Harabasz, Davies–Bouldin, Dunn), as scikit-learn's `check_number_of_labels`.
    static func validatedLabels<S: BLASScalar>(
        _ x: Matrix<S>, _ labels: [Int32], index: String, clusterRange: Bool
    ) throws(ModelSelectionError) -> ClusterLabels {
        guard x.rows >= 1 else { throw ModelSelectionError("\(index): the data has no rows") }
        guard x.columns >= 1 else { throw ModelSelectionError("\(index): the data has no feature columns") }
        guard labels.count == x.rows else {
            throw ModelSelectionError("\(index): \(labels.count) labels for \(x.rows) rows; give one label per row")
        }
        let encoded = ClusterLabels(labels)
        if clusterRange {
            let k = encoded.k, n = x.rows
            guard k >= 2 && k <= n - 1 else {
                let what = n < 3 ? "it needs at least 3 rows" : "the labelling must put the \(n) rows into 2 to \(n - 1) clusters"
                throw ModelSelectionError(
                    "\(index): Number of labels is \(k). Valid values are 2 to n_samples - 1 (inclusive); \(what)")
            }
        }
        return encoded
    }

    /// Throws for the first NaN or infinity in `x` (row and column 1-based) when the column
    /// `totals` a pass has just computed are not finite; finite totals prove the data finite, so
    /// valid data is never scanned twice. Finite data whose totals overflow is refused too.
    static func checkFinite<S: BLASScalar>(_ x: Matrix<S>, totals: [Double], index: String) throws(ModelSelectionError) {
        guard totals.contains(where: { !$0.isFinite }) else { return }
        if let bad = x.firstNonFinite {
            throw ModelSelectionError("\(index): the data has \(x[bad.row, bad.column]) at row "
                                      + "\(bad.row + 1), column \(bad.column + 1); impute or drop missing values first")
        }
        throw ModelSelectionError("\(index): the data's values are too large to sum without overflow; rescale them first")
    }
}

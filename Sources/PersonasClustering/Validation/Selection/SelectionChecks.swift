import PersonasNumerics

/// Boundary checks shared by the model-selection tools: run once per public call (and once per
/// segmenter answer, which is outside our control), so the loops behind them check nothing.
enum SelectionChecks {
    /// The data has rows and columns and only finite values.
    static func data(_ x: Matrix<Double>, minimumRows: Int = 1) throws(ModelSelectionError) {
        guard x.columns >= 1 else { throw ModelSelectionError("the data has no feature columns") }
        guard x.rows >= minimumRows else {
            throw ModelSelectionError("the data has \(x.rows) rows; at least \(minimumRows) are needed")
        }
        let d = x.columns
        let bad: Int? = x.withUnsafeBufferPointer { values in values.firstIndex { !$0.isFinite } }
        if let bad {
            throw ModelSelectionError("the data has a non-finite value at row \(bad / d + 1), column \(bad % d + 1); "
                                      + "impute or drop it first")
        }
    }

    /// `labels` has one entry per row, each in 0..<k.
    static func labels(_ labels: [Int32], rows n: Int, k: Int, what: String) throws(ModelSelectionError) {
        guard labels.count == n else {
            throw ModelSelectionError("\(what) has \(labels.count) labels for \(n) rows")
        }
        if let bad = labels.firstIndex(where: { $0 < 0 || Int($0) >= k }) {
            throw ModelSelectionError("\(what) gives row \(bad + 1) the label \(labels[bad]); labels must be in 0..<\(k)")
        }
    }

    /// The segmenter's labels for `x`, checked against its contract (one label per row, 0..<k).
    static func segment(_ segmenter: Segmenter, _ x: Matrix<Double>, k: Int, seed: UInt64) throws -> [Int32] {
        let labels = try segmenter.segment(x, k: k, seed: seed)
        try Self.labels(labels, rows: x.rows, k: k, what: "the \(segmenter.name) segmenter (k = \(k))")
        return labels
    }
}

import PersonasNumerics

/// Validated mixture input with what every pass shares: the column means μ the rows are shifted
/// by as each block is loaded (EM is translation-equivariant, and on centred rows the expanded
/// squares of the diagonal and spherical densities lose no digits to a large offset), and the
/// fixed row groups whose partial sums are combined in group order, so that every result is
/// bit-identical for any thread count.
///
/// With sample weights (``SampleWeights``), a row of weight w counts as w rows in every sum a
/// fit makes: the M-step's moments and scatter, the log-likelihood and the entropy.
struct MixtureData<Scalar: BLASScalar> {
    let x: Matrix<Scalar>
    let shift: [Scalar]
    /// One weight per row, or nil for all 1.
    let weights: [Double]?
    /// Σ w over the rows, or n without weights: the row count the lower bound is a mean over.
    let totalWeight: Double
    let groups: [Range<Int>]
    let chunkRows: Int

    var n: Int { x.rows }
    var d: Int { x.columns }

    init(_ x: Matrix<Scalar>, shift: [Scalar], weights: [Double]? = nil, chunkRows: Int) {
        self.x = x
        self.shift = shift
        self.weights = weights
        self.totalWeight = weights?.reduce(0, +) ?? Double(x.rows)
        self.groups = RowBlockReduction.groups(rows: x.rows)
        self.chunkRows = chunkRows
    }

    /// The chunk loop of every pass: `body` runs once per fixed row group, in parallel
    /// (``ParallelFor``), walking its group's blocks of ``chunkRows`` rows in order; the partial
    /// results come back in group order for the caller to add up in that order.
    func mapRowGroups<Partial>(_ body: (RowBlocks) -> Partial) -> [Partial] {
        ParallelFor.mapChunks(groups.count) { g in body(RowBlocks(groups[g], size: chunkRows)) }
    }

    /// The responsibilities of the rows `rows` (m × k at `responsibilities`, the block's first
    /// row) as the M-step's sums read them: times each row's sample weight, written to `scratch`
    /// (m × k), or `responsibilities` itself without weights. A weight of 1 gives r's bits back,
    /// and the sums' loops, and so the unweighted cost, stay as they are.
    func weighting(
        _ responsibilities: UnsafePointer<Scalar>, rows: Range<Int>, k: Int, scratch: UnsafeMutablePointer<Scalar>?
    ) -> UnsafePointer<Scalar> {
        guard let weights, let scratch else { return responsibilities }
        for (r, i) in rows.enumerated() {
            let w = weights[i]
            for j in 0..<k { scratch[r * k + j] = Scalar(w * Double(responsibilities[r * k + j])) }
        }
        return UnsafePointer(scratch)
    }

    /// Copies the rows of `block`, shifted by μ, into `out` (row stride `stride` ≥ d); with
    /// `squares`, their squares follow each row's d values (the diagonal densities' second half).
    func loadShifted(_ block: Range<Int>, into out: UnsafeMutablePointer<Scalar>, stride: Int, squares: Bool) {
        let d = self.d
        x.withUnsafeBufferPointer { xs in
            shift.withUnsafeBufferPointer { mu in
                for (r, i) in block.enumerated() {
                    let row = xs.baseAddress! + i * d, target = out + r * stride
                    for q in 0..<d { target[q] = row[q] - mu[q] }
                    if squares { for q in 0..<d { target[d + q] = target[q] * target[q] } }
                }
            }
        }
    }
}

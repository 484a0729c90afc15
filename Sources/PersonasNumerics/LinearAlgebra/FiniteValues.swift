extension Matrix {
    /// The first NaN or infinity in row-major order, as its 0-based row and column, or nil when
    /// every value is finite: the one finite-value check of the libraries (k-means, hierarchical
    /// clustering, the validity indices and the preparation's principal components name the
    /// value it finds). Scanned over the fixed row groups in parallel; the first group that has
    /// one names it, so the answer does not depend on the thread count.
    package var firstNonFinite: (row: Int, column: Int)? {
        let d = columns
        guard d > 0 else { return nil }
        let groups = RowBlockReduction.groups(rows: rows), values = elements
        let found: [Int?] = ParallelFor.mapChunks(groups.count) { g in
            ((groups[g].lowerBound * d)..<(groups[g].upperBound * d)).first { !values[$0].isFinite }
        }
        return found.lazy.compactMap { $0 }.first.map { (row: $0 / d, column: $0 % d) }
    }
}

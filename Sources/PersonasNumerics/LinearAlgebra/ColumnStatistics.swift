extension Matrix {
    /// The mean of each column, accumulated in `Double` over fixed row blocks and combined in
    /// block order (thread-count independent).
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public func columnMeans() -> [Scalar] {
        let sums = RowBlockReduction.sum(rows: rows, width: columns) { range, accumulator in
            withUnsafeBufferPointer { x in
                for i in range {
                    let row = x.baseAddress! + i * columns
                    for j in 0..<columns { accumulator[j] += Double(row[j]) }
                }
            }
        }
        let n = Double(Swift.max(rows, 1))
        return sums.map { Scalar($0 / n) }
    }

    /// The covariance matrix of the columns (d × d), `Xcᵀ Xc / (n - ddof)` with `Xc` the centered
    /// data. See ``meanAndCovariance(ddof:)``.
    public func covariance(ddof: Int = 1) -> Matrix {
        meanAndCovariance(ddof: ddof).covariance
    }

    /// Column means and the covariance matrix in one pass over the data.
    ///
    /// Rows are shifted by a provisional center (the mean of the first rows) block by block into a
    /// cache-sized scratch buffer and accumulated with SYRK (BLAS level 3), together with the
    /// shifted column sums; the exact centering is a rank-one correction at the end. Covariance
    /// is shift-invariant and the provisional center is close to the mean, so no precision is
    /// lost to cancellation (the classic "shifted data" algorithm), yet the data is read once.
    /// Fixed row groups combined in order make the result independent of the thread count.
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public func meanAndCovariance(ddof: Int = 1) -> (means: [Scalar], covariance: Matrix) {
        let d = columns, n = rows
        guard n > 0 else { return ([Scalar](repeating: 0, count: d), Matrix(rows: d, columns: d)) }
        let shift = Matrix(rows: Swift.min(n, 1024), columns: d, elements: Array(elements[0..<(Swift.min(n, 1024) * d)]))
            .columnMeans()
        let blockRows = RowBlockReduction.cacheRows(width: d, scalarSize: MemoryLayout<Scalar>.stride)
        let groups = RowBlockReduction.groups(rows: n)
        let partials: [(gram: Matrix, sums: [Double])] = ParallelFor.mapChunks(groups.count) { g in
            var gram = Matrix(rows: d, columns: d)
            var sums = [Double](repeating: 0, count: d)
            var scratch = [Scalar](repeating: 0, count: blockRows * d)
            withUnsafeBufferPointer { x in
                shift.withUnsafeBufferPointer { mu in
                    scratch.withUnsafeMutableBufferPointer { s in
                        gram.withUnsafeMutableBufferPointer { c in
                            var start = groups[g].lowerBound
                            while start < groups[g].upperBound {
                                let count = Swift.min(blockRows, groups[g].upperBound - start)
                                for i in 0..<count {
                                    let src = x.baseAddress! + (start + i) * d
                                    let dst = s.baseAddress! + i * d
                                    for j in 0..<d { dst[j] = src[j] - mu[j] }
                                }
                                for i in 0..<count {
                                    let row = s.baseAddress! + i * d
                                    for j in 0..<d { sums[j] += Double(row[j]) }
                                }
                                Scalar._syrkTransposed(n: d, k: count, alpha: 1, a: s.baseAddress!, lda: d,
                                                       beta: 1, c: c.baseAddress!, ldc: d)
                                start += count
                            }
                        }
                    }
                }
            }
            return (gram, sums)
        }
        var gram = [Double](repeating: 0, count: d * d)
        var sums = [Double](repeating: 0, count: d)
        for partial in partials {
            partial.gram.withUnsafeBufferPointer { p in
                for i in 0..<d { for j in i..<d { gram[i * d + j] += Double(p[i * d + j]) } }
            }
            for j in 0..<d { sums[j] += partial.sums[j] }
        }
        let count = Double(n)
        let scale = 1 / Double(Swift.max(n - ddof, 1))
        var covariance = Matrix(rows: d, columns: d)
        covariance.withUnsafeMutableBufferPointer { c in
            for i in 0..<d {
                for j in i..<d {
                    let v = Scalar((gram[i * d + j] - sums[i] * sums[j] / count) * scale)
                    c[i * d + j] = v
                    c[j * d + i] = v
                }
            }
        }
        let means = (0..<d).map { Scalar(Double(shift[$0]) + sums[$0] / count) }
        return (means, covariance)
    }
}

/// Fixed partitions of rows for reductions whose result must not depend on the thread count.
///
/// Rows are split into at most ``maxGroups`` contiguous groups whose boundaries depend only on the
/// row count; each group is reduced sequentially by one thread, and groups are combined in order.
public enum RowBlockReduction {
    /// Upper bound on groups: enough to balance any realistic core count, few enough that the
    /// per-group partial results stay small.
    public static let maxGroups = 64
    /// Groups are never smaller than this many rows.
    public static let minGroupRows = 4096

    /// The fixed row groups for `rows` rows.
    public static func groups(rows: Int) -> [Range<Int>] {
        guard rows > 0 else { return [] }
        let count = Swift.max(1, Swift.min(maxGroups, rows / minGroupRows))
        return (0..<count).map { g in (rows * g / count)..<(rows * (g + 1) / count) }
    }

    /// Rows per cache-sized block for a row width: about 256 KB of scratch (half of L2 on most
    /// cores), at least 8 rows.
    public static func cacheRows(width: Int, scalarSize: Int) -> Int {
        Swift.max(8, (256 * 1024) / Swift.max(1, width * scalarSize))
    }

    /// Sums `width` accumulators over the row groups: `body(range, accumulator)` adds the
    /// contribution of `range` into `accumulator`; groups are added together in order.
    public static func sum(
        rows: Int, width: Int, _ body: (Range<Int>, UnsafeMutableBufferPointer<Double>) -> Void
    ) -> [Double] {
        let groups = groups(rows: rows)
        let partials: [[Double]] = ParallelFor.mapChunks(groups.count) { g in
            var accumulator = [Double](repeating: 0, count: width)
            accumulator.withUnsafeMutableBufferPointer { body(groups[g], $0) }
            return accumulator
        }
        var total = [Double](repeating: 0, count: width)
        for partial in partials {
            for j in 0..<width { total[j] += partial[j] }
        }
        return total
    }
}

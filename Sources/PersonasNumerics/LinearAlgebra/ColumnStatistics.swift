extension Matrix {
    /// The mean of each column, accumulated in `Double` over fixed row blocks and combined in
    /// block order (thread-count independent).
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
    /// data.
    ///
    /// Rows are centered block by block into a cache-sized scratch buffer and accumulated with
    /// SYRK (BLAS level 3); the O(n·d²) work never sees an uncentered sum of squares, so no
    /// precision is lost to cancellation, and the result does not depend on the thread count.
    /// - Parameter means: the column means when already known (``columnMeans()`` otherwise).
    public func covariance(means: [Scalar]? = nil, ddof: Int = 1) -> Matrix {
        let mu = means ?? columnMeans()
        precondition(mu.count == columns, "\(mu.count) means for \(columns) columns")
        let d = columns
        var result = centeredGram(means: mu)
        let scale = Scalar(1) / Scalar(Swift.max(rows - ddof, 1))
        result.withUnsafeMutableBufferPointer { c in
            for i in 0..<d {
                for j in i..<d {
                    let v = c[i * d + j] * scale
                    c[i * d + j] = v
                    c[j * d + i] = v
                }
            }
        }
        return result
    }

    /// `(X - 1μᵀ)ᵀ (X - 1μᵀ)`, upper triangle filled (lower left as zero).
    func centeredGram(means mu: [Scalar]) -> Matrix {
        let d = columns
        let blockRows = RowBlockReduction.cacheRows(width: d, scalarSize: MemoryLayout<Scalar>.stride)
        let groups = RowBlockReduction.groups(rows: rows)
        let partials: [Matrix] = ParallelFor.mapChunks(groups.count) { g in
            var partial = Matrix(rows: d, columns: d)
            var scratch = [Scalar](repeating: 0, count: blockRows * d)
            withUnsafeBufferPointer { x in
                mu.withUnsafeBufferPointer { mu in
                    scratch.withUnsafeMutableBufferPointer { s in
                        partial.withUnsafeMutableBufferPointer { c in
                            var start = groups[g].lowerBound
                            while start < groups[g].upperBound {
                                let count = Swift.min(blockRows, groups[g].upperBound - start)
                                for i in 0..<count {
                                    let src = x.baseAddress! + (start + i) * d
                                    let dst = s.baseAddress! + i * d
                                    for j in 0..<d { dst[j] = src[j] - mu[j] }
                                }
                                Scalar._syrkTransposed(n: d, k: count, alpha: 1, a: s.baseAddress!, lda: d,
                                                       beta: 1, c: c.baseAddress!, ldc: d)
                                start += count
                            }
                        }
                    }
                }
            }
            return partial
        }
        var total = Matrix(rows: d, columns: d)
        total.withUnsafeMutableBufferPointer { c in
            for partial in partials {
                partial.withUnsafeBufferPointer { p in
                    for i in 0..<d { for j in i..<d { c[i * d + j] += p[i * d + j] } }
                }
            }
        }
        return total
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

import PersonasNumerics

/// Principal component analysis by eigendecomposition of the covariance matrix.
///
/// The covariance is accumulated in one pass with SYRK (`Matrix.meanAndCovariance(ddof:)`) and
/// decomposed with LAPACK's MRRR solver: O(n·d²) + O(d³), the same method as scikit-learn's
/// `PCA(svd_solver="covariance_eigh")`, and the natural one for n ≫ d customer tables.
/// Conventions follow scikit-learn: variances with n − 1, components as unit rows sorted by
/// variance, each signed so that its largest-magnitude loading is positive.
public struct PrincipalComponents<Scalar: BLASScalar>: Sendable, Codable {
    /// Column means of the fitted data (d).
    public var mean: [Scalar]
    /// Principal axes as rows (k × d).
    public var components: Matrix<Scalar>
    /// Variance along each kept axis (k).
    public var explainedVariance: [Scalar]
    /// Share of the total variance along each kept axis (k).
    public var explainedVarianceRatio: [Scalar]

    /// How many components to keep.
    public enum Keep: Sendable, Equatable {
        case all
        case count(Int)
        /// The fewest components whose variance ratios sum to at least this fraction.
        case varianceFraction(Double)
    }

    /// Bytes a fit on `rows` × `columns` needs beside the data: O(d²), whatever the number of rows.
    ///
    /// The covariance is accumulated in one d × d matrix per row group (`RowBlockReduction`),
    /// summed into one more and copied out; the eigensolver then holds the covariance, LAPACK's
    /// working copy, its eigenvectors and ours: max(groups + 2, 4) d × d matrices at the peak. For
    /// 100,000 columns that is 320 GB, which is why callers check it (`MemoryBudget`) before
    /// fitting. Saturates at `Int.max` instead of overflowing.
    public static func estimatedWorkingBytes(rows: Int, columns: Int) -> Int {
        let groups = RowBlockReduction.groups(rows: Swift.min(rows, RowBlockReduction.maxGroups * RowBlockReduction.minGroupRows)).count
        return MemoryBudget.product(columns, columns, MemoryLayout<Double>.stride, Swift.max(groups + 2, 4))
    }

    /// Fits the axes of `x` (n × d, rows are observations).
    /// - Throws: `LAPACKError` if the eigensolver fails (only on non-finite input).
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public static func fit(_ x: Matrix<Scalar>, keeping keep: Keep = .all) throws(LAPACKError) -> PrincipalComponents {
        let d = x.columns
        let (mean, covariance) = x.meanAndCovariance(ddof: 1)
        let eigen = try covariance.symmetricEigendecomposition()
        // Rounding can leave tiny negative eigenvalues for rank-deficient data.
        let variances = eigen.values.map { Swift.max($0, 0) }
        let total = variances.reduce(0, +)
        let ratios = variances.map { total > 0 ? $0 / total : 0 }
        var k: Int
        switch keep {
        case .all: k = d
        case .count(let count): k = Swift.min(Swift.max(count, 0), d)
        case .varianceFraction(let fraction):
            k = d
            var cumulative: Scalar = 0
            for (i, ratio) in ratios.enumerated() {
                cumulative += ratio
                if Double(cumulative) >= fraction - 1e-12 {
                    k = i + 1
                    break
                }
            }
        }
        var components = Matrix<Scalar>(rows: k, columns: d)
        for c in 0..<k {
            let axis = eigen.vectors.row(c)
            var largest = axis.startIndex
            for i in axis.indices where Swift.abs(axis[i]) > Swift.abs(axis[largest]) { largest = i }
            let sign: Scalar = axis[largest] < 0 ? -1 : 1
            for (j, value) in axis.enumerated() { components[c, j] = sign * value }
        }
        return PrincipalComponents(mean: mean, components: components,
                                   explainedVariance: Array(variances[0..<k]),
                                   explainedVarianceRatio: Array(ratios[0..<k]))
    }

    /// Projects rows of `x` (n × d) onto the axes: `(x − mean) · componentsᵀ` (n × k).
    ///
    /// Rows are centered block by block into scratch space and multiplied with one GEMM per block,
    /// in parallel; the input is not copied as a whole.
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public func transform(_ x: Matrix<Scalar>) -> Matrix<Scalar> {
        precondition(x.columns == mean.count, "PCA was fitted on \(mean.count) columns, got \(x.columns)")
        let n = x.rows, d = x.columns, k = components.rows
        var out = Matrix<Scalar>(rows: n, columns: k)
        guard n > 0, k > 0 else { return out }
        let blockRows = 2048
        x.withUnsafeBufferPointer { src in
            components.withUnsafeBufferPointer { axes in
                mean.withUnsafeBufferPointer { mu in
                    out.withUnsafeMutableBufferPointer { dst in
                        ParallelFor.forEachRange(count: n, chunkSize: blockRows) { range in
                            var scratch = [Scalar](repeating: 0, count: range.count * d)
                            scratch.withUnsafeMutableBufferPointer { s in
                                for (r, i) in range.enumerated() {
                                    for j in 0..<d { s[r * d + j] = src[i * d + j] - mu[j] }
                                }
                                Scalar._gemm(transposeA: false, transposeB: true, m: range.count, n: k, k: d, alpha: 1,
                                             a: s.baseAddress!, lda: d, b: axes.baseAddress!, ldb: d, beta: 0,
                                             c: dst.baseAddress! + range.lowerBound * k, ldc: k)
                            }
                        }
                    }
                }
            }
        }
        return out
    }
}

extension Matrix {
    /// The product `op(a) · op(b)`, where `op` transposes when asked: one GEMM, split into
    /// fixed row (or column) blocks that run in parallel.
    ///
    /// Shapes: `op(a)` is m × k, `op(b)` is k × n, the result m × n. Complexity O(m·n·k).
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public static func product(
        _ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false
    ) -> Matrix {
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let kb = transposeB ? b.columns : b.rows
        let n = transposeB ? b.rows : b.columns
        precondition(k == kb, "inner dimensions differ: \(m) × \(k) times \(kb) × \(n)")
        var c = Matrix(rows: m, columns: n)
        multiplyAdd(alpha: 1, a, transposeA: transposeA, b, transposeB: transposeB, beta: 0, into: &c)
        return c
    }

    /// `c = alpha · op(a) · op(b) + beta · c` (BLAS GEMM), in parallel over blocks of the output.
    ///
    /// The output is split by rows when it is tall and by columns when it is wide; the split
    /// depends only on the shapes, and every output element is computed by exactly one GEMM over
    /// the full inner dimension, so the result does not depend on the thread count.
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public static func multiplyAdd(
        alpha: Scalar, _ a: Matrix, transposeA: Bool = false, _ b: Matrix, transposeB: Bool = false,
        beta: Scalar, into c: inout Matrix
    ) {
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let n = transposeB ? b.rows : b.columns
        precondition((transposeB ? b.columns : b.rows) == k, "inner dimensions differ")
        precondition(c.rows == m && c.columns == n, "output is \(c.rows) × \(c.columns), expected \(m) × \(n)")
        guard m > 0, n > 0 else { return }
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    GEMMKernel.parallelGEMM(
                        transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                        a: pa.baseAddress!, lda: a.columns, b: pb.baseAddress!, ldb: b.columns,
                        beta: beta, c: pc.baseAddress!, ldc: n)
                }
            }
        }
    }

    /// The matrix–vector product `op(self) · x`.
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public func times(_ x: [Scalar], transposed: Bool = false) -> [Scalar] {
        let (m, n) = transposed ? (columns, rows) : (rows, columns)
        precondition(x.count == n, "vector has \(x.count) elements, expected \(n)")
        var y = [Scalar](repeating: 0, count: m)
        guard rows > 0, columns > 0 else { return y }
        withUnsafeBufferPointer { pa in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    Scalar._gemv(transpose: transposed, m: rows, n: columns, alpha: 1, a: pa.baseAddress!,
                                 lda: columns, x: px.baseAddress!, beta: 0, y: py.baseAddress!)
                }
            }
        }
        return y
    }
}

/// Parallel GEMM over raw buffers. Internal kernel: callers have checked every shape.
enum GEMMKernel {
    /// Output blocks below this many multiply-adds run as one call: threading costs more than it saves.
    static let parallelThreshold = 1 << 21
    /// Rows (or columns) per block: a multiple of every OpenBLAS micro-kernel height.
    static let blockSize = 256

    static func parallelGEMM<Scalar: BLASScalar>(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Scalar,
        a: UnsafePointer<Scalar>, lda: Int, b: UnsafePointer<Scalar>, ldb: Int,
        beta: Scalar, c: UnsafeMutablePointer<Scalar>, ldc: Int
    ) {
        if m * n * max(k, 1) < parallelThreshold || (m <= blockSize && n <= blockSize) {
            Scalar._gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                         a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
            return
        }
        if m >= n {
            ParallelFor.forEachRange(count: m, chunkSize: blockSize) { rows in
                // Rows of op(A): rows of A, or columns of A when transposed.
                let aBlock = transposeA ? a + rows.lowerBound : a + rows.lowerBound * lda
                Scalar._gemm(transposeA: transposeA, transposeB: transposeB, m: rows.count, n: n, k: k,
                             alpha: alpha, a: aBlock, lda: lda, b: b, ldb: ldb, beta: beta,
                             c: c + rows.lowerBound * ldc, ldc: ldc)
            }
        } else {
            ParallelFor.forEachRange(count: n, chunkSize: blockSize) { cols in
                // Columns of op(B): columns of B, or rows of B when transposed.
                let bBlock = transposeB ? b + cols.lowerBound * ldb : b + cols.lowerBound
                Scalar._gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: cols.count, k: k,
                             alpha: alpha, a: a, lda: lda, b: bBlock, ldb: ldb, beta: beta,
                             c: c + cols.lowerBound, ldc: ldc)
            }
        }
    }
}

/// Eigenvalues and eigenvectors of a symmetric matrix, largest eigenvalue first.
public struct SymmetricEigendecomposition<Scalar: BLASScalar>: Sendable {
    /// Eigenvalues in descending order.
    public var values: [Scalar]
    /// Eigenvectors as rows: row `j` is the unit eigenvector of `values[j]` (d × d).
    public var vectors: Matrix<Scalar>
}

/// A thin singular value decomposition `A = U · diag(s) · Vᵀ` of an m × n matrix, r = min(m, n).
public struct SingularValueDecomposition<Scalar: BLASScalar>: Sendable {
    /// Left singular vectors as columns (m × r).
    public var u: Matrix<Scalar>
    /// Singular values in descending order (r).
    public var singularValues: [Scalar]
    /// Right singular vectors as rows (r × n).
    public var vt: Matrix<Scalar>
}

extension Matrix {
    /// The eigendecomposition of this symmetric matrix (LAPACK `?syevr`, MRRR).
    ///
    /// Only the upper triangle (in row-major terms) is read. Complexity O(d³).
    /// - Throws: ``LAPACKError`` when the solver does not converge.
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public func symmetricEigendecomposition() throws(LAPACKError) -> SymmetricEigendecomposition<Scalar> {
        precondition(rows == columns, "eigendecomposition needs a square matrix, got \(rows) × \(columns)")
        let n = rows
        if n == 0 { return SymmetricEigendecomposition(values: [], vectors: Matrix(rows: 0, columns: 0)) }
        // Row-major upper = column-major lower: pass "L" so LAPACK reads the triangle we mean.
        var a = elements
        var values = [Scalar](repeating: 0, count: n)
        var z = [Scalar](repeating: 0, count: n * n)
        var isuppz = [Int32](repeating: 0, count: 2 * n)
        var n32 = LAPACK.int32(n)
        var found: Int32 = 0
        var vl: Scalar = 0, vu: Scalar = 0, abstol: Scalar = 0
        var il: Int32 = 1, iu: Int32 = n32
        let routine = Scalar.self == Float.self ? "ssyevr" : "dsyevr"
        let noConvergence: (Int) -> LAPACKError.Reason = { _ in .didNotConverge }

        var workQuery: Scalar = 0
        var iworkQuery: Int32 = 0
        var lwork: Int32 = -1, liwork: Int32 = -1
        try LAPACK.call(routine, reason: noConvergence) { info in
            Scalar._syevr("V", "A", "L", &n32, &a, &n32, &vl, &vu, &il, &iu, &abstol, &found, &values, &z,
                          &n32, &isuppz, &workQuery, &lwork, &iworkQuery, &liwork, info)
        }
        lwork = LAPACK.workspaceSize(workQuery)
        liwork = max(1, iworkQuery)
        var work = [Scalar](repeating: 0, count: Int(lwork))
        var iwork = [Int32](repeating: 0, count: Int(liwork))
        try LAPACK.call(routine, reason: noConvergence) { info in
            Scalar._syevr("V", "A", "L", &n32, &a, &n32, &vl, &vu, &il, &iu, &abstol, &found, &values, &z,
                          &n32, &isuppz, &work, &lwork, &iwork, &liwork, info)
        }
        _ = (il, iu)
        // LAPACK returns ascending values and column-major vectors, i.e. row-major rows; reverse both.
        var vectors = Matrix(rows: n, columns: n)
        vectors.withUnsafeMutableBufferPointer { out in
            for j in 0..<n {
                let src = (n - 1 - j) * n
                for i in 0..<n { out[j * n + i] = z[src + i] }
            }
        }
        return SymmetricEigendecomposition(values: values.reversed(), vectors: vectors)
    }

    /// The thin singular value decomposition (LAPACK `?gesdd`, divide and conquer).
    ///
    /// Complexity O(m·n·min(m, n)).
    /// - Throws: ``LAPACKError`` when the solver does not converge.
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public func singularValueDecomposition() throws(LAPACKError) -> SingularValueDecomposition<Scalar> {
        let m = rows, n = columns, r = min(m, n)
        if r == 0 {
            return SingularValueDecomposition(u: Matrix(rows: m, columns: 0), singularValues: [],
                                              vt: Matrix(rows: 0, columns: n))
        }
        // The row-major m × n buffer is the column-major n × m matrix Aᵀ. Decomposing
        // Aᵀ = U' S V'ᵀ gives A = V' S U'ᵀ; read back row-major, LAPACK's U' buffer is our Vᵀ and
        // its V'ᵀ buffer is our U, so no transposes are needed.
        var a = elements
        var s = [Scalar](repeating: 0, count: r)
        var vtOut = [Scalar](repeating: 0, count: r * n)   // U' : n × r, ldu = n
        var uOut = [Scalar](repeating: 0, count: m * r)    // V'ᵀ: r × m, ldvt = r
        var mm = LAPACK.int32(n), nn = LAPACK.int32(m)
        var ldu = LAPACK.int32(n), ldvt = LAPACK.int32(r)
        var iwork = [Int32](repeating: 0, count: 8 * r)
        let routine = Scalar.self == Float.self ? "sgesdd" : "dgesdd"
        let noConvergence: (Int) -> LAPACKError.Reason = { _ in .didNotConverge }

        var workQuery: Scalar = 0
        var lwork: Int32 = -1
        try LAPACK.call(routine, reason: noConvergence) { info in
            Scalar._gesdd("S", &mm, &nn, &a, &mm, &s, &vtOut, &ldu, &uOut, &ldvt, &workQuery, &lwork,
                          &iwork, info)
        }
        lwork = LAPACK.workspaceSize(workQuery)
        var work = [Scalar](repeating: 0, count: Int(lwork))
        try LAPACK.call(routine, reason: noConvergence) { info in
            Scalar._gesdd("S", &mm, &nn, &a, &mm, &s, &vtOut, &ldu, &uOut, &ldvt, &work, &lwork, &iwork, info)
        }
        return SingularValueDecomposition(
            u: Matrix(rows: m, columns: r, elements: uOut), singularValues: s,
            vt: Matrix(rows: r, columns: n, elements: vtOut))
    }

    /// The Cholesky factor `L` (lower triangular, `A = L·Lᵀ`) of this symmetric positive definite
    /// matrix (LAPACK `?potrf`). Only the lower triangle is read.
    /// - Throws: ``LAPACKError`` with ``LAPACKError/Reason/notPositiveDefinite(minor:)``.
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public func choleskyFactor() throws(LAPACKError) -> Matrix {
        precondition(rows == columns, "Cholesky needs a square matrix, got \(rows) × \(columns)")
        let n = rows
        var factor = self
        if n == 0 { return factor }
        // Row-major lower = column-major upper: LAPACK's "U" factor read back row-major is L.
        var n32 = LAPACK.int32(n)
        let routine = Scalar.self == Float.self ? "spotrf" : "dpotrf"
        try factor.withUnsafeMutableBufferPointer { (buffer) throws(LAPACKError) in
            try LAPACK.call(routine, reason: { .notPositiveDefinite(minor: $0) }) { info in
                Scalar._potrf("U", &n32, buffer.baseAddress!, &n32, info)
            }
            for i in 0..<n { for j in (i + 1)..<n { buffer[i * n + j] = 0 } }
        }
        return factor
    }

    /// The upper triangular `U` with `U·Uᵀ = A⁻¹` for this symmetric positive definite `A`: the
    /// transposed inverse of its Cholesky factor, `U = L⁻ᵀ` (LAPACK `?potrf` then `?trtri`).
    ///
    /// A Gaussian density needs the precision only through `‖(x − μ)·U‖²` and `log det U`, so
    /// this is what a Gaussian mixture keeps for each component (scikit-learn's
    /// `precisions_cholesky_`). Only the lower triangle is read. Complexity O(d³).
    /// - Throws: ``LAPACKError`` with ``LAPACKError/Reason/notPositiveDefinite(minor:)``.
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public func precisionCholeskyFactor() throws(LAPACKError) -> Matrix {
        precondition(rows == columns, "Cholesky needs a square matrix, got \(rows) × \(columns)")
        let n = rows
        var factor = self
        if n == 0 { return factor }
        // The row-major lower triangle is the column-major upper one; symmetric, so LAPACK's "L"
        // reads the column-major lower triangle, our upper. Column-major L⁻¹ read back row-major is
        // L⁻ᵀ, upper triangular: the factor wanted, with no transpose.
        var n32 = LAPACK.int32(n)
        let single = Scalar.self == Float.self
        for i in 0..<n { for j in (i + 1)..<n { factor[i, j] = factor[j, i] } }
        try factor.withUnsafeMutableBufferPointer { (buffer) throws(LAPACKError) in
            try LAPACK.call(single ? "spotrf" : "dpotrf", reason: { .notPositiveDefinite(minor: $0) }) { info in
                Scalar._potrf("L", &n32, buffer.baseAddress!, &n32, info)
            }
            try LAPACK.call(single ? "strtri" : "dtrtri", reason: { .notPositiveDefinite(minor: $0) }) { info in
                Scalar._trtri("L", "N", &n32, buffer.baseAddress!, &n32, info)
            }
            for i in 0..<n { for j in 0..<i { buffer[i * n + j] = 0 } }
        }
        return factor
    }

    /// Solves `A·X = B` for this symmetric positive definite `A` (n × n) and `B` (n × k) through
    /// its Cholesky factor (LAPACK `?potrf` then `?potrs`).
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public func choleskySolve(_ b: Matrix) throws(LAPACKError) -> Matrix {
        precondition(rows == columns && b.rows == rows, "shapes do not match for a solve")
        let factor = try choleskyFactor()
        // potrs works column by column; Bᵀ row-major is B column-major.
        var x = b.transposed
        var n32 = LAPACK.int32(rows), nrhs = LAPACK.int32(b.columns)
        let routine = Scalar.self == Float.self ? "spotrs" : "dpotrs"
        try factor.withUnsafeBufferPointer { (f) throws(LAPACKError) in
            try x.withUnsafeMutableBufferPointer { (xb) throws(LAPACKError) in
                try LAPACK.call(routine, reason: { _ in .didNotConverge }) { info in
                    Scalar._potrs("U", &n32, &nrhs, f.baseAddress!, &n32, xb.baseAddress!, &n32, info)
                }
            }
        }
        return x.transposed
    }

    /// The minimum-norm least-squares solution `X` (n × k) of `A·X ≈ B` for this m × n `A` and an
    /// m × k `B` (LAPACK `?gelsd`, SVD by divide and conquer): what `scipy.linalg.lstsq` returns.
    ///
    /// Singular values below `relativeCondition` × the largest are treated as zero, so a singular
    /// or rank-deficient `A` still gives one answer, the shortest. The default, machine epsilon,
    /// is SciPy's. Complexity O(m·n·min(m, n)).
    /// - Throws: ``LAPACKError`` when the SVD does not converge.
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public func leastSquares(_ b: Matrix, relativeCondition: Scalar = .ulpOfOne) throws(LAPACKError) -> Matrix {
        precondition(b.rows == rows, "right-hand side has \(b.rows) rows, the matrix \(rows)")
        let m = rows, n = columns, k = b.columns
        if m == 0 || n == 0 || k == 0 { return Matrix(rows: n, columns: k) }
        // LAPACK is column-major: A's row-major buffer transposed, and B in a max(m, n) × k column-major
        // block whose first n rows hold X on return.
        var a = transposed.elements
        let ldb = Swift.max(m, n)
        var x = [Scalar](repeating: 0, count: ldb * k)
        b.withUnsafeBufferPointer { pb in
            for i in 0..<m { for j in 0..<k { x[j * ldb + i] = pb[i * k + j] } }
        }
        var s = [Scalar](repeating: 0, count: Swift.min(m, n))
        var m32 = LAPACK.int32(m), n32 = LAPACK.int32(n), k32 = LAPACK.int32(k), ldb32 = LAPACK.int32(ldb)
        var rcond = relativeCondition
        var rank: Int32 = 0
        let routine = Scalar.self == Float.self ? "sgelsd" : "dgelsd"
        let noConvergence: (Int) -> LAPACKError.Reason = { _ in .didNotConverge }
        var workQuery: Scalar = 0
        var iworkQuery: Int32 = 0
        var lwork: Int32 = -1
        try LAPACK.call(routine, reason: noConvergence) { info in
            Scalar._gelsd(&m32, &n32, &k32, &a, &m32, &x, &ldb32, &s, &rcond, &rank, &workQuery, &lwork,
                          &iworkQuery, info)
        }
        lwork = LAPACK.workspaceSize(workQuery)
        var work = [Scalar](repeating: 0, count: Int(lwork))
        var iwork = [Int32](repeating: 0, count: Swift.max(1, Int(iworkQuery)))
        try LAPACK.call(routine, reason: noConvergence) { info in
            Scalar._gelsd(&m32, &n32, &k32, &a, &m32, &x, &ldb32, &s, &rcond, &rank, &work, &lwork, &iwork, info)
        }
        var out = Matrix(rows: n, columns: k)
        out.withUnsafeMutableBufferPointer { o in
            for i in 0..<n { for j in 0..<k { o[i * k + j] = x[j * ldb + i] } }
        }
        return out
    }
}

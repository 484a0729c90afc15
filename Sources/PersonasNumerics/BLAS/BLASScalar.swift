import CPersonasBLAS

/// A floating-point type that BLAS and LAPACK can compute with: `Float` (the s routines) or
/// `Double` (the d routines).
///
/// Generic code is written once against this protocol; each requirement forwards to the matching
/// single- or double-precision routine, chosen at compile time by specialisation, never per element.
/// The underscored requirements take raw, column-major-as-BLAS-expects buffers and check nothing:
/// they are the building blocks of ``Matrix`` operations, not an API to call directly.
public protocol BLASScalar: BinaryFloatingPoint, Codable, Sendable, LosslessStringConvertible
where RawSignificand: FixedWidthInteger {
    /// "float32" or "float64", as NumPy spells the type.
    static var numpyName: String { get }

    /// Row-major `C = alpha * op(A) * op(B) + beta * C`.
    static func _gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Self, a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
        beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)

    /// Row-major `C = alpha * A^T * A + beta * C` on the upper triangle of the n × n `C`,
    /// for an k × n `A` (rows are observations).
    static func _syrkTransposed(
        n: Int, k: Int, alpha: Self, a: UnsafePointer<Self>, lda: Int,
        beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)

    /// Row-major `y = alpha * A * x + beta * y` (or `A^T`).
    static func _gemv(
        transpose: Bool, m: Int, n: Int, alpha: Self, a: UnsafePointer<Self>, lda: Int,
        x: UnsafePointer<Self>, beta: Self, y: UnsafeMutablePointer<Self>)

    static func _syevr(
        _ jobz: UnsafePointer<CChar>, _ range: UnsafePointer<CChar>, _ uplo: UnsafePointer<CChar>,
        _ n: UnsafePointer<Int32>, _ a: UnsafeMutablePointer<Self>, _ lda: UnsafePointer<Int32>,
        _ vl: UnsafePointer<Self>, _ vu: UnsafePointer<Self>, _ il: UnsafePointer<Int32>,
        _ iu: UnsafePointer<Int32>, _ abstol: UnsafePointer<Self>, _ m: UnsafeMutablePointer<Int32>,
        _ w: UnsafeMutablePointer<Self>, _ z: UnsafeMutablePointer<Self>, _ ldz: UnsafePointer<Int32>,
        _ isuppz: UnsafeMutablePointer<Int32>, _ work: UnsafeMutablePointer<Self>,
        _ lwork: UnsafePointer<Int32>, _ iwork: UnsafeMutablePointer<Int32>,
        _ liwork: UnsafePointer<Int32>, _ info: UnsafeMutablePointer<Int32>)

    static func _gesdd(
        _ jobz: UnsafePointer<CChar>, _ m: UnsafePointer<Int32>, _ n: UnsafePointer<Int32>,
        _ a: UnsafeMutablePointer<Self>, _ lda: UnsafePointer<Int32>, _ s: UnsafeMutablePointer<Self>,
        _ u: UnsafeMutablePointer<Self>, _ ldu: UnsafePointer<Int32>,
        _ vt: UnsafeMutablePointer<Self>, _ ldvt: UnsafePointer<Int32>,
        _ work: UnsafeMutablePointer<Self>, _ lwork: UnsafePointer<Int32>,
        _ iwork: UnsafeMutablePointer<Int32>, _ info: UnsafeMutablePointer<Int32>)

    static func _potrf(
        _ uplo: UnsafePointer<CChar>, _ n: UnsafePointer<Int32>, _ a: UnsafeMutablePointer<Self>,
        _ lda: UnsafePointer<Int32>, _ info: UnsafeMutablePointer<Int32>)

    static func _potrs(
        _ uplo: UnsafePointer<CChar>, _ n: UnsafePointer<Int32>, _ nrhs: UnsafePointer<Int32>,
        _ a: UnsafePointer<Self>, _ lda: UnsafePointer<Int32>, _ b: UnsafeMutablePointer<Self>,
        _ ldb: UnsafePointer<Int32>, _ info: UnsafeMutablePointer<Int32>)

    // Distance kernels (CPersonasKernels; see Kernels/DistanceKernels.swift). Centers are passed
    // transposed and padded to a multiple of ``_kernelLanes`` columns, with +inf norms as padding.

    /// Columns of the padded center panel per vector register: 4 for Double, 8 for Float.
    static var _kernelLanes: Int { get }

    static func _nearest(
        _ x: UnsafePointer<Self>, _ rows: Int, _ ldx: Int, _ d: Int, _ mu: UnsafePointer<Self>,
        _ centersT: UnsafePointer<Self>, _ norms: UnsafePointer<Self>, _ k: Int, _ kpad: Int,
        _ labels: UnsafeMutablePointer<Int32>, _ best: UnsafeMutablePointer<Self>?,
        _ second: UnsafeMutablePointer<Self>?, _ xnorm: UnsafeMutablePointer<Self>?)

    static func _values(
        _ x: UnsafePointer<Self>, _ rows: Int, _ ldx: Int, _ d: Int, _ mu: UnsafePointer<Self>,
        _ centersT: UnsafePointer<Self>, _ norms: UnsafePointer<Self>, _ k: Int, _ kpad: Int,
        _ out: UnsafeMutablePointer<Self>, _ ldo: Int, _ xnorm: UnsafeMutablePointer<Self>?)

    static func _accumulate(
        _ x: UnsafePointer<Self>, _ rows: Int, _ ldx: Int, _ d: Int, _ mu: UnsafePointer<Self>,
        _ labels: UnsafePointer<Int32>, _ weights: UnsafePointer<Double>?,
        _ sums: UnsafeMutablePointer<Double>, _ weightSums: UnsafeMutablePointer<Double>)

    static func _assignedDistance(
        _ x: UnsafePointer<Self>, _ rows: Int, _ ldx: Int, _ d: Int, _ mu: UnsafePointer<Self>,
        _ centers: UnsafePointer<Self>, _ labels: UnsafePointer<Int32>, _ out: UnsafeMutablePointer<Double>)

    /// One row's squared distances, in Double from differences, to the `count` centers listed in
    /// `which` (rows of `centers`, k × d, centered coordinates, Double even for Float data).
    static func _rowDistances(
        _ x: UnsafePointer<Self>, _ d: Int, _ mu: UnsafePointer<Self>, _ centers: UnsafePointer<Double>,
        _ which: UnsafePointer<Int32>, _ count: Int, _ out: UnsafeMutablePointer<Double>)

}


extension Float: BLASScalar {
    public static var numpyName: String { "float32" }

    public static func _gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        BLASRuntime.ensureConfigured()
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
                    transposeB ? CblasTrans : CblasNoTrans, blasint(m), blasint(n), blasint(k),
                    alpha, a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
    }

    public static func _syrkTransposed(
        n: Int, k: Int, alpha: Float, a: UnsafePointer<Float>, lda: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        BLASRuntime.ensureConfigured()
        cblas_ssyrk(CblasRowMajor, CblasUpper, CblasTrans, blasint(n), blasint(k), alpha, a,
                    blasint(lda), beta, c, blasint(ldc))
    }

    public static func _gemv(
        transpose: Bool, m: Int, n: Int, alpha: Float, a: UnsafePointer<Float>, lda: Int,
        x: UnsafePointer<Float>, beta: Float, y: UnsafeMutablePointer<Float>
    ) {
        BLASRuntime.ensureConfigured()
        cblas_sgemv(CblasRowMajor, transpose ? CblasTrans : CblasNoTrans, blasint(m), blasint(n),
                    alpha, a, blasint(lda), x, 1, beta, y, 1)
    }

    public static func _syevr(
        _ jobz: UnsafePointer<CChar>, _ range: UnsafePointer<CChar>, _ uplo: UnsafePointer<CChar>,
        _ n: UnsafePointer<Int32>, _ a: UnsafeMutablePointer<Float>, _ lda: UnsafePointer<Int32>,
        _ vl: UnsafePointer<Float>, _ vu: UnsafePointer<Float>, _ il: UnsafePointer<Int32>,
        _ iu: UnsafePointer<Int32>, _ abstol: UnsafePointer<Float>, _ m: UnsafeMutablePointer<Int32>,
        _ w: UnsafeMutablePointer<Float>, _ z: UnsafeMutablePointer<Float>, _ ldz: UnsafePointer<Int32>,
        _ isuppz: UnsafeMutablePointer<Int32>, _ work: UnsafeMutablePointer<Float>,
        _ lwork: UnsafePointer<Int32>, _ iwork: UnsafeMutablePointer<Int32>,
        _ liwork: UnsafePointer<Int32>, _ info: UnsafeMutablePointer<Int32>
    ) {
        BLASRuntime.ensureConfigured()
        ssyevr_(jobz, range, uplo, n, a, lda, vl, vu, il, iu, abstol, m, w, z, ldz, isuppz, work,
                lwork, iwork, liwork, info, 1, 1, 1)
    }

    public static func _gesdd(
        _ jobz: UnsafePointer<CChar>, _ m: UnsafePointer<Int32>, _ n: UnsafePointer<Int32>,
        _ a: UnsafeMutablePointer<Float>, _ lda: UnsafePointer<Int32>, _ s: UnsafeMutablePointer<Float>,
        _ u: UnsafeMutablePointer<Float>, _ ldu: UnsafePointer<Int32>,
        _ vt: UnsafeMutablePointer<Float>, _ ldvt: UnsafePointer<Int32>,
        _ work: UnsafeMutablePointer<Float>, _ lwork: UnsafePointer<Int32>,
        _ iwork: UnsafeMutablePointer<Int32>, _ info: UnsafeMutablePointer<Int32>
    ) {
        BLASRuntime.ensureConfigured()
        sgesdd_(jobz, m, n, a, lda, s, u, ldu, vt, ldvt, work, lwork, iwork, info, 1)
    }

    public static func _potrf(
        _ uplo: UnsafePointer<CChar>, _ n: UnsafePointer<Int32>, _ a: UnsafeMutablePointer<Float>,
        _ lda: UnsafePointer<Int32>, _ info: UnsafeMutablePointer<Int32>
    ) {
        BLASRuntime.ensureConfigured()
        spotrf_(uplo, n, a, lda, info, 1)
    }

    public static func _potrs(
        _ uplo: UnsafePointer<CChar>, _ n: UnsafePointer<Int32>, _ nrhs: UnsafePointer<Int32>,
        _ a: UnsafePointer<Float>, _ lda: UnsafePointer<Int32>, _ b: UnsafeMutablePointer<Float>,
        _ ldb: UnsafePointer<Int32>, _ info: UnsafeMutablePointer<Int32>
    ) {
        BLASRuntime.ensureConfigured()
        spotrs_(uplo, n, nrhs, a, lda, b, ldb, info, 1)
    }
}

extension Double: BLASScalar {
    public static var numpyName: String { "float64" }

    public static func _gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Double, a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        BLASRuntime.ensureConfigured()
        cblas_dgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
                    transposeB ? CblasTrans : CblasNoTrans, blasint(m), blasint(n), blasint(k),
                    alpha, a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
    }

    public static func _syrkTransposed(
        n: Int, k: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        BLASRuntime.ensureConfigured()
        cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, blasint(n), blasint(k), alpha, a,
                    blasint(lda), beta, c, blasint(ldc))
    }

    public static func _gemv(
        transpose: Bool, m: Int, n: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int,
        x: UnsafePointer<Double>, beta: Double, y: UnsafeMutablePointer<Double>
    ) {
        BLASRuntime.ensureConfigured()
        cblas_dgemv(CblasRowMajor, transpose ? CblasTrans : CblasNoTrans, blasint(m), blasint(n),
                    alpha, a, blasint(lda), x, 1, beta, y, 1)
    }

    public static func _syevr(
        _ jobz: UnsafePointer<CChar>, _ range: UnsafePointer<CChar>, _ uplo: UnsafePointer<CChar>,
        _ n: UnsafePointer<Int32>, _ a: UnsafeMutablePointer<Double>, _ lda: UnsafePointer<Int32>,
        _ vl: UnsafePointer<Double>, _ vu: UnsafePointer<Double>, _ il: UnsafePointer<Int32>,
        _ iu: UnsafePointer<Int32>, _ abstol: UnsafePointer<Double>, _ m: UnsafeMutablePointer<Int32>,
        _ w: UnsafeMutablePointer<Double>, _ z: UnsafeMutablePointer<Double>, _ ldz: UnsafePointer<Int32>,
        _ isuppz: UnsafeMutablePointer<Int32>, _ work: UnsafeMutablePointer<Double>,
        _ lwork: UnsafePointer<Int32>, _ iwork: UnsafeMutablePointer<Int32>,
        _ liwork: UnsafePointer<Int32>, _ info: UnsafeMutablePointer<Int32>
    ) {
        BLASRuntime.ensureConfigured()
        dsyevr_(jobz, range, uplo, n, a, lda, vl, vu, il, iu, abstol, m, w, z, ldz, isuppz, work,
                lwork, iwork, liwork, info, 1, 1, 1)
    }

    public static func _gesdd(
        _ jobz: UnsafePointer<CChar>, _ m: UnsafePointer<Int32>, _ n: UnsafePointer<Int32>,
        _ a: UnsafeMutablePointer<Double>, _ lda: UnsafePointer<Int32>, _ s: UnsafeMutablePointer<Double>,
        _ u: UnsafeMutablePointer<Double>, _ ldu: UnsafePointer<Int32>,
        _ vt: UnsafeMutablePointer<Double>, _ ldvt: UnsafePointer<Int32>,
        _ work: UnsafeMutablePointer<Double>, _ lwork: UnsafePointer<Int32>,
        _ iwork: UnsafeMutablePointer<Int32>, _ info: UnsafeMutablePointer<Int32>
    ) {
        BLASRuntime.ensureConfigured()
        dgesdd_(jobz, m, n, a, lda, s, u, ldu, vt, ldvt, work, lwork, iwork, info, 1)
    }

    public static func _potrf(
        _ uplo: UnsafePointer<CChar>, _ n: UnsafePointer<Int32>, _ a: UnsafeMutablePointer<Double>,
        _ lda: UnsafePointer<Int32>, _ info: UnsafeMutablePointer<Int32>
    ) {
        BLASRuntime.ensureConfigured()
        dpotrf_(uplo, n, a, lda, info, 1)
    }

    public static func _potrs(
        _ uplo: UnsafePointer<CChar>, _ n: UnsafePointer<Int32>, _ nrhs: UnsafePointer<Int32>,
        _ a: UnsafePointer<Double>, _ lda: UnsafePointer<Int32>, _ b: UnsafeMutablePointer<Double>,
        _ ldb: UnsafePointer<Int32>, _ info: UnsafeMutablePointer<Int32>
    ) {
        BLASRuntime.ensureConfigured()
        dpotrs_(uplo, n, nrhs, a, lda, b, ldb, info, 1)
    }
}

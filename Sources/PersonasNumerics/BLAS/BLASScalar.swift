import CPersonasBLAS

/// A floating-point type that BLAS and LAPACK can compute with: `Float` (the s routines) or
/// `Double` (the d routines), its only two conformances.
///
/// Generic code is written once against this protocol. The routines it runs on raw buffers (BLAS,
/// LAPACK and the distance kernels) are `package` members of the module, each choosing the single-
/// or double-precision routine by the type, which specialisation settles at compile time, never
/// per element: they are the building blocks of ``Matrix`` operations and of the clustering
/// kernels, not an API. A user computes through ``Matrix`` and the library types instead.
public protocol BLASScalar: BinaryFloatingPoint, Codable, Sendable, LosslessStringConvertible
where RawSignificand: FixedWidthInteger {
    /// "float32" or "float64", as NumPy spells the type.
    static var numpyName: String { get }
}

extension Float: BLASScalar {
    public static var numpyName: String { "float32" }
}

extension Double: BLASScalar {
    public static var numpyName: String { "float64" }
}

extension BLASScalar {
    /// Whether the type is `Float` (the s routines) rather than `Double` (the d routines).
    @inlinable
    package static var isSinglePrecision: Bool {
        if Self.self == Float.self { return true }
        precondition(Self.self == Double.self, "BLASScalar has two conformances, Float and Double")
        return false
    }
}

extension UnsafePointer {
    /// The same address as a pointer to `T`: a ``BLASScalar`` buffer once its type is known to be `T`.
    @inlinable
    package func assuming<T>(_: T.Type = T.self) -> UnsafePointer<T> {
        UnsafeRawPointer(self).assumingMemoryBound(to: T.self)
    }
}

extension UnsafeMutablePointer {
    /// The same address as a pointer to `T`: a ``BLASScalar`` buffer once its type is known to be `T`.
    @inlinable
    package func assuming<T>(_: T.Type = T.self) -> UnsafeMutablePointer<T> {
        UnsafeMutableRawPointer(self).assumingMemoryBound(to: T.self)
    }
}

// The BLAS and LAPACK routines Personas calls, row-major where BLAS asks, checking nothing.
extension BLASScalar {
    /// Row-major `C = alpha * op(A) * op(B) + beta * C`.
    package static func _gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Self, a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
        beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int
    ) {
        BLASRuntime.ensureConfigured()
        let opA = transposeA ? CblasTrans : CblasNoTrans, opB = transposeB ? CblasTrans : CblasNoTrans
        if isSinglePrecision {
            cblas_sgemm(CblasRowMajor, opA, opB, blasint(m), blasint(n), blasint(k), Float(alpha), a.assuming(),
                        blasint(lda), b.assuming(), blasint(ldb), Float(beta), c.assuming(), blasint(ldc))
        } else {
            cblas_dgemm(CblasRowMajor, opA, opB, blasint(m), blasint(n), blasint(k), Double(alpha), a.assuming(),
                        blasint(lda), b.assuming(), blasint(ldb), Double(beta), c.assuming(), blasint(ldc))
        }
    }

    /// Row-major `C = alpha * A^T * A + beta * C` on the upper triangle of the n × n `C`,
    /// for an k × n `A` (rows are observations).
    package static func _syrkTransposed(
        n: Int, k: Int, alpha: Self, a: UnsafePointer<Self>, lda: Int,
        beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int
    ) {
        BLASRuntime.ensureConfigured()
        if isSinglePrecision {
            cblas_ssyrk(CblasRowMajor, CblasUpper, CblasTrans, blasint(n), blasint(k), Float(alpha), a.assuming(),
                        blasint(lda), Float(beta), c.assuming(), blasint(ldc))
        } else {
            cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, blasint(n), blasint(k), Double(alpha), a.assuming(),
                        blasint(lda), Double(beta), c.assuming(), blasint(ldc))
        }
    }

    /// Row-major `y = alpha * A * x + beta * y` (or `A^T`).
    package static func _gemv(
        transpose: Bool, m: Int, n: Int, alpha: Self, a: UnsafePointer<Self>, lda: Int,
        x: UnsafePointer<Self>, beta: Self, y: UnsafeMutablePointer<Self>
    ) {
        BLASRuntime.ensureConfigured()
        let op = transpose ? CblasTrans : CblasNoTrans
        if isSinglePrecision {
            cblas_sgemv(CblasRowMajor, op, blasint(m), blasint(n), Float(alpha), a.assuming(), blasint(lda),
                        x.assuming(), 1, Float(beta), y.assuming(), 1)
        } else {
            cblas_dgemv(CblasRowMajor, op, blasint(m), blasint(n), Double(alpha), a.assuming(), blasint(lda),
                        x.assuming(), 1, Double(beta), y.assuming(), 1)
        }
    }

    /// LAPACK `?syevr`: eigenvalues and eigenvectors of a symmetric matrix.
    package static func _syevr(
        _ jobz: UnsafePointer<CChar>, _ range: UnsafePointer<CChar>, _ uplo: UnsafePointer<CChar>,
        _ n: UnsafePointer<Int32>, _ a: UnsafeMutablePointer<Self>, _ lda: UnsafePointer<Int32>,
        _ vl: UnsafePointer<Self>, _ vu: UnsafePointer<Self>, _ il: UnsafePointer<Int32>,
        _ iu: UnsafePointer<Int32>, _ abstol: UnsafePointer<Self>, _ m: UnsafeMutablePointer<Int32>,
        _ w: UnsafeMutablePointer<Self>, _ z: UnsafeMutablePointer<Self>, _ ldz: UnsafePointer<Int32>,
        _ isuppz: UnsafeMutablePointer<Int32>, _ work: UnsafeMutablePointer<Self>,
        _ lwork: UnsafePointer<Int32>, _ iwork: UnsafeMutablePointer<Int32>,
        _ liwork: UnsafePointer<Int32>, _ info: UnsafeMutablePointer<Int32>
    ) {
        BLASRuntime.ensureConfigured()
        if isSinglePrecision {
            ssyevr_(jobz, range, uplo, n, a.assuming(), lda, vl.assuming(), vu.assuming(), il, iu, abstol.assuming(),
                    m, w.assuming(), z.assuming(), ldz, isuppz, work.assuming(), lwork, iwork, liwork, info, 1, 1, 1)
        } else {
            dsyevr_(jobz, range, uplo, n, a.assuming(), lda, vl.assuming(), vu.assuming(), il, iu, abstol.assuming(),
                    m, w.assuming(), z.assuming(), ldz, isuppz, work.assuming(), lwork, iwork, liwork, info, 1, 1, 1)
        }
    }

    /// LAPACK `?gesdd`: the singular value decomposition, divide and conquer.
    package static func _gesdd(
        _ jobz: UnsafePointer<CChar>, _ m: UnsafePointer<Int32>, _ n: UnsafePointer<Int32>,
        _ a: UnsafeMutablePointer<Self>, _ lda: UnsafePointer<Int32>, _ s: UnsafeMutablePointer<Self>,
        _ u: UnsafeMutablePointer<Self>, _ ldu: UnsafePointer<Int32>,
        _ vt: UnsafeMutablePointer<Self>, _ ldvt: UnsafePointer<Int32>,
        _ work: UnsafeMutablePointer<Self>, _ lwork: UnsafePointer<Int32>,
        _ iwork: UnsafeMutablePointer<Int32>, _ info: UnsafeMutablePointer<Int32>
    ) {
        BLASRuntime.ensureConfigured()
        if isSinglePrecision {
            sgesdd_(jobz, m, n, a.assuming(), lda, s.assuming(), u.assuming(), ldu, vt.assuming(), ldvt,
                    work.assuming(), lwork, iwork, info, 1)
        } else {
            dgesdd_(jobz, m, n, a.assuming(), lda, s.assuming(), u.assuming(), ldu, vt.assuming(), ldvt,
                    work.assuming(), lwork, iwork, info, 1)
        }
    }

    /// LAPACK `?potrf`: the Cholesky factor of a symmetric positive-definite matrix.
    package static func _potrf(
        _ uplo: UnsafePointer<CChar>, _ n: UnsafePointer<Int32>, _ a: UnsafeMutablePointer<Self>,
        _ lda: UnsafePointer<Int32>, _ info: UnsafeMutablePointer<Int32>
    ) {
        BLASRuntime.ensureConfigured()
        if isSinglePrecision {
            spotrf_(uplo, n, a.assuming(), lda, info, 1)
        } else {
            dpotrf_(uplo, n, a.assuming(), lda, info, 1)
        }
    }

    /// LAPACK `?potrs`: solves with a Cholesky factor from ``_potrf(_:_:_:_:_:)``.
    package static func _potrs(
        _ uplo: UnsafePointer<CChar>, _ n: UnsafePointer<Int32>, _ nrhs: UnsafePointer<Int32>,
        _ a: UnsafePointer<Self>, _ lda: UnsafePointer<Int32>, _ b: UnsafeMutablePointer<Self>,
        _ ldb: UnsafePointer<Int32>, _ info: UnsafeMutablePointer<Int32>
    ) {
        BLASRuntime.ensureConfigured()
        if isSinglePrecision {
            spotrs_(uplo, n, nrhs, a.assuming(), lda, b.assuming(), ldb, info, 1)
        } else {
            dpotrs_(uplo, n, nrhs, a.assuming(), lda, b.assuming(), ldb, info, 1)
        }
    }

    /// LAPACK `?trtri`: the inverse of a triangular matrix, in place.
    package static func _trtri(
        _ uplo: UnsafePointer<CChar>, _ diag: UnsafePointer<CChar>, _ n: UnsafePointer<Int32>,
        _ a: UnsafeMutablePointer<Self>, _ lda: UnsafePointer<Int32>, _ info: UnsafeMutablePointer<Int32>
    ) {
        BLASRuntime.ensureConfigured()
        if isSinglePrecision {
            strtri_(uplo, diag, n, a.assuming(), lda, info, 1, 1)
        } else {
            dtrtri_(uplo, diag, n, a.assuming(), lda, info, 1, 1)
        }
    }

    /// LAPACK `?gelsd`: the minimum-norm least-squares solution through the SVD.
    package static func _gelsd(
        _ m: UnsafePointer<Int32>, _ n: UnsafePointer<Int32>, _ nrhs: UnsafePointer<Int32>,
        _ a: UnsafeMutablePointer<Self>, _ lda: UnsafePointer<Int32>, _ b: UnsafeMutablePointer<Self>,
        _ ldb: UnsafePointer<Int32>, _ s: UnsafeMutablePointer<Self>, _ rcond: UnsafePointer<Self>,
        _ rank: UnsafeMutablePointer<Int32>, _ work: UnsafeMutablePointer<Self>, _ lwork: UnsafePointer<Int32>,
        _ iwork: UnsafeMutablePointer<Int32>, _ info: UnsafeMutablePointer<Int32>
    ) {
        BLASRuntime.ensureConfigured()
        if isSinglePrecision {
            sgelsd_(m, n, nrhs, a.assuming(), lda, b.assuming(), ldb, s.assuming(), rcond.assuming(), rank,
                    work.assuming(), lwork, iwork, info)
        } else {
            dgelsd_(m, n, nrhs, a.assuming(), lda, b.assuming(), ldb, s.assuming(), rcond.assuming(), rank,
                    work.assuming(), lwork, iwork, info)
        }
    }
}

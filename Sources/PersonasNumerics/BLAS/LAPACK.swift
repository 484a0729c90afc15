/// A LAPACK routine that could not finish on the data it was given.
///
/// LAPACK reports two kinds of failure through `info`: a negative value means an argument was
/// invalid, which is a programming error in Personas and stops the program (a precondition); a
/// positive value is a property of the data (a matrix that is not positive definite, an
/// eigensolver that did not converge), which is thrown as this error.
public struct LAPACKError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The routine that failed, such as "dpotrf".
    public var routine: String
    /// LAPACK's positive `info` value.
    public var info: Int
    /// What the failure means for the caller's data.
    public var reason: Reason

    public enum Reason: Sendable, Equatable {
        /// Cholesky: the leading minor of this order is not positive definite.
        case notPositiveDefinite(minor: Int)
        /// An eigen- or singular value solver did not converge.
        case didNotConverge
    }

    public var description: String {
        switch reason {
        case .notPositiveDefinite(let minor):
            "\(routine): the matrix is not positive definite (leading minor \(minor)); "
                + "check for constant or perfectly correlated features"
        case .didNotConverge:
            "\(routine): the solver did not converge (info \(info)); "
                + "check the input for extreme or non-finite values"
        }
    }
}

/// The one place LAPACK calls are made and checked.
///
/// Every routine goes through ``call(_:reason:_:)``, which maps `info` once: negative is a bug in
/// our call (precondition), positive is a ``LAPACKError``.
enum LAPACK {
    /// Runs `body` with an `info` slot and checks it.
    static func call(
        _ routine: String, reason: (Int) -> LAPACKError.Reason,
        _ body: (UnsafeMutablePointer<Int32>) -> Void
    ) throws(LAPACKError) {
        var info: Int32 = 0
        body(&info)
        try check(routine, info: Int(info), reason: reason)
    }

    /// Checks a LAPACK `info` value.
    static func check(_ routine: String, info: Int, reason: (Int) -> LAPACKError.Reason) throws(LAPACKError) {
        precondition(info >= 0, "LAPACK \(routine) rejected argument \(-info): a bug in Personas")
        if info > 0 {
            throw LAPACKError(routine: routine, info: info, reason: reason(info))
        }
    }

    /// LAPACK takes 32-bit dimensions; larger problems are a programming error upstream.
    static func int32(_ value: Int) -> Int32 {
        precondition(value >= 0 && value <= Int(Int32.max), "dimension \(value) exceeds LAPACK's 32-bit range")
        return Int32(value)
    }

    /// A workspace size LAPACK returned from an `lwork = -1` query, rounded up.
    static func workspaceSize<Scalar: BLASScalar>(_ query: Scalar) -> Int32 {
        int32(max(1, Int(query.rounded(.up))))
    }
}

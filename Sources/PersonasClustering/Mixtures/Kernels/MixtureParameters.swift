import PersonasNumerics

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The parameters of a Gaussian mixture in the coordinates EM works in (the data shifted by its
/// column means), in Double whatever the data's precision: they are small (k·d² at most) and the
/// M-step divides sums that deserve every digit.
///
/// Covariances and precision Cholesky factors are kept flat in scikit-learn's shapes for the
/// covariance type (full k·d·d, tied d·d, diagonal k·d, spherical k); a factor `U` satisfies
/// `U·Uᵀ = Σ⁻¹` and is upper triangular for full and tied.
struct MixtureParameters: Sendable, Equatable {
    let type: GaussianMixtureConfiguration.CovarianceType
    let k: Int
    let d: Int
    var weights: [Double]
    /// k × d, shifted coordinates.
    var means: [Double]
    /// Empty when the parameters came from given precisions and no M-step has run yet.
    var covariances: [Double]
    var precisionsCholesky: [Double]

    /// Elements of the covariance (or factor) array for the type.
    static func covarianceCount(_ type: GaussianMixtureConfiguration.CovarianceType, k: Int, d: Int) -> Int {
        switch type {
        case .full: k * d * d
        case .tied: d * d
        case .diagonal: k * d
        case .spherical: k
        }
    }

    /// log det U_j for each component: the Gaussian's normalising term beside −½·d·ln 2π.
    var logDeterminants: [Double] {
        (0..<k).map { j in
            switch type {
            case .full: (0..<d).reduce(0.0) { $0 + log(precisionsCholesky[j * d * d + $1 * d + $1]) }
            case .tied: (0..<d).reduce(0.0) { $0 + log(precisionsCholesky[$1 * d + $1]) }
            case .diagonal: (0..<d).reduce(0.0) { $0 + log(precisionsCholesky[j * d + $1]) }
            case .spherical: Double(d) * log(precisionsCholesky[j])
            }
        }
    }

    /// The precision Cholesky factors of `covariances` (scikit-learn's
    /// `_compute_precision_cholesky`): `L⁻ᵀ` through LAPACK for full and tied, `1/√σ²` otherwise.
    static func precisionCholesky(
        _ covariances: [Double], type: GaussianMixtureConfiguration.CovarianceType, k: Int, d: Int
    ) throws(ClusteringError) -> [Double] {
        switch type {
        case .full, .tied:
            let count = type == .full ? k : 1
            var factors: [Double] = []
            factors.reserveCapacity(count * d * d)
            for j in 0..<count {
                let block = Matrix(rows: d, columns: d, elements: Array(covariances[(j * d * d)..<((j + 1) * d * d)]))
                do {
                    factors += try block.precisionCholeskyFactor().elements
                } catch {
                    throw illDefined(component: j, type: type)
                }
            }
            return factors
        case .diagonal, .spherical:
            var factors = [Double](repeating: 0, count: covariances.count)
            for (i, variance) in covariances.enumerated() {
                guard variance > 0, variance.isFinite else {
                    throw illDefined(component: type == .diagonal ? i / d : i, type: type)
                }
                factors[i] = 1 / variance.squareRoot()
            }
            return factors
        }
    }

    /// The precision Cholesky factors of given precisions (scikit-learn's
    /// `_compute_precision_cholesky_from_precisions`): for full and tied the upper triangular
    /// `U` with `U·Uᵀ = Λ`, the Cholesky factor of the row- and column-reversed Λ reversed back;
    /// the square roots otherwise. The precisions have been validated.
    static func precisionCholesky(
        fromPrecisions precisions: [Double], type: GaussianMixtureConfiguration.CovarianceType, k: Int, d: Int
    ) throws(ClusteringError) -> [Double] {
        switch type {
        case .full, .tied:
            let count = type == .full ? k : 1
            var factors = [Double](repeating: 0, count: count * d * d)
            for j in 0..<count {
                let base = j * d * d
                let flipped = Matrix(rows: d, columns: d) { out in
                    for r in 0..<d { for c in 0..<d {
                        (out.baseAddress! + r * d + c).initialize(to: precisions[base + (d - 1 - r) * d + (d - 1 - c)])
                    } }
                }
                guard let lower = try? flipped.choleskyFactor() else {
                    throw ClusteringError("initial precision \(type == .full ? "of component \(j + 1) " : "")"
                                          + "is not positive definite")
                }
                for r in 0..<d { for c in 0..<d { factors[base + r * d + c] = lower[d - 1 - r, d - 1 - c] } }
            }
            return factors
        case .diagonal, .spherical:
            return precisions.map { $0.squareRoot() }
        }
    }

    static func illDefined(component: Int, type: GaussianMixtureConfiguration.CovarianceType) -> ClusteringError {
        let which = type == .tied ? "the shared covariance" : "the covariance of component \(component + 1)"
        return ClusteringError(
            .illDefinedCovariance(component: type == .tied ? 0 : component),
            "\(which) is not positive definite (collapsed or singleton rows); use fewer components, "
                + "a larger covariance regularisation, or rescale the data")
    }
}

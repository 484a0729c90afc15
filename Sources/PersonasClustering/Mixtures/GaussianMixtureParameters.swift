import PersonasNumerics

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fitted Gaussian mixture as a file keeps it: what scoring new rows needs, in the
/// coordinates the fit worked in, so that rows are scored exactly as the training rows were
/// (``predict(_:)`` on the training rows gives ``GaussianMixtureModel/labels`` bit for bit).
///
/// ```swift
/// let saved = model.savedParameters            // Codable: into model.json
/// let labels = try saved.predict(newRows)      // as model.predict(newRows)
/// ```
///
/// Component j's log-density at a row x is `ln N_j(x) = c_j − ½‖(x − s − m_j)·U_j‖²` with `s`
/// the ``shift``, `m_j` the ``shiftedMeans`` row j, `U_j` the precision Cholesky factor
/// (``precisionCholeskyFactor(ofComponent:)``) and `c_j = ln det U_j − ½·d·ln 2π`; a row's
/// most probable component maximises `ln w_j + ln N_j(x)`.
public struct GaussianMixtureParameters: Sendable, Equatable, Codable {
    /// The shape of the components' covariances.
    public var covarianceType: GaussianMixtureConfiguration.CovarianceType
    /// The training rows' column means (d), subtracted from every row before scoring.
    public var shift: [Double]
    /// The mixing weights (k), summing to 1.
    public var weights: [Double]
    /// The component means less ``shift``, k × d.
    public var shiftedMeans: Matrix<Double>
    /// The precision Cholesky factors, flat in scikit-learn's shape for the type
    /// (`precisions_cholesky_`): full k·d·d (component j's upper triangular `U_j` row-major from
    /// j·d·d), tied d·d, diagonal k·d (`1/σ`), spherical k.
    public var precisionsCholesky: [Double]

    public init(covarianceType: GaussianMixtureConfiguration.CovarianceType, shift: [Double], weights: [Double],
                shiftedMeans: Matrix<Double>, precisionsCholesky: [Double]) {
        self.covarianceType = covarianceType
        self.shift = shift
        self.weights = weights
        self.shiftedMeans = shiftedMeans
        self.precisionsCholesky = precisionsCholesky
    }

    /// Number of components.
    public var k: Int { weights.count }
    /// Number of features.
    public var features: Int { shift.count }

    /// The component means in the data's coordinates, k × d.
    public var means: Matrix<Double> {
        let d = features
        return Matrix(rows: k, columns: d, elements: shiftedMeans.elements.enumerated().map { $1 + shift[$0 % d] })
    }

    /// Component `j`'s precision Cholesky factor as a d × d matrix, whatever the type (diagonal
    /// for diagonal and spherical covariances): `U_j·U_jᵀ = Σ_j⁻¹`.
    public func precisionCholeskyFactor(ofComponent j: Int) -> Matrix<Double> {
        let d = features, u = precisionsCholesky
        switch covarianceType {
        case .full: return Matrix(rows: d, columns: d, elements: Array(u[(j * d * d)..<((j + 1) * d * d)]))
        case .tied: return Matrix(rows: d, columns: d, elements: u)
        case .diagonal, .spherical:
            var m = Matrix<Double>(rows: d, columns: d)
            for q in 0..<d { m[q, q] = covarianceType == .diagonal ? u[j * d + q] : u[j] }
            return m
        }
    }

    /// `c_j = ln det U_j − ½·d·ln 2π` per component: the Gaussian's normalising constant.
    public var logNormalisingConstants: [Double] {
        let normaliser = 0.5 * Double(features) * log(2 * Double.pi)
        return internalParameters.logDeterminants.map { $0 - normaliser }
    }

    /// The mixture with only the components `order` names, in that order (a renumbering, or
    /// fewer components): a dropped component's weight is shared out in proportion, so the
    /// weights still sum to 1 (unchanged when every component is kept).
    public func selectingComponents(_ order: [Int]) -> GaussianMixtureParameters {
        let d = features
        var weights = order.map { self.weights[$0] }
        if Set(order).count < k {
            let total = weights.reduce(0, +)
            weights = weights.map { $0 / total }
        }
        let means = Matrix(rows: order.count, columns: d, elements: order.flatMap { shiftedMeans.row($0) })
        let factors: [Double] = switch covarianceType {
        case .full: order.flatMap { precisionsCholesky[($0 * d * d)..<(($0 + 1) * d * d)] }
        case .tied: precisionsCholesky
        case .diagonal: order.flatMap { precisionsCholesky[($0 * d)..<(($0 + 1) * d)] }
        case .spherical: order.map { precisionsCholesky[$0] }
        }
        return GaussianMixtureParameters(covarianceType: covarianceType, shift: shift, weights: weights,
                                         shiftedMeans: means, precisionsCholesky: factors)
    }

    /// Checks that the parts fit together (a file edited by hand, truncated and repaired):
    /// shapes, finite numbers, weights in (0, 1] summing to 1, positive factor diagonals.
    public func validate() throws(ClusteringError) {
        let k = self.k, d = features
        guard k >= 1, d >= 1 else { throw ClusteringError("the mixture has \(k) components and \(d) features") }
        guard shiftedMeans.rows == k, shiftedMeans.columns == d else {
            throw ClusteringError("the mixture's means are \(shiftedMeans.rows) × \(shiftedMeans.columns) for \(k) components "
                                  + "and \(d) features")
        }
        let count = MixtureParameters.covarianceCount(covarianceType, k: k, d: d)
        guard precisionsCholesky.count == count else {
            throw ClusteringError("the mixture has \(precisionsCholesky.count) precision factor values; "
                                  + "\(covarianceType.rawValue) covariances need \(count)")
        }
        guard (shift + weights + shiftedMeans.elements + precisionsCholesky).allSatisfy(\.isFinite) else {
            throw ClusteringError("the mixture holds a non-finite number")
        }
        guard weights.allSatisfy({ $0 > 0 && $0 <= 1 }), abs(weights.reduce(0, +) - 1) <= 1e-8 else {
            throw ClusteringError("the mixture's weights must lie in (0, 1] and sum to 1")
        }
        let diagonalPositive = (0..<(covarianceType == .tied ? 1 : k)).allSatisfy { j in
            let u = precisionCholeskyFactor(ofComponent: j)
            return (0..<d).allSatisfy { u[$0, $0] > 0 }
        }
        guard diagonalPositive else { throw ClusteringError("a precision factor of the mixture has a diagonal term ≤ 0") }
    }

    /// Each row's most probable component (the first on ties), as ``GaussianMixtureModel/predict(_:)``.
    public func predict<Scalar: BLASScalar>(_ x: Matrix<Scalar>) throws(GaussianMixtureError) -> [Int32] {
        var labels = [Int32](repeating: 0, count: x.rows)
        try labels.withUnsafeMutableBufferPointer { (out) throws(GaussianMixtureError) in
            try score(x, ExpectationOutputs(labels: out.baseAddress))
        }
        return labels
    }

    /// Each row's membership probabilities, n × k, as ``GaussianMixtureModel/predictProba(_:)``.
    public func predictProba<Scalar: BLASScalar>(_ x: Matrix<Scalar>) throws(GaussianMixtureError) -> Matrix<Scalar> {
        var probabilities = Matrix<Scalar>(rows: x.rows, columns: k)
        try probabilities.withUnsafeMutableBufferPointer { (out) throws(GaussianMixtureError) in
            try score(x, ExpectationOutputs(responsibilities: out.baseAddress))
        }
        return probabilities
    }

    /// The parameters as the kernels hold them.
    var internalParameters: MixtureParameters {
        MixtureParameters(type: covarianceType, k: k, d: features, weights: weights, means: shiftedMeans.elements,
                          covariances: [], precisionsCholesky: precisionsCholesky)
    }

    /// One E-step pass over validated rows, in the fit's blocks of rows.
    private func score<Scalar: BLASScalar>(_ x: Matrix<Scalar>, _ outputs: ExpectationOutputs<Scalar>) throws(GaussianMixtureError) {
        guard x.columns == features else {
            throw ClusteringError("rows have \(x.columns) features; the mixture was fitted on \(features)")
        }
        try KMeans.checkFinite(x, what: "the rows to score")
        guard x.rows > 0 else { return }
        BLASRuntime.ensureConfigured()
        let data = MixtureData(x, shift: shift.map { Scalar($0) }, chunkRows: GaussianMixtureConfiguration(k: k).chunkRows)
        _ = data.expectation(DensityPanel(internalParameters), k: k, outputs)
    }
}

extension GaussianMixtureConfiguration.CovarianceType: Codable {}

extension GaussianMixtureModel {
    /// The model as ``GaussianMixtureParameters``: what a file keeps to score new rows as this
    /// model does.
    public var savedParameters: GaussianMixtureParameters {
        GaussianMixtureParameters(covarianceType: covarianceType, shift: shift.map { Double($0) }, weights: weights,
                                  shiftedMeans: Matrix(rows: k, columns: features, elements: parameters.means),
                                  precisionsCholesky: parameters.precisionsCholesky)
    }
}

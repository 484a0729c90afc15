import PersonasNumerics

/// A fitted Gaussian mixture: the components, each training row's most probable one, and how
/// the fit went. Shapes and names follow scikit-learn's fitted `GaussianMixture` attributes.
public struct GaussianMixtureModel<Scalar: BLASScalar>: Sendable {
    /// The fitted parameters in the shifted coordinates EM worked in.
    let parameters: MixtureParameters
    /// The column means the rows are shifted by, so new rows are scored exactly as the training
    /// rows were (``predict(_:)`` on the training rows gives ``labels`` bit for bit).
    let shift: [Scalar]

    /// Each training row's most probable component, 0..<k, from a last E-step with the final
    /// parameters (scikit-learn's `fit_predict`).
    public let labels: [Int32]
    /// The kept run's lower bound: the mean log-likelihood per row of the parameters before its
    /// last M-step (scikit-learn's `lower_bound_`; with sample weights the weighted mean
    /// Σ w_i ln p(x_i) / Σ w_i); the highest of the restarts.
    public let lowerBound: Double
    /// The kept run's lower bound at every iteration (scikit-learn's `lower_bounds_`).
    public let lowerBoundHistory: [Double]
    /// EM iterations of the kept run (scikit-learn's `n_iter_`).
    public let iterations: Int
    /// Whether the kept run stopped by the tolerance rather than by the iteration limit.
    public let converged: Bool
    /// Σ ln p(x_i) over the training rows under the final parameters (scikit-learn's
    /// `score(X) · n`): the ℓ of the information criteria.
    ///
    /// With sample weights, the weights rescaled to sum to the n training rows:
    /// `ℓ = n · Σ w_i ln p(x_i) / Σ w_i`, the pseudo-log-likelihood of survey estimation with
    /// normalised weights (as Mplus and Latent GOLD rescale sampling weights to the sample size).
    /// A survey weighted to a universe of a million stands for the information of its n
    /// respondents, not of a million rows: with the raw weights, ℓ and so BIC would grow with the
    /// weights' scale and choose ever more components. All-1 weights give the unweighted ℓ bit
    /// for bit; integer weights give the ℓ of the repeated rows times n / Σ w.
    public let logLikelihood: Double
    /// −Σ_i Σ_j r_ij ln r_ij over the training rows under the final parameters: the entropy of
    /// the memberships, 0 when every row belongs to one component for certain. With sample
    /// weights, each row's term weighted as in ``logLikelihood`` (weights summing to n).
    public let entropy: Double
    /// Training rows, the n of the criteria (the rows, not the sum of any sample weights: see
    /// ``logLikelihood``).
    public let rows: Int
    /// Every run, in restart order; the kept one has the highest lower bound (the first on ties).
    public let restarts: [GaussianMixtureRestart]
    /// The configuration the model was fitted with.
    public let configuration: GaussianMixtureConfiguration

    init(
        parameters: MixtureParameters, shift: [Scalar], labels: [Int32], lowerBound: Double, lowerBoundHistory: [Double],
        iterations: Int, converged: Bool, logLikelihood: Double, entropy: Double, rows: Int,
        restarts: [GaussianMixtureRestart], configuration: GaussianMixtureConfiguration
    ) {
        self.parameters = parameters
        self.shift = shift
        self.labels = labels
        self.lowerBound = lowerBound
        self.lowerBoundHistory = lowerBoundHistory
        self.iterations = iterations
        self.converged = converged
        self.logLikelihood = logLikelihood
        self.entropy = entropy
        self.rows = rows
        self.restarts = restarts
        self.configuration = configuration
    }

    /// Number of components.
    public var k: Int { parameters.k }
    /// Number of features.
    public var features: Int { parameters.d }
    public var covarianceType: GaussianMixtureConfiguration.CovarianceType { parameters.type }

    /// The mixing weights, summing to 1 (scikit-learn's `weights_`).
    public var weights: [Double] { parameters.weights }

    /// The component means, k × d, in the data's coordinates (scikit-learn's `means_`).
    public var means: Matrix<Double> { savedParameters.means }

    /// The covariances in scikit-learn's shape for the type (`covariances_`): full (k·d) × d
    /// (component j in rows j·d..<(j+1)·d), tied d × d, diagonal k × d, spherical k × 1.
    public var covariances: Matrix<Double> { shaped(parameters.covariances) }

    /// The Cholesky factors of the precisions in the same shape (`precisions_cholesky_`): for full
    /// and tied the upper triangular `U` with `U·Uᵀ = Σ⁻¹`, otherwise `1/σ`.
    public var precisionsCholesky: Matrix<Double> { shaped(parameters.precisionsCholesky) }

    /// Component `j`'s covariance as a d × d matrix, whatever the type.
    public func covariance(ofComponent j: Int) -> Matrix<Double> {
        precondition(j >= 0 && j < k, "component \(j) out of range 0..<\(k)")
        let d = features, c = parameters.covariances
        switch covarianceType {
        case .full: return Matrix(rows: d, columns: d, elements: Array(c[(j * d * d)..<((j + 1) * d * d)]))
        case .tied: return Matrix(rows: d, columns: d, elements: c)
        case .diagonal, .spherical:
            var m = Matrix<Double>(rows: d, columns: d)
            for q in 0..<d { m[q, q] = covarianceType == .diagonal ? c[j * d + q] : c[j] }
            return m
        }
    }

    private func shaped(_ values: [Double]) -> Matrix<Double> {
        let d = features
        return switch covarianceType {
        case .full: Matrix(rows: k * d, columns: d, elements: values)
        case .tied: Matrix(rows: d, columns: d, elements: values)
        case .diagonal: Matrix(rows: k, columns: d, elements: values)
        case .spherical: Matrix(rows: k, columns: 1, elements: values)
        }
    }

    // MARK: scoring new rows

    /// Each row's most probable component (the first on ties; scikit-learn's `predict`).
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public func predict(_ x: Matrix<Scalar>) throws(GaussianMixtureError) -> [Int32] {
        var labels = [Int32](repeating: 0, count: x.rows)
        try labels.withUnsafeMutableBufferPointer { (out) throws(GaussianMixtureError) in
            _ = try score(x, ExpectationOutputs(labels: out.baseAddress))
        }
        return labels
    }

    /// Each row's membership probabilities, n × k, rows summing to 1 (scikit-learn's
    /// `predict_proba`).
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public func predictProba(_ x: Matrix<Scalar>) throws(GaussianMixtureError) -> Matrix<Scalar> {
        var probabilities = Matrix<Scalar>(rows: x.rows, columns: k)
        try probabilities.withUnsafeMutableBufferPointer { (out) throws(GaussianMixtureError) in
            _ = try score(x, ExpectationOutputs(responsibilities: out.baseAddress))
        }
        return probabilities
    }

    /// Each row's log-density ln p(x) under the mixture (scikit-learn's `score_samples`).
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public func scoreSamples(_ x: Matrix<Scalar>) throws(GaussianMixtureError) -> [Double] {
        var densities = [Double](repeating: 0, count: x.rows)
        try densities.withUnsafeMutableBufferPointer { (out) throws(GaussianMixtureError) in
            _ = try score(x, ExpectationOutputs(logDensities: out.baseAddress))
        }
        return densities
    }

    /// The mean log-density per row (scikit-learn's `score`).
    public func score(_ x: Matrix<Scalar>) throws(GaussianMixtureError) -> Double {
        try score(x, ExpectationOutputs()).logLikelihood / Double(max(x.rows, 1))
    }

    /// One E-step pass over validated rows with the fitted parameters.
    private func score(_ x: Matrix<Scalar>, _ outputs: ExpectationOutputs<Scalar>) throws(GaussianMixtureError) -> ExpectationTotals {
        guard x.columns == features else {
            throw ClusteringError("rows have \(x.columns) features; the model was fitted on \(features)")
        }
        try KMeans.checkFinite(x, what: "the rows to score")
        guard x.rows > 0 else { return ExpectationTotals(k: k, d: features, moments: false) }
        let data = MixtureData(x, shift: shift, chunkRows: configuration.chunkRows)
        return data.expectation(DensityPanel(parameters), k: k, outputs)
    }
}

import PersonasNumerics

/// Gaussian mixture models fitted by expectation–maximisation: the public entry point.
///
/// ```swift
/// let model = try GaussianMixture.fit(features, GaussianMixtureConfiguration(k: 5, restarts: 4, seed: 42))
/// model.labels                   // each customer's most probable segment
/// try model.predictProba(rows)   // each row's membership probabilities
/// model.bic                      // lower is better, as scikit-learn
/// ```
///
/// Rows can carry sample (respondent) weights, ``GaussianMixtureConfiguration/sampleWeights``: a
/// row of weight w counts as w rows in the M-step's sums and in the likelihood, so integer
/// weights give the fit of the data with rows repeated.
///
/// EM (Dempster, Laird & Rubin, "Maximum likelihood from incomplete data via the EM algorithm",
/// J. R. Stat. Soc. B 39(1), 1977) alternates the E-step, each row's responsibilities
/// `r_ij ∝ w_j N(x_i | μ_j, Σ_j)` by log-sum-exp, and the M-step, the weighted means and
/// covariances, with `regularization` added to every covariance's diagonal. The conventions are
/// scikit-learn's `sklearn.mixture.GaussianMixture` throughout (its initialisation from k-means
/// labels, `reg_covar`, the lower bound and `tol`, `n_init`, the parameter shapes and the
/// precision Cholesky factors, BIC and AIC), and on the committed fixtures the results equal
/// its results to 1e-9 from the same start.
///
/// Input is validated once here; the kernels behind it check nothing. Each E-step is one GEMM per
/// block of rows and each covariance update one SYRK per block and component; blocks run in
/// parallel in fixed row groups whose sums are combined in order, so a fit is bit-identical on
/// every run and every thread count. Parameters are kept in Double whatever the data's precision.
public enum GaussianMixture {
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public static func fit<Scalar: BLASScalar>(
        _ x: Matrix<Scalar>, _ configuration: GaussianMixtureConfiguration
    ) throws(GaussianMixtureError) -> GaussianMixtureModel<Scalar> {
        try validate(x, configuration)
        BLASRuntime.ensureConfigured()
        let shift = x.columnMeans()
        try KMeans.checkFinite(x, mean: shift)
        try validateInitialization(configuration, rows: x.rows, columns: x.columns)
        let data = MixtureData(x, shift: shift, weights: configuration.sampleWeights, chunkRows: configuration.chunkRows)
        let k = configuration.k, n = x.rows
        let restartCount = configuration.isRandom ? configuration.restarts : 1

        var responsibilities = [Scalar](repeating: 0, count: n * k)
        let (kept, restarts) = try EMRun.best(of: restartCount) { (restart) throws(ClusteringError) in
            try responsibilities.withUnsafeMutableBufferPointer { (buffer) throws(ClusteringError) in
                let initial = try initialParameters(data, configuration, restart: restart, responsibilities: buffer.baseAddress!)
                return try data.em(from: initial, responsibilities: buffer.baseAddress!, configuration)
            }
        }
        // A last E-step with the kept parameters, as scikit-learn's fit_predict ends: labels that
        // `predict` gives again, and the log-likelihood and entropy of the criteria, with sample
        // weights rescaled to sum to the rows (a factor of exactly 1 without them).
        var labels = [Int32](repeating: 0, count: n)
        let totals = responsibilities.withUnsafeMutableBufferPointer { resp in
            labels.withUnsafeMutableBufferPointer { labels in
                data.expectation(DensityPanel(kept.parameters), k: k, ExpectationOutputs(
                    responsibilities: resp.baseAddress!, labels: labels.baseAddress!, entropy: true))
            }
        }
        let perRow = Double(n) / data.totalWeight
        return GaussianMixtureModel(
            parameters: kept.parameters, shift: shift, labels: labels, lowerBound: kept.lowerBound,
            lowerBoundHistory: kept.history, iterations: kept.iterations, converged: kept.converged,
            logLikelihood: totals.logLikelihood * perRow, entropy: totals.entropy * perRow, rows: n, restarts: restarts,
            configuration: configuration)
    }

    /// The k-means seed of restart `restart`: the first draw of stream `restart` of the master seed.
    static func kMeansSeed(_ configuration: GaussianMixtureConfiguration, restart: Int) -> UInt64 {
        var generator = SeededGenerator(seed: configuration.seed, stream: UInt64(restart))
        return generator.next()
    }

    /// The parameters EM starts from (scikit-learn's `_initialize_parameters` and `_initialize`):
    /// the M-step of the initial responsibilities (weights `n_j / n`, n the total sample weight
    /// when rows are weighted, whose k-means is weighted too), each part replaced by its
    /// given value; no responsibilities at all when weights, means and precisions are all given.
    static func initialParameters<Scalar: BLASScalar>(
        _ data: MixtureData<Scalar>, _ c: GaussianMixtureConfiguration, restart: Int,
        responsibilities: UnsafeMutablePointer<Scalar>
    ) throws(ClusteringError) -> MixtureParameters {
        let k = c.k, d = data.d, n = data.n
        var parameters: MixtureParameters
        if c.hasInitialParameters {
            parameters = MixtureParameters(type: c.covarianceType, k: k, d: d, weights: [], means: [],
                                           covariances: [], precisionsCholesky: [])
        } else {
            let labels: [Int32]?
            switch c.initialization {
            case .kMeans:
                labels = try KMeans.fit(data.x, KMeansConfiguration(k: k, restarts: 1, seed: kMeansSeed(c, restart: restart),
                                                                    sampleWeights: c.sampleWeights)).labels
            case .labels(let given):
                labels = given
            case .responsibilities(let given):
                labels = nil
                given.withUnsafeBufferPointer { g in
                    for e in 0..<(n * k) { responsibilities[e] = Scalar(g[e]) }
                }
            }
            if let labels {
                responsibilities.update(repeating: 0, count: n * k)
                for (i, label) in labels.enumerated() { responsibilities[i * k + Int(label)] = 1 }
            }
            let totals = data.expectation(nil, k: k, ExpectationOutputs(responsibilities: responsibilities, moments: true))
            parameters = try data.maximization(totals, responsibilities: responsibilities, type: c.covarianceType, k: k,
                                               regularization: c.regularization, weightsOverRows: true)
        }
        if let weights = c.initialWeights { parameters.weights = weights }
        if let means = c.initialMeans {
            parameters.means = means.elements.enumerated().map { index, value in value - Double(data.shift[index % d]) }
        }
        if let precisions = c.initialPrecisions {
            parameters.covariances = []
            parameters.precisionsCholesky = try MixtureParameters.precisionCholesky(
                fromPrecisions: precisions.elements, type: c.covarianceType, k: k, d: d)
        }
        return parameters
    }

    // MARK: validation

    /// Checks the configuration against the data's shape.
    static func validate<Scalar: BLASScalar>(_ x: Matrix<Scalar>, _ c: GaussianMixtureConfiguration) throws(ClusteringError) {
        guard c.k >= 1 else { throw ClusteringError("a Gaussian mixture needs at least 1 component, got k = \(c.k)") }
        guard x.columns >= 1 else { throw ClusteringError("the data has no feature columns") }
        guard x.rows >= c.k else {
            throw ClusteringError(.tooFewRows(k: c.k, rows: x.rows),
                                  "a Gaussian mixture with k = \(c.k) needs at least \(c.k) rows; the data has \(x.rows)")
        }
        guard c.maxIterations >= 1 else { throw ClusteringError("maxIterations must be at least 1, got \(c.maxIterations)") }
        guard c.restarts >= 1 else { throw ClusteringError("restarts must be at least 1, got \(c.restarts)") }
        guard c.chunkRows >= 1 else { throw ClusteringError("chunkRows must be at least 1, got \(c.chunkRows)") }
        try SampleWeights.validate(c.sampleWeights, rows: x.rows, k: c.k)
        guard c.tolerance >= 0, c.tolerance.isFinite else {
            throw ClusteringError("tolerance must be a finite number ≥ 0, got \(c.tolerance)")
        }
        guard c.regularization >= 0, c.regularization.isFinite else {
            throw ClusteringError("the covariance regularisation must be a finite number ≥ 0, got \(c.regularization)")
        }
    }

    /// Checks the initial responsibilities or parameters against k, the rows and the features.
    static func validateInitialization(_ c: GaussianMixtureConfiguration, rows n: Int, columns d: Int) throws(ClusteringError) {
        let k = c.k
        switch c.initialization {
        case .kMeans:
            break
        case .labels(let labels):
            guard labels.count == n else { throw ClusteringError("\(labels.count) initial labels for \(n) rows") }
            if let bad = labels.firstIndex(where: { $0 < 0 || Int($0) >= k }) {
                throw ClusteringError("initial label of row \(bad + 1) is \(labels[bad]); labels must be in 0..<\(k)")
            }
        case .responsibilities(let r):
            guard r.rows == n, r.columns == k else {
                throw ClusteringError("initial responsibilities are \(r.rows) × \(r.columns); expected n × k = \(n) × \(k)")
            }
            for i in 0..<n {
                let row = r.row(i)
                guard row.allSatisfy({ $0.isFinite && $0 >= 0 }), abs(row.reduce(0, +) - 1) <= 1e-6 else {
                    throw ClusteringError("initial responsibilities of row \(i + 1) are not non-negative numbers summing to 1")
                }
            }
        }
        if let weights = c.initialWeights {
            guard weights.count == k else { throw ClusteringError("\(weights.count) initial weights for k = \(k) components") }
            guard weights.allSatisfy({ $0.isFinite && $0 >= 0 && $0 <= 1 }), abs(weights.reduce(0, +) - 1) <= 1e-8 else {
                throw ClusteringError("initial weights must lie in [0, 1] and sum to 1")
            }
        }
        if let means = c.initialMeans {
            guard means.rows == k, means.columns == d else {
                throw ClusteringError("initial means are \(means.rows) × \(means.columns); expected k × d = \(k) × \(d)")
            }
            try KMeans.checkFinite(means, what: "the initial means")
        }
        if let precisions = c.initialPrecisions { try validatePrecisions(precisions, c.covarianceType, k: k, d: d) }
    }

    /// The shape of the type, finite values, positive (diagonal, spherical) or symmetric
    /// (full, tied; positive definiteness is checked by their Cholesky factorisation).
    static func validatePrecisions(
        _ p: Matrix<Double>, _ type: GaussianMixtureConfiguration.CovarianceType, k: Int, d: Int
    ) throws(ClusteringError) {
        let shape = switch type {
        case .full: (k * d, d)
        case .tied: (d, d)
        case .diagonal: (k, d)
        case .spherical: (k, 1)
        }
        guard p.rows == shape.0, p.columns == shape.1 else {
            throw ClusteringError("initial precisions for \(type.rawValue) covariances are \(p.rows) × \(p.columns); "
                                  + "expected \(shape.0) × \(shape.1)")
        }
        try KMeans.checkFinite(p, what: "the initial precisions")
        switch type {
        case .diagonal, .spherical:
            guard p.elements.allSatisfy({ $0 > 0 }) else { throw ClusteringError("initial precisions must be positive") }
        case .full, .tied:
            for base in stride(from: 0, to: p.rows, by: d) {
                for r in 0..<d { for s in 0..<r {
                    let a = p[base + r, s], b = p[base + s, r]
                    guard abs(a - b) <= 1e-8 + 1e-5 * abs(b) else {
                        throw ClusteringError("initial precision matrices must be symmetric")
                    }
                } }
            }
        }
    }
}

/// One EM run of a fit with restarts.
public struct GaussianMixtureRestart: Sendable, Equatable {
    /// The stream of the master seed this run's random start drew from (a k-means start for a
    /// Gaussian mixture, random memberships for a latent class model).
    public var stream: UInt64
    /// The run's final lower bound: the mean log-likelihood per row (weighted by the sample
    /// weights) before its last M-step.
    public var lowerBound: Double
    public var iterations: Int
    public var converged: Bool
}

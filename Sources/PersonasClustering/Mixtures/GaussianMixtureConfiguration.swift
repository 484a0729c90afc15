import PersonasNumerics

/// What a Gaussian mixture fit should do: the number of components, the shape of their
/// covariances, where EM starts and when it stops.
///
/// Defaults are scikit-learn's `GaussianMixture` (full covariances, `reg_covar` 1e-6, `tol` 1e-3,
/// `max_iter` 100, `n_init` 1, `init_params="kmeans"`), so results can be checked against it.
public struct GaussianMixtureConfiguration: Sendable, Equatable {
    /// Number of components (at least 1, at most the number of rows).
    public var k: Int
    /// The shape of the components' covariances.
    public var covarianceType: CovarianceType
    /// Convergence threshold on the change of the lower bound, the mean log-likelihood per row
    /// (weighted by ``sampleWeights``; scikit-learn's `tol`): EM stops once it changes by less. 0 runs all ``maxIterations``.
    public var tolerance: Double
    /// Added to the diagonal of every covariance (scikit-learn's `reg_covar`): a floor that keeps a
    /// component on duplicated rows or a constant column from collapsing to a singular covariance.
    public var regularization: Double
    /// EM iterations per run (at least 1; scikit-learn's `max_iter`).
    public var maxIterations: Int
    /// Runs from different k-means starts, keeping the highest lower bound (scikit-learn's
    /// `n_init`). A start that involves no chance (given responsibilities or all three given
    /// parameters) runs once whatever this says.
    public var restarts: Int
    /// Where the responsibilities that give the first parameters come from.
    public var initialization: Initialization
    /// Initial mixing weights, k of them in [0, 1] summing to 1 within 1e-8 (scikit-learn's
    /// `weights_init` and its check); they replace the weights the initial responsibilities give.
    public var initialWeights: [Double]?
    /// Initial means, k × d (scikit-learn's `means_init`).
    public var initialMeans: Matrix<Double>?
    /// Initial precisions, the inverse covariances (scikit-learn's `precisions_init`), in the shape
    /// of ``covarianceType``: full (k·d) × d (component j in rows j·d..<(j+1)·d), tied d × d,
    /// diagonal k × d, spherical k × 1.
    public var initialPrecisions: Matrix<Double>?
    /// The master seed: restart r runs its k-means from a seed drawn from
    /// `SeededGenerator(seed: seed, stream: r)`.
    public var seed: UInt64
    /// One weight per row (a survey respondent's weight), finite and ≥ 0 with at least k positive,
    /// or `nil` for all 1; a bad weight throws ``ClusteringError/Kind/invalidWeight(row:)``. A row
    /// of weight w counts as w rows: the M-step sums `n_j = Σ w_i r_ij`, the means and
    /// covariances are weighted, the lower bound is Σ w_i ln p(x_i) / Σ w_i and the k-means start
    /// is weighted k-means. Integer weights give the fit of the data with each row repeated w
    /// times; all 1 gives the unweighted fit bit for bit; multiplying every weight by a constant
    /// leaves the fit and the criteria unchanged (the criteria rescale the weights to sum to the
    /// rows, see ``GaussianMixtureModel/logLikelihood``).
    public var sampleWeights: [Double]?
    /// Rows per kernel call: small enough that a block's scratch stays in cache.
    public var chunkRows: Int

    public init(
        k: Int, covarianceType: CovarianceType = .full, tolerance: Double = 1e-3, regularization: Double = 1e-6,
        maxIterations: Int = 100, restarts: Int = 1, initialization: Initialization = .kMeans,
        initialWeights: [Double]? = nil, initialMeans: Matrix<Double>? = nil, initialPrecisions: Matrix<Double>? = nil,
        seed: UInt64 = 0, sampleWeights: [Double]? = nil, chunkRows: Int = 256
    ) {
        self.k = k
        self.covarianceType = covarianceType
        self.tolerance = tolerance
        self.regularization = regularization
        self.maxIterations = maxIterations
        self.restarts = restarts
        self.initialization = initialization
        self.initialWeights = initialWeights
        self.initialMeans = initialMeans
        self.initialPrecisions = initialPrecisions
        self.seed = seed
        self.sampleWeights = sampleWeights
        self.chunkRows = chunkRows
    }

    /// The shape of the components' covariances (scikit-learn's `covariance_type`).
    public enum CovarianceType: String, Sendable, Equatable, CaseIterable {
        /// Each component its own unrestricted covariance matrix.
        case full
        /// One covariance matrix shared by all components.
        case tied
        /// Each component its own diagonal covariance (independent features within a component).
        case diagonal
        /// Each component a single variance, the same for every feature.
        case spherical
    }

    /// Where the initial responsibilities come from; the first parameters are their M-step.
    public enum Initialization: Sendable, Equatable {
        /// One k-means run (k-means++ seeds, as scikit-learn's `init_params="kmeans"`), its hard
        /// labels as responsibilities.
        case kMeans
        /// Given hard labels, one per row in 0..<k, as responsibilities of 1 and 0.
        case labels([Int32])
        /// Given responsibilities, n × k, each row non-negative and summing to 1 within 1e-6.
        case responsibilities(Matrix<Double>)
    }

    /// Whether all three initial parameters are given, so no responsibilities are needed.
    var hasInitialParameters: Bool { initialWeights != nil && initialMeans != nil && initialPrecisions != nil }

    /// Whether restarts can differ: only k-means starts draw at random.
    var isRandom: Bool {
        guard !hasInitialParameters, case .kMeans = initialization else { return false }
        return true
    }
}

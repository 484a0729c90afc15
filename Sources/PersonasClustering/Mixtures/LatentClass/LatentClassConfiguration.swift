import PersonasNumerics

/// How a latent class model is fitted. The defaults are stepmix's `StepMix` (`abs_tol` 1e-10 on
/// the mean log-likelihood per case, `max_iter` 1000, `n_init` 1, random initial memberships) and,
/// for continuous items, scikit-learn's `reg_covar` 1e-6, so results can be checked against it.
public struct LatentClassConfiguration: Sendable, Equatable {
    /// Number of latent classes (at least 1, at most the number of rows).
    public var k: Int
    /// Convergence threshold on the change of the lower bound, the weighted mean log-likelihood
    /// per case (stepmix's `abs_tol`): EM stops once it changes by less. 0 runs all
    /// ``maxIterations``.
    public var tolerance: Double
    /// EM iterations per run (at least 1; stepmix's `max_iter`).
    public var maxIterations: Int
    /// Runs from different random starts, keeping the highest lower bound (stepmix's `n_init`,
    /// poLCA's `nrep`). A given start runs once whatever this says.
    public var restarts: Int
    /// Added to every class's variance of every continuous item (scikit-learn's `reg_covar`): a
    /// floor that keeps a class on identical answers from collapsing to a zero variance. 0 is
    /// stepmix's `gaussian_diag_nan`.
    public var regularization: Double
    /// Where the first parameters come from.
    public var start: Start
    /// The master seed: restart r draws its random memberships from
    /// `SeededGenerator(seed: seed, stream: r)`.
    public var seed: UInt64

    public init(
        k: Int, tolerance: Double = 1e-10, maxIterations: Int = 1000, restarts: Int = 1, regularization: Double = 1e-6,
        start: Start = .random, seed: UInt64 = 0
    ) {
        self.k = k
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.restarts = restarts
        self.regularization = regularization
        self.start = start
        self.seed = seed
    }

    /// Where the first parameters come from: a given start, or the M-step of initial memberships.
    public enum Start: Sendable, Equatable {
        /// Random memberships, each row's k uniform draws divided by their sum (stepmix's
        /// `init_params="random"`), from the restart's stream of the seed.
        case random
        /// Given hard labels, one per row in 0..<k, as memberships of 1 and 0.
        case labels([Int32])
        /// Given memberships, n × k, each row non-negative and summing to 1 within 1e-6.
        case responsibilities(Matrix<Double>)
        /// Given parameters (class weights, level probabilities, means and variances) for the
        /// data's items: EM's first E-step uses them as they are.
        case parameters(LatentClassParameters)
    }

    /// Whether restarts can differ: only random starts draw.
    var isRandom: Bool { start == .random }
}

/// One EM run of a mixture model (a Gaussian mixture's or a latent class model's parameters):
/// where it ended, and how it got there. Each iteration takes the E-step with the current
/// parameters (its weighted mean log-likelihood per row is the iteration's lower bound, the
/// likelihood of the parameters *before* the update), then the M-step; the run stops when the
/// lower bound changes by less than the tolerance, or after the iteration limit.
struct EMRun<Parameters> {
    var parameters: Parameters
    /// The last iteration's lower bound (scikit-learn's and stepmix's `lower_bound_`).
    var lowerBound: Double
    /// Every iteration's lower bound (scikit-learn's `lower_bounds_`).
    var history: [Double]
    var iterations: Int
    var converged: Bool

    /// A run about to start from `initial`.
    init(from initial: Parameters) {
        self.parameters = initial
        self.lowerBound = -.infinity
        self.history = []
        self.iterations = 0
        self.converged = false
    }

    /// `count` runs, `run(r)` for restart r, keeping the one with the highest lower bound (the
    /// first on ties), with every run's summary in restart order: the `n_init` loop both engines
    /// share.
    static func best(
        of count: Int, _ run: (Int) throws(ClusteringError) -> EMRun
    ) throws(ClusteringError) -> (best: EMRun, restarts: [GaussianMixtureRestart]) {
        var best: EMRun?
        var restarts: [GaussianMixtureRestart] = []
        for restart in 0..<count {
            let candidate = try run(restart)
            restarts.append(GaussianMixtureRestart(stream: UInt64(restart), lowerBound: candidate.lowerBound,
                                                   iterations: candidate.iterations, converged: candidate.converged))
            if best == nil || candidate.lowerBound > best!.lowerBound { best = candidate }
        }
        return (best!, restarts)
    }
}

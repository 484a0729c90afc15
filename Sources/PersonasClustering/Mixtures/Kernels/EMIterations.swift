import PersonasNumerics

/// One EM run from given parameters: scikit-learn's loop in `BaseMixture.fit_predict`, step for
/// step. Each iteration takes the E-step with the current parameters (its mean log-density per
/// row, Σ w_i ln p(x_i) / Σ w_i with sample weights, is the iteration's lower bound, the
/// likelihood of the parameters *before* the update), then the M-step; the run stops when the
/// lower bound changes by less than the tolerance, or after the iteration limit.
struct EMRun {
    var parameters: MixtureParameters
    /// The last iteration's lower bound (scikit-learn's `lower_bound_`).
    var lowerBound: Double
    /// Every iteration's lower bound (scikit-learn's `lower_bounds_`).
    var history: [Double]
    var iterations: Int
    var converged: Bool
}

extension MixtureData {
    /// Runs EM from `initial`; `responsibilities` is n × k scratch the E-steps write and the
    /// M-steps read.
    func em(
        from initial: MixtureParameters, responsibilities: UnsafeMutablePointer<Scalar>,
        _ configuration: GaussianMixtureConfiguration
    ) throws(ClusteringError) -> EMRun {
        let k = initial.k
        var run = EMRun(parameters: initial, lowerBound: -.infinity, history: [], iterations: 0, converged: false)
        for iteration in 1...configuration.maxIterations {
            run.iterations = iteration
            let previous = run.lowerBound
            let totals = expectation(DensityPanel(run.parameters), k: k,
                                     ExpectationOutputs(responsibilities: responsibilities, moments: true))
            run.parameters = try maximization(totals, responsibilities: responsibilities,
                                              type: configuration.covarianceType, k: k,
                                              regularization: configuration.regularization, weightsOverRows: false)
            run.lowerBound = totals.logLikelihood / totalWeight
            run.history.append(run.lowerBound)
            if abs(run.lowerBound - previous) < configuration.tolerance {
                run.converged = true
                break
            }
        }
        return run
    }
}

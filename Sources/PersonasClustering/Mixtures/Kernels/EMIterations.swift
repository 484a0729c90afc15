import PersonasNumerics

extension MixtureData {
    /// Runs EM from `initial` (``EMRun``), scikit-learn's loop in `BaseMixture.fit_predict` step
    /// for step; `responsibilities` is n × k scratch the E-steps write and the M-steps read.
    func em(
        from initial: MixtureParameters, responsibilities: UnsafeMutablePointer<Scalar>,
        _ configuration: GaussianMixtureConfiguration
    ) throws(ClusteringError) -> EMRun<MixtureParameters> {
        let k = initial.k
        var run = EMRun(from: initial)
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

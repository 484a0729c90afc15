/// One EM run of a latent class model from given parameters, the loop of stepmix's `StepMix.em`
/// (and scikit-learn's `fit_predict`): each iteration takes the E-step with the current
/// parameters (its weighted mean log-likelihood per case is the iteration's lower bound, the
/// likelihood of the parameters *before* the update), then the M-step; the run stops when the
/// lower bound changes by less than the tolerance, or after the iteration limit.
struct LatentClassRun {
    var parameters: LatentClassParameters
    var lowerBound: Double
    var history: [Double]
    var iterations: Int
    var converged: Bool
}

extension LatentClassData {
    /// Runs EM from `initial`; `responsibilities` is n × k scratch the E-steps write and the
    /// M-steps read.
    func em(
        from initial: LatentClassParameters, responsibilities: UnsafeMutablePointer<Double>,
        _ configuration: LatentClassConfiguration
    ) throws(ClusteringError) -> LatentClassRun {
        let k = initial.k
        var run = LatentClassRun(parameters: initial, lowerBound: -.infinity, history: [], iterations: 0, converged: false)
        for iteration in 1...configuration.maxIterations {
            run.iterations = iteration
            let previous = run.lowerBound
            let totals = expectation(LatentClassTables(LatentClassPoints(run.parameters), layout: layout), k: k,
                                     LatentClassOutputs(responsibilities: responsibilities, moments: true))
            run.parameters = try maximization(totals, responsibilities: responsibilities, k: k,
                                              regularization: configuration.regularization)
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

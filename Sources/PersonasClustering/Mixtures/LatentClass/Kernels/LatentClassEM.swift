extension LatentClassData {
    /// Runs EM from `initial` (``EMRun``), the loop of stepmix's `StepMix.em`; `responsibilities`
    /// is n × k scratch the E-steps write and the M-steps read.
    func em(
        from initial: LatentClassParameters, responsibilities: UnsafeMutablePointer<Double>,
        _ configuration: LatentClassConfiguration
    ) throws(ClusteringError) -> EMRun<LatentClassParameters> {
        let k = initial.k
        var run = EMRun(from: initial)
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

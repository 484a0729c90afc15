import PersonasNumerics

/// Scoring rows with a latent class model's parameters: one E-step over the rows, the arithmetic
/// of ``LatentClassPoints``.
extension LatentClassParameters {
    /// Each row's most probable class (the first on ties): the highest sum of its points.
    public func predict(_ data: LatentClassData) throws(ClusteringError) -> [Int32] {
        var labels = [Int32](repeating: 0, count: data.rows)
        try labels.withUnsafeMutableBufferPointer { (out) throws(ClusteringError) in
            _ = try score(data, LatentClassOutputs(labels: out.baseAddress))
        }
        return labels
    }

    /// Each row's membership probabilities, n × k, rows summing to 1; a row with every item
    /// missing gets the class weights.
    public func predictProba(_ data: LatentClassData) throws(ClusteringError) -> Matrix<Double> {
        var probabilities = Matrix<Double>(rows: data.rows, columns: k)
        try probabilities.withUnsafeMutableBufferPointer { (out) throws(ClusteringError) in
            _ = try score(data, LatentClassOutputs(responsibilities: out.baseAddress))
        }
        return probabilities
    }

    /// Each row's log-likelihood ln p(x_i) = ln Σ_j π_j p_j(x_i) (unweighted; 0 for a row with
    /// every item missing).
    public func scoreSamples(_ data: LatentClassData) throws(ClusteringError) -> [Double] {
        var densities = [Double](repeating: 0, count: data.rows)
        try densities.withUnsafeMutableBufferPointer { (out) throws(ClusteringError) in
            _ = try score(data, LatentClassOutputs(logDensities: out.baseAddress))
        }
        return densities
    }

    /// One E-step pass over rows whose items match these parameters'.
    private func score(_ data: LatentClassData, _ outputs: LatentClassOutputs) throws(ClusteringError) -> LatentClassTotals {
        try data.checkKinds(kinds)
        guard data.rows > 0 else { return LatentClassTotals(k: k, layout: data.layout, moments: false) }
        return data.expectation(LatentClassTables(LatentClassPoints(self), layout: data.layout), k: k, outputs)
    }
}

import PersonasNumerics

extension LatentClassData {
    /// The M-step from a pass's weighted sums and the memberships it read or wrote:
    /// - the class weights `π_j = Σ w_i r_ij / Σ w_i`;
    /// - a categorical item's level probabilities `Σ w_i r_ij [x_i = l] / Σ w_i r_ij` over the rows
    ///   answering the item (uniform for a class with no weight on them);
    /// - a continuous item's mean and variance over the rows answering it, with
    ///   `n_j = Σ w_i r_ij + 10ε` (scikit-learn's guard against an empty class), the variance
    ///   around the new mean from a second pass, plus `regularization` (scikit-learn's
    ///   `reg_covar`), the floor that keeps a class on identical answers from a zero variance.
    func maximization(
        _ totals: LatentClassTotals, responsibilities: UnsafePointer<Double>, k: Int, regularization: Double
    ) throws(ClusteringError) -> LatentClassParameters {
        let layout = self.layout
        let weights = totals.classSums.map { $0 / totalWeight }
        let counts = totals.continuousCounts.map { $0 + 10 * Double.ulpOfOne }
        var means = [Double](repeating: 0, count: counts.count)
        for e in means.indices { means[e] = totals.continuousSums[e] / counts[e] }
        let scatter = layout.continuousCount > 0 ? self.scatter(responsibilities, means: means, k: k) : []
        var items: [LatentClassParameters.Item] = []
        items.reserveCapacity(self.items)
        for (q, kind) in kinds.enumerated() {
            let base = layout.offsets[q]
            switch kind {
            case .categorical(let levels):
                var probabilities = Matrix<Double>(rows: k, columns: levels)
                for j in 0..<k {
                    var count = 0.0
                    for l in 0..<levels { count += totals.levelSums[(base + l) * k + j] }
                    for l in 0..<levels {
                        probabilities[j, l] = count > 0 ? totals.levelSums[(base + l) * k + j] / count : 1 / Double(levels)
                    }
                }
                items.append(.categorical(probabilities: probabilities))
            case .continuous:
                var variances = [Double](repeating: 0, count: k)
                for j in 0..<k {
                    let variance = scatter[base * k + j] / counts[base * k + j] + regularization
                    guard LatentClassParameters.isUsableVariance(variance) else {
                        throw ClusteringError(.illDefinedCovariance(component: j),
                                              "class \(j + 1)'s variance of item \(q + 1) is \(variance) (identical answers "
                                              + "or an empty class); use a positive variance floor or fewer classes")
                    }
                    variances[j] = variance
                }
                items.append(.continuous(means: Array(means[(base * k)..<((base + 1) * k)]), variances: variances))
            }
        }
        return LatentClassParameters(weights: weights, items: items)
    }
}

import PersonasClustering
import PersonasNumerics

/// A latent class model's classes as the pipeline's segments: renumbered by size and, under the
/// minimum segment size rule, without the small ones (`MixtureSegments`), as a Gaussian
/// mixture's components are.
extension LatentClassParameters: SelectableComponents {
    /// The model with only the classes `order` names, in that order: a dropped class's weight is
    /// shared out in proportion, so the weights still sum to 1 (unchanged when every class is
    /// kept); each item keeps the kept classes' distributions.
    public func selectingComponents(_ order: [Int]) -> LatentClassParameters {
        var weights = order.map { self.weights[$0] }
        if Set(order).count < k {
            let total = weights.reduce(0, +)
            weights = weights.map { $0 / total }
        }
        let items = items.map { item -> Item in
            switch item {
            case .categorical(let probabilities):
                .categorical(probabilities: Matrix(rows: order.count, columns: probabilities.columns,
                                                   elements: order.flatMap { probabilities.row($0) }))
            case .continuous(let means, let variances):
                .continuous(means: order.map { means[$0] }, variances: order.map { variances[$0] })
            }
        }
        return LatentClassParameters(weights: weights, items: items)
    }
}

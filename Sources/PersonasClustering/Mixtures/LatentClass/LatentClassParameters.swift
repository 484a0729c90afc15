import PersonasNumerics

/// The parameters of a latent class model: the class weights, and for each item its distribution
/// within each class. A fitted ``LatentClassModel`` holds them, a start can give them, and they
/// alone score new rows (``predict(_:)``), so a model stored as these numbers needs nothing else.
public struct LatentClassParameters: Sendable, Equatable, Codable {
    /// The class weights π_j, k of them summing to 1 (the classes' shares of the cases).
    public var weights: [Double]
    /// Each item's parameters, in the items' order.
    public var items: [Item]

    /// One item's distribution within each class.
    public enum Item: Sendable, Equatable, Codable {
        /// k × levels: row j holds class j's probability of each level, summing to 1 (poLCA's
        /// `probs`, stepmix's `pis`).
        case categorical(probabilities: Matrix<Double>)
        /// Class j's mean and variance of the item (a Gaussian within each class; stepmix's
        /// `gaussian_diag` means and covariances).
        case continuous(means: [Double], variances: [Double])

        /// The item's kind.
        public var kind: LatentClassItem.Kind {
            switch self {
            case .categorical(let probabilities): .categorical(levels: probabilities.columns)
            case .continuous: .continuous
            }
        }
    }

    public init(weights: [Double], items: [Item]) {
        self.weights = weights
        self.items = items
    }

    /// Number of classes.
    public var k: Int { weights.count }

    /// The items' kinds.
    public var kinds: [LatentClassItem.Kind] { items.map(\.kind) }

    /// The free parameters p: k − 1 weights, k·(levels − 1) probabilities per categorical item and
    /// k means and k variances per continuous item (poLCA's `npar`, stepmix's `n_parameters`).
    public var parameterCount: Int {
        items.reduce(k - 1) { count, item in
            switch item {
            case .categorical(let probabilities): count + k * (probabilities.columns - 1)
            case .continuous: count + 2 * k
            }
        }
    }

    /// Checks given parameters against k and the data's items: weights in [0, 1] summing to 1
    /// within 1e-8, each class's level probabilities likewise, finite means and positive finite
    /// variances.
    func validate(k: Int, kinds: [LatentClassItem.Kind]) throws(ClusteringError) {
        guard weights.count == k else { throw ClusteringError("\(weights.count) initial class weights for k = \(k) classes") }
        guard Self.isDistribution(weights[...]) else {
            throw ClusteringError("initial class weights must lie in [0, 1] and sum to 1")
        }
        guard self.kinds == kinds else {
            throw ClusteringError("the initial parameters' items (\(LatentClassLayout.describe(self.kinds))) differ from "
                                  + "the data's (\(LatentClassLayout.describe(kinds)))")
        }
        for (q, item) in items.enumerated() {
            switch item {
            case .categorical(let probabilities):
                guard probabilities.rows == k, (0..<k).allSatisfy({ Self.isDistribution(probabilities.row($0)) }) else {
                    throw ClusteringError("initial level probabilities of item \(q + 1) must be k = \(k) rows, each in "
                                          + "[0, 1] and summing to 1")
                }
            case .continuous(let means, let variances):
                guard means.count == k, variances.count == k, means.allSatisfy(\.isFinite),
                      variances.allSatisfy(Self.isUsableVariance) else {
                    throw ClusteringError("initial means and variances of item \(q + 1) must be k = \(k) finite numbers "
                                          + "each, the variances positive")
                }
            }
        }
    }

    /// A variance the points can use: positive, finite, and with a finite half precision 1/(2σ²).
    static func isUsableVariance(_ variance: Double) -> Bool {
        variance > 0 && variance.isFinite && (0.5 / variance).isFinite
    }

    private static func isDistribution(_ values: ArraySlice<Double>) -> Bool {
        values.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= 1 } && abs(values.reduce(0, +) - 1) <= 1e-8
    }
}

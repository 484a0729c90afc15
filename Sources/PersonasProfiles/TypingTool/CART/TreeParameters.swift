/// Settings of a CART fit, with scikit-learn's `DecisionTreeClassifier` defaults.
public struct TreeParameters: Sendable, Hashable {
    public var criterion: TreeCriterion = .gini
    /// Maximum depth (root = 0); nil grows until the leaves are pure or too small.
    public var maxDepth: Int? = nil
    /// A node with fewer training rows is not split.
    public var minSamplesSplit: Int = 2
    /// A split leaving fewer rows on either side is not considered.
    public var minSamplesLeaf: Int = 1
    /// A split must decrease the weighted impurity `W_t/W · (I_t − W_L/W_t·I_L − W_R/W_t·I_R)` by at least this.
    public var minImpurityDecrease: Double = 0
    /// A weight per class multiplying the sample weights (nil: all 1).
    public var classWeights: [Double]? = nil

    public init(criterion: TreeCriterion = .gini, maxDepth: Int? = nil, minSamplesSplit: Int = 2,
                minSamplesLeaf: Int = 1, minImpurityDecrease: Double = 0, classWeights: [Double]? = nil) {
        self.criterion = criterion
        self.maxDepth = maxDepth
        self.minSamplesSplit = minSamplesSplit
        self.minSamplesLeaf = minSamplesLeaf
        self.minImpurityDecrease = minImpurityDecrease
        self.classWeights = classWeights
    }

    func validate(classCount: Int) throws(TypingToolError) {
        if let d = maxDepth, d < 0 { throw .invalidParameter("max depth must be at least 0, got \(d)") }
        guard minSamplesSplit >= 2 else { throw .invalidParameter("min samples to split must be at least 2") }
        guard minSamplesLeaf >= 1 else { throw .invalidParameter("min samples per leaf must be at least 1") }
        guard minImpurityDecrease >= 0 else { throw .invalidParameter("min impurity decrease must be ≥ 0") }
        if let w = classWeights {
            guard w.count == classCount else {
                throw .invalidParameter("\(w.count) class weights for \(classCount) classes")
            }
            guard w.allSatisfy({ $0.isFinite && $0 >= 0 }) else { throw .invalidParameter("class weights must be finite and ≥ 0") }
        }
    }
}

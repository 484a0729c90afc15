import PersonasNumerics

/// A fitted latent class model: the classes' parameters, each training row's memberships and most
/// probable class, and how the fit went. Names follow stepmix's fitted `StepMix` where it has one.
public struct LatentClassModel: Sendable {
    /// The class weights and each item's distribution within each class.
    public let parameters: LatentClassParameters
    /// Each training row's most probable class, 0..<k (the first on ties), from a last E-step with
    /// the final parameters (stepmix's `predict`).
    public let labels: [Int32]
    /// Each training row's membership probabilities, n × k, rows summing to 1 (stepmix's
    /// `predict_proba`, poLCA's `posterior`); a row with every item missing gets the class weights.
    public let posterior: Matrix<Double>
    /// Σ_i w_i r_ij per class: the expected (weighted) number of cases in each class under the
    /// final parameters, summing to ``totalWeight``.
    public let classSizes: [Double]
    /// The kept run's lower bound: the weighted mean log-likelihood per case of the parameters
    /// before its last M-step (stepmix's `lower_bound_`); the highest of the restarts.
    public let lowerBound: Double
    /// The kept run's lower bound at every iteration.
    public let lowerBoundHistory: [Double]
    /// EM iterations of the kept run (stepmix's `n_iter_`).
    public let iterations: Int
    /// Whether the kept run stopped by the tolerance rather than by the iteration limit.
    public let converged: Bool
    /// Σ_i w_i ln p(x_i) over the training rows under the final parameters (stepmix's
    /// `score(X) · n` when unweighted, poLCA's `llik`): the ℓ of the information criteria.
    public let logLikelihood: Double
    /// −Σ_i w_i Σ_j r_ij ln r_ij: the entropy of the memberships, 0 when every row belongs to one
    /// class for certain.
    public let entropy: Double
    /// Training rows.
    public let rows: Int
    /// Σ of the training rows' case weights (the rows when unweighted): the n of the criteria.
    public let totalWeight: Double
    /// Every run, in restart order; the kept one has the highest lower bound (the first on ties).
    public let restarts: [LatentClassRestart]
    /// The configuration the model was fitted with.
    public let configuration: LatentClassConfiguration

    init(
        parameters: LatentClassParameters, labels: [Int32], posterior: Matrix<Double>, classSizes: [Double],
        lowerBound: Double, lowerBoundHistory: [Double], iterations: Int, converged: Bool, logLikelihood: Double,
        entropy: Double, rows: Int, totalWeight: Double, restarts: [LatentClassRestart],
        configuration: LatentClassConfiguration
    ) {
        self.parameters = parameters
        self.labels = labels
        self.posterior = posterior
        self.classSizes = classSizes
        self.lowerBound = lowerBound
        self.lowerBoundHistory = lowerBoundHistory
        self.iterations = iterations
        self.converged = converged
        self.logLikelihood = logLikelihood
        self.entropy = entropy
        self.rows = rows
        self.totalWeight = totalWeight
        self.restarts = restarts
        self.configuration = configuration
    }

    /// Number of classes.
    public var k: Int { parameters.k }
    /// The class weights π_j, summing to 1 (stepmix's `weights_`, poLCA's `P`).
    public var weights: [Double] { parameters.weights }
    /// The items' kinds, which rows to score must share.
    public var kinds: [LatentClassItem.Kind] { parameters.kinds }
    /// The scoring arithmetic as points per answer, for SQL.
    public var points: LatentClassPoints { LatentClassPoints(parameters) }

    /// Each row's most probable class (the first on ties).
    public func predict(_ data: LatentClassData) throws(ClusteringError) -> [Int32] {
        try parameters.predict(data)
    }

    /// Each row's membership probabilities, n × k.
    public func predictProba(_ data: LatentClassData) throws(ClusteringError) -> Matrix<Double> {
        try parameters.predictProba(data)
    }

    /// Each row's log-likelihood ln p(x_i) under the model (unweighted).
    public func scoreSamples(_ data: LatentClassData) throws(ClusteringError) -> [Double] {
        try parameters.scoreSamples(data)
    }
}

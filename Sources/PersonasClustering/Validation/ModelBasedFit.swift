/// What a model-based method (a Gaussian mixture; a latent class model) gives at one k besides
/// its labels: the information criteria choosing k reads, and the method's fitted model.
public struct ModelBasedFit: Sendable {
    /// Each row's most probable segment, 0..<k.
    public let labels: [Int32]
    /// The fit's information criteria on the rows it was fitted to.
    public let criteria: InformationCriteria

    public init(labels: [Int32], criteria: InformationCriteria) {
        self.labels = labels
        self.criteria = criteria
    }
}

/// A model-based fit's information criteria, in scikit-learn's sign (lower is better) with R's
/// mclust BIC (higher is better) beside it, as the model computed them (for a Gaussian mixture
/// ``GaussianMixtureModel/bic`` and its siblings): choosing k reads them, reports print them.
public struct InformationCriteria: Sendable, Equatable, Codable {
    /// Σ ln p(x_i) over the rows fitted.
    public let logLikelihood: Double
    /// The model's free parameters p.
    public let parameterCount: Int
    /// `−2ℓ + p·ln n`: lower is better.
    public let bic: Double
    /// `−2ℓ + 2p`: lower is better.
    public let aic: Double
    /// BIC plus twice the entropy of the memberships: lower is better, and prefers segments that
    /// do not overlap.
    public let icl: Double
    /// `2ℓ − p·ln n`, mclust's BIC: higher is better.
    public let mclustBIC: Double

    public init(logLikelihood: Double, parameterCount: Int, bic: Double, aic: Double, icl: Double, mclustBIC: Double) {
        self.logLikelihood = logLikelihood
        self.parameterCount = parameterCount
        self.bic = bic
        self.aic = aic
        self.icl = icl
        self.mclustBIC = mclustBIC
    }
}

extension GaussianMixtureModel {
    /// The model's criteria as choosing k reads them.
    public var informationCriteria: InformationCriteria {
        InformationCriteria(logLikelihood: logLikelihood, parameterCount: parameterCount, bic: bic, aic: aic, icl: icl,
                            mclustBIC: mclustBIC)
    }
}

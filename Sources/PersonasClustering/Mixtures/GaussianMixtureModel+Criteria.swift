#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Information criteria for choosing k: how well the mixture explains the training rows (ℓ, the
/// ``GaussianMixtureModel/logLikelihood``) against how many parameters it spends (p).
///
/// ``bic``, ``aic`` and ``icl`` follow scikit-learn's sign (lower is better); ``mclustBIC`` is
/// the same BIC with R's mclust sign (higher is better), which analysts coming from mclust read.
extension GaussianMixtureModel {
    /// The free parameters p (scikit-learn's `_n_parameters`): k·d means, k − 1 weights, and
    /// k·d(d+1)/2 (full), d(d+1)/2 (tied), k·d (diagonal) or k (spherical) covariance terms.
    public var parameterCount: Int {
        let d = features
        let covarianceTerms = switch covarianceType {
        case .full: k * d * (d + 1) / 2
        case .tied: d * (d + 1) / 2
        case .diagonal: k * d
        case .spherical: k
        }
        return covarianceTerms + k * d + k - 1
    }

    /// The Bayesian information criterion `−2ℓ + p·ln n` (Schwarz 1978), scikit-learn's `bic(X)`
    /// on the training rows: lower is better.
    ///
    /// With sample weights n is the number of rows and ℓ the likelihood with the weights rescaled
    /// to sum to n (``GaussianMixtureModel/logLikelihood``), so the criterion does not depend on
    /// the weights' scale: weighting a sample to its universe adds no information to pay
    /// parameters with.
    public var bic: Double { -2 * logLikelihood + Double(parameterCount) * log(Double(rows)) }

    /// Akaike's information criterion `−2ℓ + 2p` (Akaike 1974), scikit-learn's `aic(X)`: lower is
    /// better.
    public var aic: Double { -2 * logLikelihood + 2 * Double(parameterCount) }

    /// The integrated completed likelihood criterion in its BIC approximation, `BIC + 2·EN(r)`
    /// with `EN(r) = −Σ_i Σ_j r_ij ln r_ij` the entropy of the memberships
    /// (``GaussianMixtureModel/entropy``): lower is better. It adds to BIC a penalty for
    /// components that overlap, so it prefers well-separated segments.
    ///
    /// Biernacki, Celeux & Govaert, "Assessing a mixture model for clustering with the integrated
    /// completed likelihood", IEEE TPAMI 22(7), 2000, derive ICL from the completed likelihood;
    /// this is its approximation with the soft memberships, McLachlan & Peel's ICL-BIC (Finite
    /// Mixture Models, Wiley 2000, §6.10.3). R's mclust `icl()` uses the hard (MAP) memberships
    /// instead and the opposite sign.
    public var icl: Double { bic + 2 * entropy }

    /// BIC as R's mclust reports it, `2ℓ − p·ln n` (Fraley & Raftery, "Model-based clustering,
    /// discriminant analysis, and density estimation", JASA 97(458), 2002): the negative of
    /// ``bic``, so higher is better.
    public var mclustBIC: Double { -bic }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Information criteria for choosing k, as for ``GaussianMixtureModel``: how well the classes
/// explain the training rows (ℓ, ``LatentClassModel/logLikelihood``) against how many parameters
/// they spend (p), with n the cases (``LatentClassModel/totalWeight``, the rows when unweighted).
///
/// ``bic``, ``aic`` and ``icl`` follow scikit-learn's and stepmix's sign (lower is better);
/// ``mclustBIC`` is the same BIC with R's mclust sign (higher is better).
extension LatentClassModel {
    /// The free parameters p (``LatentClassParameters/parameterCount``).
    public var parameterCount: Int { parameters.parameterCount }

    /// `−2ℓ + p·ln n` (stepmix's `bic(X)`, poLCA's `bic`): lower is better.
    public var bic: Double { -2 * logLikelihood + Double(parameterCount) * log(totalWeight) }

    /// `−2ℓ + 2p` (stepmix's `aic(X)`, poLCA's `aic`): lower is better.
    public var aic: Double { -2 * logLikelihood + 2 * Double(parameterCount) }

    /// `BIC + 2·EN(r)`, the integrated completed likelihood in its BIC approximation with the
    /// soft memberships (McLachlan & Peel's ICL-BIC, as ``GaussianMixtureModel/icl``): lower is
    /// better; it prefers well-separated classes.
    public var icl: Double { bic + 2 * entropy }

    /// BIC with R's mclust sign, `2ℓ − p·ln n`: higher is better.
    public var mclustBIC: Double { -bic }

    /// The relative entropy `1 − EN(r) / (n·ln k)` (Ramaswamy et al. 1993; stepmix's
    /// `relative_entropy`): 1 when every case belongs to one class for certain, near 0 when the
    /// classes are indistinct; NaN for k = 1.
    public var relativeEntropy: Double { k > 1 ? 1 - entropy / (totalWeight * log(Double(k))) : .nan }
}

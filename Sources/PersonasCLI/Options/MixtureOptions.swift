import ArgumentParser
import PersonasClustering
import PersonasSegmentation

/// `--covariance`: the shape of a Gaussian mixture's covariances, for `segment` and `choose-k`
/// with `--method gmm`; refused with the other methods, which have none.
struct MixtureOptions: ParsableArguments {
    /// The covariance shapes as the command line spells them (`diag` as scikit-learn's `diag`).
    enum Covariance: String, ExpressibleByArgument, CaseIterable {
        case full, diag, tied, spherical

        var type: GaussianMixtureConfiguration.CovarianceType {
            switch self {
            case .full: .full
            case .diag: .diagonal
            case .tied: .tied
            case .spherical: .spherical
            }
        }
    }

    @Option(help: ArgumentHelp("""
        With --method gmm: each segment's covariance: diag (default: a variance per feature, mclust's VVI; few \
        parameters, so BIC holds up on a few hundred customers), full (scikit-learn's default), tied (one \
        shared) or spherical (one variance per segment).
        """, valueName: "full|diag|tied|spherical"))
    var covariance: Covariance?

    /// The shape to fit: the one given, else the pipeline's default.
    var covarianceType: GaussianMixtureConfiguration.CovarianceType {
        covariance?.type ?? SegmentationConfiguration.defaultCovarianceType
    }

    /// Refuses `--covariance` with a method that is not a mixture.
    func check(method: SegmentationMethod) throws {
        if covariance != nil, method != .gmm {
            throw ValidationError("--covariance applies to --method gmm only, not \(method.rawValue)")
        }
    }
}

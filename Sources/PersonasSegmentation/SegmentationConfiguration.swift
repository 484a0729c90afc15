import PersonasClustering
import PersonasData
import PersonasProfiles

/// What ``Segmentation/run(_:_:progress:)`` does: how to prepare, how many segments (or a range to
/// choose from), which method, and how to profile and target.
public struct SegmentationConfiguration: Sendable {
    /// The clustering method (k-means runs ``restarts`` times).
    public typealias Method = SegmentationMethod

    /// The candidate numbers of segments: one k, or several to choose from with `ChooseK`.
    public var ks: [Int]
    public var method: Method
    /// Feature selection, imputation, encoding and scaling.
    public var preparation: PreparationSpec
    /// Profiling and privacy settings (value and potential columns, minimum segment size).
    ///
    /// Its `ProfileConfiguration.minimumSegmentSize` is the one minimum size of the whole
    /// pipeline: a recommended k never has a smaller segment, and with a fixed k a smaller segment
    /// is merged into its nearest neighbour (or kept, see ``keepSmallSegments``).
    public var profile: ProfileConfiguration
    /// Keep a segment under the minimum size instead of moving its customers to the nearest
    /// remaining segment (default false). The analyst's explicit choice: the model keeps its
    /// center, which is its members' mean (or, for one customer, that customer's prepared row), so
    /// that `assign` and the SQL export can still place customers in it; the personas, profile
    /// and reports withhold every figure of it.
    public var keepSmallSegments: Bool
    /// Tiers and channels.
    public var rules: TargetingRules
    /// k-means restarts (lowest inertia kept), or a Gaussian mixture's or a latent class model's
    /// EM runs (highest likelihood kept). The default 10 suits a latent class model too: its EM
    /// starts from random memberships and its likelihood has many local optima (poLCA and Latent
    /// GOLD advise several starts), while each run on a survey's rows costs little.
    public var restarts: Int
    /// The shape of a Gaussian mixture's covariances (`SegmentationMethod.gmm` only; default diagonal, see
    /// ``defaultCovarianceType``).
    public var covarianceType: GaussianMixtureConfiguration.CovarianceType = defaultCovarianceType
    /// Diagonal: each segment its own variance per feature (mclust's VVI). On standardised
    /// features it needs k·d variances where full covariances need k·d(d+1)/2, so BIC can be
    /// estimated over a range of k from a few hundred respondents; and the one-hot columns of a
    /// categorical feature, which always sum to 1, make a full covariance singular (only the
    /// regularisation floor keeps it invertible), but not a diagonal one.
    public static let defaultCovarianceType = GaussianMixtureConfiguration.CovarianceType.diagonal
    /// Bootstrap resamples and gap reference sets when choosing k.
    public var bootstrapResamples: Int
    public var gapReferences: Int
    /// Micro-clusters of the hybrid.
    public var microClusters: Int
    /// Above this many rows, choosing k computes the gap statistic and bootstrap stability on a
    /// seeded sample of this many rows (`ChooseKConfiguration`'s `resamplingSampleSize`); nil
    /// (the default) takes the method's (`SegmentationMethod.resamplingSampleSize`).
    public var resamplingSampleSize: Int?
    /// Above this many rows, each k-means fit (choose-k's and the final one) runs its restarts
    /// on a seeded sample of this many rows and refines the best on all rows (default 20,000;
    /// `KMeansConfiguration.restartSampleSize`, Bradley & Fayyad 1998); nil runs every restart on
    /// all rows.
    public var restartSampleSize: Int?
    /// ``restarts``' default, which `choose-k` runs on its restart sample too: 10.
    public static let defaultRestarts = 10
    /// ``restartSampleSize``'s default, which `choose-k` shares: 20,000 rows.
    public static let defaultRestartSampleSize = 20_000
    /// The typing tool to build (questions, budget, tree settings); nil builds none. Its hold-out
    /// split and folds are drawn from the master ``seed``, like every other random choice here.
    public var typingTool: TypingToolConfiguration?
    /// Above this many rows the typing tool is trained and measured on a seeded random sample of
    /// this size (default 25,000): question selection cross-validates hundreds of trees, and a few
    /// tens of thousands of customers pin a one-page tree of five questions down as well as
    /// millions (its smallest leaf still holds dozens of the sampled customers).
    public var typingToolSampleSize: Int
    /// The master seed: the same seed gives the same segments, files and model.
    public var seed: UInt64
    /// Rows (0-based) left out of choosing k and of the clustering (straight-liners, whose answers
    /// show a response style rather than an attitude, say): they are prepared like every row
    /// and, once the segments are found, assigned to the nearest one, so every row still has a
    /// segment. Empty (the default) clusters every row.
    public var leftOutOfFitting: Set<Int> = []

    public init(ks: [Int], method: Method = .kmeans, preparation: PreparationSpec = PreparationSpec(),
                profile: ProfileConfiguration = ProfileConfiguration(), rules: TargetingRules = .standard,
                restarts: Int = defaultRestarts, bootstrapResamples: Int = 50, gapReferences: Int = 10, microClusters: Int = 300,
                typingTool: TypingToolConfiguration? = TypingToolConfiguration(), typingToolSampleSize: Int = 25_000,
                keepSmallSegments: Bool = false, restartSampleSize: Int? = defaultRestartSampleSize, resamplingSampleSize: Int? = nil,
                seed: UInt64 = 0) {
        self.ks = ks
        self.method = method
        self.preparation = preparation
        self.profile = profile
        self.rules = rules
        self.restarts = restarts
        self.bootstrapResamples = bootstrapResamples
        self.gapReferences = gapReferences
        self.microClusters = microClusters
        self.restartSampleSize = restartSampleSize
        self.resamplingSampleSize = resamplingSampleSize
        self.typingTool = typingTool
        self.typingToolSampleSize = typingToolSampleSize
        self.keepSmallSegments = keepSmallSegments
        self.seed = seed
    }
}

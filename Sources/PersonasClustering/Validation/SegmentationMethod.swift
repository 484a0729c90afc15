/// The clustering method of a segmentation, as an analyst names it (`kmeans`, `ward`, `hybrid`,
/// `gmm`, `latent-class`):
/// the one list of methods that `segment`, `choose-k` and the saved configuration share.
public enum SegmentationMethod: String, Sendable, Codable, CaseIterable {
    /// k-means (k-means++, several restarts): large tables.
    case kmeans
    /// Ward's hierarchical clustering (O(n²) time; up to some tens of thousands of rows).
    case ward
    /// k-means micro-clusters, then Ward on them: Ward for millions of rows.
    case hybrid
    /// A Gaussian mixture fitted by EM: model-based, so k is chosen by BIC and each customer has
    /// a probability of each segment.
    case gmm
    /// A latent class model fitted by EM on the table's columns as items (categorical levels,
    /// continuous values, missing answers left out of the likelihood): model-based like `gmm`.
    /// Its segmenter needs the items, not the prepared features: ``Segmenter/latentClass(_:fittedTo:restarts:)``.
    case latentClass = "latent-class"

    /// Whether the method fits a probability model (``Segmenter/isModelBased``): k chosen by
    /// BIC, membership probabilities, a scoring model of its own.
    public var isModelBased: Bool { self == .gmm || self == .latentClass }

    /// Above this many rows, choosing k computes the gap statistic and bootstrap stability on a
    /// seeded sample of this many rows (``ChooseKConfiguration/resamplingSampleSize``): 5,000
    /// for k-means; 2,000 for Ward and the hybrid, whose every resample and reference set is a
    /// Ward fit, O(m²·d) (a segment of 3% still has about 60 of the sampled rows), and for the
    /// Gaussian mixture, whose every resample and reference set is an EM fit with restarts (a latent
    /// class model runs neither: ``Segmenter/latentClass(_:fittedTo:restarts:)``).
    public var resamplingSampleSize: Int {
        self == .kmeans ? 5_000 : 2_000
    }

    /// The method as a seeded ``Segmenter``: k-means with `restarts` runs (`sampledRestarts` on a
    /// sample of `restartSampleSize` rows when given, see ``Segmenter/kMeans(restarts:maxIterations:restartSampleSize:sampledRestarts:)``), Ward,
    /// hybrid Ward on `microClusters` micro-clusters, or a Gaussian mixture with
    /// `covarianceType` covariances and `restarts` EM runs. A latent class model is fitted on items
    /// the matrix does not hold, so its segmenter here refuses to run: build it from the items
    /// with ``Segmenter/latentClass(_:fittedTo:restarts:)``.
    public func segmenter(restarts: Int = 3, microClusters: Int = 300, restartSampleSize: Int? = nil,
                          sampledRestarts: Int? = nil,
                          covarianceType: GaussianMixtureConfiguration.CovarianceType = .diagonal) -> Segmenter {
        switch self {
        case .kmeans: .kMeans(restarts: restarts, restartSampleSize: restartSampleSize, sampledRestarts: sampledRestarts)
        case .ward: .ward
        case .hybrid: .hybridWard(microClusters: microClusters)
        case .gmm: .gaussianMixture(covarianceType: covarianceType, restarts: restarts)
        case .latentClass: .needsItems
        }
    }
}

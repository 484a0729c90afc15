/// The parameters of ``ChooseK``: which k to try, how to segment, and how hard to test each k.
public struct ChooseKConfiguration: Sendable {
    /// The candidate numbers of segments, increasing, each at least 2.
    public var ks: [Int]
    /// How each candidate segmentation is made (default k-means, 3 restarts).
    public var segmenter: Segmenter
    /// Bootstrap resamples per k for Hennig's cluster-wise stability (default 50; 0 skips it).
    public var bootstrapResamples: Int
    /// Reference data sets per k for the gap statistic (default 10; 0 skips it).
    public var gapReferences: Int
    /// A segment smaller than this share of the rows counts against its k (default 3%).
    public var minimumSegmentShare: Double
    /// A k with a segment of fewer customers than this is never recommended (default 1: no
    /// floor). Unlike the share, this is a privacy floor: a segment this small would single out
    /// its customers, so the rule has no exception and the choice fails when every k has one.
    public var minimumSegmentSize: Int
    /// The silhouette is exact up to this many rows (O(n²·d)); above it, it is the exact
    /// silhouette of a seeded sample of this many rows measured among themselves, as
    /// scikit-learn's `silhouette_score(sample_size=)` computes it, with its standard error
    /// (``ValidityIndex/silhouetteOfSample(_:labels:rows:)``), O(m²·d) whatever n is (default
    /// 5,000: the standard error of the mean silhouette is then about 0.003). Every k is
    /// measured on the same sample, so the differences between k carry even less noise.
    public var exactSilhouetteLimit: Int
    /// Above this many rows, the gap statistic and bootstrap stability are computed on a seeded
    /// uniform sample of this many rows (default 5,000), the same sample for every k: the gap
    /// statistic of the sample (Tibshirani, Walther & Hastie 2001, applied to the sample: its own
    /// clustering at each k against reference sets of its size, so the log n both sides share
    /// cancels) and Hennig's clusterboot of the sample (each resample a bootstrap of the sample's
    /// rows, its segments compared with the data's segments on the rows drawn). Both then cost
    /// the same for a million rows as for five thousand, and Ward's O(n²) never meets more rows
    /// than the sample. A segment under about 1/size of the rows may have no sampled row: its
    /// stability is then 0, as clusterboot scores a cluster none of whose rows was drawn.
    public var resamplingSampleSize: Int
    /// The Dunn index (O(n²)) is computed up to this many rows (default 10,000).
    public var dunnLimit: Int
    /// The master seed; every fit, resample and reference draw derives its own stream from it.
    public var seed: UInt64

    public init(ks: [Int], segmenter: Segmenter = .kMeans(), bootstrapResamples: Int = 50, gapReferences: Int = 10,
                minimumSegmentShare: Double = 0.03, minimumSegmentSize: Int = 1, exactSilhouetteLimit: Int = 5_000,
                resamplingSampleSize: Int = 5_000, dunnLimit: Int = 10_000, seed: UInt64 = 0) {
        self.ks = ks
        self.segmenter = segmenter
        self.bootstrapResamples = bootstrapResamples
        self.gapReferences = gapReferences
        self.minimumSegmentShare = minimumSegmentShare
        self.minimumSegmentSize = minimumSegmentSize
        self.exactSilhouetteLimit = exactSilhouetteLimit
        self.resamplingSampleSize = resamplingSampleSize
        self.dunnLimit = dunnLimit
        self.seed = seed
    }
}

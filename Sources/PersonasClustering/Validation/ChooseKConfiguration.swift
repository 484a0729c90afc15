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
    /// The silhouette is exact up to this many rows and a seeded estimate from this many sampled
    /// rows (with its standard error) above it (default 20,000).
    public var exactSilhouetteLimit: Int
    /// The Dunn index (O(n²)) is computed up to this many rows (default 10,000).
    public var dunnLimit: Int
    /// The master seed; every fit, resample and reference draw derives its own stream from it.
    public var seed: UInt64

    public init(ks: [Int], segmenter: Segmenter = .kMeans(), bootstrapResamples: Int = 50, gapReferences: Int = 10,
                minimumSegmentShare: Double = 0.03, minimumSegmentSize: Int = 1, exactSilhouetteLimit: Int = 20_000, dunnLimit: Int = 10_000,
                seed: UInt64 = 0) {
        self.ks = ks
        self.segmenter = segmenter
        self.bootstrapResamples = bootstrapResamples
        self.gapReferences = gapReferences
        self.minimumSegmentShare = minimumSegmentShare
        self.minimumSegmentSize = minimumSegmentSize
        self.exactSilhouetteLimit = exactSilhouetteLimit
        self.dunnLimit = dunnLimit
        self.seed = seed
    }
}

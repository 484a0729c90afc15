/// The clustering method of a segmentation, as an analyst names it (`kmeans`, `ward`, `hybrid`):
/// the one list of methods that `segment`, `choose-k` and the saved configuration share.
public enum SegmentationMethod: String, Sendable, Codable, CaseIterable {
    /// k-means (k-means++, several restarts): large tables.
    case kmeans
    /// Ward's hierarchical clustering (O(n²) time; up to some tens of thousands of rows).
    case ward
    /// k-means micro-clusters, then Ward on them: Ward for millions of rows.
    case hybrid

    /// The method as a seeded ``Segmenter``: k-means with `restarts` runs, Ward, or hybrid Ward
    /// on `microClusters` micro-clusters.
    public func segmenter(restarts: Int = 3, microClusters: Int = 300) -> Segmenter {
        switch self {
        case .kmeans: .kMeans(restarts: restarts)
        case .ward: .ward
        case .hybrid: .hybridWard(microClusters: microClusters)
        }
    }
}

/// How the dissimilarity between two clusters is defined: SciPy's seven linkage methods, with
/// SciPy's height conventions (`scipy.cluster.hierarchy.linkage`).
public enum LinkageMethod: String, Sendable, CaseIterable, Codable {
    /// Nearest pair: min over the two clusters' members.
    case single
    /// Farthest pair: max over the two clusters' members.
    case complete
    /// UPGMA: the (weighted) mean dissimilarity over all member pairs.
    case average
    /// WPGMA (McQuitty): the plain mean of the two merged clusters' dissimilarities.
    case weighted
    /// UPGMC: the Euclidean distance between the clusters' (weighted) centroids.
    case centroid
    /// WPGMC: like centroid, with a merged cluster's center the midpoint of its two parts.
    case median
    /// Ward's minimum variance: sqrt(2 |s||t| / (|s| + |t|)) · ‖c_s − c_t‖, that is sqrt(2 ΔSSE).
    case ward

    /// Whether merging two clusters never brings the result closer to a third one (Müllner's
    /// reducibility), so the nearest-neighbour chain finds the same tree as a greedy merge and
    /// merge heights never decrease. Centroid and median are not: they can have inversions.
    public var isReducible: Bool { self != .centroid && self != .median }

    /// Whether the method is defined through centroids, so that it can run from the coordinates
    /// alone (O(n·d) memory) with the Euclidean metric.
    public var isGeometric: Bool { self == .centroid || self == .median || self == .ward }

    /// Whether sample weights change the result: they act as cluster sizes for average,
    /// centroid and Ward; single, complete, weighted and median ignore sizes (weights still add
    /// up in the size column).
    public var usesSizes: Bool { self == .average || self == .centroid || self == .ward }
}

/// The dissimilarity between two observations.
public enum DistanceMetric: String, Sendable, CaseIterable, Codable {
    /// ‖x − y‖, computed from the coordinate differences (no Gram expansion, so no cancellation).
    case euclidean
    /// ‖x − y‖² (SciPy's `sqeuclidean`).
    case squaredEuclidean = "sqeuclidean"
    /// Σ |x_q − y_q| (SciPy's `cityblock`).
    case manhattan
    /// 1 − x·y / (‖x‖ ‖y‖) (SciPy's `cosine`); rows of norm 0 are refused.
    case cosine
}

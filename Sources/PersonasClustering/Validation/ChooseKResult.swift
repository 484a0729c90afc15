/// What ``ChooseK`` found: every index for every k, and a recommendation with its reasons.
public struct ChooseKResult: Sendable {
    /// The figures of one candidate k.
    public struct Candidate: Sendable {
        public let k: Int
        /// Rows per segment, largest first.
        public let segmentSizes: [Int]
        /// The smallest segment's share of the rows.
        public let smallestShare: Double
        public let inertia: Double
        public let silhouette: Double
        /// The standard error of a sampled silhouette; 0 when exact.
        public let silhouetteStandardError: Double
        public let calinskiHarabasz: Double
        public let daviesBouldin: Double
        /// nil above ``ChooseKConfiguration/dunnLimit`` rows.
        public let dunn: Double?
        /// nil when the gap statistic was skipped.
        public let gap: Double?
        public let gapStandardError: Double?
        /// Hennig's cluster-wise mean Jaccard per segment (segment order as ``segmentSizes``), nil
        /// when bootstrap stability was skipped.
        public let stabilityJaccard: [Double]?
        /// The mean adjusted Rand index between resampled solutions and this one.
        public let stabilityAdjustedRandIndex: Double?
        /// This k's segments, each row's segment numbered by size.
        public let labels: [Int32]

        /// The least stable segment's mean Jaccard.
        public var minimumJaccard: Double? { stabilityJaccard?.min() }
    }

    /// One criterion's choice and the sentence that explains it.
    public struct Vote: Sendable {
        /// The criterion ("silhouette", "Calinski–Harabasz", …).
        public let criterion: String
        /// The k it favours, if any.
        public let k: Int?
        /// One sentence stating the choice and the figure behind it.
        public let reason: String
    }

    public let rows: Int
    public let segmenter: String
    public let candidates: [Candidate]
    public let votes: [Vote]
    /// The recommended k.
    public let recommendedK: Int
    /// One or two sentences: the recommendation, and how far the criteria agree.
    public let summary: String
    /// Whether the criteria favour different k.
    public let criteriaDisagree: Bool
}

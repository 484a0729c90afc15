import PersonasNumerics

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

        /// BIC, AIC, ICL and the log-likelihood of a model-based fit; nil for k-means, Ward and
        /// the hybrid.
        public internal(set) var informationCriteria: InformationCriteria? = nil

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

    /// What decided the recommended k.
    public enum Decision: String, Sendable, Codable {
        /// The k the most criteria favour (ties to the more stable, then the smaller k).
        case criteria
        /// The criteria's favourite has a segment under the minimum share of the customers.
        case minimumShare = "minimum share"
        /// The criteria's favourite has a segment of fewer customers than the minimum size.
        case minimumSize = "minimum size"
        /// No criterion favours any k: the most stable, else the smallest k.
        case tieBreak = "tie-break"
        /// One k was tried.
        case onlyCandidate = "only candidate"
        /// A model-based method: the lowest BIC among the k the size rules allow.
        case lowestBIC = "lowest BIC"
    }

    public let rows: Int
    public let segmenter: String
    public let candidates: [Candidate]
    public let votes: [Vote]
    /// The recommended k.
    public let recommendedK: Int
    /// The headline, one to three sentences: the recommendation and what decided it (the
    /// criteria, or a rule that set their favourite aside, said in words), how far the criteria
    /// agree, and which were not run. Never "0 of N criteria favour it".
    public let summary: String
    /// What decided ``recommendedK``.
    public let decidedBy: Decision
    /// Whether the criteria favour different k.
    public let criteriaDisagree: Bool
    /// Warnings about the whole range, in words: a best average silhouette under 0.25
    /// (``StructureStrength``).
    public let warnings: [String]
    /// The wall time of each stage, in the order they ran: each k's segmenting and indices, the
    /// gap statistic, the bootstrap stability of every k (`Stage.segmentingAndIndices`,
    /// `Stage.gapStatistic`, `Stage.bootstrapStability`).
    public internal(set) var stageTimes: [StageTime] = []
}

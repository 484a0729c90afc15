/// A segment that split in two, or two segments that merged, between two segmentations of the same
/// customers: read off the migration matrix by one rule, the same both ways.
///
/// **Split**: an old segment whose two largest destinations (new segments) each received at least
/// 25% of its customers and together at least 80%. **Merge**: a split read backwards, a new
/// segment whose two largest sources (old segments) each gave at least 25% of its customers and
/// together at least 80%. So the merges of old → new are the splits of new → old. The shares are
/// compared exactly on the integer counts (4·c ≥ total, 5·(c₁ + c₂) ≥ 4·total). A segment can be
/// matched and split at once: its match is then one of the two parts.
public struct MigrationFlow: Sendable, Equatable {
    /// One of the two parts: a segment (an index into the other segmentation's segments) and the
    /// customers the two share.
    public struct Part: Sendable, Equatable {
        public var segment: Int
        public var customers: Int

        public init(segment: Int, customers: Int) {
            self.segment = segment
            self.customers = customers
        }
    }

    /// The segment that split (an old one) or that the parts merged into (a new one), as an index.
    public var segment: Int
    /// Its matched customers.
    public var customers: Int
    /// The two parts, the larger first (the lower index on a tie).
    public var parts: [Part]

    public init(segment: Int, customers: Int, parts: [Part]) {
        self.segment = segment
        self.customers = customers
        self.parts = parts
    }

    /// The smallest share of each part (1/4) and of the two together (4/5), as fractions.
    public static let minimumPartShare = (numerator: 1, denominator: 4)
    public static let minimumTogetherShare = (numerator: 4, denominator: 5)

    /// The rule in words, for a reader of the output.
    public static let splitRule = "the two largest destinations each hold at least 25% of the segment and together at least 80%"
    public static let mergeRule = "the two largest sources each make at least 25% of the new segment and together at least 80%"

    /// The splits of the rows of `counts` (`counts[i][j]`: customers in row segment i and column
    /// segment j), in row order. The merges of a migration are the splits of its transpose.
    public static func splits(_ counts: [[Int]]) -> [MigrationFlow] {
        counts.enumerated().compactMap { i, row in
            let total = row.reduce(0, +)
            let order = row.indices.sorted { row[$0] != row[$1] ? row[$0] > row[$1] : $0 < $1 }
            guard order.count >= 2, total > 0 else { return nil }
            let first = row[order[0]], second = row[order[1]]
            guard second * minimumPartShare.denominator >= total * minimumPartShare.numerator,
                  (first + second) * minimumTogetherShare.denominator >= total * minimumTogetherShare.numerator
            else { return nil }
            return MigrationFlow(segment: i, customers: total,
                                 parts: [Part(segment: order[0], customers: first), Part(segment: order[1], customers: second)])
        }
    }
}

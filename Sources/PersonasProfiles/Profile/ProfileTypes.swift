import PersonasData

/// What profiling needs beyond the table and the labels. Defaults are the field's conventions.
public struct ProfileConfiguration: Sendable, Codable, Hashable {
    /// Segments with fewer customers are flagged and their profiles suppressed (privacy).
    public var minimumSegmentSize: Int
    /// The false-discovery rate a trait's Benjamini–Hochberg adjusted p-value must be below.
    public var significanceLevel: Double
    /// Index at or above which a figure is shown as over-indexed (the field's 120): the heat
    /// map's colour scale. Traits are chosen by ``minimumEffectSize``, not by the index.
    public var overIndexThreshold: Double
    /// Index at or below which a figure is shown as under-indexed (80).
    public var underIndexThreshold: Double
    /// The standardised difference (|Cohen's d| of a numeric column, |Cohen's h| of a level's
    /// share, segment against the rest) at or above which a significant difference is a trait:
    /// Cohen's (1988) "small" effect, 0.2 (0.5 medium, 0.8 large; the same for d and h).
    public var minimumEffectSize: Double
    /// A trait whose customers' values correlate with an already chosen trait's of the same kind
    /// (numeric or level) by |r| at or above this (Pearson over the profiled customers, on the
    /// columns as used) is skipped: it says the same thing twice.
    public var maximumTraitCorrelation: Double
    /// A numeric column whose skewness (over the profiled customers) exceeds this and whose values
    /// are all ≥ 0 has its effect size computed on `log1p` of its values.
    public var logSkewness: Double
    /// The current-value column; nil: the column whose schema role is `value`, if any.
    public var valueColumn: String?
    /// The potential column; nil: the column whose schema role is `potential`, if any.
    public var potentialColumn: String?
    /// Level columns with more levels than this are not profiled (they behave like identifiers).
    public var maximumLevels: Int
    /// Traits kept per direction and segment.
    public var traitsPerDirection: Int
    /// The survey-weight column; nil: the column whose schema role is `weight`, if any, else every
    /// customer counts once. Weighted, shares, means, standard deviations, indices and value totals are weighted,
    /// the tests count each group as its Kish effective sample size, and every segment gets a
    /// ``UniverseProjection``. Quartiles, minima and maxima stay those of the respondents, and the
    /// minimum segment size counts respondents (it protects people, not the universe).
    public var weightColumn: String?
    /// The number of customers in the universe the segments are projected onto; nil: the sum of
    /// the weights of the profiled respondents. Used only with ``weightColumn``.
    public var universeSize: Double?

    public init(minimumSegmentSize: Int = 10, significanceLevel: Double = 0.05, overIndexThreshold: Double = 120,
                underIndexThreshold: Double = 80, valueColumn: String? = nil, potentialColumn: String? = nil,
                maximumLevels: Int = 50, traitsPerDirection: Int = 20, minimumEffectSize: Double = 0.2,
                maximumTraitCorrelation: Double = 0.8, logSkewness: Double = 2, weightColumn: String? = nil,
                universeSize: Double? = nil) {
        self.minimumSegmentSize = minimumSegmentSize
        self.significanceLevel = significanceLevel
        self.overIndexThreshold = overIndexThreshold
        self.underIndexThreshold = underIndexThreshold
        self.valueColumn = valueColumn
        self.potentialColumn = potentialColumn
        self.maximumLevels = maximumLevels
        self.traitsPerDirection = traitsPerDirection
        self.minimumEffectSize = minimumEffectSize
        self.maximumTraitCorrelation = maximumTraitCorrelation
        self.logSkewness = logSkewness
        self.weightColumn = weightColumn
        self.universeSize = universeSize
    }

    /// Reads files written before the effect-size settings existed with their defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ProfileConfiguration()
        self.init(minimumSegmentSize: try c.decode(Int.self, forKey: .minimumSegmentSize),
                  significanceLevel: try c.decode(Double.self, forKey: .significanceLevel),
                  overIndexThreshold: try c.decode(Double.self, forKey: .overIndexThreshold),
                  underIndexThreshold: try c.decode(Double.self, forKey: .underIndexThreshold),
                  valueColumn: try c.decodeIfPresent(String.self, forKey: .valueColumn),
                  potentialColumn: try c.decodeIfPresent(String.self, forKey: .potentialColumn),
                  maximumLevels: try c.decode(Int.self, forKey: .maximumLevels),
                  traitsPerDirection: try c.decode(Int.self, forKey: .traitsPerDirection),
                  minimumEffectSize: try c.decodeIfPresent(Double.self, forKey: .minimumEffectSize) ?? d.minimumEffectSize,
                  maximumTraitCorrelation: try c.decodeIfPresent(Double.self, forKey: .maximumTraitCorrelation)
                      ?? d.maximumTraitCorrelation,
                  logSkewness: try c.decodeIfPresent(Double.self, forKey: .logSkewness) ?? d.logSkewness,
                  weightColumn: try c.decodeIfPresent(String.self, forKey: .weightColumn),
                  universeSize: try c.decodeIfPresent(Double.self, forKey: .universeSize))
    }
}

/// An error profiling or targeting can meet, with what to do next.
///
/// ``kind`` says what went wrong, so a caller can switch on it; ``message`` never names a
/// command-line option.
public struct ProfileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// Labels or a configuration that do not fit the table (a count, a minimum size).
        case invalidInput
        /// The value or potential column named is not in the table.
        case roleColumnNotFound(role: ColumnRole, name: String)
        /// The value or potential column named does not hold numbers.
        case roleColumnNotNumeric(role: ColumnRole, name: String)
        /// A targeting rule set that cannot be read or does not hang together.
        case invalidRules
        /// The survey-weight column is missing or holds a cell that is no weight.
        case invalidWeights(DataError)
    }

    public var kind: Kind
    public var message: String

    /// An error of kind ``Kind/invalidInput``.
    public init(_ message: String) { self.init(.invalidInput, message) }

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

/// How a column is profiled.
public enum ProfiledKind: String, Sendable, Codable, Hashable {
    /// Mean, quartiles, index, Welch's t-test, Cohen's d.
    case numeric
    /// Level shares, index per level, chi-square or Fisher's exact test.
    case levels
}

/// A profiled column and its population statistics.
public struct ProfiledColumn: Sendable, Codable, Hashable {
    public var name: String
    public var displayName: String
    public var type: ColumnType
    public var kind: ProfiledKind
    /// Share of the profiled customers with this cell missing.
    public var missingShare: Double
    /// Population statistics of a numeric column (nil when every cell is missing).
    public var numeric: NumericSummary?
    /// Levels of a level column in their order, with population shares of the non-missing cells.
    public var levels: [LevelShare]?
    /// "log1p" when the effect sizes of this numeric column are computed on log(1 + x) (its
    /// skewness exceeds ``ProfileConfiguration/logSkewness`` and no value is negative); nil when
    /// they are on its values.
    public var effectScale: String?

    public struct LevelShare: Sendable, Codable, Hashable {
        public var level: String
        public var label: String
        /// Respondents holding the level.
        public var count: Int
        /// Share of the non-missing cells (weighted with survey weights).
        public var share: Double
        /// Σw of the respondents holding the level; nil when unweighted (it is then ``count``).
        public var weightedCount: Double? = nil
    }
}

/// Location and spread of the non-missing values of a numeric column in one group. Quartiles
/// interpolate linearly (NumPy's default, Hyndman & Fan type 7). With survey weights the mean and
/// standard deviation are weighted (``GroupMoments``); count, quartiles and extremes are the
/// respondents'.
public struct NumericSummary: Sendable, Codable, Hashable {
    public var count: Int
    public var mean: Double
    public var standardDeviation: Double?
    public var minimum: Double
    public var lowerQuartile: Double
    public var median: Double
    public var upperQuartile: Double
    public var maximum: Double
    /// Σw of the values; nil when unweighted (it is then ``count``).
    public var weight: Double? = nil
    /// Kish's effective sample size of the values; nil when unweighted.
    public var effectiveCount: Double? = nil
}

/// One numeric column in one segment.
public struct NumericProfile: Sendable, Codable, Hashable {
    public var column: String
    public var missingShare: Double
    /// Nil when the segment has no value in this column.
    public var summary: NumericSummary?
    /// Segment mean ÷ population mean × 100; nil when the population mean is not positive or a
    /// mean is missing (a ratio of means means nothing there).
    public var index: Double?
    /// Welch's test of the segment against the rest (nil when undefined: under two values, or
    /// both groups constant).
    public var test: WelchTest?
    /// The Benjamini–Hochberg adjusted p-value over every test of the profile.
    public var adjustedP: Double?
    /// Cohen's d of the segment against the rest (pooled standard deviation) on the values.
    public var cohensD: Double?
    /// Cohen's d of the segment against the rest on the column as used for traits: `log1p` of
    /// the values when the column's ``ProfiledColumn/effectScale`` says so, else ``cohensD``.
    public var effectSize: Double?
}

/// One level column in one segment.
public struct LevelProfile: Sendable, Codable, Hashable {
    public var column: String
    public var missingShare: Double
    public var levels: [Level]
    public var test: ContingencyTest?
    public var adjustedP: Double?

    public struct Level: Sendable, Codable, Hashable {
        public var level: String
        public var label: String
        /// Respondents of the segment holding the level.
        public var count: Int
        /// Share of the segment's non-missing cells (weighted with survey weights).
        public var share: Double
        /// Share of the population's non-missing cells.
        public var populationShare: Double
        /// share ÷ populationShare × 100 (nil when no one holds the level).
        public var index: Double?
        /// Cohen's h of the segment's share against the rest's: 2 asin √p₁ − 2 asin √p₂, on the
        /// same scale as Cohen's d, so level and numeric traits rank together.
        public var cohensH: Double
        /// The level's effect size as traits rank it: ``cohensH``.
        public var effectSize: Double
        /// Σw of the segment's respondents holding the level; nil when unweighted.
        public var weightedCount: Double? = nil
    }
}

extension LevelProfile.Level {
    /// Reads files written before ``effectSize`` existed (it is then ``cohensH``).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let h = try c.decode(Double.self, forKey: .cohensH)
        self.init(level: try c.decode(String.self, forKey: .level), label: try c.decode(String.self, forKey: .label),
                  count: try c.decode(Int.self, forKey: .count), share: try c.decode(Double.self, forKey: .share),
                  populationShare: try c.decode(Double.self, forKey: .populationShare),
                  index: try c.decodeIfPresent(Double.self, forKey: .index), cohensH: h,
                  effectSize: try c.decodeIfPresent(Double.self, forKey: .effectSize) ?? h,
                  weightedCount: try c.decodeIfPresent(Double.self, forKey: .weightedCount))
    }
}

/// A column (or one level of it) on which a segment differs from the rest.
public struct DistinguishingTrait: Sendable, Codable, Hashable {
    public enum Direction: String, Sendable, Codable { case over, under }
    public var column: String
    public var displayName: String
    public var type: ColumnType
    /// The level, for a level column.
    public var level: String?
    public var levelLabel: String?
    public var direction: Direction
    /// The segment's mean (numeric) or share (level).
    public var segmentValue: Double
    /// The population's mean or share.
    public var populationValue: Double
    /// Segment mean (share) ÷ population mean (share) × 100, a displayed figure; nil when the
    /// population mean is not positive. Traits are not chosen by it.
    public var index: Double?
    /// |Cohen's d| (on `log1p` for a heavily skewed column) or |Cohen's h|: what the traits are
    /// chosen and ranked by.
    public var effectSize: Double
    public var adjustedP: Double
}

/// Everything measured about one segment.
public struct SegmentProfile: Sendable, Codable, Hashable {
    /// The label in the labelling (kmeans/hclust numbers).
    public var segment: Int
    /// Customers in the segment; nil when suppressed (a figure that would single them out).
    public var size: Int?
    /// size ÷ profiled customers (with survey weights: the segment's Σw ÷ the profiled Σw); nil
    /// when suppressed.
    public var share: Double?
    /// Share of the total of the value column (nil without one, or when suppressed).
    public var valueShare: Double?
    public var potentialShare: Double?
    public var valueTotal: Double?
    public var potentialTotal: Double?
    /// Below the minimum size: every figure of the segment (its size and shares included) is
    /// withheld, and its customers are left out of the population the other figures describe.
    public var suppressed: Bool
    public var numeric: [NumericProfile]
    public var levels: [LevelProfile]
    /// Over-indexed traits, largest effect first.
    public var overIndexed: [DistinguishingTrait]
    /// Under-indexed traits, largest effect first.
    public var underIndexed: [DistinguishingTrait]
    /// Σw of the segment's respondents; nil when unweighted or suppressed.
    public var weight: Double? = nil
    /// Kish's effective sample size of the segment, (Σw)² ÷ Σw²; nil when unweighted or suppressed.
    public var effectiveSize: Double? = nil
    /// The segment projected onto the universe; nil when unweighted or suppressed.
    public var projection: UniverseProjection? = nil

    /// The traits in one list, largest effect first (over before under on ties).
    public var traits: [DistinguishingTrait] {
        (overIndexed + underIndexed).enumerated().sorted { lhs, rhs in
            lhs.element.effectSize != rhs.element.effectSize
                ? lhs.element.effectSize > rhs.element.effectSize : lhs.offset < rhs.offset
        }.map(\.element)
    }
}

/// A point of the Pareto curve: segments sorted by value share, cumulated.
public struct ParetoPoint: Sendable, Codable, Hashable {
    public var segment: Int
    public var cumulativeCustomerShare: Double
    public var cumulativeValueShare: Double
}

/// The profile of every segment of a labelled table.
public struct SegmentProfiles: Sendable, Codable, Hashable {
    public var source: String
    /// Rows in a reported (not suppressed) segment: the population every share, index and
    /// population statistic refers to.
    public var rows: Int
    /// Rows the labelling left without a segment (negative labels), excluded.
    public var unassignedRows: Int
    /// Rows of suppressed segments, excluded like unassigned rows; given only when they number at
    /// least the minimum segment size between them (a smaller count would single them out), nil
    /// otherwise or when no segment is suppressed.
    public var suppressedRows: Int?
    public var configuration: ProfileConfiguration
    public var valueColumn: String?
    public var potentialColumn: String?
    public var columns: [ProfiledColumn]
    public var segments: [SegmentProfile]
    public var pareto: [ParetoPoint]
    /// Tests in the Benjamini–Hochberg family.
    public var testCount: Int
    /// Columns skipped and why.
    public var notes: [String]
    /// The survey-weight column; nil when unweighted.
    public var weightColumn: String? = nil
    /// Σw of the profiled respondents; nil when unweighted.
    public var totalWeight: Double? = nil
    /// Kish's effective sample size of the profiled respondents; nil when unweighted.
    public var effectiveRows: Double? = nil
    /// The universe the segments are projected onto (``ProfileConfiguration/universeSize``, or
    /// ``totalWeight``); nil when unweighted.
    public var universeSize: Double? = nil
}

import PersonasNumerics

/// Descriptive statistics of one column, for `personas inspect` and reports.
public struct ColumnSummary: Codable, Sendable, Equatable {
    public var name: String
    public var type: ColumnType
    public var role: ColumnRole
    public var count: Int
    public var missing: Int
    /// Distinct non-missing values (nil for withheld free text).
    public var distinct: Int?
    /// For numeric-storage columns.
    public var numeric: NumericSummary?
    /// For level columns: the most frequent levels, most frequent first (identifiers: none).
    public var topLevels: [LevelCount]?
    /// `log` for a heavily skewed feature column that is not transformed yet: numeric or integer,
    /// no value below 0, sample skewness above ``heavySkewness``. Its few largest customers would
    /// dominate the scaled distances (each extra segment isolating a handful of them); `log(1 + x)`
    /// brings the tail in. Nil otherwise.
    public var suggestedTransform: ColumnTransform?

    /// The skewness above which ``suggestedTransform`` suggests a log transform (a common rule of
    /// thumb: beyond 2 a distribution is far from symmetric).
    public static let heavySkewness = 2.0

    public struct NumericSummary: Codable, Sendable, Equatable {
        public var minimum: Double
        public var lowerQuartile: Double
        public var median: Double
        public var mean: Double
        public var upperQuartile: Double
        public var maximum: Double
        public var standardDeviation: Double
        /// Non-finite values present (an error if the column becomes a feature).
        public var nonFinite: Int
        /// The sample skewness of the finite values, adjusted for sample size (G1, as pandas'
        /// `skew` and Excel's `SKEW`); nil with fewer than 3 values or no spread.
        public var skewness: Double?
    }

    public struct LevelCount: Codable, Sendable, Equatable {
        public var level: String
        public var count: Int
    }

    /// Summarises `column`, listing at most `topLevelCount` levels.
    public init(_ column: Column, topLevelCount: Int = 8) {
        name = column.name
        type = column.type
        role = column.role
        count = column.count
        missing = column.missingCount
        switch column.values {
        case .numbers(let values):
            var finite = values.filter { $0.isFinite }
            let nonFinite = values.reduce(0) { $0 + ($1.isInfinite ? 1 : 0) }
            RadixSort.sort(&finite)
            var unique = 0
            for i in finite.indices where i == 0 || finite[i] != finite[i - 1] { unique += 1 }
            distinct = unique + (nonFinite > 0 ? 1 : 0)
            if !finite.isEmpty {
                let moments = Moments(finite)
                numeric = NumericSummary(
                    minimum: finite[0], lowerQuartile: Quantiles.quantile(sorted: finite, 0.25),
                    median: Quantiles.quantile(sorted: finite, 0.5), mean: moments.mean,
                    upperQuartile: Quantiles.quantile(sorted: finite, 0.75), maximum: finite[finite.count - 1],
                    standardDeviation: moments.standardDeviation, nonFinite: nonFinite,
                    skewness: Self.skewness(finite, mean: moments.mean))
                if let skew = numeric?.skewness, skew > Self.heavySkewness, finite[0] >= 0,
                   ColumnTransform.canTransform(column.type), column.role == .feature, column.transform == nil {
                    suggestedTransform = .log
                }
            }
        case .levels(let codes, let levels):
            var counts = [Int](repeating: 0, count: levels.count)
            for code in codes where code >= 0 { counts[Int(code)] += 1 }
            distinct = counts.filter { $0 > 0 }.count
            if column.type != .identifier {
                topLevels = zip(levels, counts).filter { $0.1 > 0 }
                    .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
                    .prefix(topLevelCount).map { LevelCount(level: $0.0, count: $0.1) }
            }
        case .withheld:
            distinct = nil
        }
    }
}

extension ColumnSummary {
    /// G1 = g1 · √(n(n − 1)) / (n − 2), g1 = m3 / m2^{3/2} with central moments about `mean`;
    /// nil for fewer than 3 values or values that do not vary.
    static func skewness(_ values: [Double], mean: Double) -> Double? {
        let n = Double(values.count)
        guard values.count >= 3, mean.isFinite else { return nil }
        var m2 = 0.0, m3 = 0.0
        for v in values {
            let d = v - mean
            m2 += d * d
            m3 += d * d * d
        }
        m2 /= n
        m3 /= n
        guard m2 > 0 else { return nil }
        let g1 = m3 / (m2 * m2.squareRoot())
        let adjusted = g1 * (n * (n - 1)).squareRoot() / (n - 2)
        return adjusted.isFinite ? adjusted : nil
    }
}

extension DataTable {
    /// Summaries of every column, in column order; columns are summarised in parallel (each
    /// summary is independent, so the result does not depend on the thread count).
    public func summaries(topLevelCount: Int = 8) -> [ColumnSummary] {
        let columns = self.columns
        return ParallelFor.mapChunks(columns.count) { ColumnSummary(columns[$0], topLevelCount: topLevelCount) }
    }

    /// A schema declaring the types and roles this table was read with (what `inspect` writes).
    public var inferredSchema: Schema {
        Schema(columns: columns.map { column in
            var declared = ColumnSchema(name: column.name, type: column.type, role: column.role)
            if column.displayName != column.name { declared.displayName = column.displayName }
            if !column.levelLabels.isEmpty { declared.labels = column.levelLabels }
            if !column.askable { declared.askable = false }
            declared.transform = column.transform
            declared.battery = column.battery
            if column.type == .ordinal, case .levels(_, let levels) = column.values { declared.levels = levels }
            return declared
        })
    }
}

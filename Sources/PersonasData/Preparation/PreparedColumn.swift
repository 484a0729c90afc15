/// One input column's fitted transformation into one or more features.
public struct PreparedColumn: Codable, Sendable, Equatable {
    /// The input column's name.
    public var name: String
    /// The input column's type when fitted.
    public var type: ColumnType
    /// How values become features.
    public var encoding: Encoding
    /// Applied to each value before ``Encoding/scaled(fill:center:scale:)`` (so the fill, center and
    /// scale are of transformed values); nil for none. Absent from models saved before transforms.
    public var transform: ColumnTransform? = nil
    /// Multiplies every feature of this column after scaling.
    public var weight: Double
    /// Whether a 0/1 feature marks rows whose value was filled.
    public var missingIndicator: Bool

    public enum Encoding: Codable, Sendable, Equatable {
        /// `(value − center) / scale`, missing values replaced by `fill` first.
        case scaled(fill: Double, center: Double, scale: Double)
        /// The level's rank in `levels` (0, 1, …), then scaled like a number.
        case ordinal(levels: [String], fill: Double, center: Double, scale: Double)
        /// One 0/1 feature per kept level, plus `other` when rare levels were pooled (`other`
        /// records how many and their share, never their names: a rare level is a practice name
        /// or an e-mail address as often as a category); missing values count as `fill` (a kept
        /// level), or as no level when nil. Applied to new data, every level that is not kept,
        /// pooled at fitting or never seen, counts as `other`.
        case oneHot(levels: [String], other: PooledLevels?, fill: String?)
    }

    /// The rare levels a one-hot column pooled into `other` when it was fitted: how many, and the
    /// share of the fitting rows they held (nil in models saved before the share was recorded),
    /// against which a new table's share of `other` is checked.
    public struct PooledLevels: Codable, Sendable, Equatable {
        public var count: Int
        public var share: Double?

        public init(count: Int, share: Double?) {
            self.count = count
            self.share = share
        }
    }

    /// The names of the features this column produces, in matrix order.
    public var featureNames: [String] {
        var names: [String]
        switch encoding {
        case .scaled, .ordinal:
            names = [name]
        case .oneHot(let levels, let other, _):
            names = levels.map { "\(name)=\($0)" } + (other == nil ? [] : ["\(name)=other"])
        }
        if missingIndicator { names.append("\(name)_missing") }
        return names
    }

    /// Number of features produced.
    public var featureCount: Int {
        let base: Int
        switch encoding {
        case .scaled, .ordinal: base = 1
        case .oneHot(let levels, let other, _): base = levels.count + (other == nil ? 0 : 1)
        }
        return base + (missingIndicator ? 1 : 0)
    }
}

// The JSON form keeps the shape Swift gives such an enum ({"oneHot": {"levels": …, "other": …,
// "fill": …}}), and reads models saved before `other` replaced the list of pooled level names
// ("pooledLevels"): a non-empty list becomes `other` with an unknown share, and the names are dropped.
extension PreparedColumn.Encoding {
    private enum Case: String, CodingKey { case scaled, ordinal, oneHot }
    private enum Field: String, CodingKey { case fill, center, scale, levels, other, pooledLevels }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Case.self)
        guard container.allKeys.count == 1, let which = container.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription:
                "expected one of \"scaled\", \"ordinal\" or \"oneHot\""))
        }
        let fields = try container.nestedContainer(keyedBy: Field.self, forKey: which)
        switch which {
        case .scaled:
            self = .scaled(fill: try fields.decode(Double.self, forKey: .fill),
                           center: try fields.decode(Double.self, forKey: .center),
                           scale: try fields.decode(Double.self, forKey: .scale))
        case .ordinal:
            self = .ordinal(levels: try fields.decode([String].self, forKey: .levels),
                            fill: try fields.decode(Double.self, forKey: .fill),
                            center: try fields.decode(Double.self, forKey: .center),
                            scale: try fields.decode(Double.self, forKey: .scale))
        case .oneHot:
            var other = try fields.decodeIfPresent(PreparedColumn.PooledLevels.self, forKey: .other)
            if other == nil, let legacy = try fields.decodeIfPresent([String].self, forKey: .pooledLevels), !legacy.isEmpty {
                other = PreparedColumn.PooledLevels(count: legacy.count, share: nil)
            }
            self = .oneHot(levels: try fields.decode([String].self, forKey: .levels), other: other,
                           fill: try fields.decodeIfPresent(String.self, forKey: .fill))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Case.self)
        switch self {
        case .scaled(let fill, let center, let scale):
            var fields = container.nestedContainer(keyedBy: Field.self, forKey: .scaled)
            try fields.encode(fill, forKey: .fill)
            try fields.encode(center, forKey: .center)
            try fields.encode(scale, forKey: .scale)
        case .ordinal(let levels, let fill, let center, let scale):
            var fields = container.nestedContainer(keyedBy: Field.self, forKey: .ordinal)
            try fields.encode(levels, forKey: .levels)
            try fields.encode(fill, forKey: .fill)
            try fields.encode(center, forKey: .center)
            try fields.encode(scale, forKey: .scale)
        case .oneHot(let levels, let other, let fill):
            var fields = container.nestedContainer(keyedBy: Field.self, forKey: .oneHot)
            try fields.encode(levels, forKey: .levels)
            try fields.encodeIfPresent(other, forKey: .other)
            try fields.encodeIfPresent(fill, forKey: .fill)
        }
    }
}

extension PreparedColumn.Encoding {
    /// Whether a column of `type` can be encoded this way: as fitting does, numbers are scaled,
    /// ordinal levels ranked and categorical levels one-hot encoded.
    func accepts(_ type: ColumnType) -> Bool {
        switch self {
        case .scaled: type.isNumericStorage
        case .ordinal: type == .ordinal
        case .oneHot: type == .categorical
        }
    }

    /// The encoding's name in messages.
    var name: String {
        switch self {
        case .scaled: "scaled"
        case .ordinal: "ordinal"
        case .oneHot: "one-hot"
        }
    }
}

/// A column left out of the features, and why.
public struct DroppedColumn: Codable, Sendable, Equatable {
    public var name: String
    public var reason: String
}

/// One input column's fitted transformation into one or more features.
public struct PreparedColumn: Codable, Sendable, Equatable {
    /// The input column's name.
    public var name: String
    /// The input column's type when fitted.
    public var type: ColumnType
    /// How values become features.
    public var encoding: Encoding
    /// Multiplies every feature of this column after scaling.
    public var weight: Double
    /// Whether a 0/1 feature marks rows whose value was filled.
    public var missingIndicator: Bool

    public enum Encoding: Codable, Sendable, Equatable {
        /// `(value − center) / scale`, missing values replaced by `fill` first.
        case scaled(fill: Double, center: Double, scale: Double)
        /// The level's rank in `levels` (0, 1, …), then scaled like a number.
        case ordinal(levels: [String], fill: Double, center: Double, scale: Double)
        /// One 0/1 feature per kept level, plus `other` when rare levels were pooled (listed in
        /// `pooledLevels`); missing values count as `fill` (a kept level), or as no level when nil.
        case oneHot(levels: [String], pooledLevels: [String], fill: String?)
    }

    /// The names of the features this column produces, in matrix order.
    public var featureNames: [String] {
        var names: [String]
        switch encoding {
        case .scaled, .ordinal:
            names = [name]
        case .oneHot(let levels, let pooledLevels, _):
            names = levels.map { "\(name)=\($0)" } + (pooledLevels.isEmpty ? [] : ["\(name)=other"])
        }
        if missingIndicator { names.append("\(name)_missing") }
        return names
    }

    /// Number of features produced.
    public var featureCount: Int {
        let base: Int
        switch encoding {
        case .scaled, .ordinal: base = 1
        case .oneHot(let levels, let pooledLevels, _): base = levels.count + (pooledLevels.isEmpty ? 0 : 1)
        }
        return base + (missingIndicator ? 1 : 0)
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

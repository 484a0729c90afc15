/// The analyst's choices for turning table columns into clustering features.
///
/// A spec is fitted to a table once (``Preparation/fit(_:spec:)``), which records every learned
/// number (fill values, centers, scales, kept levels, principal axes); the fitted
/// ``Preparation`` is saved as JSON and re-applied identically to next year's file.
public struct PreparationSpec: Codable, Sendable, Equatable {
    /// Columns to use; nil uses every eligible column (role ``ColumnRole/feature``, a type that
    /// can be a feature). Identifiers and free text are refused with an error.
    public var features: [String]?
    /// Columns to leave out of the default selection.
    public var exclude: [String]
    /// How missing numbers are filled.
    public var numericImputation: NumericImputation
    /// How missing levels are filled.
    public var categoricalImputation: CategoricalImputation
    /// Add a 0/1 feature per column with missing cells, marking the filled rows.
    public var missingIndicators: Bool
    /// How numeric, boolean, date and ordinal features are scaled.
    public var scaling: Scaling
    /// Levels rarer than this share of rows are pooled into `other` when one-hot encoded.
    public var rareLevelShare: Double
    /// Levels held by fewer customers than this are pooled into `other` too, whatever their share,
    /// and a categorical column none of whose levels reaches max(this, ``rareLevelShare`` of the
    /// rows) is left out as free text or identifier-like (names, comments, e-mail addresses):
    /// a level the model keeps is written into `model.json`, so it must never single out a few
    /// customers. The pipeline sets it to its minimum segment size (default 10).
    public var minimumLevelCount: Int
    /// At most this many levels per categorical column get their own feature; the rest are pooled.
    public var maxLevels: Int
    /// Per-column weights, multiplied into the scaled features (default 1).
    public var weights: [String: Double]
    /// Per-column transforms applied before scaling (``ColumnTransform``), on top of those the
    /// table's schema declares (``Column/transform``); a transform named here wins.
    public var transforms: [String: ColumnTransform]
    /// Batteries whose items are centred within each respondent before anything is fitted
    /// (``RowCentering``); every item must be a numeric or integer feature without a transform.
    public var rowCentering: [RowCentering]
    /// Optional reduction with principal components.
    public var pca: PCAReduction
    /// What to do with a level not seen when fitting.
    public var unseenLevels: UnseenLevelPolicy

    public init(
        features: [String]? = nil, exclude: [String] = [], numericImputation: NumericImputation = .median,
        categoricalImputation: CategoricalImputation = .mode, missingIndicators: Bool = false,
        scaling: Scaling = .zScore, rareLevelShare: Double = 0.01, minimumLevelCount: Int = 10, maxLevels: Int = 20,
        weights: [String: Double] = [:], transforms: [String: ColumnTransform] = [:], rowCentering: [RowCentering] = [],
        pca: PCAReduction = .none, unseenLevels: UnseenLevelPolicy = .pool
    ) {
        self.minimumLevelCount = minimumLevelCount
        self.features = features
        self.exclude = exclude
        self.numericImputation = numericImputation
        self.categoricalImputation = categoricalImputation
        self.missingIndicators = missingIndicators
        self.scaling = scaling
        self.rareLevelShare = rareLevelShare
        self.maxLevels = maxLevels
        self.weights = weights
        self.transforms = transforms
        self.rowCentering = rowCentering
        self.pca = pca
        self.unseenLevels = unseenLevels
    }

    public enum NumericImputation: Sendable, Equatable, Codable {
        case mean, median
        case constant(Double)
    }

    public enum CategoricalImputation: Sendable, Equatable, Codable {
        /// The most frequent level.
        case mode
        /// A level of its own with this name (missingness as information).
        case constant(String)
    }

    public enum Scaling: String, Sendable, Equatable, Codable, CaseIterable {
        /// Mean 0, standard deviation 1 (population standard deviation, as scikit-learn's StandardScaler).
        case zScore = "zscore"
        /// Median 0, interquartile range 1 (as scikit-learn's RobustScaler); resists the heavy tails
        /// of prescribing data.
        case robust
        /// Minimum 0, maximum 1.
        case minMax = "minmax"
        /// Unchanged.
        case none
    }

    public enum PCAReduction: Sendable, Equatable, Codable {
        case none
        /// Keep this many components.
        case components(Int)
        /// Keep the fewest components that explain at least this fraction of the variance.
        case varianceFraction(Double)
    }

    /// What to do with a level the model does not keep. A column that pooled rare levels at fit
    /// time counts every such level as `other` under either policy (the model keeps no names of
    /// pooled levels, so it cannot tell them from new ones); the policy decides for columns
    /// without an `other`.
    public enum UnseenLevelPolicy: String, Sendable, Equatable, Codable {
        /// No level feature (all one-hot features 0); a warning when such rows are more than a few.
        case pool
        /// Stop with an error naming the level and its line.
        case error
    }
}

// Specs saved before `minimumLevelCount`, `transforms` or `rowCentering` existed read with their
// defaults; no transform (no centering) writes no `transforms` (`rowCentering`) key, so such a spec
// is saved exactly as before.
extension PreparationSpec {
    private enum Key: String, CodingKey {
        case features, exclude, numericImputation, categoricalImputation, missingIndicators, scaling, rareLevelShare,
             minimumLevelCount, maxLevels, weights, transforms, rowCentering, pca, unseenLevels
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encodeIfPresent(features, forKey: .features)
        try c.encode(exclude, forKey: .exclude)
        try c.encode(numericImputation, forKey: .numericImputation)
        try c.encode(categoricalImputation, forKey: .categoricalImputation)
        try c.encode(missingIndicators, forKey: .missingIndicators)
        try c.encode(scaling, forKey: .scaling)
        try c.encode(rareLevelShare, forKey: .rareLevelShare)
        try c.encode(minimumLevelCount, forKey: .minimumLevelCount)
        try c.encode(maxLevels, forKey: .maxLevels)
        try c.encode(weights, forKey: .weights)
        if !transforms.isEmpty { try c.encode(transforms, forKey: .transforms) }
        if !rowCentering.isEmpty { try c.encode(rowCentering, forKey: .rowCentering) }
        try c.encode(pca, forKey: .pca)
        try c.encode(unseenLevels, forKey: .unseenLevels)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        self.init(
            features: try c.decodeIfPresent([String].self, forKey: .features),
            exclude: try c.decode([String].self, forKey: .exclude),
            numericImputation: try c.decode(NumericImputation.self, forKey: .numericImputation),
            categoricalImputation: try c.decode(CategoricalImputation.self, forKey: .categoricalImputation),
            missingIndicators: try c.decode(Bool.self, forKey: .missingIndicators),
            scaling: try c.decode(Scaling.self, forKey: .scaling),
            rareLevelShare: try c.decode(Double.self, forKey: .rareLevelShare),
            minimumLevelCount: try c.decodeIfPresent(Int.self, forKey: .minimumLevelCount) ?? 10,
            maxLevels: try c.decode(Int.self, forKey: .maxLevels),
            weights: try c.decode([String: Double].self, forKey: .weights),
            transforms: try c.decodeIfPresent([String: ColumnTransform].self, forKey: .transforms) ?? [:],
            rowCentering: try c.decodeIfPresent([RowCentering].self, forKey: .rowCentering) ?? [],
            pca: try c.decode(PCAReduction.self, forKey: .pca),
            unseenLevels: try c.decode(UnseenLevelPolicy.self, forKey: .unseenLevels))
    }
}

// Compact JSON forms: "median" or {"constant": 0}; "mode" or {"constant": "missing"};
// "none", {"components": 5} or {"varianceFraction": 0.9}.
extension PreparationSpec.NumericImputation {
    private enum Key: String, CodingKey { case constant }

    public init(from decoder: any Decoder) throws {
        if let word = try? decoder.singleValueContainer().decode(String.self) {
            switch word {
            case "mean": self = .mean
            case "median": self = .median
            default:
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription:
                    "expected \"mean\", \"median\" or {\"constant\": number}, found \"\(word)\""))
            }
            return
        }
        let container = try decoder.container(keyedBy: Key.self)
        self = .constant(try container.decode(Double.self, forKey: .constant))
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .mean: var c = encoder.singleValueContainer(); try c.encode("mean")
        case .median: var c = encoder.singleValueContainer(); try c.encode("median")
        case .constant(let value):
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(value, forKey: .constant)
        }
    }
}

extension PreparationSpec.CategoricalImputation {
    private enum Key: String, CodingKey { case constant }

    public init(from decoder: any Decoder) throws {
        if let word = try? decoder.singleValueContainer().decode(String.self) {
            guard word == "mode" else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription:
                    "expected \"mode\" or {\"constant\": level}, found \"\(word)\""))
            }
            self = .mode
            return
        }
        let container = try decoder.container(keyedBy: Key.self)
        self = .constant(try container.decode(String.self, forKey: .constant))
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .mode: var c = encoder.singleValueContainer(); try c.encode("mode")
        case .constant(let level):
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(level, forKey: .constant)
        }
    }
}

extension PreparationSpec.PCAReduction {
    private enum Key: String, CodingKey { case components, varianceFraction }

    public init(from decoder: any Decoder) throws {
        if let word = try? decoder.singleValueContainer().decode(String.self) {
            guard word == "none" else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription:
                    "expected \"none\", {\"components\": n} or {\"varianceFraction\": f}, found \"\(word)\""))
            }
            self = .none
            return
        }
        let container = try decoder.container(keyedBy: Key.self)
        if let count = try container.decodeIfPresent(Int.self, forKey: .components) {
            self = .components(count)
        } else {
            self = .varianceFraction(try container.decode(Double.self, forKey: .varianceFraction))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .none: var c = encoder.singleValueContainer(); try c.encode("none")
        case .components(let count):
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(count, forKey: .components)
        case .varianceFraction(let fraction):
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(fraction, forKey: .varianceFraction)
        }
    }
}

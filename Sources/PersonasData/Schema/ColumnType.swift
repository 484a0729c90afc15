/// What a column holds, which decides how it is read, profiled and prepared.
public enum ColumnType: String, Codable, Sendable, CaseIterable {
    /// Real numbers (volumes, shares, money).
    case numeric
    /// Whole numbers (counts, years, deciles).
    case integer
    /// Two values (yes/no, true/false, 1/0), stored as 0 and 1.
    case boolean
    /// Unordered levels (specialty, region).
    case categorical
    /// Ordered levels declared in the schema (an adoption ladder, an age band).
    case ordinal
    /// A value unique to each row (customer id). Never a feature.
    case identifier
    /// Free text (notes, comments). Never a feature and never kept in memory or outputs.
    case text
    /// Calendar dates (ISO 8601), stored as days since 1970-01-01.
    case date

    /// Whether columns of this type may become clustering features.
    public var canBeFeature: Bool {
        switch self {
        case .numeric, .integer, .boolean, .categorical, .ordinal, .date: true
        case .identifier, .text: false
        }
    }

    /// Whether values are stored as numbers (rather than as level codes).
    public var isNumericStorage: Bool {
        switch self {
        case .numeric, .integer, .boolean, .date: true
        case .categorical, .ordinal, .identifier, .text: false
        }
    }
}

/// The part a column plays in a segmentation.
public enum ColumnRole: String, Codable, Sendable, CaseIterable {
    /// An input to clustering (the default for eligible types).
    case feature
    /// The customer identifier, carried to every output file.
    case identifier
    /// Current value (revenue, profit): used for targeting and value shares, not for clustering.
    case value
    /// Potential value: used for targeting, not for clustering.
    case potential
    /// The survey weight: how many customers of the universe a respondent stands for. Weighs
    /// profiles, the typing tool and the universe projection; never a feature or a question.
    case weight
    /// Described in profiles but not used for clustering.
    case descriptor
    /// Not used at all.
    case ignore
}

extension ColumnRole {
    /// The roles whose columns never form segments and are never asked in a typing tool, whatever
    /// the column's type: the identifier (each customer would be its own segment), the
    /// company's own value and potential figures (segments are described and targeted by them,
    /// and no sales rep can ask a doctor for them), and the survey weight (a property of the
    /// sample's design, not of the respondent).
    public var isKeptOutOfFeatures: Bool {
        switch self {
        case .identifier, .value, .potential, .weight: true
        case .feature, .descriptor, .ignore: false
        }
    }
}

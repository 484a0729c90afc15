import Foundation

/// Targeting rules as data: how value and potential are cut into levels, which tier each cell of
/// the Customer Value Matrix gets, and which channel each tier and access situation gets.
///
/// `personas profile --rules rules.json` reads this type; personas.json records the rules used.
/// The default (``standard``), as JSON:
///
/// ```json
/// {
///   "version": 1,
///   "valueQuantiles": [0.5, 0.8], "potentialQuantiles": [0.5, 0.8],
///   "levelNames": ["low", "medium", "high"],
///   "tiers": [
///     {"name": "Grow",     "value": ["high"],           "potential": ["high", "medium"]},
///     {"name": "Win",      "value": ["low", "medium"],  "potential": ["high"]},
///     {"name": "Maintain", "value": ["high", "medium"], "potential": ["low", "medium"]}
///   ],
///   "defaultTier": "Monitor",
///   "channels": [
///     {"channel": "face-to-face", "tiers": ["Grow", "Win"], "accessRestricted": false},
///     {"channel": "hybrid",       "tiers": ["Grow", "Win", "Maintain"]},
///     {"channel": "digital",      "digitallyEngaged": true},
///     {"channel": "hybrid",       "accessRestricted": false, "digitallyEngaged": false}
///   ],
///   "defaultChannel": "digital",
///   "digitalEngagementQuantile": 0.5
/// }
/// ```
///
/// Reading: value and potential are cut at the 50th and 80th percentiles of the customers who
/// have them (low < P50 ≤ medium < P80 ≤ high). High value with medium or high potential is
/// Grow (named face-to-face contact); low or medium value with high potential is Win; valuable
/// customers with little headroom are Maintain; the rest Monitor. Rules are tried in order and
/// the first whose every stated condition holds wins; a condition on a column the table lacks
/// (access restriction, digital engagement) is unknown and does not match, so a face-to-face rule
/// that requires open access never fires when access is unknown. Tiers A/B/C or any other names work the same way: they are only strings.
///
/// `accessRestrictionColumn` (a boolean, true = restricts rep access) and
/// `digitalEngagementColumns` (numeric counts) name the columns; when nil, a boolean column whose
/// name contains "restrict" and the numeric columns whose names contain "email", "webinar",
/// "portal", "digital" or "online" are used. A customer's engagement score is the mean of their
/// engagement values, each divided by its column's population mean; customers at or above the
/// `digitalEngagementQuantile` of the scores are digitally engaged.
public struct TargetingRules: Sendable, Codable, Hashable {
    public var version: Int
    /// Ascending quantiles in (0, 1) cutting value into levels.
    public var valueQuantiles: [Double]
    public var potentialQuantiles: [Double]
    /// Level names, lowest first: one more than the cut points.
    public var levelNames: [String]
    public var tiers: [TierRule]
    public var defaultTier: String
    public var channels: [ChannelRule]
    public var defaultChannel: String
    public var accessRestrictionColumn: String?
    public var digitalEngagementColumns: [String]?
    public var digitalEngagementQuantile: Double

    public static let currentVersion = 1

    public struct TierRule: Sendable, Codable, Hashable {
        public var name: String
        /// Value levels that match (nil: any).
        public var value: [String]?
        /// Potential levels that match (nil: any).
        public var potential: [String]?
        public init(name: String, value: [String]? = nil, potential: [String]? = nil) {
            self.name = name
            self.value = value
            self.potential = potential
        }
    }

    public struct ChannelRule: Sendable, Codable, Hashable {
        public var channel: String
        /// Tiers that match (nil: any).
        public var tiers: [String]?
        /// Required access situation (nil: any).
        public var accessRestricted: Bool?
        /// Required digital engagement (nil: any).
        public var digitallyEngaged: Bool?
        public init(channel: String, tiers: [String]? = nil, accessRestricted: Bool? = nil, digitallyEngaged: Bool? = nil) {
            self.channel = channel
            self.tiers = tiers
            self.accessRestricted = accessRestricted
            self.digitallyEngaged = digitallyEngaged
        }
    }

    public init(valueQuantiles: [Double], potentialQuantiles: [Double], levelNames: [String], tiers: [TierRule],
                defaultTier: String, channels: [ChannelRule], defaultChannel: String,
                accessRestrictionColumn: String? = nil, digitalEngagementColumns: [String]? = nil,
                digitalEngagementQuantile: Double = 0.5) {
        self.version = TargetingRules.currentVersion
        self.valueQuantiles = valueQuantiles
        self.potentialQuantiles = potentialQuantiles
        self.levelNames = levelNames
        self.tiers = tiers
        self.defaultTier = defaultTier
        self.channels = channels
        self.defaultChannel = defaultChannel
        self.accessRestrictionColumn = accessRestrictionColumn
        self.digitalEngagementColumns = digitalEngagementColumns
        self.digitalEngagementQuantile = digitalEngagementQuantile
    }

    /// The documented default (see the type's overview).
    public static let standard = TargetingRules(
        valueQuantiles: [0.5, 0.8], potentialQuantiles: [0.5, 0.8], levelNames: ["low", "medium", "high"],
        tiers: [
            TierRule(name: "Grow", value: ["high"], potential: ["high", "medium"]),
            TierRule(name: "Win", value: ["low", "medium"], potential: ["high"]),
            TierRule(name: "Maintain", value: ["high", "medium"], potential: ["low", "medium"]),
        ],
        defaultTier: "Monitor",
        channels: [
            ChannelRule(channel: "face-to-face", tiers: ["Grow", "Win"], accessRestricted: false),
            ChannelRule(channel: "hybrid", tiers: ["Grow", "Win", "Maintain"]),
            ChannelRule(channel: "digital", digitallyEngaged: true),
            ChannelRule(channel: "hybrid", accessRestricted: false, digitallyEngaged: false),
        ],
        defaultChannel: "digital")

    /// Checks the rules; the message says what to fix.
    public func validate() throws(ProfileError) {
        guard version == TargetingRules.currentVersion else {
            throw ProfileError(.invalidRules, "rules version \(version) is not supported (this is version \(TargetingRules.currentVersion))")
        }
        for (name, cuts) in [("valueQuantiles", valueQuantiles), ("potentialQuantiles", potentialQuantiles)] {
            guard cuts.allSatisfy({ $0 > 0 && $0 < 1 }), zip(cuts, cuts.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw ProfileError(.invalidRules, "rules: \(name) must rise strictly between 0 and 1")
            }
            guard cuts.count + 1 == levelNames.count else {
                throw ProfileError(.invalidRules, "rules: \(name) has \(cuts.count) cut points, so levelNames needs \(cuts.count + 1) names")
            }
        }
        guard valueQuantiles.count == potentialQuantiles.count else {
            throw ProfileError(.invalidRules, "rules: valueQuantiles and potentialQuantiles need the same number of cut points")
        }
        let levels = Set(levelNames)
        for tier in tiers {
            if let bad = ((tier.value ?? []) + (tier.potential ?? [])).first(where: { !levels.contains($0) }) {
                throw ProfileError(.invalidRules, "rules: tier \"\(tier.name)\" names level \"\(bad)\", not one of \(levelNames)")
            }
        }
        let tierNames = Set(tiers.map(\.name) + [defaultTier])
        for rule in channels {
            if let bad = (rule.tiers ?? []).first(where: { !tierNames.contains($0) }) {
                throw ProfileError(.invalidRules, "rules: channel \"\(rule.channel)\" names tier \"\(bad)\", not one of \(tierNames.sorted())")
            }
        }
        guard digitalEngagementQuantile > 0 && digitalEngagementQuantile < 1 else {
            throw ProfileError(.invalidRules, "rules: digitalEngagementQuantile must be between 0 and 1")
        }
    }

    /// Reads and checks a rules file.
    public static func load(from url: URL) throws(ProfileError) -> TargetingRules {
        let rules: TargetingRules
        do {
            rules = try JSONDecoder().decode(TargetingRules.self, from: Data(contentsOf: url))
        } catch {
            throw ProfileError(.invalidRules, "\(url.lastPathComponent): not a valid rule set (\(error)); see TargetingRules.standard")
        }
        try rules.validate()
        return rules
    }

    /// The rules as pretty JSON with sorted keys.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    func tier(value: String?, potential: String?) -> String {
        for rule in tiers {
            if let allowed = rule.value { guard let value, allowed.contains(value) else { continue } }
            if let allowed = rule.potential { guard let potential, allowed.contains(potential) else { continue } }
            return rule.name
        }
        return defaultTier
    }

    func channel(tier: String, accessRestricted: Bool?, digitallyEngaged: Bool?) -> String {
        for rule in channels {
            if let allowed = rule.tiers, !allowed.contains(tier) { continue }
            if let required = rule.accessRestricted { guard accessRestricted == required else { continue } }
            if let required = rule.digitallyEngaged { guard digitallyEngaged == required else { continue } }
            return rule.channel
        }
        return defaultChannel
    }
}

import Foundation
import PersonasData

/// `personas.json`: the profiles, targeting and personas of one segmentation.
///
/// Format version 1. Keys are camelCase, sorted; shares are fractions (0–1), indices are
/// percentages of the population (100 = average), p-values are Benjamini–Hochberg adjusted
/// where named `adjustedP`. Suppressed segments (fewer customers than
/// `profiles.configuration.minimumSegmentSize`) keep only their label and flag: no size, share or
/// value, no Pareto point, and their customers are left out of the population (`profiles.rows`).
/// Identifier and free-text columns never appear. Readers should check `formatVersion`.
public struct PersonasDocument: Sendable, Codable, Hashable {
    public static let currentFormatVersion = 1
    public var formatVersion: Int
    public var profiles: SegmentProfiles
    /// Nil when the table has no value or no potential column.
    public var targeting: TargetingResult?
    /// One per segment, in label order.
    public var personas: [Persona]

    /// Pretty-printed JSON with sorted keys (stable for version control).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(self)
    }
}

/// The human side of a segment: its name, portrait and targeting.
public struct Persona: Sendable, Codable, Hashable {
    public var segment: Int
    public var name: String
    public var narrative: String
    public var suppressed: Bool
    public var tier: String?
    public var channel: String?
    /// True once the analyst edited the persona (``PersonaEdit``); nil for a persona as built.
    public var edited: Bool?
    /// The name the segmentation gave, kept when the analyst renamed the persona.
    public var originalName: String?
}

/// From a labelled table to personas: profile, name, narrative and targeting in one call.
public enum PersonaBuilder {
    public static func build(_ table: DataTable, labels: [Int32],
                             configuration: ProfileConfiguration = ProfileConfiguration(),
                             rules: TargetingRules = .standard) throws(ProfileError) -> PersonasDocument {
        let profiles = try Profiler.profile(table, labels: labels, configuration: configuration)
        var targeting: TargetingResult?
        if let value = profiles.valueColumn, let potential = profiles.potentialColumn {
            targeting = try Targeting.run(table, labels: labels, valueColumn: value, potentialColumn: potential, rules: rules).0
            // Suppressed segments keep no targeting detail either.
            let hidden = Set(profiles.segments.filter(\.suppressed).map(\.segment))
            targeting!.segments.removeAll { hidden.contains($0.segment) }
        }
        let names = PersonaNaming.names(for: profiles.segments)
        let personas = profiles.segments.map { segment in
            let target = targeting?.segments.first { $0.segment == segment.segment }
            return Persona(segment: segment.segment, name: names[segment.segment]!,
                           narrative: Narrative.write(segment, targeting: target, configuration: configuration),
                           suppressed: segment.suppressed, tier: target?.tier, channel: target?.channel)
        }
        var document = PersonasDocument(formatVersion: PersonasDocument.currentFormatVersion, profiles: profiles,
                                        targeting: targeting, personas: personas)
        // A suppressed segment's value shares would single out its few customers.
        for i in document.profiles.segments.indices where document.profiles.segments[i].suppressed {
            document.profiles.segments[i].valueShare = nil
            document.profiles.segments[i].potentialShare = nil
            document.profiles.segments[i].valueTotal = nil
            document.profiles.segments[i].potentialTotal = nil
        }
        return document
    }
}

/// The long profile table (segment × column × statistic) behind `profile.csv`.
public enum ProfileTable {
    public static let header = ["segment", "persona", "column", "display_name", "level", "statistic", "value"]

    /// Rows in segment order; numbers in full precision, empty when undefined.
    public static func rows(_ document: PersonasDocument) -> [[String]] {
        var rows: [[String]] = []
        let names = Dictionary(uniqueKeysWithValues: document.personas.map { ($0.segment, $0.name) })
        let display = Dictionary(uniqueKeysWithValues: document.profiles.columns.map { ($0.name, $0.displayName) })
        func number(_ x: Double?) -> String { x.map { $0.isFinite ? "\($0)" : "" } ?? "" }
        for segment in document.profiles.segments {
            let id = String(segment.segment), name = names[segment.segment] ?? ""
            func add(_ column: String, _ level: String, _ statistic: String, _ value: String) {
                rows.append([id, name, column, display[column] ?? "", level, statistic, value])
            }
            if segment.suppressed {
                add("", "", "suppressed", "true")
                continue
            }
            add("", "", "size", segment.size.map(String.init) ?? "")
            add("", "", "share", number(segment.share))
            // Weighted profiles only: Σw, Kish's effective size and the universe projection.
            if let weight = segment.weight { add("", "", "weight", number(weight)) }
            if let n = segment.effectiveSize { add("", "", "effective_size", number(n)) }
            if let projection = segment.projection {
                add("", "", "projected_size", number(projection.size))
                add("", "", "projected_lower", number(projection.lower))
                add("", "", "projected_upper", number(projection.upper))
            }
            add("", "", "suppressed", "false")
            if let v = segment.valueShare { add("", "", "value_share", number(v)) }
            if let v = segment.potentialShare { add("", "", "potential_share", number(v)) }
            for p in segment.numeric {
                add(p.column, "", "missing_share", number(p.missingShare))
                if let s = p.summary {
                    add(p.column, "", "mean", number(s.mean))
                    add(p.column, "", "standard_deviation", number(s.standardDeviation))
                    add(p.column, "", "lower_quartile", number(s.lowerQuartile))
                    add(p.column, "", "median", number(s.median))
                    add(p.column, "", "upper_quartile", number(s.upperQuartile))
                }
                add(p.column, "", "index", number(p.index))
                add(p.column, "", "welch_t", number(p.test?.t))
                add(p.column, "", "p_value", number(p.test?.p))
                add(p.column, "", "adjusted_p", number(p.adjustedP))
                add(p.column, "", "cohens_d", number(p.cohensD))
                add(p.column, "", "effect_size", number(p.effectSize))
            }
            for p in segment.levels {
                add(p.column, "", "missing_share", number(p.missingShare))
                add(p.column, "", "test", p.test?.method.rawValue ?? "")
                add(p.column, "", "p_value", number(p.test?.p))
                add(p.column, "", "adjusted_p", number(p.adjustedP))
                for level in p.levels {
                    add(p.column, level.level, "share", number(level.share))
                    add(p.column, level.level, "population_share", number(level.populationShare))
                    add(p.column, level.level, "index", number(level.index))
                    add(p.column, level.level, "effect_size", number(level.effectSize))
                }
            }
        }
        return rows
    }
}

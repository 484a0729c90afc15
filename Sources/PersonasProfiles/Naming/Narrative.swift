import PersonasNumerics

/// A persona's portrait in 3–5 sentences, generated from its profile and targeting only: every
/// number it quotes is a value of the profile (formatted by ``NarrativeFormat``), so nothing is
/// invented.
///
/// Each sentence comes from one template (``Template``); counts agree with their nouns through
/// `Quantity` ("1 customer", "2 customers") and traits are worded by `TraitWording` ("more
/// monthly prescriptions", "fewer customers whose practice type is Hospital"), so every template
/// reads correctly for a count of one, of zero or of many, and for any label the schema gives.
public enum Narrative {
    /// The sentence templates a narrative is built from, in the order they appear.
    public enum Template: String, CaseIterable, Sendable {
        /// "This segment has fewer than 10 customers, so its profile is withheld."
        case suppressed
        /// "Segment 3 holds 1,234 customers (12.3% of the total) and accounts for …" ("Segment 3's
        /// size is withheld." when the profile has no size)
        case size
        /// "It stands out with more monthly prescriptions (mean …) and …"
        case standsOut
        /// "No profiled column sets it apart from the other customers by a notable margin."
        case nothingStandsOut
        /// "It has fewer years in practice (mean …) and …"
        case fallsShort
        /// "It is not markedly below average on any profiled column."
        case nothingFallsShort
        /// "Under the targeting rules its tier is Grow and its channel face-to-face, with …"
        case targeting
    }

    public static func write(_ segment: SegmentProfile, targeting: SegmentTargeting? = nil,
                             configuration: ProfileConfiguration) -> String {
        if segment.suppressed { return sentence(.suppressed, segment, targeting: nil, configuration: configuration)! }
        let templates: [Template] = [.size, .standsOut, .nothingStandsOut, .fallsShort, .nothingFallsShort, .targeting]
        return templates.compactMap { sentence($0, segment, targeting: targeting, configuration: configuration) }
            .joined(separator: " ")
    }

    /// One template's sentence for a segment, or nil when it does not apply (``Template/standsOut``
    /// without an over-indexed trait, ``Template/targeting`` without targeting).
    public static func sentence(_ template: Template, _ segment: SegmentProfile, targeting: SegmentTargeting?,
                                configuration: ProfileConfiguration) -> String? {
        let over = segment.overIndexed.prefix(3).map(describe)
        let under = segment.underIndexed.prefix(2).map(describe)
        switch template {
        case .suppressed:
            return "This segment has fewer than \(Quantity.count(configuration.minimumSegmentSize, "customer")), "
                + "so its profile is withheld."
        case .size:
            guard let size = segment.size, let share = segment.share else {
                return "Segment \(segment.segment)'s size is withheld."
            }
            var text = "Segment \(segment.segment) holds \(Quantity.count(size, "customer")) "
                + "(\(NarrativeFormat.percent(share)) of the total)"
            if let value = segment.valueShare {
                text += " and accounts for \(NarrativeFormat.percent(value)) of total value"
                if let potential = segment.potentialShare {
                    text += " and \(NarrativeFormat.percent(potential)) of total potential"
                }
            }
            return text + "."
        case .standsOut:
            return over.isEmpty ? nil : "It stands out with " + list(over) + "."
        case .nothingStandsOut:
            return !over.isEmpty ? nil : "No profiled column sets it apart from the other customers by a notable margin."
        case .fallsShort:
            return under.isEmpty ? nil : "It has " + list(under) + "."
        case .nothingFallsShort:
            return !under.isEmpty ? nil : "It is not markedly below average on any profiled column."
        case .targeting:
            guard let targeting else { return nil }
            return "Under the targeting rules its tier is \(targeting.tierText) and its channel \(targeting.channelText), "
                + "with \(NarrativeFormat.percent(targeting.topCellShare)) of its customers in the top value and top "
                + "potential band." + (targeting.mixedNote.map { " " + $0 } ?? "")
        }
    }

    /// A trait with its figures: "more monthly prescriptions (mean 45.0 against 30.0 overall,
    /// index 150)", "fewer customers whose practice type is Hospital (10.0% against 20.0%
    /// overall, index 50)"; without the index where it is undefined (a mean that is not positive).
    static func describe(_ trait: DistinguishingTrait) -> String {
        let index = trait.index.map { ", index \(NarrativeFormat.index($0))" } ?? ""
        let figures = trait.level == nil
            ? "mean \(NarrativeFormat.number(trait.segmentValue)) against \(NarrativeFormat.number(trait.populationValue))"
            : "\(NarrativeFormat.percent(trait.segmentValue)) against \(NarrativeFormat.percent(trait.populationValue))"
        return "\(TraitWording.comparison(trait)) (\(figures) overall\(index))"
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: ""
        case 1: items[0]
        case 2: items[0] + " and " + items[1]
        default: items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }
}

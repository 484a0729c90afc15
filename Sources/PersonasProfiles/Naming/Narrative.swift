/// A persona's portrait in 3–5 sentences, generated from its profile and targeting only: every
/// number it quotes is a value of the profile (formatted by ``NarrativeFormat``), so nothing is
/// invented.
public enum Narrative {
    public static func write(_ segment: SegmentProfile, targeting: SegmentTargeting? = nil,
                             configuration: ProfileConfiguration) -> String {
        if segment.suppressed {
            return "This segment has fewer than \(configuration.minimumSegmentSize) customers, so its profile is withheld."
        }
        var sentences: [String] = []
        var first = "Segment \(segment.segment) holds \(NarrativeFormat.count(segment.size ?? 0)) customers "
            + "(\(NarrativeFormat.percent(segment.share ?? 0)) of the total)"
        if let value = segment.valueShare {
            first += " and accounts for \(NarrativeFormat.percent(value)) of total value"
            if let potential = segment.potentialShare {
                first += " and \(NarrativeFormat.percent(potential)) of total potential"
            }
        }
        sentences.append(first + ".")
        let over = segment.overIndexed.prefix(3).map { describe($0) }
        if over.isEmpty {
            sentences.append("No profiled column sets it apart from the other customers by an index of "
                             + "\(NarrativeFormat.index(configuration.overIndexThreshold)) or more.")
        } else {
            sentences.append("It stands out by " + list(over) + ".")
        }
        let under = segment.underIndexed.prefix(2).map { describe($0) }
        if under.isEmpty {
            sentences.append("It is not markedly below average on any profiled column.")
        } else {
            sentences.append("It is below average on " + list(under) + ".")
        }
        if let targeting {
            sentences.append("The targeting rules make it a \(targeting.tier) segment for the \(targeting.channel) channel, "
                             + "with \(NarrativeFormat.percent(targeting.topCellShare)) of its customers in the top "
                             + "value and top potential band.")
        }
        return sentences.joined(separator: " ")
    }

    static func describe(_ trait: DistinguishingTrait) -> String {
        let name = lowercasedFirst(trait.displayName)
        let index = "index \(NarrativeFormat.index(trait.index))"
        let more = trait.direction == .over
        if let label = trait.levelLabel {
            let who = trait.type == .boolean ? name : (more ? "more " : "fewer ") + label
            return "\(who) (\(NarrativeFormat.percent(trait.segmentValue)) against "
                + "\(NarrativeFormat.percent(trait.populationValue)) overall, \(index))"
        }
        return "\(more ? "higher" : "lower") \(name) (mean \(NarrativeFormat.number(trait.segmentValue)) against "
            + "\(NarrativeFormat.number(trait.populationValue)) overall, \(index))"
    }

    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: ""
        case 1: items[0]
        case 2: items[0] + " and " + items[1]
        default: items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }
}

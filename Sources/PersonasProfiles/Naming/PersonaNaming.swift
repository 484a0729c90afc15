import Foundation

/// Short, deterministic, unique persona names built from the top traits.
///
/// A name is the strongest over-represented level of a categorical or ordinal column (its label:
/// "Oncology") followed by the strongest numeric or yes/no traits ("many monthly prescriptions",
/// "few years in practice", "high product share": the adjective fits what the column measures,
/// see `TraitWording`), two parts in all: "Oncology, many monthly prescriptions". Traits come in
/// the profile's order: by effect size, a trait correlated with a stronger one already left out.
/// Two segments never share a name: while some do, each of them that has a further trait adds it
/// ("Oncology, many monthly prescriptions, short tenure"), and when none of them has one left,
/// all but the largest take their segment number.
/// The same profile always gives the same names (traits are ranked with deterministic ties).
public enum PersonaNaming {
    /// Names keyed by segment label; suppressed segments are "Segment N (suppressed)".
    public static func names(for segments: [SegmentProfile]) -> [Int: String] {
        var names: [Int: String] = [:]
        let order = segments.sorted { ($0.size ?? 0) != ($1.size ?? 0) ? ($0.size ?? 0) > ($1.size ?? 0) : $0.segment < $1.segment }
        var phrases: [Int: [String]] = [:], used: [Int: Int] = [:]
        for segment in order {
            if segment.suppressed {
                names[segment.segment] = "Segment \(segment.segment) (suppressed)"
                continue
            }
            phrases[segment.segment] = self.phrases(segment)
            used[segment.segment] = min(2, phrases[segment.segment]!.count)
        }
        func name(_ segment: Int) -> String {
            let parts = phrases[segment]!.prefix(used[segment]!)
            return parts.isEmpty ? "Typical customers" : capitalizedFirst(parts.joined(separator: ", "))
        }
        for segment in order where !segment.suppressed { names[segment.segment] = name(segment.segment) }
        // Each round either lengthens a name or numbers one, so the loop ends.
        while true {
            let clashes = Dictionary(grouping: order.map(\.segment)) { names[$0]!.lowercased() }
                .values.filter { $0.count > 1 }
            guard !clashes.isEmpty else { break }
            for clash in clashes {
                let longer = clash.filter { phrases[$0] != nil && used[$0]! < phrases[$0]!.count }
                if longer.isEmpty {
                    for segment in clash.dropFirst() { names[segment]! += " (segment \(segment))" }
                } else {
                    for segment in longer {
                        used[segment]! += 1
                        names[segment] = name(segment)
                    }
                }
            }
        }
        return names
    }

    /// The phrases a name can use, in the order it uses them: the top level label first, then
    /// every other trait by effect size, each worded by ``TraitWording/namePhrase(_:)``.
    static func phrases(_ segment: SegmentProfile) -> [String] {
        let traits = segment.traits
        var result: [String] = []
        let noun = segment.overIndexed.first { $0.level != nil && $0.type != .boolean }
        if let noun, let label = TraitWording.namePhrase(noun) { result.append(label) }
        for trait in traits where trait != noun {
            if let phrase = TraitWording.namePhrase(trait), !result.contains(phrase) { result.append(phrase) }
        }
        return result
    }
}

func capitalizedFirst(_ text: String) -> String {
    guard let first = text.first else { return text }
    return first.uppercased() + text.dropFirst()
}

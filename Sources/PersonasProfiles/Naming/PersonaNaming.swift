import Foundation

/// Short, deterministic, unique persona names built from the top traits.
///
/// A name is the strongest over-indexed level of a categorical or ordinal column (its label:
/// "Oncology") followed by the strongest numeric or yes/no traits ("many monthly prescriptions",
/// "few years in practice", "high product share": the adjective fits what the column measures,
/// see `TraitWording`), two parts in all: "Oncology, many monthly prescriptions". Segments are
/// named largest first; when a name is taken, the next trait is added, and as a last resort the
/// segment number.
/// The same profile always gives the same names (traits are ranked with deterministic ties).
public enum PersonaNaming {
    /// Names keyed by segment label; suppressed segments are "Segment N (suppressed)".
    public static func names(for segments: [SegmentProfile]) -> [Int: String] {
        var names: [Int: String] = [:]
        var taken = Set<String>()
        let order = segments.sorted { ($0.size ?? 0) != ($1.size ?? 0) ? ($0.size ?? 0) > ($1.size ?? 0) : $0.segment < $1.segment }
        for segment in order {
            if segment.suppressed {
                names[segment.segment] = "Segment \(segment.segment) (suppressed)"
                continue
            }
            let phrases = self.phrases(segment)
            var name = phrases.isEmpty ? "Typical customers" : capitalizedFirst(phrases.prefix(2).joined(separator: ", "))
            var used = min(2, phrases.count)
            while taken.contains(name.lowercased()) && used < phrases.count {
                name += ", " + phrases[used]
                used += 1
            }
            if taken.contains(name.lowercased()) { name += " (segment \(segment.segment))" }
            taken.insert(name.lowercased())
            names[segment.segment] = name
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

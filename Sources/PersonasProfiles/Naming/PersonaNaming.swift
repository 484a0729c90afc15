import Foundation

/// Short, deterministic, unique persona names built from the top traits.
///
/// A name is the strongest over-indexed level of a categorical or ordinal column (its label:
/// "Oncology") followed by the strongest numeric or yes/no traits ("high monthly prescriptions"),
/// two parts in all: "Oncology, high monthly prescriptions". Segments are named largest first;
/// when a name is taken, the next trait is added, and as a last resort the segment number.
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
    /// every other trait by effect size.
    static func phrases(_ segment: SegmentProfile) -> [String] {
        let traits = segment.traits
        var result: [String] = []
        let noun = segment.overIndexed.first { $0.level != nil && $0.type != .boolean }
        if let noun, let label = noun.levelLabel { result.append(label) }
        for trait in traits where trait != noun {
            if let phrase = phrase(trait), !result.contains(phrase) { result.append(phrase) }
        }
        return result
    }

    /// The words for one trait in a name (nil for under-indexed levels, which name badly).
    static func phrase(_ trait: DistinguishingTrait) -> String? {
        let name = lowercasedFirst(trait.displayName)
        switch (trait.level, trait.type, trait.direction) {
        case (nil, _, .over): return "high " + name
        case (nil, _, .under): return "low " + name
        case (_, .boolean, .over): return name
        case (_, _, .over): return trait.levelLabel
        default: return nil
        }
    }
}

func capitalizedFirst(_ text: String) -> String {
    guard let first = text.first else { return text }
    return first.uppercased() + text.dropFirst()
}

/// How numbers are written in narratives and reports: shares as percentages with one decimal,
/// indices as whole numbers, means with 3 significant digits (no exponent, except beyond 10^15 and
/// below 10^-3, where whole digits or zeros would say nothing), counts with thousands separators.
/// Public so the Markdown report writes the same figures.
public enum NarrativeFormat {
    public static func percent(_ share: Double) -> String { String(format: "%.1f%%", share * 100) }
    public static func index(_ index: Double) -> String { String(format: "%.0f", index.rounded()) }
    public static func count(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (value < 0 ? "-" : "") + out
    }
    public static func number(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude >= 1e15 || (magnitude > 0 && magnitude < 1e-3) { return String(format: "%.3g", value) }
        if magnitude >= 100 { return (value < 0 ? "-" : "") + count(Int(magnitude.rounded())) }
        if magnitude >= 10 { return String(format: "%.1f", value) }
        if magnitude >= 1 { return String(format: "%.2f", value) }
        return String(format: "%.3f", value)
    }
}

import PersonasProfiles

/// The columns (or column levels) of the index heat map: each segment's strongest distinguishing
/// traits, a few per segment, in the order the segments are numbered, without repeats.
struct KeyTrait: Hashable {
    var column: String
    /// The level, for a level column.
    var level: String?
    /// "Monthly prescriptions", "Practice type: Hospital", "Restricts rep access".
    var label: String

    /// The strongest `perSegment` over-indexed traits and the strongest under-indexed one of every
    /// unsuppressed segment (segment 0 first), at most `limit` in all.
    static func select(_ document: PersonasDocument, perSegment: Int = 3, limit: Int = 18) -> [KeyTrait] {
        var chosen: [KeyTrait] = []
        var seen = Set<String>()
        for segment in document.profiles.segments.sorted(by: { $0.segment < $1.segment }) where !segment.suppressed {
            let over = segment.overIndexed.prefix(max(perSegment - 1, 1))
            let under = segment.underIndexed.prefix(1)
            for trait in over + under {
                let key = trait.column + "\u{1F}" + (trait.level ?? "")
                guard chosen.count < limit, seen.insert(key).inserted else { continue }
                chosen.append(KeyTrait(column: trait.column, level: trait.level, label: label(of: trait)))
            }
        }
        return chosen
    }

    /// "Monthly prescriptions", "Practice type: Hospital"; a yes/no column's level reads like the
    /// column itself ("Restricts rep access"), so it is not repeated.
    static func label(of trait: DistinguishingTrait) -> String {
        trait.levelLabel.map { $0 == trait.displayName ? $0 : "\(trait.displayName): \($0)" } ?? trait.displayName
    }

    /// This trait's index in `segment` (segment mean or level share ÷ population × 100), nil when
    /// the profile has none (suppressed segment, a mean that is missing, a level no one holds).
    func index(in segment: SegmentProfile) -> Double? {
        if let level {
            return segment.levels.first { $0.column == column }?.levels.first { $0.level == level }?.index
        }
        return segment.numeric.first { $0.column == column }?.index
    }
}

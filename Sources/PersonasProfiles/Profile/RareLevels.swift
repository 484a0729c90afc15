/// Pools the levels of a categorical column that too few customers hold, before they are profiled.
///
/// A level held by a handful of customers is as often a practice name, an e-mail address or a
/// misspelt comment as a category, and its share in a segment singles those customers out: no
/// profile names it. Such levels are counted together as one level, `other`, and a column none of
/// whose levels is held by enough customers (free text or an identifier read as a category) is
/// not profiled at all.
enum RareLevels {
    /// The codes and levels with every level held by fewer than `minimumHolders` rows folded into
    /// one last level (`other`, or `other levels` when the column has a level named `other`);
    /// unchanged when no level is rare; nil when no level is held by `minimumHolders` rows.
    static func pool(codes: [Int32], levels: [String], minimumHolders: Int) -> (codes: [Int32], levels: [String])? {
        var counts = [Int](repeating: 0, count: levels.count)
        for code in codes where code >= 0 { counts[Int(code)] += 1 }
        let kept = counts.indices.filter { counts[$0] >= minimumHolders }
        guard !kept.isEmpty else { return nil }
        let rare = counts.indices.filter { counts[$0] > 0 && counts[$0] < minimumHolders }
        guard !rare.isEmpty else { return (codes, levels) }
        var remap = [Int32](repeating: -1, count: levels.count)
        for (new, old) in kept.enumerated() { remap[old] = Int32(new) }
        let otherCode = Int32(kept.count)
        for old in rare { remap[old] = otherCode }
        let keptLevels = kept.map { levels[$0] }
        let other = keptLevels.contains("other") ? "other levels" : "other"
        return (codes.map { $0 < 0 ? -1 : remap[Int($0)] }, keptLevels + [other])
    }
}

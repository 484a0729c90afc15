import PersonasNumerics

/// Runs a property over `count` random cases. Case `seed` (from `firstSeed` up) gets its own
/// `SeededGenerator(seed:)`, so a failure message that names the seed is enough to rerun that one
/// case: `forEachRandomCase(1, firstSeed: seed) { … }`.
///
/// The repository's own generator rather than a property-testing package: every case is small and
/// cheap, the cases are fixed by the seed (so CI and a developer see the same ones), and the
/// properties print the seed of any failure themselves.
public func forEachRandomCase(
    _ count: Int, firstSeed: UInt64 = 0, _ property: (_ seed: UInt64, _ random: inout SeededGenerator) throws -> Void
) rethrows {
    for seed in firstSeed..<(firstSeed + UInt64(count)) {
        var random = SeededGenerator(seed: seed)
        try property(seed, &random)
    }
}

/// Labels renumbered by first appearance (0 for the first row's segment, 1 for the next new one…):
/// two labellings are the same partition exactly when their canonical forms are equal.
public func canonicalLabels(_ labels: [Int32]) -> [Int32] {
    var renumber: [Int32: Int32] = [:]
    return labels.map { label in
        if let known = renumber[label] { return known }
        let next = Int32(renumber.count)
        renumber[label] = next
        return next
    }
}

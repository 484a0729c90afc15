import PersonasClustering

/// How customers moved between two segmentations of the same customers (last year's and this
/// year's): the migration matrix, each old segment's retention, and the adjusted Rand index.
///
/// Segments are compared by number, as the yearly refresh with a saved model assigns them (the
/// same model keeps the numbering). Customers present in only one file are counted, not matched.
public struct Migration: Sendable {
    /// The old segments (rows of ``counts``) and the new ones (columns).
    public let oldSegments: [String]
    public let newSegments: [String]
    /// counts[i][j]: customers in old segment i and new segment j.
    public let counts: [[Int]]
    /// Customers in both files.
    public let matched: Int
    /// Customers only in the old file, only in the new one.
    public let onlyOld: Int
    public let onlyNew: Int
    /// The adjusted Rand index of the two segmentations over the matched customers.
    public let adjustedRandIndex: Double

    /// Share of each old segment's matched customers whose new segment has the same name.
    public var retention: [Double?] {
        oldSegments.enumerated().map { i, name in
            let total = counts[i].reduce(0, +)
            guard total > 0, let j = newSegments.firstIndex(of: name) else { return nil }
            return Double(counts[i][j]) / Double(total)
        }
    }

    /// Matches the two assignments by customer id.
    public init(old: [(id: String, segment: String)], new: [(id: String, segment: String)]) throws {
        var newById = [String: String](minimumCapacity: new.count)
        for row in new {
            guard newById.updateValue(row.segment, forKey: row.id) == nil else {
                throw SegmentationError(.assignmentsMismatch, "customer \(row.id) appears twice in the new assignments")
            }
        }
        var seen = Set<String>(minimumCapacity: old.count)
        var pairs: [(String, String)] = []
        for row in old {
            guard seen.insert(row.id).inserted else {
                throw SegmentationError(.assignmentsMismatch, "customer \(row.id) appears twice in the old assignments")
            }
            if let segment = newById[row.id] { pairs.append((row.segment, segment)) }
        }
        guard !pairs.isEmpty else {
            throw SegmentationError(.assignmentsMismatch, "no customer id is in both files; compare assignments of the same customers")
        }
        func ordered(_ names: Set<String>) -> [String] {
            names.sorted { a, b in
                switch (Int(a), Int(b)) {
                case let (x?, y?): x < y
                default: a < b
                }
            }
        }
        oldSegments = ordered(Set(pairs.map(\.0)))
        newSegments = ordered(Set(pairs.map(\.1)))
        let oldIndex = Dictionary(uniqueKeysWithValues: oldSegments.enumerated().map { ($1, $0) })
        let newIndex = Dictionary(uniqueKeysWithValues: newSegments.enumerated().map { ($1, $0) })
        var counts = [[Int]](repeating: [Int](repeating: 0, count: newSegments.count), count: oldSegments.count)
        var a: [Int32] = [], b: [Int32] = []
        for (o, n) in pairs {
            counts[oldIndex[o]!][newIndex[n]!] += 1
            a.append(Int32(oldIndex[o]!))
            b.append(Int32(newIndex[n]!))
        }
        self.counts = counts
        matched = pairs.count
        onlyOld = old.count - pairs.count
        onlyNew = new.count - pairs.count
        adjustedRandIndex = PersonasClustering.adjustedRandIndex(a, b)
    }
}

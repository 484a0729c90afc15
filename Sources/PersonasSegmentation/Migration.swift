import PersonasClustering

/// How customers moved between two segmentations of the same customers (last year's and this
/// year's): the migration matrix, each old segment's match among the new ones and its retention,
/// the segments that split or merged, and the adjusted Rand index.
///
/// Segments are matched by their customers, never by their labels: a refit numbers its segments
/// afresh (by size), so segment 2 of one run may be segment 0 of the next. The match is the
/// one-to-one pairing of old and new segments that keeps the most customers together
/// (PersonasClustering's `maximumOverlapMatching` on the migration matrix); a pair that shares
/// no customer is no match. Customers present in only one file are counted, not matched.
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

    /// Each old segment's match: an index into ``newSegments``, or nil when the segment has none
    /// (it is gone: its customers are spread over new segments matched to others).
    public let matches: [Int?]
    /// Old segments that split into two new ones (``MigrationFlow``'s rule; parts index
    /// ``newSegments``).
    public let splits: [MigrationFlow]
    /// New segments that two old ones merged into (the same rule read backwards; parts index
    /// ``oldSegments``).
    public let merges: [MigrationFlow]

    /// Share of each old segment's customers (those in both files) found in its match; nil for a
    /// segment without one.
    public var retention: [Double?] {
        matches.enumerated().map { i, j in
            j.map { Double(counts[i][$0]) / Double(counts[i].reduce(0, +)) }
        }
    }

    /// The new segments no old segment matched (indices into ``newSegments``): new this time.
    public var unmatchedNew: [Int] {
        let matched = Set(matches.compactMap { $0 })
        return newSegments.indices.filter { !matched.contains($0) }
    }

    /// Where most customers of old segment `i` went: the new segment holding the most of them
    /// (the lower index on a tie).
    public func largestDestination(ofOld i: Int) -> Int {
        counts[i].indices.max { counts[i][$0] != counts[i][$1] ? counts[i][$0] < counts[i][$1] : $0 > $1 }!
    }

    /// Where most customers of new segment `j` came from: the old segment that gave it the most.
    public func largestSource(ofNew j: Int) -> Int {
        counts.indices.max { counts[$0][j] != counts[$1][j] ? counts[$0][j] < counts[$1][j] : $0 > $1 }!
    }

    /// Matches the two assignments by customer id (compared as written).
    /// - Parameters:
    ///   - old: the first run's customers and segments.
    ///   - new: the second run's customers and segments.
    ///   - oldName: how messages name the first (its file, say).
    ///   - newName: how messages name the second.
    /// - Throws: `SegmentationError` `.assignmentsMismatch` for a customer listed twice, or two
    ///   assignments that share no customer.
    public init(old: [(id: String, segment: String)], new: [(id: String, segment: String)],
                oldName: String = "the old assignments", newName: String = "the new assignments") throws {
        var newById = [String: String](minimumCapacity: new.count)
        for row in new {
            guard newById.updateValue(row.segment, forKey: row.id) == nil else {
                throw SegmentationError(.assignmentsMismatch, "customer \(row.id) appears twice in \(newName)")
            }
        }
        var seen = Set<String>(minimumCapacity: old.count)
        var pairs: [(String, String)] = []
        for row in old {
            guard seen.insert(row.id).inserted else {
                throw SegmentationError(.assignmentsMismatch, "customer \(row.id) appears twice in \(oldName)")
            }
            if let segment = newById[row.id] { pairs.append((row.segment, segment)) }
        }
        guard !pairs.isEmpty else {
            throw SegmentationError(.assignmentsMismatch, "no customer id of \(oldName) is in \(newName); compare "
                                    + "assignments of the same customers (ids are matched as written)")
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
        matches = zip(counts, maximumOverlapMatching(counts)).map { row, j in j.flatMap { row[$0] > 0 ? $0 : nil } }
        splits = MigrationFlow.splits(counts)
        merges = MigrationFlow.splits(newSegments.indices.map { j in counts.map { $0[j] } })
        matched = pairs.count
        onlyOld = old.count - pairs.count
        onlyNew = new.count - pairs.count
        adjustedRandIndex = PersonasClustering.adjustedRandIndex(a, b)
    }
}

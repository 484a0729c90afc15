import PersonasSegmentation
import PersonasTestSupport
import Testing

@Suite("Migration between segmentations")
struct MigrationTests {
    @Test("Counts, retention, unmatched customers and the adjusted Rand index of a small hand-made case")
    func handMade() throws {
        let old: [(id: String, segment: String)] = [("a", "0"), ("b", "0"), ("c", "0"), ("d", "1"), ("e", "1"), ("x", "1")]
        let new: [(id: String, segment: String)] = [("a", "0"), ("b", "0"), ("c", "1"), ("d", "1"), ("e", "1"), ("y", "0")]
        let migration = try Migration(old: old, new: new)
        #expect(migration.oldSegments == ["0", "1"] && migration.newSegments == ["0", "1"])
        #expect(migration.counts == [[2, 1], [0, 2]])
        #expect(migration.matched == 5 && migration.onlyOld == 1 && migration.onlyNew == 1)
        #expect(migration.retention.map { $0 ?? -1 } == [2.0 / 3.0, 1.0])
        // ARI of {a,b,c | d,e} vs {a,b | c,d,e}: index 2, expected 1.6 (4·4/10), max 4 → 0.4 / 2.4.
        #expect(abs(migration.adjustedRandIndex - 0.4 / 2.4) < 1e-12)
        let same = try Migration(old: old, new: old)
        #expect(same.adjustedRandIndex == 1 && same.retention.allSatisfy { $0 == 1 })
    }

    @Test("Duplicated ids and disjoint files are refused")
    func refused() {
        #expect(throws: SegmentationError.self) { try Migration(old: [("a", "0"), ("a", "1")], new: [("a", "0")]) }
        let disjoint = #expect(throws: SegmentationError.self) {
            try Migration(old: [("a", "0")], new: [("b", "0")], oldName: "2024.csv", newName: "2025.csv")
        }
        #expect(disjoint?.description == "no customer id of 2024.csv is in 2025.csv; compare assignments of the same "
                + "customers (ids are matched as written)")
    }
}

/// Issue 21, `compare`: segments matched by their customers, splits and merges.
@Suite("Migration: matched segments, splits and merges")
struct MigrationMatchingTests {
    /// `sizes[i][j]` customers in old segment `oldLabels[i]` and new segment `newLabels[j]`, ids c0, c1, ….
    static func assignments(_ sizes: [[Int]], old oldLabels: [String], new newLabels: [String])
        -> (old: [(id: String, segment: String)], new: [(id: String, segment: String)]) {
        var old: [(id: String, segment: String)] = [], new: [(id: String, segment: String)] = []
        for (i, row) in sizes.enumerated() {
            for (j, count) in row.enumerated() {
                for _ in 0..<count {
                    let id = "c\(old.count)"
                    old.append((id, oldLabels[i]))
                    new.append((id, newLabels[j]))
                }
            }
        }
        return (old, new)
    }

    // Fails on main before this change: retention compared labels, so every renumbered segment
    // retained 0% (and segment "0", 1,114 of whose 1,115 customers stayed together, 0 too).
    @Test("A renumbered twin: every segment matched to its renumbered self, retention as counted")
    func renumberedTwin() throws {
        // Old 0 → new 2, 1 → 0, 2 → 1; one customer of old 0 strayed into new 0.
        let (old, new) = Self.assignments([[1, 0, 1114], [600, 0, 0], [0, 300, 0]],
                                          old: ["0", "1", "2"], new: ["0", "1", "2"])
        let migration = try Migration(old: old, new: new)
        #expect(migration.matches == [2, 0, 1])
        #expect(migration.retention == [1114.0 / 1115.0, 1, 1])
        #expect(migration.unmatchedNew.isEmpty && migration.splits.isEmpty && migration.merges.isEmpty)
    }

    @Test("A split: the two largest destinations each ≥ 25% and together ≥ 80%; not when the second is under 25%")
    func split() throws {
        // Old A: 50 to X, 40 to Y, 10 to Z (a split); old B: 70 to Z, 20 to X, 10 to Y (no split);
        // old C: 25 to X, 55 to Y, 20 to Z (25% exactly: a split, 80% exactly together).
        let (old, new) = Self.assignments([[50, 40, 10], [20, 10, 70], [25, 55, 20]],
                                          old: ["A", "B", "C"], new: ["X", "Y", "Z"])
        let migration = try Migration(old: old, new: new)
        #expect(migration.splits == [
            MigrationFlow(segment: 0, customers: 100, parts: [.init(segment: 0, customers: 50), .init(segment: 1, customers: 40)]),
            MigrationFlow(segment: 2, customers: 100, parts: [.init(segment: 1, customers: 55), .init(segment: 0, customers: 25)]),
        ])
        #expect(migration.matches == [0, 2, 1])
    }

    @Test("A merge: two old segments going mostly into one new one; the old segment left over is gone")
    func merge() throws {
        // Old A (100) and B (80) go into X; C stays as Y; X = 95 of A + 75 of B + 5 of C.
        let (old, new) = Self.assignments([[95, 5], [75, 5], [5, 200]], old: ["A", "B", "C"], new: ["X", "Y"])
        let migration = try Migration(old: old, new: new)
        #expect(migration.merges == [
            MigrationFlow(segment: 0, customers: 175, parts: [.init(segment: 0, customers: 95), .init(segment: 1, customers: 75)]),
        ])
        #expect(migration.splits.isEmpty)
        #expect(migration.matches == [0, nil, 1], "B is gone: X keeps more of A")
        #expect(migration.retention[1] == nil && migration.largestDestination(ofOld: 1) == 0)
    }

    @Test("Merges of old → new are the splits of new → old")
    func mergesAreSplitsBackwards() throws {
        forEachRandomCase(50) { seed, random in
            let k = Int.random(in: 2...5, using: &random)
            let old = (0..<200).map { (id: "c\($0)", segment: String(Int.random(in: 0..<k, using: &random))) }
            // Each customer keeps a coarsened segment, or moves at random.
            let new = old.map { row in
                (id: row.id, segment: Bool.random(using: &random) ? String(Int(row.segment)! / 2)
                                                                   : String(Int.random(in: 0..<3, using: &random)))
            }
            guard let forward = try? Migration(old: old, new: new), let backward = try? Migration(old: new, new: old) else {
                Issue.record("seed \(seed)"); return
            }
            #expect(forward.merges == backward.splits && forward.splits == backward.merges, "seed \(seed)")
        }
    }

    @Test("A new segment that no old segment matches is reported new, with zero-overlap pairs never a match")
    func appeared() throws {
        let (old, new) = Self.assignments([[100, 0, 0], [0, 100, 5]], old: ["0", "1"], new: ["0", "1", "2"])
        let migration = try Migration(old: old, new: new)
        #expect(migration.matches == [0, 1] && migration.unmatchedNew == [2])
        #expect(migration.largestSource(ofNew: 2) == 1)
    }
}

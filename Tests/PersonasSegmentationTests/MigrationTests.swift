import PersonasSegmentation
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
        #expect(throws: SegmentationError.self) { try Migration(old: [("a", "0")], new: [("b", "0")]) }
    }
}

import PersonasClustering
import PersonasNumerics
import PersonasTestSupport
import Testing

/// The Hungarian matching behind `compare` (issue 21, `compare` item 1): SciPy's answer on committed
/// matrices, and the largest total with the documented tie rule against a search of every
/// permutation. Fails on main before this change: `maximumOverlapMatching` did not exist.
@Suite("Maximum-overlap matching (Hungarian algorithm)")
struct MaximumOverlapMatchingTests {
    struct Reference: Decodable {
        struct Case: Decodable {
            var name: String
            var counts: [[Int]]
            var rows: [Int]
            var columns: [Int]
            var total: Int
            var unique: Bool
        }
        var cases: [Case]
    }

    /// The summed overlap of `matching`.
    static func total(_ counts: [[Int]], _ matching: [Int?]) -> Int {
        matching.enumerated().reduce(0) { sum, pair in sum + (pair.element.map { counts[pair.offset][$0] } ?? 0) }
    }

    /// Every assignment of the rows of `counts` to distinct columns (padded with "no column" after
    /// the real ones, as the function documents), in lexicographic order: the first of largest total.
    static func bruteForce(_ counts: [[Int]]) -> [Int?] {
        let rows = counts.count, columns = counts.first?.count ?? 0, size = max(rows, columns)
        var best: (total: Int, matching: [Int?])? = nil
        var chosen: [Int] = [], used = [Bool](repeating: false, count: size)
        func visit() {
            if chosen.count == size {
                let matching = (0..<rows).map { chosen[$0] < columns ? chosen[$0] : nil }
                let total = total(counts, matching)
                if best == nil || total > best!.total { best = (total, matching) }
                return
            }
            for j in 0..<size where !used[j] {
                used[j] = true; chosen.append(j)
                visit()
                used[j] = false; chosen.removeLast()
            }
        }
        visit()
        return best!.matching
    }

    @Test("Equals SciPy's linear_sum_assignment(maximize=True): the same total everywhere, the same pairs where the optimum is unique")
    func conformsToSciPy() throws {
        let reference = try Fixtures.json("comparison/assignment_reference.json", as: Reference.self)
        #expect(reference.cases.count >= 8)
        for c in reference.cases {
            let matching = maximumOverlapMatching(c.counts)
            #expect(matching.count == c.counts.count, "\(c.name)")
            let columns = matching.compactMap { $0 }
            #expect(Set(columns).count == columns.count, "\(c.name): a column used twice")
            #expect(columns.count == min(c.counts.count, c.counts[0].count), "\(c.name)")
            #expect(Self.total(c.counts, matching) == c.total, "\(c.name)")
            if c.unique {
                var scipy = [Int?](repeating: nil, count: c.counts.count)
                for (r, col) in zip(c.rows, c.columns) { scipy[r] = col }
                #expect(matching == scipy, "\(c.name)")
            }
        }
    }

    @Test("Largest total and the lexicographically first such assignment, as a search of every permutation finds, on random small matrices with many ties")
    func bruteForceProperty() {
        forEachRandomCase(300) { seed, random in
            let rows = Int.random(in: 1...6, using: &random), columns = Int.random(in: 1...6, using: &random)
            let top = [1, 3, 20][Int(seed % 3)]  // small ranges make ties common
            let counts = (0..<rows).map { _ in (0..<columns).map { _ in Int.random(in: 0...top, using: &random) } }
            let matching = maximumOverlapMatching(counts)
            #expect(matching == Self.bruteForce(counts), "seed \(seed): \(counts)")
        }
    }

    @Test("A renumbered twin is matched back to its own segments; degenerate shapes")
    func edges() {
        #expect(maximumOverlapMatching([]) == [])
        #expect(maximumOverlapMatching([[], []]) == [nil, nil])
        #expect(maximumOverlapMatching([[5]]) == [0])
        // Segments 0, 1, 2 renumbered 2, 0, 1, one customer astray.
        #expect(maximumOverlapMatching([[0, 1, 1114], [600, 0, 0], [0, 300, 0]]) == [2, 0, 1])
        // All tied: the identity (row i takes the lowest column it can), extra rows get none.
        #expect(maximumOverlapMatching([[1, 1], [1, 1], [1, 1]]) == [0, 1, nil])
        // The greedy choice (row 0 → column 0, 10) loses: 9 + 8 > 10 + 1.
        #expect(maximumOverlapMatching([[10, 9], [8, 1]]) == [1, 0])
    }
}

import Foundation
@testable import PersonasClustering
import PersonasNumerics
import PersonasTestSupport
import Testing

/// SciPy 1.17 on tables full of ties, from Tests/Fixtures/hierarchical/make_tie_fixtures.py (its
/// docstring describes the tables, how SciPy breaks ties, and why SciPy's order is determined).
private struct TieReference: Decodable {
    struct Table: Decodable {
        let name: String
        let X: [[Double]]
        let linkages: [Case]
    }
    struct Case: Decodable {
        let method: String
        let zero_height_merges: Int
        let merges_sharing_their_height: Int
        let Z: [[Double]]
    }
    let tables: [Table]
}

private let ties: TieReference = try! Fixtures.json("hierarchical/linkage_ties_reference.json")

private struct TieCase: CustomTestStringConvertible, Sendable {
    let table: Int
    let linkage: Int
    var testDescription: String { "\(ties.tables[table].name) \(ties.tables[table].linkages[linkage].method)" }
}

private let tieCases: [TieCase] = ties.tables.indices.flatMap { t in
    ties.tables[t].linkages.indices.map { TieCase(table: t, linkage: $0) }
}

@Suite("Median and centroid linkage with tied distances against SciPy")
struct LinkageTieConformanceTests {
    // Issue 17, item 9. Both tests fail on main before this change: its heap gave tied distances to
    // the lowest slot, where SciPy's heap takes whichever entry its sifts left on top, so the
    // merges came in another order (other cluster ids in every case) and, as a later centre
    // depends on that order, other heights (0.4 % off for near_duplicates median, 0.7 % for
    // standardized). With the heap fixed alone, `fromRows` still fails on standardized (other ids,
    // median heights 0.7 % off): tied rows were compared by squared distances between centered
    // rows, not as SciPy's pdist computes them. SciPy's order is determined in every case (the
    // script checks it), so all ids are compared.

    @Test("From the rows: SciPy's merge pairs and sizes, heights to 1e-12 relative", arguments: tieCases)
    fileprivate func fromRows(_ id: TieCase) throws {
        let table = ties.tables[id.table], c = table.linkages[id.linkage]
        let method = try #require(LinkageMethod(rawValue: c.method))
        // What the test is about: duplicate rows, and ties at positive heights too.
        #expect(c.zero_height_merges >= 5 && c.merges_sharing_their_height > c.zero_height_merges)
        let tree = try HierarchicalClustering.fit(Matrix(table.X), HierarchicalConfiguration(method: method))
        expectSameLinkage(tree, c.Z, tolerance: 1e-12)
    }

    @Test("From the condensed distances: SciPy's Z exactly", arguments: tieCases)
    fileprivate func fromDistances(_ id: TieCase) throws {
        let table = ties.tables[id.table], c = table.linkages[id.linkage]
        let method = try #require(LinkageMethod(rawValue: c.method))
        let distances = try CondensedDistanceMatrix(Matrix(table.X), metric: .euclidean)
        // pdist's distances, SciPy's Lance–Williams arithmetic and SciPy's heap: the same bits.
        expectSameLinkage(try HierarchicalClustering.fit(distances: distances, method: method), c.Z, tolerance: 0)
    }
}

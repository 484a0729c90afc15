import PersonasClustering
import PersonasNumerics
import Testing

// Fails on main before this change: KMeansError, HierarchicalError and ModelSelectionError were
// three types holding only a text, with no kind a caller could switch on.
@Suite("Clustering error kinds")
struct ClusteringErrorTests {
    @Test("k-means, hierarchical clustering and ChooseK throw one error type with a kind to switch on")
    func kinds() throws {
        let kMeans = try #require(throws: ClusteringError.self) {
            try KMeans.fit(Matrix<Double>([[1, 2], [3, 4]]), KMeansConfiguration(k: 3))
        }
        switch kMeans.kind {
        case .tooFewRows(let k, let rows):
            #expect(k == 3 && rows == 2)
        default:
            Issue.record("expected .tooFewRows, got \(kMeans.kind)")
        }
        let hierarchical = try #require(throws: ClusteringError.self) {
            try HierarchicalClustering.fit(Matrix<Double>([[1, 2], [3, .nan], [5, 6]]), HierarchicalConfiguration(method: .ward))
        }
        #expect(hierarchical.kind == .nonFiniteValue(row: 1, column: 1))
        let chooseK = try #require(throws: ClusteringError.self) {
            try ChooseK.run(Matrix<Double>([[1], [2], [3]]), ChooseKConfiguration(ks: [2, 3]))
        }
        #expect(chooseK.kind == .tooFewRows(k: 3, rows: 3))
        for error in [kMeans, hierarchical, chooseK] { #expect(!error.description.contains("--")) }
    }
}

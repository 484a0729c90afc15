import Foundation
@testable import PersonasClustering
import PersonasNumerics
import PersonasTestSupport
import Testing

/// scikit-learn 1.9.1 and numpy/scipy results, from Tests/Fixtures/validation/make_index_fixtures.py
/// (its docstring describes every data set and value).
private struct IndexReference: Decodable {
    struct Indices: Decodable {
        let silhouette: Double
        let silhouette_samples: [Double]?
        let calinski_harabasz: Double
        let davies_bouldin: Double
    }
    struct Inertia: Decodable {
        let numpy: Double
        let sklearn_kmeans_inertia: Double?
    }
    struct Dataset: Decodable {
        let name: String
        let dtype: String
        let X: [[Double]]
        let labels: [Int32]
        let weights: [Double]?
        let sklearn: Indices
        let sklearn_float32: Indices?
        let dunn: Double
        let inertia: Inertia
    }
    struct KMeansInertia: Decodable {
        let X: [[Double]]
        let labels: [Int32]
        let sklearn_kmeans_inertia: Double
    }
    struct Comparison: Decodable {
        let name: String
        let a: [Int32]
        let b: [Int32]
        let nmi: Double
        let ari: Double?
        let jaccard: [Double]?
    }
    let datasets: [Dataset]
    let kmeans_inertia_blobs: KMeansInertia
    let comparisons: [Comparison]
}

private let reference: IndexReference = try! Fixtures.json("validation/index_reference.json")
private func dataset(_ name: String) -> IndexReference.Dataset { reference.datasets.first { $0.name == name }! }

private func relative(_ a: Double, _ b: Double) -> Double { b == 0 ? abs(a) : abs(a - b) / abs(b) }

/// n rows of k Gaussian blobs (centers 4 apart on the axes), labelled by blob with `noise` of the
/// rows relabelled at random: a deterministic data set of any size for the behaviour tests.
private func blobs(n: Int, d: Int, k: Int, noise: Double, seed: UInt64) -> (Matrix<Double>, [Int32]) {
    var rng = SeededGenerator(seed: seed)
    var elements: [Double] = []
    var labels: [Int32] = []
    for _ in 0..<n {
        let blob = rng.nextInt(below: k)
        for q in 0..<d { elements.append((q == blob % d ? 4.0 * Double(1 + blob / d) : 0) + rng.nextStandardNormal()) }
        labels.append(rng.nextUnitDouble() < noise ? Int32(rng.nextInt(below: k)) : Int32(blob))
    }
    return (Matrix(rows: n, columns: d, elements: elements), labels)
}

@Suite("Validity indices against scikit-learn")
struct ValidityIndexConformanceTests {
    static let names = ["blobs_d2_k4", "singleton_unused_d5", "near_duplicates_d3", "float32_d8_k6", "offset_weighted_d6_k3"]

    @Test("silhouette, its samples, Calinski–Harabasz and Davies–Bouldin match scikit-learn to 1e-9", arguments: names)
    func indices(name: String) throws {
        let c = dataset(name)
        let x = Matrix(c.X)
        let samples = try ValidityIndex.silhouetteSamples(x, labels: c.labels)
        let expected = c.sklearn.silhouette_samples!
        #expect(samples.count == expected.count)
        let worst = zip(samples, expected).map { abs($0 - $1) }.max()!
        #expect(worst <= 1e-9, "largest sample difference \(worst)")
        let s = try ValidityIndex.silhouette(x, labels: c.labels)
        #expect(relative(s, c.sklearn.silhouette) <= 1e-9, "\(s) vs \(c.sklearn.silhouette)")
        let ch = try ValidityIndex.calinskiHarabasz(x, labels: c.labels)
        #expect(relative(ch, c.sklearn.calinski_harabasz) <= 1e-9, "\(ch) vs \(c.sklearn.calinski_harabasz)")
        let db = try ValidityIndex.daviesBouldin(x, labels: c.labels)
        #expect(relative(db, c.sklearn.davies_bouldin) <= 1e-9, "\(db) vs \(c.sklearn.davies_bouldin)")
    }

    @Test("both silhouette drivers — pairs of small pieces, and row blocks against all rows — give scikit-learn's samples",
          arguments: names)
    func drivers(name: String) throws {
        let c = dataset(name)
        let encoded = ClusterLabels(c.labels)
        let data = try ClusterOrderedRows(Matrix(c.X), labels: encoded, index: "test")
        let expected = c.sklearn.silhouette_samples!
        let symmetric = SilhouetteKernel.allSilhouettes(data, counts: encoded.counts, pieceWidth: 37)
        let blocks = SilhouetteKernel.silhouettes(data, counts: encoded.counts, positions: Array(0..<data.n))
        for values in [symmetric, blocks] {
            let worst = (0..<data.n).map { abs(values[data.position[$0]] - expected[$0]) }.max()!
            #expect(worst <= 1e-9, "largest sample difference \(worst)")
        }
    }

    @Test("the Dunn index matches an independent SciPy computation, near-duplicate pairs included", arguments: names)
    func dunn(name: String) throws {
        let c = dataset(name)
        let value = try ValidityIndex.dunn(Matrix(c.X), labels: c.labels)
        #expect(relative(value, c.dunn) <= 1e-12, "\(value) vs \(c.dunn)")
    }

    @Test("inertia matches numpy (weighted where the fixture has weights) and scikit-learn's KMeans inertia_",
          arguments: names)
    func inertia(name: String) throws {
        let c = dataset(name)
        let value = try ValidityIndex.inertia(Matrix(c.X), labels: c.labels, weights: c.weights)
        #expect(relative(value, c.inertia.numpy) <= 1e-12, "\(value) vs \(c.inertia.numpy)")
        if let sklearn = c.inertia.sklearn_kmeans_inertia {
            #expect(relative(value, sklearn) <= 1e-9, "\(value) vs \(sklearn)")
        }
    }

    @Test("unweighted inertia of a converged KMeans fit is scikit-learn's inertia_")
    func kmeansInertia() throws {
        let c = reference.kmeans_inertia_blobs
        let value = try ValidityIndex.inertia(Matrix(c.X), labels: c.labels)
        #expect(relative(value, c.sklearn_kmeans_inertia) <= 1e-9, "\(value) vs \(c.sklearn_kmeans_inertia)")
    }

    @Test("Float input is computed in Double: the same bits as the Double path, scikit-learn's float32 values to 1e-6")
    func floatInput() throws {
        let c = dataset("float32_d8_k6")
        #expect(c.dtype == "float32")
        let x64 = Matrix(c.X)
        let x32 = Matrix<Float>(converting: x64)
        #expect(Matrix<Double>(converting: x32) == x64)
        #expect(try ValidityIndex.silhouetteSamples(x32, labels: c.labels) == ValidityIndex.silhouetteSamples(x64, labels: c.labels))
        #expect(try ValidityIndex.dunn(x32, labels: c.labels) == ValidityIndex.dunn(x64, labels: c.labels))
        let ch = try ValidityIndex.calinskiHarabasz(x32, labels: c.labels)
        let db = try ValidityIndex.daviesBouldin(x32, labels: c.labels)
        #expect(relative(ch, c.sklearn.calinski_harabasz) <= 1e-9)
        #expect(relative(db, c.sklearn.davies_bouldin) <= 1e-9)
        let inertia = try ValidityIndex.inertia(x32, labels: c.labels)
        #expect(relative(inertia, c.inertia.numpy) <= 1e-12)
        let f32 = try #require(c.sklearn_float32)
        #expect(relative(try ValidityIndex.silhouette(x32, labels: c.labels), f32.silhouette) <= 1e-6)
        #expect(relative(ch, f32.calinski_harabasz) <= 1e-6)
        #expect(relative(db, f32.davies_bouldin) <= 1e-6)
    }

    @Test("labels are recoded as scikit-learn's LabelEncoder does: any order-preserving renumbering gives the same bits")
    func recoding() throws {
        let c = dataset("singleton_unused_d5")
        let x = Matrix(c.X)
        let renumbered = c.labels.map { 3 * $0 - 7 }
        #expect(try ValidityIndex.silhouetteSamples(x, labels: renumbered) == ValidityIndex.silhouetteSamples(x, labels: c.labels))
        #expect(try ValidityIndex.calinskiHarabasz(x, labels: renumbered) == ValidityIndex.calinskiHarabasz(x, labels: c.labels))
        #expect(try ValidityIndex.daviesBouldin(x, labels: renumbered) == ValidityIndex.daviesBouldin(x, labels: c.labels))
        let singleton = try #require(c.labels.firstIndex(of: 6))
        #expect(try ValidityIndex.silhouetteSamples(x, labels: c.labels)[singleton] == 0)
    }
}

@Suite("Labelling comparisons against scikit-learn")
struct LabellingComparisonTests {
    @Test("normalised mutual information, adjusted Rand index and Jaccard matching",
          arguments: reference.comparisons.map(\.name))
    func comparison(name: String) throws {
        let c = reference.comparisons.first { $0.name == name }!
        let nmi = normalizedMutualInformation(c.a, c.b)
        #expect(abs(nmi - c.nmi) <= 1e-12 * max(abs(c.nmi), 1e-300) || nmi == c.nmi, "NMI \(nmi) vs \(c.nmi)")
        if let ari = c.ari {
            let value = adjustedRandIndex(c.a, c.b)
            #expect(abs(value - ari) <= 1e-12 * max(abs(ari), 1), "ARI \(value) vs \(ari)")
        }
        if let jaccard = c.jaccard {
            let value = jaccardMatching(c.a, c.b)
            #expect(value.count == jaccard.count)
            #expect(zip(value, jaccard).allSatisfy { abs($0 - $1) <= 1e-12 }, "\(value) vs \(jaccard)")
        }
    }

    @Test("NMI is symmetric and 1 for a partition against itself")
    func nmiProperties() {
        let a: [Int32] = [0, 0, 1, 1, 1, 2, 2, 0, 1]
        let b: [Int32] = [1, 1, 1, 0, 0, 0, 2, 2, 2]
        #expect(abs(normalizedMutualInformation(a, b) - normalizedMutualInformation(b, a)) <= 1e-15)
        #expect(normalizedMutualInformation(a, a) == 1)
        #expect(normalizedMutualInformation([], []) == 1)
        #expect(jaccardMatching([], []) == [])
    }
}

@Suite("Validity index behaviour")
struct ValidityIndexBehaviourTests {
    @Test("the silhouette estimate: exact with every row drawn, within 4 standard errors on a sample, seeded")
    func estimate() throws {
        let (x, labels) = blobs(n: 3000, d: 4, k: 5, noise: 0.1, seed: 7)
        let exact = try ValidityIndex.silhouette(x, labels: labels)
        let full = try ValidityIndex.silhouetteEstimate(x, labels: labels, sampleSize: 3000, seed: 3)
        #expect(full.value == exact)
        #expect(full.standardError == 0)
        let sampled = try ValidityIndex.silhouetteEstimate(x, labels: labels, sampleSize: 300, seed: 3)
        #expect(sampled.standardError > 0)
        #expect(abs(sampled.value - exact) <= 4 * sampled.standardError,
                "estimate \(sampled.value) ± \(sampled.standardError), exact \(exact)")
        let again = try ValidityIndex.silhouetteEstimate(x, labels: labels, sampleSize: 300, seed: 3)
        #expect(again == sampled)
        let other = try ValidityIndex.silhouetteEstimate(x, labels: labels, sampleSize: 300, seed: 4)
        #expect(other != sampled)
    }

    @Test("pairwise indices are bit-identical on 1, 2 and 3 threads (5,000 rows: 15 and 153 piece pairs)")
    func pairwiseThreadInvariance() throws {
        let (x, labels) = blobs(n: 5000, d: 6, k: 4, noise: 0.05, seed: 11)
        let encoded = ClusterLabels(labels)
        let data = try ClusterOrderedRows(x, labels: encoded, index: "test")
        func run() throws -> ([Double], Double, Double, Double, [Double]) {
            (try ValidityIndex.silhouetteSamples(x, labels: labels), try ValidityIndex.silhouette(x, labels: labels),
             try ValidityIndex.dunn(x, labels: labels),
             try ValidityIndex.silhouetteEstimate(x, labels: labels, sampleSize: 700, seed: 1).value,
             SilhouetteKernel.allSilhouettes(data, counts: encoded.counts, pieceWidth: 300))
        }
        let one = try ParallelFor.$threadLimit.withValue(1) { try run() }
        for threads in [2, 3] {
            let many = try ParallelFor.$threadLimit.withValue(threads) { try run() }
            #expect(one.0 == many.0)
            #expect(one.1 == many.1)
            #expect(one.2 == many.2)
            #expect(one.3 == many.3)
            #expect(one.4 == many.4)
        }
    }

    @Test("centroid indices are bit-identical on 1, 2 and 3 threads (40,000 rows: 9 row groups)")
    func centroidThreadInvariance() throws {
        let (x, labels) = blobs(n: 40_000, d: 5, k: 6, noise: 0.05, seed: 12)
        let weights = (0..<40_000).map { Double($0 % 7) }
        #expect(RowBlockReduction.groups(rows: 40_000).count > 2)
        func run() throws -> [Double] {
            [try ValidityIndex.calinskiHarabasz(x, labels: labels), try ValidityIndex.daviesBouldin(x, labels: labels),
             try ValidityIndex.inertia(x, labels: labels), try ValidityIndex.inertia(x, labels: labels, weights: weights)]
        }
        let one = try ParallelFor.$threadLimit.withValue(1) { try run() }
        for threads in [2, 3] {
            #expect(try ParallelFor.$threadLimit.withValue(threads) { try run() } == one)
        }
    }

    @Test("the number of clusters must be 2 to n − 1, as scikit-learn requires")
    func clusterCount() throws {
        let x = Matrix<Double>(rows: 5, columns: 2, elements: [0, 0, 1, 0, 0, 1, 5, 5, 6, 5])
        for labels: [Int32] in [[3, 3, 3, 3, 3], [0, 1, 2, 3, 4]] {
            #expect(throws: ModelSelectionError.self) { try ValidityIndex.silhouette(x, labels: labels) }
            #expect(throws: ModelSelectionError.self) { try ValidityIndex.silhouetteSamples(x, labels: labels) }
            #expect(throws: ModelSelectionError.self) { try ValidityIndex.calinskiHarabasz(x, labels: labels) }
            #expect(throws: ModelSelectionError.self) { try ValidityIndex.daviesBouldin(x, labels: labels) }
            #expect(throws: ModelSelectionError.self) { try ValidityIndex.dunn(x, labels: labels) }
        }
        do {
            _ = try ValidityIndex.silhouette(x, labels: [3, 3, 3, 3, 3])
            Issue.record("one cluster was accepted")
        } catch {
            #expect(error.description.contains("Number of labels is 1. Valid values are 2 to n_samples - 1"))
        }
        // Inertia takes any number of clusters: one cluster gives the total sum of squares.
        #expect(try ValidityIndex.inertia(x, labels: [3, 3, 3, 3, 3]) > 0)
        #expect(try ValidityIndex.inertia(x, labels: [0, 1, 2, 3, 4]) == 0)
    }

    @Test("mismatched lengths, NaN and infinity, bad weights and sample sizes are refused with the reason")
    func invalidInput() {
        let x = Matrix<Double>(rows: 4, columns: 2, elements: [0, 0, 1, 0, 5, 5, 6, 5])
        let labels: [Int32] = [0, 0, 1, 1]
        #expect(throws: ModelSelectionError.self) { try ValidityIndex.silhouette(x, labels: [0, 0, 1]) }
        #expect(throws: ModelSelectionError.self) { try ValidityIndex.calinskiHarabasz(x, labels: [0, 0, 1, 1, 0]) }
        #expect(throws: ModelSelectionError.self) { try ValidityIndex.inertia(x, labels: labels, weights: [1, 1]) }
        #expect(throws: ModelSelectionError.self) { try ValidityIndex.inertia(x, labels: labels, weights: [1, -1, 1, 1]) }
        #expect(throws: ModelSelectionError.self) { try ValidityIndex.inertia(x, labels: labels, weights: [1, .nan, 1, 1]) }
        #expect(throws: ModelSelectionError.self) {
            try ValidityIndex.silhouetteEstimate(x, labels: labels, sampleSize: 5, seed: 1)
        }
        #expect(throws: ModelSelectionError.self) {
            try ValidityIndex.silhouetteEstimate(x, labels: labels, sampleSize: 1, seed: 1)
        }
        for bad in [Double.nan, .infinity, -.infinity] {
            var spoilt = x
            spoilt[2, 1] = bad
            let message = "row 3, column 2"
            let computations: [() throws -> Double] = [
                { try ValidityIndex.silhouette(spoilt, labels: labels) },
                { try ValidityIndex.calinskiHarabasz(spoilt, labels: labels) },
                { try ValidityIndex.daviesBouldin(spoilt, labels: labels) },
                { try ValidityIndex.dunn(spoilt, labels: labels) },
                { try ValidityIndex.inertia(spoilt, labels: labels) },
            ]
            for compute in computations {
                do {
                    _ = try compute()
                    Issue.record("\(bad) was accepted")
                } catch let error as ModelSelectionError {
                    #expect(error.description.contains(message), "\(error)")
                } catch {
                    Issue.record("unexpected \(error)")
                }
            }
        }
        #expect(throws: ModelSelectionError.self) { try ValidityIndex.silhouette(Matrix<Float>(rows: 0, columns: 2), labels: []) }
    }

    @Test("Calinski–Harabasz is 1 and Davies–Bouldin 0 when every row sits on its centroid, as in scikit-learn")
    func degenerate() throws {
        let x = Matrix<Double>(rows: 6, columns: 2, elements: [1, 1, 1, 1, 4, 2, 4, 2, 4, 2, 9, 9])
        let labels: [Int32] = [0, 0, 1, 1, 1, 2]
        #expect(try ValidityIndex.calinskiHarabasz(x, labels: labels) == 1)
        #expect(try ValidityIndex.daviesBouldin(x, labels: labels) == 0)
        #expect(try ValidityIndex.dunn(x, labels: labels) == .infinity)
    }
}

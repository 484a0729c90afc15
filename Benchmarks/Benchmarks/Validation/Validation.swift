import Benchmark
import BenchmarkSupport
import Foundation
import PersonasClustering
import PersonasData
import PersonasNumerics

/// Validity indices on the peers' data (../shared/peers, section metrics): the exact silhouette
/// of the first 20,000 rows of the 1M × 32 float64 blobs, and Calinski–Harabasz and Davies–Bouldin
/// of all 1M rows, with the peers' k = 8 labels (`labels_k8_n1000000_d32.npy`: scikit-learn's
/// Lloyd from the first 8 rows, 20 iterations). The values are printed once so they can be checked
/// against the peers' `value` fields.
let benchmarks: @Sendable () -> Void = {
    BenchmarkSupport.reportEnvironment("Validation")

    Benchmark("silhouette n = 20,000, d = 32, k = 8", configuration: BenchmarkSupport.configuration(
        maxSeconds: 15, maxIterations: 10)
    ) { _, state in
        blackHole(try ValidityIndex.silhouette(state.0, labels: state.1))
    } setup: {
        let (x, labels) = try peersLabelled()
        let head = (x.rows(at: 0..<20_000), Array(labels[0..<20_000]))
        print("[value] silhouette n = 20,000: \(try ValidityIndex.silhouette(head.0, labels: head.1))")
        return head
    }

    Benchmark("Calinski–Harabasz 1M × 32, k = 8", configuration: BenchmarkSupport.configuration()) { _, state in
        blackHole(try ValidityIndex.calinskiHarabasz(state.0, labels: state.1))
    } setup: {
        let (x, labels) = try peersLabelled()
        print("[value] Calinski–Harabasz 1M: \(try ValidityIndex.calinskiHarabasz(x, labels: labels))")
        return (x, labels)
    }

    Benchmark("Davies–Bouldin 1M × 32, k = 8", configuration: BenchmarkSupport.configuration()) { _, state in
        blackHole(try ValidityIndex.daviesBouldin(state.0, labels: state.1))
    } setup: {
        let (x, labels) = try peersLabelled()
        print("[value] Davies–Bouldin 1M: \(try ValidityIndex.daviesBouldin(x, labels: labels))")
        return (x, labels)
    }

    // The budget: choose-k for k = 2…10 with 50 bootstrap resamples (and 10 gap reference
    // sets) on 100,000 × 32 within 2 minutes on 2 cores. Under CI a 5-resample smoke run.
    Benchmark("choose-k 100,000 × 32, k = 2…10, \(BenchmarkSupport.isCI ? 5 : 50) resamples",
              configuration: .init(metrics: BenchmarkSupport.metrics, warmupIterations: 0,
                                   maxDuration: .seconds(600), maxIterations: 1)) { _, x in
        let result = try ChooseK.run(x, ChooseKConfiguration(ks: Array(2...10), bootstrapResamples: BenchmarkSupport.isCI ? 5 : 50,
                                                             seed: 1))
        print("[choose-k] \(result.summary)")
        blackHole(result)
    } setup: {
        BenchmarkSupport.peersMatrix(n: 1_000_000, d: 32, as: Double.self).rows(at: 0..<100_000)
    }
}

/// The peers' 1M × 32 float64 blobs and k = 8 labels; when the labels file is missing, labels
/// from our own Lloyd run with the same recipe (first 8 rows, 20 iterations, tol 0).
func peersLabelled() throws -> (Matrix<Double>, [Int32]) {
    let x = BenchmarkSupport.peersMatrix(n: 1_000_000, d: 32, as: Double.self)
    let url = BenchmarkSupport.peersData.appendingPathComponent("labels_k8_n1000000_d32.npy")
    if let column = try? NPY.readMatrix(from: url, as: Double.self), column.rows == x.rows, column.columns == 1 {
        print("[labels] \(url.path)")
        return (x, column.elements.map { Int32($0) })
    }
    print("[labels] \(url.path) not found: k-means labels (first 8 rows, 20 iterations) instead")
    let model = try KMeans.fit(x, KMeansConfiguration(k: 8, initialization: .firstRows, maxIterations: 20, tolerance: 0))
    return (x, model.labels)
}

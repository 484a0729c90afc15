import Benchmark
import BenchmarkSupport
import PersonasClustering
import PersonasNumerics

/// k-means hot loops on the peers' blob files (../shared/peers: section kmeans, kmeanspp), the
/// same work the peers time: 20 Lloyd iterations from the first k rows with tol = 0 (reported
/// per iteration), k-means++ seeding, and the fused assignment kernel alone.
let benchmarks: @Sendable () -> Void = {
    BenchmarkSupport.reportEnvironment("KMeans")
    let perIteration = BenchmarkMetric.custom("ms/iteration", polarity: .prefersSmaller, useScalingFactor: false)

    for (n, d, k) in [(100_000, 16, 8), (1_000_000, 32, 16), (200_000, 64, 64)] {
        func lloyd<S: BLASScalar>(_: S.Type, _ algorithm: KMeansConfiguration.Algorithm) {
            let name = algorithm.rawValue.prefix(1).uppercased() + algorithm.rawValue.dropFirst()
            Benchmark("\(name) 20 iterations (\(n), \(d), \(k)) \(S.numpyName)", configuration: BenchmarkSupport.configuration(
                maxSeconds: 15, maxIterations: 10, metrics: BenchmarkSupport.metrics + [perIteration])
            ) { benchmark, x in
                let start = ContinuousClock.now
                let model = try KMeans.fit(x, KMeansConfiguration(
                    k: k, initialization: .firstRows, maxIterations: 20, tolerance: 0, algorithm: algorithm))
                let elapsed = ContinuousClock.now - start
                benchmark.measurement(perIteration, Int(elapsed / .milliseconds(1) / Double(model.iterations)))
                blackHole(model)
            } setup: {
                BenchmarkSupport.peersMatrix(n: n, d: d, as: S.self)
            }
        }
        lloyd(Double.self, .lloyd)
        lloyd(Float.self, .lloyd)
        lloyd(Double.self, .hamerly)
        lloyd(Float.self, .hamerly)
        lloyd(Double.self, .elkan)
        lloyd(Float.self, .elkan)
    }

    Benchmark("Mini-batch step 65,536 × 32 → 16 float64", configuration: BenchmarkSupport.configuration()) {
        (_: Benchmark, state: (MiniBatchKMeans<Double>, Matrix<Double>)) in
        var clusterer = state.0
        try clusterer.partialFit(state.1)
        blackHole(clusterer)
    } setup: {
        let x = BenchmarkSupport.peersMatrix(n: 1_000_000, d: 32, as: Double.self)
        var clusterer = MiniBatchKMeans<Double>(k: 16, seed: 1)
        try clusterer.partialFit(x.rows(at: 0..<65_536))
        return (clusterer, x.rows(at: 65_536..<131_072))
    }

    Benchmark("k-means++ seeding (1000000, 32, 16) float64", configuration: BenchmarkSupport.configuration(
        maxSeconds: 15, maxIterations: 10)
    ) { _, x in
        blackHole(try KMeans.initialCenters(x, KMeansConfiguration(k: 16, seed: 1)))
    } setup: {
        BenchmarkSupport.peersMatrix(n: 1_000_000, d: 32, as: Double.self)
    }

    Benchmark("Assignment kernel 1M × 32 → 16 float64", configuration: BenchmarkSupport.configuration()) { _, state in
        blackHole(state.0.nearestCenters(state.1))
    } setup: {
        let x = BenchmarkSupport.peersMatrix(n: 1_000_000, d: 32, as: Double.self)
        return (CenterPanel(centers: x.rows(at: 0..<16), shift: x.columnMeans()), x)
    }
}

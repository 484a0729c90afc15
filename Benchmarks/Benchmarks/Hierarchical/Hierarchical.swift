import Benchmark
import BenchmarkSupport
import PersonasClustering
import PersonasNumerics

/// Hierarchical clustering on the peers' data (../shared/peers, section hier): the first n rows of
/// blobs_n100000_d16_float64.npy, the rows fastcluster and SciPy cluster. Ward and single run
/// from the coordinates (fastcluster's linkage_vector); average and complete include computing the
/// condensed matrix. "extra MB" is the peak resident memory above what the process held before
/// the fit. The hybrid clusters the 1M × 32 blobs (k-means micro-clusters, then weighted Ward).
let benchmarks: @Sendable () -> Void = {
    BenchmarkSupport.reportEnvironment("Hierarchical")
    let extra = BenchmarkMetric.custom("extra MB", polarity: .prefersSmaller, useScalingFactor: false)
    let lastHeight = BenchmarkMetric.custom("last height ×1000", polarity: .prefersSmaller, useScalingFactor: false)
    let metrics = BenchmarkSupport.metrics + [extra, lastHeight]

    for n in [5_000, 20_000] {
        for method in [LinkageMethod.ward, .single, .average, .complete] {
            Benchmark("\(method.rawValue) n = \(n), d = 16", configuration: BenchmarkSupport.configuration(
                maxSeconds: 30, maxIterations: 5, metrics: metrics)
            ) { benchmark, x in
                let (tree, peak) = try ResidentMemory.measuringExtraPeak {
                    try HierarchicalClustering.fit(x, HierarchicalConfiguration(method: method))
                }
                if let peak { benchmark.measurement(extra, Int(peak.rounded())) }
                benchmark.measurement(lastHeight, Int((tree.merges.last!.height * 1000).rounded()))
                blackHole(tree)
            } setup: {
                BenchmarkSupport.peersMatrix(n: 100_000, d: 16, as: Double.self).rows(at: 0..<n)
            }
        }
    }

    Benchmark("condensed distances n = 20,000, d = 16", configuration: BenchmarkSupport.configuration(
        maxSeconds: 20, maxIterations: 5)
    ) { _, x in
        blackHole(try CondensedDistanceMatrix(x, metric: .euclidean))
    } setup: {
        BenchmarkSupport.peersMatrix(n: 100_000, d: 16, as: Double.self).rows(at: 0..<20_000)
    }

    Benchmark("hybrid Ward 1,000,000 × 32, 300 micro-clusters", configuration: BenchmarkSupport.configuration(
        maxSeconds: 120, maxIterations: 3, metrics: metrics)
    ) { benchmark, x in
        let (model, peak) = try ResidentMemory.measuringExtraPeak {
            try HybridWard.fit(x, HybridWard.Configuration(microClusters: 300, seed: 1))
        }
        if let peak { benchmark.measurement(extra, Int(peak.rounded())) }
        blackHole(try model.labels(clusterCount: 8))
    } setup: {
        BenchmarkSupport.peersMatrix(n: 1_000_000, d: 32, as: Double.self)
    }
}

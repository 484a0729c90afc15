import Benchmark
import BenchmarkSupport
import PersonasData
import PersonasNumerics

let benchmarks: @Sendable () -> Void = {
    BenchmarkSupport.reportEnvironment("LinearAlgebra")

    let gigaflops = BenchmarkMetric.custom("GFLOP/s", polarity: .prefersLarger, useScalingFactor: false)
    func gemm<S: BLASScalar>(_ size: Int, _: S.Type, _ name: String) {
        let flops = 2.0 * Double(size * size * size)
        Benchmark("GEMM \(size)³ \(name)", configuration: BenchmarkSupport.configuration(
            metrics: BenchmarkSupport.metrics + [gigaflops])
        ) { benchmark, inputs in
            let start = ContinuousClock.now
            blackHole(Matrix.product(inputs.0, inputs.1))
            let seconds = (ContinuousClock.now - start) / .seconds(1)
            benchmark.measurement(gigaflops, Int(flops / seconds / 1e9))
        } setup: {
            (BenchmarkSupport.randomMatrix(size, size, seed: 1, as: S.self),
             BenchmarkSupport.randomMatrix(size, size, seed: 2, as: S.self))
        }
    }
    for size in [256, 1024] {
        gemm(size, Double.self, "Double")
        gemm(size, Float.self, "Float")
    }

    Benchmark("Covariance 1M × 32 Double", configuration: BenchmarkSupport.configuration()) { _, x in
        blackHole(x.meanAndCovariance())
    } setup: {
        BenchmarkSupport.peersMatrix(n: 1_000_000, d: 32)
    }

    // scikit-learn's PCA(svd_solver="covariance_eigh").fit on the same (1M, 32) float64 file is
    // the peer (../shared/peers: section pca).
    Benchmark("PCA fit 1M × 32 Double", configuration: BenchmarkSupport.configuration()) { _, x in
        blackHole(try? PrincipalComponents.fit(x))
    } setup: {
        BenchmarkSupport.peersMatrix(n: 1_000_000, d: 32)
    }

    Benchmark("PCA transform 1M × 32 → 8 Double", configuration: BenchmarkSupport.configuration()) { _, state in
        blackHole(state.1.transform(state.0))
    } setup: {
        let x = BenchmarkSupport.peersMatrix(n: 1_000_000, d: 32)
        return (x, try PrincipalComponents.fit(x, keeping: .count(8)))
    }
}

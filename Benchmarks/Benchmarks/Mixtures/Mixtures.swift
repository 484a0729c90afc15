import Benchmark
import BenchmarkSupport
import PersonasClustering
import PersonasNumerics

/// Gaussian mixture EM on the peers' blob files (../shared/peers: section gmm), from the start the
/// peers time: the first k rows as means, equal weights, identity precisions, tol = 0 so every
/// run does all its iterations (reported per iteration).
let benchmarks: @Sendable () -> Void = {
    BenchmarkSupport.reportEnvironment("Mixtures")
    let perIteration = BenchmarkMetric.custom("ms/iteration", polarity: .prefersSmaller, useScalingFactor: false)

    func fixedStart(k: Int, d: Int, _ type: GaussianMixtureConfiguration.CovarianceType, x: Matrix<some BLASScalar>)
        -> GaussianMixtureConfiguration {
        let precisions: Matrix<Double> = switch type {
        case .full: Matrix(rows: k * d, columns: d, elements: (0..<k).flatMap { _ in Matrix<Double>.identity(d).elements })
        case .tied: .identity(d)
        case .diagonal: Matrix(rows: k, columns: d, repeating: 1)
        case .spherical: Matrix(rows: k, columns: 1, repeating: 1)
        }
        let means = Matrix(rows: k, columns: d, elements: x.rows(at: 0..<k).elements.map { Double($0) })
        return GaussianMixtureConfiguration(
            k: k, covarianceType: type, tolerance: 0, maxIterations: 20,
            initialWeights: [Double](repeating: 1 / Double(k), count: k), initialMeans: means, initialPrecisions: precisions)
    }

    for (n, d, k) in [(100_000, 10, 8), (1_000_000, 16, 8)] {
        func em<S: BLASScalar>(_: S.Type, _ type: GaussianMixtureConfiguration.CovarianceType) {
            Benchmark("EM \(type.rawValue) 20 iterations (\(n), \(d), \(k)) \(S.numpyName)",
                      configuration: BenchmarkSupport.configuration(
                          maxSeconds: 20, maxIterations: 10, metrics: BenchmarkSupport.metrics + [perIteration])
            ) { (benchmark: Benchmark, state: (Matrix<S>, GaussianMixtureConfiguration)) in
                let start = ContinuousClock.now
                let model = try GaussianMixture.fit(state.0, state.1)
                let elapsed = ContinuousClock.now - start
                benchmark.measurement(perIteration, Int(elapsed / .milliseconds(1) / Double(model.iterations)))
                // The figure to compare with the peer's lower_bound_ from the same start (make peers-gmm).
                print("[check] \(type.rawValue) \(S.numpyName): lower bound \(model.lowerBound) after \(model.iterations) iterations")
                blackHole(model)
            } setup: {
                let x = BenchmarkSupport.peersMatrix(n: n, d: d, as: S.self)
                return (x, fixedStart(k: k, d: d, type, x: x))
            }
        }
        em(Double.self, .full)
        em(Float.self, .full)
        em(Double.self, .diagonal)
    }

    // Latent class EM on a generated survey: 20 five-level items and 4 continuous ones, 5% of the
    // answers missing, k = 6, 20 iterations from a random start (20,000 respondents under CI).
    let respondents = BenchmarkSupport.isCI ? 20_000 : 200_000
    Benchmark("latent class EM 20 iterations (\(respondents), 20 categorical + 4 continuous, 6)",
              configuration: BenchmarkSupport.configuration(
                  maxSeconds: 20, maxIterations: 10, metrics: BenchmarkSupport.metrics + [perIteration])
    ) { (benchmark: Benchmark, data: LatentClassData) in
        let start = ContinuousClock.now
        let model = try LatentClass.fit(data, LatentClassConfiguration(k: 6, tolerance: 0, maxIterations: 20, seed: 1))
        let elapsed = ContinuousClock.now - start
        benchmark.measurement(perIteration, Int(elapsed / .milliseconds(1) / Double(model.iterations)))
        blackHole(model)
    } setup: {
        var generator = SeededGenerator(seed: 23)
        let classes = (0..<respondents).map { _ in generator.nextInt(below: 6) }
        let categorical: [LatentClassItem] = (0..<20).map { q in
            .categorical(codes: classes.map { j in
                generator.nextUnitDouble() < 0.05 ? LatentClassItem.missingCode
                    : Int32(generator.nextUnitDouble() < 0.5 ? (j + q) % 5 : generator.nextInt(below: 5))
            }, levels: 5)
        }
        let continuous: [LatentClassItem] = (0..<4).map { c in
            .continuous(classes.map { j in
                generator.nextUnitDouble() < 0.05 ? .nan : Double((j + c) % 6) + generator.nextStandardNormal()
            })
        }
        return try LatentClassData(items: categorical + continuous)
    }
}

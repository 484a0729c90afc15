@testable import PersonasClustering
import PersonasNumerics
import PersonasTestSupport
import Testing

/// Skewed survey-like weights, one per row, in [0.2, 5).
private func surveyWeights(_ n: Int, seed: UInt64) -> [Double] {
    var random = SeededGenerator(seed: seed)
    return (0..<n).map { _ in 0.2 + 4.8 * random.nextUnitDouble() * random.nextUnitDouble() }
}

/// `x` with row i repeated `times[i]` times, in order; and the index of each repeated row's source.
private func repeated(_ x: Matrix<Double>, _ times: [Int]) -> (Matrix<Double>, [Int]) {
    let source = times.indices.flatMap { i in [Int](repeating: i, count: times[i]) }
    return (x.gatheredRows(source), source)
}

private func relative(_ a: [Double], _ b: [Double]) -> Double { relativeError(a, b) }
private func relative(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), 1e-300) }

/// Issue 23, respondent weights in the clustering engines.
@Suite("Sample weights in k-means and Gaussian mixtures")
struct SampleWeightTests {
    // Fails on main before this change: weights were refused with kind .invalidInput only (no
    // .invalidWeight(row:)), and Gaussian mixtures had no sampleWeights.
    @Test("a negative, NaN or infinite weight is refused with .invalidWeight naming its row, by both engines")
    func invalidWeights() throws {
        let x = Matrix<Double>([[1, 2], [3, 4], [5, 6], [7, 9]])
        for bad in [-1, Double.nan, .infinity] {
            let weights = [1, 1, bad, 1]
            #expect(throws: ClusteringError(.invalidWeight(row: 2), "sample weight of row 3 is \(bad); weights must be finite and ≥ 0")) {
                try KMeans.fit(x, KMeansConfiguration(k: 2, sampleWeights: weights))
            }
            #expect(throws: ClusteringError(.invalidWeight(row: 2), "sample weight of row 3 is \(bad); weights must be finite and ≥ 0")) {
                try GaussianMixture.fit(x, GaussianMixtureConfiguration(k: 2, sampleWeights: weights))
            }
        }
        for weights in [[1.0, 2], [1, 0, 0, 0]] {
            let error = #expect(throws: ClusteringError.self) {
                try GaussianMixture.fit(x, GaussianMixtureConfiguration(k: 2, sampleWeights: weights))
            }
            #expect(error?.kind == .invalidInput)
        }
    }

    // Passes on main too: the k-means engine was weighted before issue 23; this pins its thread
    // independence with weights on every path (seeding, the three algorithms, the restart sample).
    @Test("weighted k-means is bit-identical on 1, 2 and 4 threads, for each algorithm and the restart sample",
          arguments: [KMeansConfiguration.Algorithm.lloyd, .hamerly, .elkan])
    func kMeansThreads(algorithm: KMeansConfiguration.Algorithm) throws {
        let x: Matrix<Double> = blobs(n: 30_000, d: 6, k: 8, spread: 4, seed: 31)
        let weights = surveyWeights(x.rows, seed: 4)
        for sample in [nil, 5_000] {
            let configuration = KMeansConfiguration(k: 8, restarts: 3, algorithm: algorithm, seed: 12,
                                                    sampleWeights: weights, restartSampleSize: sample)
            let reference = try ParallelFor.$threadLimit.withValue(1) { try KMeans.fit(x, configuration) }
            for threads in [2, 4] {
                let model = try ParallelFor.$threadLimit.withValue(threads) { try KMeans.fit(x, configuration) }
                #expect(model.labels == reference.labels)
                #expect(model.centers == reference.centers)
                #expect(model.inertia.bitPattern == reference.inertia.bitPattern)
                #expect(model.restarts == reference.restarts)
            }
        }
    }

    // Passes on main too (the restart sample carried weights before issue 23): pins that the
    // sampled rows keep their own weights.
    @Test("the restart sample fits the sampled rows with their own weights, then refines on all rows")
    func restartSampleKeepsWeights() throws {
        let x: Matrix<Double> = blobs(n: 6_000, d: 3, k: 5, spread: 3, seed: 8)
        let weights = surveyWeights(x.rows, seed: 2)
        let configuration = KMeansConfiguration(k: 5, restarts: 4, seed: 3, sampleWeights: weights, restartSampleSize: 1_000)
        let model = try KMeans.fit(x, configuration)
        var generator = SeededGenerator(seed: 3, stream: KMeans.sampleStream)
        let rows = generator.sampleWithoutReplacement(1_000, from: x.rows).sorted()
        let onSample = try KMeans.fit(x.gatheredRows(rows), KMeansConfiguration(
            k: 5, restarts: 4, seed: 3, sampleWeights: rows.map { weights[$0] }))
        let refined = try KMeans.fit(x, KMeansConfiguration(
            k: 5, initialization: .centers(onSample.centers), restarts: 1, seed: 3, sampleWeights: weights))
        #expect(model.labels == refined.labels)
        #expect(model.centers == refined.centers)
        #expect(model.inertia == refined.inertia)
    }

    // Fails on main before this change: GaussianMixtureConfiguration had no sampleWeights.
    @Test("integer weights give the Gaussian mixture of the repeated rows (1e-12), for every covariance type",
          arguments: GaussianMixtureConfiguration.CovarianceType.allCases)
    func integerWeightsRepeatRows(type: GaussianMixtureConfiguration.CovarianceType) throws {
        let x: Matrix<Double> = blobs(n: 400, d: 3, k: 3, spread: 3, seed: 17)
        var random = SeededGenerator(seed: 5)
        let times = (0..<x.rows).map { _ in 1 + random.nextInt(below: 4) }
        let (copies, source) = repeated(x, times)
        let start = try KMeans.fit(x, KMeansConfiguration(k: 3, seed: 1)).labels
        for (tolerance, iterations) in [(0.0, 25), (1e-3, 100)] {
            let weighted = try GaussianMixture.fit(x, GaussianMixtureConfiguration(
                k: 3, covarianceType: type, tolerance: tolerance, maxIterations: iterations,
                initialization: .labels(start), sampleWeights: times.map(Double.init)))
            let plain = try GaussianMixture.fit(copies, GaussianMixtureConfiguration(
                k: 3, covarianceType: type, tolerance: tolerance, maxIterations: iterations,
                initialization: .labels(source.map { start[$0] })))
            #expect(weighted.iterations == plain.iterations)
            #expect(weighted.lowerBoundHistory.count == plain.lowerBoundHistory.count)
            for (a, b) in zip(weighted.lowerBoundHistory, plain.lowerBoundHistory) { #expect(relative(a, b) <= 1e-12) }
            #expect(relative(weighted.means.elements, plain.means.elements) <= 1e-12)
            #expect(relative(weighted.covariances.elements, plain.covariances.elements) <= 1e-12)
            #expect(relative(weighted.weights, plain.weights) <= 1e-12)
            #expect(source.map { weighted.labels[$0] } == plain.labels)
            // The criteria's ℓ rescales the weights to sum to the rows (the repeated data has more).
            let scale = Double(copies.rows) / Double(x.rows)
            #expect(relative(weighted.logLikelihood * scale, plain.logLikelihood) <= 1e-12)
            #expect(relative(weighted.entropy * scale, plain.entropy) <= 1e-10)
        }
    }

    // Fails on main before this change: GaussianMixtureConfiguration had no sampleWeights.
    @Test("weights all 1 give the unweighted Gaussian mixture bit for bit, k-means start included",
          arguments: GaussianMixtureConfiguration.CovarianceType.allCases)
    func unitWeightsChangeNothing(type: GaussianMixtureConfiguration.CovarianceType) throws {
        let x: Matrix<Double> = blobs(n: 5_000, d: 4, k: 3, spread: 2, seed: 29)
        var configuration = GaussianMixtureConfiguration(k: 3, covarianceType: type, restarts: 2, seed: 4)
        let plain = try GaussianMixture.fit(x, configuration)
        configuration.sampleWeights = [Double](repeating: 1, count: x.rows)
        let weighted = try GaussianMixture.fit(x, configuration)
        #expect(weighted.labels == plain.labels)
        #expect(weighted.means == plain.means)
        #expect(weighted.covariances == plain.covariances)
        #expect(weighted.weights == plain.weights)
        #expect(weighted.lowerBoundHistory.map(\.bitPattern) == plain.lowerBoundHistory.map(\.bitPattern))
        #expect(weighted.logLikelihood.bitPattern == plain.logLikelihood.bitPattern)
        #expect(weighted.entropy.bitPattern == plain.entropy.bitPattern)
        #expect(weighted.restarts == plain.restarts)
    }

    // Fails on main before this change: GaussianMixtureConfiguration had no sampleWeights.
    @Test("a weighted Gaussian mixture is bit-identical on 1, 2 and 4 threads, for every covariance type",
          arguments: GaussianMixtureConfiguration.CovarianceType.allCases)
    func mixtureThreads(type: GaussianMixtureConfiguration.CovarianceType) throws {
        let x: Matrix<Double> = blobs(n: 20_000, d: 5, k: 4, spread: 2, seed: 23)
        let configuration = GaussianMixtureConfiguration(k: 4, covarianceType: type, tolerance: 0, maxIterations: 8,
                                                         restarts: 2, seed: 9, sampleWeights: surveyWeights(x.rows, seed: 6))
        let reference = try ParallelFor.$threadLimit.withValue(1) { try GaussianMixture.fit(x, configuration) }
        for threads in [2, 4] {
            let model = try ParallelFor.$threadLimit.withValue(threads) { try GaussianMixture.fit(x, configuration) }
            #expect(model.labels == reference.labels)
            #expect(model.means == reference.means)
            #expect(model.covariances == reference.covariances)
            #expect(model.weights == reference.weights)
            #expect(model.lowerBoundHistory.map(\.bitPattern) == reference.lowerBoundHistory.map(\.bitPattern))
            #expect(model.logLikelihood.bitPattern == reference.logLikelihood.bitPattern)
            #expect(model.entropy.bitPattern == reference.entropy.bitPattern)
        }
    }

    // Fails on main before this change: GaussianMixtureConfiguration had no sampleWeights.
    @Test("a weighted Gaussian mixture starts from weighted k-means, and its means are weighted means")
    func weightedStartAndMeans() throws {
        let x: Matrix<Double> = blobs(n: 3_000, d: 3, k: 4, spread: 3, seed: 41)
        // Heavy rows in one corner of each blob pull the weighted fit away from the unweighted one.
        let weights = (0..<x.rows).map { i in x[i, 0] > x[i, 1] ? 6.0 : 0.5 }
        let configuration = GaussianMixtureConfiguration(k: 4, covarianceType: .diagonal, tolerance: 1e-13,
                                                         maxIterations: 1_000, seed: 7, sampleWeights: weights)
        let model = try GaussianMixture.fit(x, configuration)
        let start = try KMeans.fit(x, KMeansConfiguration(k: 4, restarts: 1,
                                                          seed: GaussianMixture.kMeansSeed(configuration, restart: 0),
                                                          sampleWeights: weights))
        var fromLabels = configuration
        fromLabels.initialization = .labels(start.labels)
        let given = try GaussianMixture.fit(x, fromLabels)
        #expect(model.means == given.means && model.labels == given.labels)
        let unweighted = try KMeans.fit(x, KMeansConfiguration(k: 4, restarts: 1,
                                                               seed: GaussianMixture.kMeansSeed(configuration, restart: 0)))
        #expect(unweighted.centers != start.centers, "the weights must change the start for this test to mean anything")
        #expect(model.converged)
        // The fixed point: each mean is the (weight × responsibility)-weighted mean of the rows.
        let r = try model.predictProba(x)
        let means = model.means
        for j in 0..<4 {
            var sum = [0.0, 0, 0], total = 0.0
            for i in 0..<x.rows {
                let v = weights[i] * r[i, j]
                total += v
                for q in 0..<3 { sum[q] += v * x[i, q] }
            }
            for q in 0..<3 { #expect(abs(sum[q] / total - means[j, q]) < 1e-6, "component \(j)") }
        }
    }

    // Fails on main before this change: GaussianMixtureConfiguration had no sampleWeights.
    @Test("scaling every weight leaves the fit and BIC unchanged: BIC's n is the rows, not the weights' sum")
    func criteriaIgnoreWeightScale() throws {
        let x: Matrix<Double> = blobs(n: 2_000, d: 3, k: 3, spread: 2, seed: 12)
        let weights = surveyWeights(x.rows, seed: 9)
        let configuration = GaussianMixtureConfiguration(k: 3, seed: 2, sampleWeights: weights)
        var universe = configuration
        universe.sampleWeights = weights.map { $0 * 2_500 }
        let sample = try GaussianMixture.fit(x, configuration)
        let scaled = try GaussianMixture.fit(x, universe)
        #expect(sample.labels == scaled.labels)
        #expect(relative(sample.means.elements, scaled.means.elements) <= 1e-12)
        #expect(relative(sample.lowerBound, scaled.lowerBound) <= 1e-12)
        #expect(relative(sample.bic, scaled.bic) <= 1e-12)
        #expect(relative(sample.icl, scaled.icl) <= 1e-10)
        #expect(sample.rows == x.rows)
    }
}

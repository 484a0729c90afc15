import Foundation
@testable import PersonasClustering
import PersonasNumerics
import PersonasTestSupport
import Testing

/// Gaussian blobs: `k` centers spread on a wide grid, `n` rows, deterministic.
func blobs<S: BLASScalar>(n: Int, d: Int, k: Int, spread: Double = 1, seed: UInt64, as _: S.Type = Double.self) -> Matrix<S> {
    var rng = SeededGenerator(seed: seed)
    let centers = (0..<(k * d)).map { _ in 20 * rng.nextUnitDouble() - 10 }
    var elements: [S] = []
    elements.reserveCapacity(n * d)
    for i in 0..<n {
        let c = i % k
        for q in 0..<d { elements.append(S(centers[c * d + q] + spread * rng.nextStandardNormal())) }
    }
    return Matrix(rows: n, columns: d, elements: elements)
}

/// Index of the nearest row of `centers` to row `i` of `x`, by exact differences in Double.
func bruteNearest<S: BLASScalar>(_ x: Matrix<S>, _ i: Int, _ centers: Matrix<S>) -> (index: Int, distance: Double) {
    var best = -1, bestDistance = Double.infinity
    for j in 0..<centers.rows {
        var distance = 0.0
        for q in 0..<x.columns {
            let v = Double(x[i, q]) - Double(centers[j, q])
            distance += v * v
        }
        if distance < bestDistance { best = j; bestDistance = distance }
    }
    return (best, bestDistance)
}

@Suite("k-means behaviour")
struct KMeansBehaviourTests {
    @Test("labels are the nearest centers and the inertia is their weighted squared distance")
    func labelsMatchCenters() throws {
        let x: Matrix<Double> = blobs(n: 3_000, d: 7, k: 5, spread: 2, seed: 1)
        let model = try KMeans.fit(x, KMeansConfiguration(k: 5, seed: 3))
        var inertia = 0.0
        for i in 0..<x.rows {
            let nearest = bruteNearest(x, i, model.centers)
            #expect(Int(model.labels[i]) == nearest.index)
            inertia += nearest.distance
        }
        #expect(abs(model.inertia - inertia) <= 1e-10 * inertia)
        #expect(model.converged)
        #expect(model.inertiaHistory.count == model.iterations)
        #expect(try model.predict(x) == model.labels)
    }

    @Test("each center is the weighted mean of its rows")
    func centersAreMeans() throws {
        let x: Matrix<Double> = blobs(n: 2_000, d: 4, k: 3, spread: 3, seed: 2)
        var rng = SeededGenerator(seed: 9)
        let weights = (0..<x.rows).map { _ in Double(1 + rng.nextInt(below: 5)) }
        let model = try KMeans.fit(x, KMeansConfiguration(k: 3, tolerance: 0, seed: 1, sampleWeights: weights))
        for j in 0..<3 {
            var sum = [Double](repeating: 0, count: 4), total = 0.0
            for i in 0..<x.rows where model.labels[i] == Int32(j) {
                for q in 0..<4 { sum[q] += weights[i] * x[i, q] }
                total += weights[i]
            }
            for q in 0..<4 { #expect(abs(sum[q] / total - model.centers[j, q]) < 1e-9) }
        }
    }

    @Test("the same seed gives identical bits on 1, 2 and 4 threads", arguments: [Int?.none, 1, 2, 4])
    func threadIndependence(threads: Int?) throws {
        // Enough rows for several fixed row groups, and restarts so seeding is exercised too.
        let x: Matrix<Double> = blobs(n: 40_000, d: 6, k: 8, spread: 4, seed: 5)
        let configuration = KMeansConfiguration(k: 8, restarts: 3, seed: 77)
        let reference = try ParallelFor.$threadLimit.withValue(1) { try KMeans.fit(x, configuration) }
        let model = try ParallelFor.$threadLimit.withValue(threads) { try KMeans.fit(x, configuration) }
        #expect(model.labels == reference.labels)
        #expect(model.centers == reference.centers)
        #expect(model.inertia.bitPattern == reference.inertia.bitPattern)
        #expect(model.restarts == reference.restarts)
    }

    @Test("Hamerly gives Lloyd's labels, iterations and centers on larger data", arguments: [
        (20_000, 8, 12, 2.5), (30_000, 3, 30, 6.0), (5_000, 20, 4, 1.0),
    ])
    func hamerlyMatchesLloyd(n: Int, d: Int, k: Int, spread: Double) throws {
        let x: Matrix<Double> = blobs(n: n, d: d, k: k, spread: spread, seed: UInt64(n + k))
        var configuration = KMeansConfiguration(k: k, tolerance: 0, algorithm: .lloyd, seed: 4)
        let lloyd = try KMeans.fit(x, configuration)
        configuration.algorithm = .hamerly
        let hamerly = try KMeans.fit(x, configuration)
        #expect(hamerly.labels == lloyd.labels)
        #expect(hamerly.iterations == lloyd.iterations)
        #expect(abs(hamerly.inertia - lloyd.inertia) <= 1e-9 * lloyd.inertia)
        #expect(relativeError(hamerly.centers.elements, lloyd.centers.elements) < 1e-9)
        let threads = try ParallelFor.$threadLimit.withValue(1) { try KMeans.fit(x, configuration) }
        #expect(threads.labels == hamerly.labels && threads.centers == hamerly.centers)
    }

    @Test("Elkan gives Lloyd's labels, iterations, inertia and centers, on 1, 2 and 4 threads", arguments: [
        (20_000, 8, 12, 2.5), (30_000, 3, 30, 6.0), (5_000, 20, 4, 1.0), (40_000, 16, 64, 3.0), (12_000, 64, 64, 4.0),
    ])
    func elkanMatchesLloyd(n: Int, d: Int, k: Int, spread: Double) throws {
        // Twice as many blobs as centers at k = 64 keeps most rows between two or three centers.
        let x: Matrix<Double> = blobs(n: n, d: d, k: k >= 64 ? k / 2 : k, spread: spread, seed: UInt64(n + k))
        var configuration = KMeansConfiguration(k: k, initialization: .firstRows, tolerance: 0, algorithm: .lloyd)
        let lloyd = try KMeans.fit(x, configuration)
        configuration.algorithm = .elkan
        let elkan = try ParallelFor.$threadLimit.withValue(2) { try KMeans.fit(x, configuration) }
        #expect(elkan.labels == lloyd.labels)
        #expect(elkan.iterations == lloyd.iterations)
        #expect(abs(elkan.inertia - lloyd.inertia) <= 1e-9 * lloyd.inertia)
        #expect(relativeError(elkan.centers.elements, lloyd.centers.elements) < 1e-9)
        #expect(zip(elkan.inertiaHistory, lloyd.inertiaHistory).allSatisfy { abs($0 - $1) <= 1e-9 * $1 })
        for threads in [1, 4] {
            let other = try ParallelFor.$threadLimit.withValue(threads) { try KMeans.fit(x, configuration) }
            #expect(other.labels == elkan.labels && other.centers == elkan.centers)
            #expect(other.inertia.bitPattern == elkan.inertia.bitPattern)
        }
    }

    /// Runs `elkan` and Lloyd's iterations from the first k rows of `x` and expects the same
    /// labels, iterations and centers.
    func expectElkanRunsLloyd<S: BLASScalar>(
        _ x: Matrix<S>, k: Int, iterations: Int, _ context: String,
        _ elkan: (KMeansData<S>, [Double]) -> LloydRun
    ) {
        let data = KMeansData(x, weights: nil, chunkRows: 256)
        let initial = (0..<k).flatMap { data.shiftedRow($0) }
        let lloyd = data.lloyd(from: initial, k: k, maxIterations: iterations, tolerance: 0)
        let run = elkan(data, initial)
        let differing = zip(run.labels, lloyd.labels).filter { $0 != $1 }.count
        #expect(differing == 0, "\(context): \(differing) labels differ")
        #expect(run.iterations == lloyd.iterations, "\(context)")
        #expect(relativeError(run.centers, lloyd.centers) < 1e-9, "\(context)")
    }

    @Test("both bound layouts of Elkan's iterations (the ball of sorted neighbours and k bounds per row) run Lloyd's",
          arguments: [false, true])
    func elkanBoundLayouts(perCenter: Bool) throws {
        for (n, d, k, seed) in [(20_000, 16, 64, 3), (6_000, 5, 9, 4), (3_000, 64, 32, 5)] {
            let double: Matrix<Double> = blobs(n: n, d: d, k: k / 2 + 1, spread: 3, seed: UInt64(seed))
            let single = Matrix<Float>(converting: double)
            func check<S: BLASScalar>(_ x: Matrix<S>) {
                expectElkanRunsLloyd(x, k: k, iterations: 40, "\(S.self) n \(n) k \(k)") { data, initial in
                    data.elkan(from: initial, k: k, maxIterations: 40, tolerance: 0, perCenterBounds: perCenter)
                }
            }
            check(double)
            check(single)
        }
    }

    @Test("Elkan's C pass gives Lloyd's labels on each instruction set it has (portable, AVX2 + FMA, AVX-512)",
          arguments: [0, 2, 3])
    func elkanPassInstructionSets(limit: Int) {
        func check<S: BLASScalar>(_ x: Matrix<S>, k: Int) {
            expectElkanRunsLloyd(x, k: k, iterations: 25, "\(S.self) k \(k), instruction set \(limit)") { data, initial in
                data.elkan(from: initial, k: k, maxIterations: 25, tolerance: 0, passInstructionSetLimit: limit)
            }
        }
        // d = 37: a remainder after the 16- and 8-wide steps of every path.
        check(blobs(n: 6_000, d: 37, k: 24, spread: 2, seed: 5), k: 40)
        check(blobs(n: 6_000, d: 37, k: 24, spread: 2, seed: 5, as: Float.self), k: 40)
        check(blobs(n: 4_000, d: 64, k: 32, spread: 1.5, seed: 6, as: Float.self), k: 64)
    }

    @Test(".auto runs Lloyd on small problems, Elkan for many centers, and Hamerly for a moderate k in Double")
    func automaticAlgorithm() {
        func resolved<S: BLASScalar>(k: Int, d: Int, _ type: S.Type) -> KMeansConfiguration.Algorithm {
            KMeans.resolvedAlgorithm(KMeansConfiguration(k: k), d: d, as: type)
        }
        #expect(resolved(k: 64, d: 64, Double.self) == .elkan)
        #expect(resolved(k: 16, d: 32, Double.self) == .hamerly)
        #expect(resolved(k: 8, d: 16, Double.self) == .lloyd)
        #expect(resolved(k: 64, d: 64, Float.self) == .elkan)
        #expect(resolved(k: 16, d: 32, Float.self) == .elkan)
        #expect(resolved(k: 8, d: 16, Float.self) == .lloyd)
        #expect(KMeans.resolvedAlgorithm(KMeansConfiguration(k: 64, algorithm: .hamerly), d: 64, as: Float.self) == .hamerly)
    }

    @Test("Elkan in Float gives Lloyd's labels and iterations in Float", arguments: [(30_000, 16, 64), (8_000, 64, 64)])
    func elkanMatchesLloydInFloat(n: Int, d: Int, k: Int) throws {
        let x: Matrix<Float> = blobs(n: n, d: d, k: k / 2, spread: 3, seed: UInt64(d), as: Float.self)
        var configuration = KMeansConfiguration(k: k, initialization: .firstRows, tolerance: 0, algorithm: .lloyd)
        let lloyd = try KMeans.fit(x, configuration)
        configuration.algorithm = .elkan
        let elkan = try KMeans.fit(x, configuration)
        #expect(elkan.labels == lloyd.labels)
        #expect(elkan.iterations == lloyd.iterations)
        #expect(abs(elkan.inertia - lloyd.inertia) <= 1e-6 * lloyd.inertia)
        #expect(relativeError(elkan.centers.elements.map(Double.init), lloyd.centers.elements.map(Double.init)) < 1e-6)
        let single = try ParallelFor.$threadLimit.withValue(1) { try KMeans.fit(x, configuration) }
        #expect(single.labels == elkan.labels && single.centers == elkan.centers)
    }

    @Test("Elkan and Hamerly match Lloyd when clusters empty, on data with many repeated rows, with weights or not",
          arguments: 0..<60, [false, true])
    func boundedEmptyClusters(seed: UInt64, weighted: Bool) throws {
        // Few distinct points, many centers from random rows: clusters empty and are relocated,
        // both in the first pass and later ones; with weights, the bounded algorithms keep each
        // cluster's weight up to date by differences, and an emptied cluster must still be found.
        var random = SeededGenerator(seed: seed)
        let distinct = (0..<(6 + random.nextInt(below: 6))).map { _ in (0..<3).map { _ in Double(random.nextInt(below: 5)) } }
        let rows = (0..<(200 + random.nextInt(below: 200))).map { _ in
            distinct[random.nextInt(below: distinct.count)].map { $0 + 0.3 * random.nextStandardNormal() }
        }
        let x = Matrix(rows)
        var configuration = KMeansConfiguration(k: 8 + random.nextInt(below: 8), initialization: .randomRows,
                                                restarts: 1, tolerance: 0, algorithm: .lloyd, seed: seed)
        if weighted { configuration.sampleWeights = rows.map { _ in 0.1 + 3 * random.nextUnitDouble() } }
        let lloyd = try KMeans.fit(x, configuration)
        for algorithm in [KMeansConfiguration.Algorithm.elkan, .hamerly] {
            configuration.algorithm = algorithm
            let bounded = try KMeans.fit(x, configuration)
            #expect(bounded.labels == lloyd.labels, "\(algorithm) seed \(seed)")
            #expect(bounded.iterations == lloyd.iterations, "\(algorithm) seed \(seed)")
            #expect(relativeError(bounded.centers.elements, lloyd.centers.elements) < 1e-9, "\(algorithm) seed \(seed)")
            #expect(bounded.centers.elements.allSatisfy { $0.isFinite }, "\(algorithm) seed \(seed)")
        }
    }

    @Test("Float agrees with Double")
    func floatMatchesDouble() throws {
        let x: Matrix<Double> = blobs(n: 5_000, d: 8, k: 6, spread: 1, seed: 8)
        let configuration = KMeansConfiguration(k: 6, initialization: .firstRows, tolerance: 0)
        let double = try KMeans.fit(x, configuration)
        let single = try KMeans.fit(Matrix<Float>(converting: x), configuration)
        #expect(single.labels == double.labels)
        #expect(abs(single.inertia - double.inertia) <= 1e-4 * double.inertia)
        #expect(relativeError(single.centers.elements.map(Double.init), double.centers.elements) < 1e-4)
    }

    @Test("restarts keep the lowest inertia and report agreement with it")
    func restarts() throws {
        let x: Matrix<Double> = blobs(n: 3_000, d: 2, k: 10, spread: 2.5, seed: 4)
        let model = try KMeans.fit(x, KMeansConfiguration(k: 10, initialization: .randomRows, restarts: 6, seed: 1))
        #expect(model.restarts.count == 6)
        #expect(model.inertia == model.restarts.map(\.inertia).min())
        let kept = try #require(model.restarts.first { $0.inertia == model.inertia })
        #expect(kept.agreementWithBest == 1)
        #expect(model.restarts.allSatisfy { $0.agreementWithBest <= 1 && $0.agreementWithBest > -1 })
        #expect(model.restartAgreement > 0 && model.restartAgreement <= 1)
    }

    @Test("transform gives Euclidean distances to every center")
    func transform() throws {
        let x: Matrix<Double> = blobs(n: 500, d: 3, k: 4, seed: 6)
        let model = try KMeans.fit(x, KMeansConfiguration(k: 4, seed: 2))
        let distances = try model.transform(x)
        #expect(distances.rows == 500 && distances.columns == 4)
        for i in stride(from: 0, to: 500, by: 37) {
            for j in 0..<4 {
                var squared = 0.0
                for q in 0..<3 { squared += (x[i, q] - model.centers[j, q]) * (x[i, q] - model.centers[j, q]) }
                #expect(abs(distances[i, j] - squared.squareRoot()) < 1e-9 * (1 + squared.squareRoot()))
            }
        }
    }

    @Test("duplicate rows and k equal to n never give NaN centers")
    func degenerate() throws {
        // 12 rows, only 3 distinct: k = 5 forces empty clusters to be relocated.
        var rows: [[Double]] = []
        for i in 0..<12 { rows.append([Double(i % 3), Double(i % 3) * 2]) }
        let model = try KMeans.fit(Matrix(rows), KMeansConfiguration(k: 5, initialization: .firstRows))
        #expect(model.centers.elements.allSatisfy { $0.isFinite })
        #expect(model.inertia.isFinite)
        let all = try KMeans.fit(Matrix(rows), KMeansConfiguration(k: 12, initialization: .firstRows))
        #expect(all.centers.elements.allSatisfy { $0.isFinite })
    }

    @Test("bad input is refused with a message that says what is wrong")
    func validation() throws {
        let x = Matrix<Double>([[1, 2], [3, 4], [5, .nan]])
        #expect(throws: KMeansError.self) { try KMeans.fit(x, KMeansConfiguration(k: 2)) }
        do {
            _ = try KMeans.fit(x, KMeansConfiguration(k: 2))
        } catch {
            #expect(error.description.contains("row 3, column 2"))
        }
        let ok = Matrix<Double>([[1, 2], [3, 4], [5, 6]])
        let cases: [(KMeansConfiguration, String)] = [
            (KMeansConfiguration(k: 4), "at least 4 rows"),
            (KMeansConfiguration(k: 0), "at least 1"),
            (KMeansConfiguration(k: 2, sampleWeights: [1, 2]), "2 sample weights for 3 rows"),
            (KMeansConfiguration(k: 2, sampleWeights: [1, -1, 1]), "row 2"),
            (KMeansConfiguration(k: 2, sampleWeights: [1, 0, 0]), "only 1 rows"),
            (KMeansConfiguration(k: 2, initialization: .centers(Matrix([[1, 2, 3], [4, 5, 6]]))), "2 × 3"),
            (KMeansConfiguration(k: 2, tolerance: -1), "tolerance"),
        ]
        for (configuration, message) in cases {
            do {
                _ = try KMeans.fit(ok, configuration)
                Issue.record("expected an error containing \(message)")
            } catch {
                #expect(error.description.contains(message), "\(error.description)")
            }
        }
        let model = try KMeans.fit(ok, KMeansConfiguration(k: 2))
        #expect(throws: KMeansError.self) { try model.predict(Matrix([[1.0, 2, 3]])) }
        // Finite values whose sum overflows are refused rather than clustered as infinities.
        do {
            _ = try KMeans.fit(Matrix<Double>([[1e308, 1], [1e308, 2], [1e308, 3]]), KMeansConfiguration(k: 2))
            Issue.record("expected an overflow error")
        } catch {
            #expect(error.description.contains("too large"))
        }
    }

    @Test("the adjusted Rand index ignores label numbers", arguments: [
        ([0, 0, 1, 1, 2, 2] as [Int32], [2, 2, 0, 0, 1, 1] as [Int32], 1.0),
        ([0, 0, 0, 0], [0, 0, 0, 0], 1.0),
        ([0, 0, 1, 1], [0, 1, 0, 1], -0.5),
        ([0, 0, 1, 2], [0, 0, 1, 1], 0.5714285714285714),
    ])
    func adjustedRand(a: [Int32], b: [Int32], expected: Double) {
        // Reference values from sklearn.metrics.adjusted_rand_score.
        #expect(abs(adjustedRandIndex(a, b) - expected) < 1e-12)
    }
}

@Suite("k-means initial centers")
struct InitialCentersTests {
    @Test("initialCenters returns the rows a fit starts from")
    func initialCentersAreRows() throws {
        let x: Matrix<Double> = blobs(n: 2_000, d: 3, k: 4, seed: 12)
        for initialization in [KMeansConfiguration.Initialization.kMeansPlusPlus(), .randomRows, .firstRows] {
            let configuration = KMeansConfiguration(k: 4, initialization: initialization, seed: 5)
            let centers = try KMeans.initialCenters(x, configuration)
            #expect(centers.rows == 4 && centers.columns == 3)
            for j in 0..<4 {
                let nearest = bruteNearest(centers, j, x)
                #expect(nearest.distance < 1e-20, "center \(j) is not a data row")
            }
            let started = try KMeans.fit(x, KMeansConfiguration(k: 4, initialization: .centers(centers), tolerance: 0))
            let fitted = try KMeans.fit(x, KMeansConfiguration(k: 4, initialization: initialization, tolerance: 0, seed: 5))
            #expect(started.labels == fitted.labels)
        }
    }
}

@Suite("k-means|| through the public API")
struct ParallelInitializationTests {
    @Test("a fit seeded by k-means|| reaches the k-means++ optimum on separated blobs and is reproducible")
    func fit() throws {
        let x: Matrix<Double> = blobs(n: 30_000, d: 5, k: 7, spread: 0.5, seed: 31)
        let parallel = try KMeans.fit(x, KMeansConfiguration(k: 7, initialization: .kMeansParallel(), seed: 2))
        let plusPlus = try KMeans.fit(x, KMeansConfiguration(k: 7, restarts: 5, seed: 2))
        #expect(adjustedRandIndex(parallel.labels, plusPlus.labels) > 0.999)
        let again = try ParallelFor.$threadLimit.withValue(1) {
            try KMeans.fit(x, KMeansConfiguration(k: 7, initialization: .kMeansParallel(), seed: 2))
        }
        #expect(again.centers == parallel.centers)
        #expect(throws: KMeansError.self) {
            try KMeans.fit(x, KMeansConfiguration(k: 7, initialization: .kMeansParallel(rounds: 2, oversampling: 0)))
        }
    }
}

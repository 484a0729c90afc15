import Foundation
@testable import PersonasClustering
import PersonasNumerics
import PersonasTestSupport
import Testing

// MARK: - Helpers (independent of the code under test)

/// Gaussian blobs around `centers`, `perBlob` rows each (blob by blob), with their true labels.
private func separatedBlobs(
    _ centers: [[Double]], perBlob: Int, spread: Double = 1, seed: UInt64
) -> (x: Matrix<Double>, truth: [Int32]) {
    var rng = SeededGenerator(seed: seed)
    var rows: [[Double]] = [], truth: [Int32] = []
    for (c, center) in centers.enumerated() {
        for _ in 0..<perBlob {
            rows.append(center.map { $0 + spread * rng.nextStandardNormal() })
            truth.append(Int32(c))
        }
    }
    return (Matrix(rows), truth)
}

/// Four blob centers on the corners of a square, far apart next to unit spread.
private let squareCorners: [[Double]] = [[0, 0], [12, 0], [0, 12], [12, 12]]

/// Uniform rows in [0, 1)^d.
private func uniformNoise(rows n: Int, columns d: Int, seed: UInt64) -> Matrix<Double> {
    var rng = SeededGenerator(seed: seed)
    return Matrix(rows: n, columns: d, elements: (0..<(n * d)).map { _ in rng.nextUnitDouble() })
}

/// k-means that ignores the seed it is handed, so a test can reproduce every clustering itself.
private let fixedSeedKMeans = Segmenter(name: "k-means, fixed seed") { x, k, _ in
    try Segmenter.kMeans(restarts: 1).segment(x, k: k, seed: 11)
}

private func fixedSeedLabels(_ x: Matrix<Double>, k: Int) throws -> [Int32] {
    k == 1 ? [Int32](repeating: 0, count: x.rows) : try Segmenter.kMeans(restarts: 1).segment(x, k: k, seed: 11)
}

/// Σ_r Σ_{i ∈ C_r} ‖x_i − mean(C_r)‖², by the pair formula Σ_r D_r / (2 n_r) of Tibshirani et al.
/// (D_r over ordered pairs), which shares no arithmetic with the centroid form in the library.
private func pairwiseDispersion(_ x: Matrix<Double>, labels: [Int32]) -> Double {
    var members: [Int32: [Int]] = [:]
    for (i, label) in labels.enumerated() { members[label, default: []].append(i) }
    var total = 0.0
    for rows in members.values {
        var d = 0.0
        for a in rows {
            for b in rows {
                for q in 0..<x.columns {
                    let v = x[a, q] - x[b, q]
                    d += v * v
                }
            }
        }
        total += d / (2 * Double(rows.count))
    }
    return total
}

private func setJaccard(_ a: Set<Int>, _ b: Set<Int>) -> Double {
    let union = a.union(b).count
    return union == 0 ? 0 : Double(a.intersection(b).count) / Double(union)
}

private func closeRelative(_ a: Double, _ b: Double, relative: Double = 1e-9) -> Bool {
    abs(a - b) <= relative * max(abs(a), abs(b), 1e-300)
}

/// Gap statistic, elbow, bootstrap stability and consensus (Validation/Selection).
@Suite("Model selection")
struct SelectionTests {}

// MARK: - Gap statistic

extension SelectionTests {
    @Suite("Gap statistic")
    struct GapStatisticTests {
        @Test("matches an independent computation on the same reference draws, and the rule")
        func independentComputation() throws {
            let (x, _) = separatedBlobs([[0, 0, 0], [6, 0, 1], [0, 7, -1]], perBlob: 40, spread: 1.2, seed: 3)
            let seed: UInt64 = 99, references = 5
            let result = try GapStatistic.compute(x, ks: [3, 1, 5, 2, 4], references: references,
                                                  segmenter: fixedSeedKMeans, seed: seed)
            #expect(result.ks == [1, 2, 3, 4, 5])
            #expect(result.references == references)

            // The principal-component box, from an SVD of the centered data (the paper's recipe).
            let n = x.rows, d = x.columns
            let mean = (0..<d).map { q in (0..<n).reduce(0.0) { $0 + x[$1, q] } / Double(n) }
            let centered = Matrix(rows: n, columns: d, elements: (0..<(n * d)).map { x[$0 / d, $0 % d] - mean[$0 % d] })
            let axes = try centered.singularValueDecomposition().vt
            func coordinates(_ row: [Double]) -> [Double] {
                (0..<d).map { j in (0..<d).reduce(0.0) { $0 + (row[$1] - mean[$1]) * axes[j, $1] } }
            }
            let dataCoordinates = (0..<n).map { coordinates(Array(x.row($0))) }
            let low = (0..<d).map { j in dataCoordinates.map { $0[j] }.min()! }
            let high = (0..<d).map { j in dataCoordinates.map { $0[j] }.max()! }

            var referenceLogW = [[Double]](repeating: [], count: 5)
            for b in 0..<references {
                let reference = try GapStatistic.referenceSet(x, index: b, seed: seed)
                #expect(reference.rows == n && reference.columns == d)
                let drawn = (0..<n).map { coordinates(Array(reference.row($0))) }
                for j in 0..<d {
                    let values = drawn.map { $0[j] }
                    let width = high[j] - low[j]
                    // Inside the box, and filling it.
                    #expect(values.min()! >= low[j] - 1e-9 * width && values.max()! <= high[j] + 1e-9 * width)
                    #expect(values.min()! < low[j] + 0.1 * width && values.max()! > high[j] - 0.1 * width)
                }
                for (position, k) in (1...5).enumerated() {
                    let labels = try fixedSeedLabels(reference, k: k)
                    referenceLogW[position].append(log(pairwiseDispersion(reference, labels: labels)))
                }
            }
            var gap: [Double] = [], error: [Double] = []
            for (position, k) in (1...5).enumerated() {
                let logW = log(pairwiseDispersion(x, labels: try fixedSeedLabels(x, k: k)))
                let values = referenceLogW[position]
                let expected = values.reduce(0, +) / Double(references)
                let squares = values.map { ($0 - expected) * ($0 - expected) }
                let sd = (squares.reduce(0, +) / Double(references)).squareRoot()
                #expect(closeRelative(result.logW[position], logW))
                #expect(closeRelative(result.expectedLogW[position], expected))
                #expect(abs(result.standardDeviation[position] - sd) <= 1e-9 * max(sd, 1e-3))
                #expect(abs(result.standardError[position] - sd * (1 + 1 / Double(references)).squareRoot())
                        <= 1e-9 * max(sd, 1e-3))
                for b in 0..<references { #expect(closeRelative(result.referenceLogW[position][b], values[b])) }
                gap.append(expected - logW)
                error.append(sd * (1 + 1 / Double(references)).squareRoot())
                #expect(abs(result.gap[position] - gap[position]) <= 1e-9 * max(abs(expected), 1))
            }
            let rule = (0..<4).first { gap[$0] >= gap[$0 + 1] - error[$0 + 1] }.map { $0 + 1 }
            #expect(result.recommendedK == rule)
            #expect(result.recommendedK == 3)
        }

        @Test("the caller's own labels replace the data clustering for their k only")
        func suppliedLabels() throws {
            let (x, truth) = separatedBlobs(squareCorners, perBlob: 25, seed: 8)
            let plain = try GapStatistic.compute(x, ks: [2, 3, 4], references: 3, segmenter: fixedSeedKMeans, seed: 5)
            let same = try GapStatistic.compute(x, ks: [2, 3, 4], references: 3, segmenter: fixedSeedKMeans, seed: 5,
                                                dataLabels: [4: try fixedSeedLabels(x, k: 4)])
            #expect(same == plain)
            let scrambled = truth.indices.map { Int32($0 % 4) }
            let other = try GapStatistic.compute(x, ks: [2, 3, 4], references: 3, segmenter: fixedSeedKMeans, seed: 5,
                                                 dataLabels: [4: scrambled])
            #expect(other.logW[0] == plain.logW[0] && other.logW[1] == plain.logW[1])
            #expect(closeRelative(other.logW[2], log(pairwiseDispersion(x, labels: scrambled))))
            #expect(other.referenceLogW == plain.referenceLogW)
        }

        @Test("four separated blobs: the gap and the elbow both say 4")
        func fourBlobs() throws {
            let (x, _) = separatedBlobs(squareCorners, perBlob: 50, seed: 21)
            let result = try GapStatistic.compute(x, ks: Array(1...8), references: 10,
                                                  segmenter: .kMeans(restarts: 1), seed: 2024)
            #expect(result.recommendedK == 4)
            #expect(result.gap[3] > result.gap[2])
            #expect(Elbow.farthestFromChord(ks: result.ks, values: result.logW.map { exp($0) }) == 4)
        }

        @Test("the rule picks the smallest k whose gap is within one error of the next")
        func rule() {
            #expect(GapStatistic.recommendation(ks: [1, 2, 3, 4], gap: [0.1, 0.5, 0.9, 0.85],
                                                standardError: [0.01, 0.01, 0.01, 0.01]) == 3)
            // Within one standard error of the next counts: 0.5 ≥ 0.55 − 0.06.
            #expect(GapStatistic.recommendation(ks: [1, 2, 3], gap: [0.1, 0.5, 0.55],
                                                standardError: [0.06, 0.06, 0.06]) == 2)
            // Still rising at the largest k tried: no recommendation.
            #expect(GapStatistic.recommendation(ks: [2, 3, 4], gap: [0.1, 0.3, 0.5], standardError: [0, 0, 0]) == nil)
            #expect(GapStatistic.recommendation(ks: [2], gap: [0.1], standardError: [0]) == nil)
        }
    }
}

// MARK: - Elbow

extension SelectionTests {
    @Suite("Elbow")
    struct ElbowTests {
        @Test("the point farthest from the chord after scaling both axes")
        func handWorked() {
            // Scaled: x = 0, .25, .5, .75, 1; y = 1, .318, .091, .034, 0; distance ∝ |x + y − 1|:
            // k = 2: .432, k = 3: .409, k = 4: .216.
            #expect(Elbow.farthestFromChord(ks: [1, 2, 3, 4, 5], values: [100, 40, 20, 15, 12]) == 2)
            // y = 1, .773, .091, .034, 0: k = 2: .023, k = 3: .409, k = 4: .216.
            #expect(Elbow.farthestFromChord(ks: [1, 2, 3, 4, 5], values: [100, 80, 20, 15, 12]) == 3)
            // Order of the input does not matter; units do not either.
            #expect(Elbow.farthestFromChord(ks: [5, 3, 1, 2, 4], values: [12e6, 20e6, 100e6, 80e6, 15e6]) == 3)
        }

        @Test("no elbow for fewer than 3 points, a flat or straight curve, or repeated ks")
        func none() {
            #expect(Elbow.farthestFromChord(ks: [1, 2], values: [10, 5]) == nil)
            #expect(Elbow.farthestFromChord(ks: [], values: []) == nil)
            #expect(Elbow.farthestFromChord(ks: [1, 2, 3], values: [4, 4, 4]) == nil)
            #expect(Elbow.farthestFromChord(ks: [2, 4, 6, 8], values: [40, 30, 20, 10]) == nil)
            #expect(Elbow.farthestFromChord(ks: [2, 2, 3], values: [40, 30, 20]) == nil)
            #expect(Elbow.farthestFromChord(ks: [1, 2, 3], values: [40, .nan, 20]) == nil)
        }
    }
}

// MARK: - Bootstrap stability

extension SelectionTests {
    @Suite("Bootstrap stability")
    struct BootstrapStabilityTests {
        @Test("Jaccard of the best match, worked by hand")
        func handWorkedJaccard() {
            // Original {0,1,2} {3,4,5}; resample clusters {0,1} {2,3,4,5}.
            // Cluster 0: best is {0,1}: 2/3 (against {2,3,4,5}: 1/6). Cluster 1: {2,3,4,5}: 3/4.
            let scores = BootstrapStability.bestJaccards([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 1, 1], k: 2)
            #expect(abs(scores[0] - 2.0 / 3) < 1e-15)
            #expect(scores[1] == 0.75)
            // A cluster with no row in the resample scores 0; label numbers do not matter.
            #expect(BootstrapStability.bestJaccards([0, 0, 2, 2], [1, 1, 0, 0], k: 3) == [1, 0, 1])
        }

        @Test("matches an independent computation on the same resamples")
        func independentComputation() throws {
            let (x, _) = separatedBlobs([[0, 0], [3, 0], [0, 3]], perBlob: 40, spread: 1, seed: 4)
            let labels = try fixedSeedLabels(x, k: 3)
            let seed: UInt64 = 31, resamples = 6
            let result = try BootstrapStability.assess(x, labels: labels, k: 3, resamples: resamples,
                                                       segmenter: fixedSeedKMeans, seed: seed)
            var expected = [[Double]](repeating: [], count: 3)
            var rand: [Double] = [], between: [Double] = []
            var previous: [Int: Int32] = [:]
            for b in 0..<resamples {
                let rows = BootstrapStability.resample(rows: x.rows, index: b, seed: seed)
                #expect(rows == Array(Set(rows)).sorted())
                #expect(rows.count > x.rows / 2 && rows.count < x.rows * 3 / 4)
                let drawn = try fixedSeedLabels(x.rows(at: rows), k: 3)
                for c in 0..<3 {
                    let original = Set(rows.filter { labels[$0] == Int32(c) })
                    let best = (0..<3).map { r in
                        setJaccard(original, Set(rows.indices.filter { drawn[$0] == Int32(r) }.map { rows[$0] }))
                    }.max()!
                    expected[c].append(best)
                }
                rand.append(adjustedRandIndex(rows.map { labels[$0] }, drawn))
                let current = Dictionary(uniqueKeysWithValues: zip(rows, drawn))
                if b > 0 {
                    let shared = rows.filter { previous[$0] != nil }
                    between.append(adjustedRandIndex(shared.map { previous[$0]! }, shared.map { current[$0]! }))
                }
                previous = current
            }
            #expect(result.jaccard.count == 3)
            for c in 0..<3 {
                for b in 0..<resamples { #expect(abs(result.jaccard[c][b] - expected[c][b]) < 1e-14) }
                let mean = expected[c].reduce(0, +) / Double(resamples)
                #expect(abs(result.meanJaccard[c] - mean) < 1e-14)
                #expect(result.dissolved[c] == expected[c].filter { $0 <= 0.5 }.count)
                #expect(result.recovered[c] == expected[c].filter { $0 > 0.75 }.count)
                #expect(result.readings[c] == BootstrapStability.Reading(meanJaccard: mean))
            }
            #expect(abs(result.meanAdjustedRandIndex - rand.reduce(0, +) / Double(resamples)) < 1e-14)
            let meanBetween = between.reduce(0, +) / Double(resamples - 1)
            #expect(abs(result.meanAdjustedRandIndexBetweenResamples! - meanBetween) < 1e-14)
        }

        @Test("well-separated blobs are highly stable; uniform noise is less so")
        func blobsAgainstNoise() throws {
            let (x, _) = separatedBlobs(squareCorners, perBlob: 150, seed: 12)
            let labels = try Segmenter.kMeans(restarts: 1).segment(x, k: 4, seed: 1)
            let blobs = try BootstrapStability.assess(x, labels: labels, k: 4, resamples: 20,
                                                      segmenter: .kMeans(restarts: 1), seed: 6)
            #expect(blobs.readings == [BootstrapStability.Reading](repeating: .highlyStable, count: 4))
            #expect(blobs.meanJaccard.allSatisfy { $0 >= 0.85 })
            #expect(blobs.meanAdjustedRandIndex > 0.95)
            #expect(blobs.meanAdjustedRandIndexBetweenResamples! > 0.9)

            let noise = uniformNoise(rows: 600, columns: 2, seed: 13)
            let noiseLabels = try Segmenter.kMeans(restarts: 1).segment(noise, k: 5, seed: 1)
            let unstable = try BootstrapStability.assess(noise, labels: noiseLabels, k: 5, resamples: 20,
                                                         segmenter: .kMeans(restarts: 1), seed: 6)
            let mean = { (values: [Double]) in values.reduce(0, +) / Double(values.count) }
            #expect(mean(unstable.meanJaccard) < mean(blobs.meanJaccard) - 0.05)
            #expect(unstable.meanAdjustedRandIndex < blobs.meanAdjustedRandIndex)
        }

        @Test("Hennig's readings at their boundaries")
        func readings() {
            #expect(BootstrapStability.Reading(meanJaccard: 0.85) == .highlyStable)
            #expect(BootstrapStability.Reading(meanJaccard: 0.8499) == .stable)
            #expect(BootstrapStability.Reading(meanJaccard: 0.75) == .stable)
            #expect(BootstrapStability.Reading(meanJaccard: 0.7499) == .doubtful)
            #expect(BootstrapStability.Reading(meanJaccard: 0.6) == .doubtful)
            #expect(BootstrapStability.Reading(meanJaccard: 0.5999) == .dissolved)
            #expect(BootstrapStability.Reading.highlyStable.description == "highly stable")
        }
    }
}

// MARK: - Consensus

extension SelectionTests {
    @Suite("Consensus")
    struct ConsensusTests {
        /// Four blobs plus four rows halfway between the sample means of blobs 0 and 1.
        static func blobsWithMidpoints() -> (x: Matrix<Double>, truth: [Int32], midpoints: Range<Int>) {
            let (blobs, truth) = separatedBlobs(squareCorners, perBlob: 100, spread: 1.5, seed: 17)
            func blobMean(_ c: Int32) -> [Double] {
                let rows = truth.indices.filter { truth[$0] == c }
                return (0..<2).map { q in rows.reduce(0.0) { $0 + blobs[$1, q] } / Double(rows.count) }
            }
            let a = blobMean(0), b = blobMean(1)
            var rows = (0..<blobs.rows).map { Array(blobs.row($0)) }
            for offset in [-0.3, -0.1, 0.1, 0.3] { rows.append([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2 + offset]) }
            return (Matrix(rows), truth, blobs.rows..<rows.count)
        }

        @Test("both paths recover the blobs; confidence is high on them and lower between two",
              arguments: [(5_000, 0.8), (0, 0.8)])
        func recoversBlobs(limit: Int, subsample: Double) throws {
            let (x, truth, midpoints) = Self.blobsWithMidpoints()
            let result = try Consensus.fit(x, k: 4, runs: 30, subsample: subsample, segmenter: .kMeans(restarts: 1),
                                           seed: 3, coAssociationLimit: limit)
            #expect(result.method == (limit > 0 ? Consensus.coAssociationMethod : Consensus.alignedVoteMethod))
            #expect(result.runs == 30)
            #expect(adjustedRandIndex(Array(result.labels[0..<truth.count]), truth) > 0.95)
            #expect(result.confidence.allSatisfy { $0 >= 0 && $0 <= 1 })
            let blobConfidence = result.confidence[0..<truth.count].reduce(0, +) / Double(truth.count)
            let midpointConfidence = result.confidence[midpoints].reduce(0, +) / Double(midpoints.count)
            #expect(blobConfidence > 0.9)
            #expect(midpointConfidence < blobConfidence - 0.15)
            // Numbered by size: 0 the largest.
            let sizes = (0..<4).map { c in result.labels.filter { $0 == Int32(c) }.count }
            #expect(sizes == sizes.sorted(by: >))
        }

        @Test("full-data runs with different seeds agree on separated blobs", arguments: [5_000, 0])
        func fullData(limit: Int) throws {
            let (x, truth) = separatedBlobs(squareCorners, perBlob: 60, seed: 19)
            let result = try Consensus.fit(x, k: 4, runs: 10, segmenter: .kMeans(restarts: 1), seed: 8,
                                           coAssociationLimit: limit)
            #expect(adjustedRandIndex(result.labels, truth) > 0.95)
            #expect(result.confidence.reduce(0, +) / Double(x.rows) > 0.9)
        }
    }
}

// MARK: - Determinism and errors

extension SelectionTests {
    @Suite("Model selection: determinism and errors")
    struct SelectionDeterminismTests {
        @Test("the same seed gives identical results on 1 and 2 threads")
        func threadIndependence() throws {
            // Enough rows that k-means and the gathers split into several fixed row groups.
            let (x, _) = separatedBlobs([[0, 0, 0], [5, 0, 0], [0, 5, 0]], perBlob: 5_000, spread: 1.5, seed: 50)
            let labels = try Segmenter.kMeans(restarts: 1).segment(x, k: 3, seed: 2)
            func run() throws -> (GapStatistic.Result, BootstrapStability.Result, Consensus.Result) {
                (try GapStatistic.compute(x, ks: [1, 2, 3], references: 2, segmenter: .kMeans(restarts: 1), seed: 9),
                 try BootstrapStability.assess(x, labels: labels, k: 3, resamples: 3, segmenter: .kMeans(restarts: 1),
                                               seed: 9),
                 try Consensus.fit(x, k: 3, runs: 5, subsample: 0.95, segmenter: .kMeans(restarts: 1), seed: 9))
            }
            let one = try ParallelFor.$threadLimit.withValue(1) { try run() }
            let two = try ParallelFor.$threadLimit.withValue(2) { try run() }
            let again = try ParallelFor.$threadLimit.withValue(2) { try run() }
            #expect(one.0 == two.0 && one.1 == two.1 && one.2 == two.2)
            #expect(two.0 == again.0 && two.1 == again.1 && two.2 == again.2)
            #expect(one.2.method == Consensus.alignedVoteMethod)
        }

        @Test("co-association is identical on 1 and 2 threads")
        func coAssociationThreads() throws {
            let (x, _) = separatedBlobs(squareCorners, perBlob: 60, spread: 3, seed: 51)
            let fit = { try Consensus.fit(x, k: 4, runs: 8, subsample: 0.7, segmenter: .kMeans(restarts: 1), seed: 4) }
            let one = try ParallelFor.$threadLimit.withValue(1) { try fit() }
            let two = try ParallelFor.$threadLimit.withValue(2) { try fit() }
            #expect(one == two)
            #expect(one.method == Consensus.coAssociationMethod)
        }

        @Test("a different seed draws different reference sets and resamples")
        func seedsMatter() throws {
            let (x, _) = separatedBlobs(squareCorners, perBlob: 20, seed: 52)
            let first = try GapStatistic.referenceSet(x, index: 0, seed: 1)
            #expect(try first != GapStatistic.referenceSet(x, index: 0, seed: 2))
            #expect(try first != GapStatistic.referenceSet(x, index: 1, seed: 1))
            #expect(BootstrapStability.resample(rows: 80, index: 0, seed: 1)
                    != BootstrapStability.resample(rows: 80, index: 1, seed: 1))
        }

        @Test("invalid requests are refused with a ModelSelectionError")
        func errors() throws {
            let (x, truth) = separatedBlobs(squareCorners, perBlob: 5, seed: 53)
            let kMeans = Segmenter.kMeans(restarts: 1)
            #expect(throws: ModelSelectionError.self) {
                try GapStatistic.compute(x, ks: [], segmenter: kMeans, seed: 1)
            }
            #expect(throws: ModelSelectionError.self) {
                try GapStatistic.compute(x, ks: [0, 2], segmenter: kMeans, seed: 1)
            }
            #expect(throws: ModelSelectionError.self) {
                try GapStatistic.compute(x, ks: [2, 21], segmenter: kMeans, seed: 1)
            }
            #expect(throws: ModelSelectionError.self) { try GapStatistic.compute(x, ks: [2, 2], segmenter: kMeans, seed: 1) }
            #expect(throws: ModelSelectionError.self) {
                try GapStatistic.compute(x, ks: [2, 3], references: 0, segmenter: kMeans, seed: 1)
            }
            #expect(throws: ModelSelectionError.self) {
                try GapStatistic.compute(x, ks: [2, 3], segmenter: kMeans, seed: 1, dataLabels: [5: truth])
            }
            #expect(throws: ModelSelectionError.self) {
                try GapStatistic.compute(x, ks: [2, 3], segmenter: kMeans, seed: 1, dataLabels: [3: truth])
            }
            var bad = x
            bad[3, 1] = .nan
            #expect(throws: ModelSelectionError.self) { try GapStatistic.compute(bad, ks: [2], segmenter: kMeans, seed: 1) }

            #expect(throws: ModelSelectionError.self) {
                try BootstrapStability.assess(x, labels: [Int32](repeating: 0, count: 20), k: 1, segmenter: kMeans, seed: 1)
            }
            #expect(throws: ModelSelectionError.self) {
                try BootstrapStability.assess(x, labels: truth, k: 21, segmenter: kMeans, seed: 1)
            }
            #expect(throws: ModelSelectionError.self) {
                try BootstrapStability.assess(x, labels: truth, k: 4, resamples: 0, segmenter: kMeans, seed: 1)
            }
            #expect(throws: ModelSelectionError.self) {
                try BootstrapStability.assess(x, labels: truth, k: 3, segmenter: kMeans, seed: 1)
            }
            #expect(throws: ModelSelectionError.self) {
                try BootstrapStability.assess(x, labels: Array(truth.dropLast()), k: 4, segmenter: kMeans, seed: 1)
            }
            #expect(throws: ModelSelectionError.self) {
                try BootstrapStability.assess(x, labels: truth.map { $0 == 3 ? 0 : $0 }, k: 4, segmenter: kMeans, seed: 1)
            }

            #expect(throws: ModelSelectionError.self) { try Consensus.fit(x, k: 1, segmenter: kMeans, seed: 1) }
            #expect(throws: ModelSelectionError.self) { try Consensus.fit(x, k: 21, segmenter: kMeans, seed: 1) }
            #expect(throws: ModelSelectionError.self) { try Consensus.fit(x, k: 3, runs: 0, segmenter: kMeans, seed: 1) }
            #expect(throws: ModelSelectionError.self) {
                try Consensus.fit(x, k: 3, subsample: 0, segmenter: kMeans, seed: 1)
            }
            #expect(throws: ModelSelectionError.self) {
                try Consensus.fit(x, k: 3, subsample: 1.5, segmenter: kMeans, seed: 1)
            }
            // 2 of 20 rows per run, 2 runs: most rows are never drawn.
            #expect(throws: ModelSelectionError.self) {
                try Consensus.fit(x, k: 2, runs: 2, subsample: 0.1, segmenter: kMeans, seed: 1)
            }
            // A segmenter breaking its contract is caught at the boundary, not in a kernel.
            let broken = Segmenter(name: "broken") { x, k, _ in [Int32](repeating: Int32(k), count: x.rows) }
            #expect(throws: ModelSelectionError.self) { try Consensus.fit(x, k: 3, segmenter: broken, seed: 1) }
        }
    }
}

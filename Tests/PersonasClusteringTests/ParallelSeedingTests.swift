import Foundation
@testable import PersonasClustering
import PersonasNumerics
import PersonasTestSupport
import Testing

/// The centers (k × d, shifted coordinates) as rows.
private func centerRows(_ centers: [Double], d: Int) -> [[Double]] {
    stride(from: 0, to: centers.count, by: d).map { Array(centers[$0..<($0 + d)]) }
}

/// Σ w · min_j ‖x − c_j‖², the seeding potential.
private func potential<S>(_ data: KMeansData<S>, _ centers: [Double], k: Int) -> Double {
    var labels = [Int32](repeating: -1, count: data.n)
    return data.assign(centers, k: k, labels: &labels, accumulate: false).inertia
}

private func seeding<S>(_ data: KMeansData<S>, k: Int, seed: UInt64) -> [Double] {
    var generator = SeededGenerator(seed: seed)
    return data.parallelCenters(k: k, rounds: 5, oversampling: 2, generator: &generator)
}

@Suite("k-means|| seeding")
struct ParallelSeedingTests {
    @Test("on well-separated blobs the seeds land one per blob")
    func onePerBlob() {
        let k = 8, d = 5
        let x: Matrix<Double> = blobs(n: 20_000, d: d, k: k, spread: 0.5, seed: 11)
        let data = KMeansData(x, weights: nil, chunkRows: 256)
        // Row i belongs to blob i % k; the blob means in the shifted coordinates.
        var means = [[Double]](repeating: [Double](repeating: 0, count: d), count: k)
        for i in 0..<data.n {
            let row = data.shiftedRow(i)
            for q in 0..<d { means[i % k][q] += row[q] / Double(data.n / k) }
        }
        let runs = 200
        var onePerBlob = 0
        for seed in 0..<runs {
            let centers = seeding(data, k: k, seed: UInt64(seed))
            #expect(centers.count == k * d)
            let hit = Set(centerRows(centers, d: d).map { center in
                (0..<k).min { a, b in
                    zip(center, means[a]).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
                        < zip(center, means[b]).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
                }!
            })
            if hit.count == k { onePerBlob += 1 }
        }
        #expect(onePerBlob * 100 >= 95 * runs, "\(onePerBlob) of \(runs)")
    }

    @Test("the mean seeding potential is within 1.5x of greedy k-means++'s", arguments: [
        (10, 3.0, UInt64(12)),  // overlapping blobs, k = number of blobs
        (25, 2.0, UInt64(13)),  // more centers than blobs
    ])
    func potentialAgainstPlusPlus(k: Int, spread: Double, dataSeed: UInt64) {
        let x: Matrix<Double> = blobs(n: 2_000, d: 4, k: 10, spread: spread, seed: dataSeed)
        let data = KMeansData(x, weights: nil, chunkRows: 256)
        let runs = 200
        var parallel = 0.0, greedy = 0.0
        for seed in 0..<runs {
            parallel += potential(data, seeding(data, k: k, seed: UInt64(seed)), k: k)
            var generator = SeededGenerator(seed: UInt64(seed))
            greedy += potential(data, data.plusPlusCenters(k: k, trials: 2 + Int(log(Double(k))), generator: &generator),
                                k: k)
        }
        let ratio = parallel / greedy
        #expect(ratio <= 1.5, "k-means|| \(parallel / Double(runs)) vs k-means++ \(greedy / Double(runs))")
    }

    @Test("the same seed gives identical bits on 1, 2 and 4 threads")
    func threadIndependence() {
        // 50,000 rows: 12 fixed row groups, so the per-group random streams are exercised.
        let x: Matrix<Double> = blobs(n: 50_000, d: 6, k: 8, spread: 4, seed: 5)
        var rng = SeededGenerator(seed: 3)
        let weights = (0..<x.rows).map { _ in rng.nextUnitDouble() * 3 }
        let cases = [(KMeansData(x, weights: nil, chunkRows: 256), 8), (KMeansData(x, weights: weights, chunkRows: 256), 40)]
        for (data, k) in cases {
            let reference = ParallelFor.$threadLimit.withValue(1) { seeding(data, k: k, seed: 77) }
            #expect(reference.count == k * 6 && reference.allSatisfy(\.isFinite))
            for threads in [2, 4] {
                let centers = ParallelFor.$threadLimit.withValue(threads) { seeding(data, k: k, seed: 77) }
                #expect(centers.map(\.bitPattern) == reference.map(\.bitPattern), "\(threads) threads, k = \(k)")
            }
        }
    }

    @Test("rows of weight 0 are never chosen")
    func zeroWeights() {
        // Four weighted blobs and a far-away blob of weight 0: no center goes near it.
        let near: Matrix<Double> = blobs(n: 3_000, d: 3, k: 4, spread: 1, seed: 21)
        let far: Matrix<Double> = blobs(n: 500, d: 3, k: 1, spread: 1, seed: 22)
        let x = Matrix(rows: 3_500, columns: 3, elements: near.elements + far.elements.map { $0 + 1_000 })
        let weights = [Double](repeating: 1, count: 3_000) + [Double](repeating: 0, count: 500)
        let data = KMeansData(x, weights: weights, chunkRows: 256)
        for seed in 0..<50 {
            let centers = seeding(data, k: 4, seed: UInt64(seed))
            let original = centers.enumerated().map { $0.element + data.mean[$0.offset % 3] }
            #expect(original.allSatisfy { abs($0) < 100 }, "seed \(seed): \(original)")
        }

        // Only 12 of 300 rows have weight, k = 12: the centers are exactly those rows.
        let y: Matrix<Double> = randomMatrix(300, 4, seed: 23)
        var sparse = [Double](repeating: 0, count: 300)
        let weighted = stride(from: 7, to: 300, by: 25).map { $0 }
        for (index, i) in weighted.enumerated() { sparse[i] = Double(1 + index % 3) }
        let sparseData = KMeansData(y, weights: sparse, chunkRows: 256)
        let expected = Set(weighted.map { sparseData.shiftedRow($0) })
        for seed in 0..<50 {
            let centers = seeding(sparseData, k: weighted.count, seed: UInt64(seed))
            #expect(Set(centerRows(centers, d: 4)) == expected, "seed \(seed)")
        }
    }

    @Test("k = 1, k = n and no rounds give valid centers")
    func edgeCases() {
        let x: Matrix<Double> = blobs(n: 1_000, d: 3, k: 4, seed: 31)
        let data = KMeansData(x, weights: nil, chunkRows: 256)
        for seed in 0..<20 {
            let one = seeding(data, k: 1, seed: UInt64(seed))
            #expect(one.count == 3 && one.allSatisfy(\.isFinite))
        }

        // k = n: every row is a center, exactly.
        let small: Matrix<Double> = randomMatrix(40, 3, seed: 32)
        let smallData = KMeansData(small, weights: nil, chunkRows: 256)
        let allRows = Set((0..<40).map { smallData.shiftedRow($0) })
        for seed in 0..<20 {
            let centers = seeding(smallData, k: 40, seed: UInt64(seed))
            #expect(centers.count == 40 * 3 && centers.allSatisfy(\.isFinite))
            #expect(Set(centerRows(centers, d: 3)) == allRows, "seed \(seed)")
        }

        // A single row; Float data with k = n.
        let single = KMeansData(Matrix<Double>([[1.5, -2]]), weights: nil, chunkRows: 256)
        #expect(seeding(single, k: 1, seed: 0) == [0, 0])
        let floatData = KMeansData(Matrix<Float>(converting: small), weights: nil, chunkRows: 16)
        let floatCenters = seeding(floatData, k: 40, seed: 5)
        #expect(Set(centerRows(floatCenters, d: 3)) == Set((0..<40).map { floatData.shiftedRow($0) }))

        // No rounds: k-means++ draws (one trial each) fill every center.
        var generator = SeededGenerator(seed: 9)
        let plain = data.parallelCenters(k: 6, rounds: 0, oversampling: 2, generator: &generator)
        #expect(plain.count == 6 * 3 && plain.allSatisfy(\.isFinite))
        #expect(Set(centerRows(plain, d: 3)).count == 6)
    }

    @Test("duplicate rows with three distinct points give the three points", arguments: [12, 9_000])
    func duplicates(n: Int) {
        let points: [[Double]] = [[0, 0], [1, 2], [5, -1]]
        let data = KMeansData(Matrix((0..<n).map { points[$0 % 3] }), weights: nil, chunkRows: 256)
        let expected = Set((0..<3).map { data.shiftedRow($0) })
        for seed in 0..<50 {
            let centers = seeding(data, k: 3, seed: UInt64(seed))
            #expect(Set(centerRows(centers, d: 2)) == expected, "seed \(seed)")
        }
        // k larger than the distinct points: still k finite centers, repeating the points.
        let more = seeding(data, k: 5, seed: 1)
        #expect(more.count == 10 && more.allSatisfy(\.isFinite))
        #expect(Set(centerRows(more, d: 2)) == expected)
    }
}

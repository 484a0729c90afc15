import Foundation
@testable import PersonasClustering
import PersonasNumerics
import PersonasTestSupport
import Testing

/// Rows `range` of `x` as their own matrix (a batch).
private func batch<S: BLASScalar>(_ x: Matrix<S>, _ range: Range<Int>) -> Matrix<S> {
    x.rows(at: range)
}

@Suite("Mini-batch k-means")
struct MiniBatchKMeansTests {
    @Test("streaming batches finds the same clusters as a full fit")
    func matchesFullFit() throws {
        // Shuffled blobs (the generator cycles through the blobs row by row), 20 batches.
        let x: Matrix<Double> = blobs(n: 20_000, d: 6, k: 5, spread: 1, seed: 21)
        var clusterer = MiniBatchKMeans<Double>(k: 5, seed: 3)
        for epoch in 0..<2 {
            for start in stride(from: 0, to: x.rows, by: 1_000) {
                try clusterer.partialFit(batch(x, start..<(start + 1_000)))
            }
            #expect(clusterer.rowsSeen == (epoch + 1) * x.rows)
        }
        let full = try KMeans.fit(x, KMeansConfiguration(k: 5, restarts: 4, seed: 1))
        let labels = try clusterer.predict(x)
        #expect(adjustedRandIndex(labels, full.labels) > 0.999)
        let inertia = clusterer.inertia(x, labels: labels)
        #expect(inertia < 1.01 * full.inertia, "\(inertia) vs \(full.inertia)")
        #expect(clusterer.centerWeights.reduce(0, +) == Double(2 * x.rows))
        #expect(clusterer.batchInertia.count == 40)
    }

    @Test("the same batches give identical centers on 1 and 2 threads")
    func threadIndependence() throws {
        let x: Matrix<Double> = blobs(n: 30_000, d: 4, k: 6, spread: 3, seed: 2)
        func run() throws -> Matrix<Double>? {
            var clusterer = MiniBatchKMeans<Double>(k: 6, seed: 9)
            for start in stride(from: 0, to: x.rows, by: 10_000) { try clusterer.partialFit(batch(x, start..<(start + 10_000))) }
            return clusterer.centers
        }
        let one = try ParallelFor.$threadLimit.withValue(1) { try run() }
        let two = try ParallelFor.$threadLimit.withValue(2) { try run() }
        #expect(one != nil && one == two)
    }

    @Test("each update moves a center to the weighted mean of all rows it was given")
    func runningMean() throws {
        // Two far-apart groups, k = 2: every batch row goes to its own group's center.
        let first = Matrix<Double>([[0, 0], [0, 2], [100, 100], [100, 102]])
        var clusterer = MiniBatchKMeans<Double>(k: 2, seed: 1)
        try clusterer.partialFit(first)
        try clusterer.partialFit(Matrix([[0, 4], [100, 104]]), weights: [2, 1])
        let centers = try #require(clusterer.centers)
        let low = centers[0, 0] < 50 ? 0 : 1
        // Low group: (0,0), (0,2), and (0,4) with weight 2 → y = (0 + 2 + 8) / 4.
        #expect(abs(centers[low, 1] - 2.5) < 1e-12)
        #expect(abs(centers[1 - low, 1] - 102) < 1e-12)
        #expect(clusterer.centerWeights.sorted() == [3, 4])
    }

    @Test("bad batches are refused")
    func validation() throws {
        var clusterer = MiniBatchKMeans<Double>(k: 3)
        #expect(throws: KMeansError.self) { try clusterer.partialFit(Matrix([[1.0, 2], [3, 4]])) }
        #expect(throws: KMeansError.self) { try clusterer.predict(Matrix([[1.0, 2]])) }
        try clusterer.partialFit(Matrix([[1.0, 2], [3, 4], [5, 6], [7, 8]]))
        #expect(throws: KMeansError.self) { try clusterer.partialFit(Matrix([[1.0, 2, 3]])) }
        #expect(throws: KMeansError.self) { try clusterer.partialFit(Matrix([[1.0, .infinity]])) }
        #expect(throws: KMeansError.self) { try clusterer.partialFit(Matrix([[1.0, 2]]), weights: [-1]) }
    }

    /// Issue 18, part 5 (library work out of the CLI): fails on main before this change, where
    /// the epochs and the labelling pass were written in the `kmeans --mini-batch` command and
    /// `fit(_:epochs:batchSize:)` and `label(_:batchSize:_:)` did not exist (a compile error).
    @Test("fit(_:epochs:batchSize:) streams the epochs as partialFit batches, and the labelling pass counts every row")
    func streamedEpochsAndLabels() throws {
        let x: Matrix<Double> = blobs(n: 5_000, d: 3, k: 4, spread: 1, seed: 8)
        var byHand = MiniBatchKMeans<Double>(k: 4, seed: 5)
        let starts = stride(from: 0, to: x.rows, by: 1_500)
        for _ in 0..<3 { for start in starts { try byHand.partialFit(batch(x, start..<min(x.rows, start + 1_500))) } }
        var streamed = MiniBatchKMeans<Double>(k: 4, seed: 5)
        try streamed.fit(x, epochs: 3, batchSize: 1_500)
        #expect(streamed.centers == byHand.centers)
        #expect(streamed.batchInertia == byHand.batchInertia && streamed.batchInertia.count == 12)

        var firstRows: [Int] = [], labels: [Int32] = []
        let pass = try streamed.label(x, batchSize: 1_500) { first, block in
            firstRows.append(first)
            labels += block
        }
        #expect(firstRows == [0, 1_500, 3_000, 4_500])
        #expect(labels == (try streamed.predict(x)))
        #expect(pass.rows == x.rows && pass.sizes.reduce(0, +) == x.rows)
        #expect(pass.sizes == (0..<4).map { j in labels.count { $0 == Int32(j) } })
        #expect(abs(pass.inertia - streamed.inertia(x, labels: labels)) <= 1e-9 * pass.inertia)
    }

    @Test("a labelling pass before any data is refused with the model's error")
    func labelBeforeFit() {
        let clusterer = MiniBatchKMeans<Double>(k: 2)
        #expect(throws: KMeansError.self) {
            _ = try clusterer.label(Matrix<Double>([[1, 2]]), batchSize: 10) { _, _ in }
        }
    }
}

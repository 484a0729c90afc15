import Foundation
@testable import PersonasClustering
import PersonasNumerics
import PersonasTestSupport
import Testing

private func rowsOf(_ x: Matrix<Double>) -> [Double] { x.elements }

private func shift(_ x: Matrix<Double>) -> [Double] {
    (0..<x.columns).map { q in (0..<x.rows).reduce(0.0) { $0 + x[$1, q] } / Double(x.rows) }
}

@Suite("Hierarchical clustering behaviour")
struct HierarchicalBehaviourTests {
    @Test("Ward's chunked, threaded scans give the bits of the single sequential scan", arguments: [1, 2, 3])
    func wardScansIndependentOfThreads(threads: Int) throws {
        let x: Matrix<Double> = blobs(n: 1_500, d: 5, k: 6, spread: 2, seed: 11)
        let columns = rowsOf(x).withUnsafeBufferPointer {
            CoordinateColumns($0, n: x.rows, d: x.columns, shift: shift(x), sizes: .init(repeating: 1, count: x.rows))
        }
        var sequential = WardChain(columns)
        sequential.parallelScanThreshold = .max
        let reference = sequential.run(n: x.rows)
        var chunked = WardChain(columns)
        chunked.parallelScanThreshold = 64
        chunked.scanChunk = 97
        let record = ParallelFor.$threadLimit.withValue(threads) { chunked.run(n: x.rows) }
        #expect(record.heights == reference.heights)
        #expect(record.representatives.map { [$0.0, $0.1] } == reference.representatives.map { [$0.0, $0.1] })
    }

    @Test("Prim's chunked, threaded scans give the bits of the sequential scan", arguments: [1, 2])
    func primIndependentOfThreads(threads: Int) throws {
        let x: Matrix<Double> = blobs(n: 1_200, d: 4, k: 5, spread: 3, seed: 12)
        let columns = rowsOf(x).withUnsafeBufferPointer {
            CoordinateColumns($0, n: x.rows, d: x.columns, shift: shift(x), sizes: .init(repeating: 1, count: x.rows))
        }
        let reference = MinimumSpanningTree.fromCoordinates(columns, metric: .squaredEuclidean, inverseNorms: nil,
                                                            parallelThreshold: .max) { $0 }
        let chunked = ParallelFor.$threadLimit.withValue(threads) {
            MinimumSpanningTree.fromCoordinates(columns, metric: .squaredEuclidean, inverseNorms: nil,
                                                parallelThreshold: 50, chunk: 61) { $0 }
        }
        #expect(chunked.heights == reference.heights)
        #expect(chunked.representatives.map { [$0.0, $0.1] } == reference.representatives.map { [$0.0, $0.1] })
    }

    @Test("From coordinates and from the condensed matrix: the same tree", arguments: LinkageMethod.allCases)
    func coordinatePathsMatchCondensed(method: LinkageMethod) throws {
        let x: Matrix<Double> = blobs(n: 400, d: 6, k: 5, spread: 2, seed: 13)
        let fromCoordinates = try HierarchicalClustering.fit(x, HierarchicalConfiguration(method: method))
        let fromMatrix = try HierarchicalClustering.fit(distances: CondensedDistanceMatrix(x, metric: .euclidean),
                                                        method: method)
        #expect(fromCoordinates.merges.map { [$0.left, $0.right, $0.count] }
                == fromMatrix.merges.map { [$0.left, $0.right, $0.count] })
        let error = zip(fromCoordinates.merges, fromMatrix.merges).map { abs($0.height - $1.height) / $1.height }.max()!
        #expect(error < 1e-10)
    }

    @Test("Duplicated rows (ties everywhere) end, and give the heights of the condensed path",
          arguments: [LinkageMethod.ward, .single, .centroid, .median, .average])
    func duplicates(method: LinkageMethod) throws {
        let base: Matrix<Double> = blobs(n: 60, d: 3, k: 3, spread: 1, seed: 14)
        let x = base.rows(at: (0..<240).map { $0 % 60 })  // every row four times
        let tree = try HierarchicalClustering.fit(x, HierarchicalConfiguration(method: method))
        let condensed = try HierarchicalClustering.fit(distances: CondensedDistanceMatrix(x, metric: .euclidean),
                                                       method: method)
        #expect(tree.merges.filter { $0.height == 0 }.count == 180)
        let a = tree.merges.map(\.height).sorted(), b = condensed.merges.map(\.height).sorted()
        #expect(zip(a, b).allSatisfy { abs($0 - $1) <= 1e-10 * max($1, 1e-300) })
        #expect(try tree.labels(clusterCount: 3).count == 240)
    }

    @Test("Merge heights never decrease for the reducible methods; sizes add up",
          arguments: [LinkageMethod.single, .complete, .average, .weighted, .ward])
    func monotone(method: LinkageMethod) throws {
        for seed in 0..<5 as Range<UInt64> {
            let x = randomMatrix(150, 4, seed: seed)
            let tree = try HierarchicalClustering.fit(x, HierarchicalConfiguration(method: method))
            #expect(tree.isMonotonic)
            #expect(tree.merges.last!.count == 150 && tree.merges.last!.size == 150)
        }
    }

    @Test("Weights act as repeated rows for Ward, average and centroid")
    func weightsAreRepeats() throws {
        let x = randomMatrix(30, 3, seed: 21)
        let weights = (0..<30).map { Double(1 + $0 % 3) }
        let repeated = x.rows(at: (0..<30).flatMap { i in Array(repeating: i, count: Int(weights[i])) })
        for method in [LinkageMethod.ward, .average, .centroid] {
            let weighted = try HierarchicalClustering.fit(
                x, HierarchicalConfiguration(method: method, sampleWeights: weights))
            let plain = try HierarchicalClustering.fit(repeated, HierarchicalConfiguration(method: method))
            // The expanded tree first merges copies at height 0; its last 29 merges are the weighted ones.
            let tail = plain.merges.suffix(29).map(\.height)
            let error = zip(weighted.merges.map(\.height), tail).map { abs($0 - $1) / $1 }.max()!
            #expect(error < 1e-10, "\(method)")
        }
    }

    @Test("Cuts: one cluster, every observation alone, and a height below every merge")
    func cutExtremes() throws {
        let x = randomMatrix(50, 2, seed: 22)
        let tree = try HierarchicalClustering.fit(x, HierarchicalConfiguration(method: .average))
        #expect(try tree.labels(clusterCount: 1) == [Int32](repeating: 0, count: 50))
        #expect(Set(try tree.labels(clusterCount: 50)).count == 50)
        #expect(Set(try tree.labels(clusterCount: 80)).count == 50)
        #expect(Set(try tree.labels(height: 0)).count == 50)
        #expect(Set(try tree.labels(height: tree.merges.last!.height)).count == 1)
        let four = try tree.labels(clusterCount: 4)
        let sizes = (0..<4).map { j in four.filter { $0 == j }.count }
        #expect(sizes == sizes.sorted(by: >) && sizes.reduce(0, +) == 50)
        #expect(throws: HierarchicalError.self) { try tree.labels(clusterCount: 0) }
        #expect(throws: HierarchicalError.self) { try tree.labels(height: .nan) }
    }

    @Test("One and two observations")
    func tiny() throws {
        let one = try HierarchicalClustering.fit(Matrix<Double>([[1, 2]]), HierarchicalConfiguration())
        #expect(one.merges.isEmpty && one.leafOrder == [0])
        #expect(try one.labels(clusterCount: 3) == [0])
        let two = try HierarchicalClustering.fit(Matrix<Double>([[0, 0], [3, 4]]), HierarchicalConfiguration())
        #expect(two.merges == [Dendrogram.Merge(left: 0, right: 1, height: 5, size: 2, count: 2)])
    }

    @Test("Bad input is refused with a message saying what is wrong")
    func validation() throws {
        var bad = randomMatrix(10, 3, seed: 23) as Matrix<Double>
        bad[4, 2] = .nan
        #expect(throws: HierarchicalError.nonFinite(row: 4, column: 2)) {
            try HierarchicalClustering.fit(bad, HierarchicalConfiguration())
        }
        let x = randomMatrix(100, 3, seed: 24) as Matrix<Double>
        let tooBig = HierarchicalConfiguration(method: .complete, memoryLimitBytes: 1_000)
        do {
            _ = try HierarchicalClustering.fit(x, tooBig)
            Issue.record("expected the memory limit to refuse the condensed matrix")
        } catch {
            // Issue 18, part 5 (one byte-size formatter): fails on main before this change, where
            // this message said "39600 bytes" and "1000 bytes" by a formatter of its own.
            #expect(error.description.contains("n(n-1)/2 doubles = 40 KB, more than the 1 KB allowed"),
                    "\(error.description)")
            #expect(error.description.contains("ward"))
        }
        // Ward never needs the matrix, whatever the limit.
        _ = try HierarchicalClustering.fit(x, HierarchicalConfiguration(method: .ward, memoryLimitBytes: 1_000))
        #expect(throws: HierarchicalError.self) {
            try HierarchicalClustering.fit(x, HierarchicalConfiguration(sampleWeights: [1, 2]))
        }
        #expect(throws: HierarchicalError.self) {
            try HierarchicalClustering.fit(x, HierarchicalConfiguration(sampleWeights: .init(repeating: 0, count: 100)))
        }
        var zeros = x
        for q in 0..<3 { zeros[7, q] = 0 }
        #expect(throws: HierarchicalError.self) {
            try HierarchicalClustering.fit(zeros, HierarchicalConfiguration(method: .single, metric: .cosine))
        }
        #expect(throws: HierarchicalError.self) {
            try Dendrogram(observationCount: 3, method: .ward, merges: [
                .init(left: 0, right: 1, height: 1, size: 2, count: 2),
                .init(left: 0, right: 3, height: 2, size: 3, count: 3),  // 0 was merged already
            ])
        }
        #expect(throws: HierarchicalError.self) { try CondensedDistanceMatrix(count: 3, values: [1, 2]) }
        #expect(throws: HierarchicalError.self) { try CondensedDistanceMatrix(count: 3, values: [1, -2, 3]) }
    }

    @Test("Single linkage on Gower: from the variables (MST) and from the condensed matrix agree")
    func gowerSingle() throws {
        var rng = SeededGenerator(seed: 25)
        let n = 120
        let numeric = (0..<n).map { _ in rng.nextUnitDouble() < 0.1 ? Double.nan : rng.nextStandardNormal() }
        let nominal = (0..<n).map { _ in Double(Int(rng.nextUnitDouble() * 4)) }
        let ordinal = (0..<n).map { _ in Double(1 + Int(rng.nextUnitDouble() * 5)) }
        let gower = try GowerDissimilarity([
            GowerVariable(name: "volume", kind: .interval, values: numeric),
            GowerVariable(name: "specialty", kind: .nominal, values: nominal),
            GowerVariable(name: "adoption", kind: .ordinal, values: ordinal),
        ])
        let direct = try HierarchicalClustering.fit(gower: gower, method: .single)
        let viaMatrix = try HierarchicalClustering.fit(distances: gower.condensed(), method: .single)
        #expect(direct.merges.map(\.height) == viaMatrix.merges.map(\.height))
        for k in [2, 4, 7] {
            #expect(try direct.labels(clusterCount: k) == viaMatrix.labels(clusterCount: k))
        }
        let average = try HierarchicalClustering.fit(gower: gower, method: .average)
        #expect(average.isMonotonic && average.merges.count == n - 1)
    }

    @Test("Hybrid Ward recovers plain Ward's segments (adjusted Rand index above 0.9)")
    func hybridAgreesWithWard() throws {
        let x: Matrix<Double> = blobs(n: 6_000, d: 8, k: 6, spread: 2, seed: 26)
        let plain = try HierarchicalClustering.fit(x, HierarchicalConfiguration(method: .ward)).labels(clusterCount: 6)
        let hybrid = try HybridWard.fit(x, HybridWard.Configuration(microClusters: 200, seed: 1))
        let labels = try hybrid.labels(clusterCount: 6)
        #expect(adjustedRandIndex(labels, plain) > 0.9)
        #expect(hybrid.dendrogram.observationCount == 200)
        #expect(hybrid.dendrogram.merges.last!.size == 6_000)
        let sizes = (0..<6).map { j in labels.filter { $0 == j }.count }
        #expect(sizes == sizes.sorted(by: >))
        // The same seed gives the same segmentation.
        let again = try HybridWard.fit(x, HybridWard.Configuration(microClusters: 200, seed: 1))
        #expect(try again.labels(clusterCount: 6) == labels)
    }
}

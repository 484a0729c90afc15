import Foundation
import PersonasClustering
import PersonasNumerics
import PersonasTestSupport
import Testing

/// Random small data sets, each from its seed: a few Gaussian groups of random spread, and with
/// `ties`, values rounded to a coarse grid and some rows repeated (the cases where tie-breaking and
/// empty clusters are exercised).
private func randomData(_ random: inout SeededGenerator, rows n: Int, columns d: Int, ties: Bool) -> Matrix<Double> {
    let groups = 1 + random.nextInt(below: 5)
    let centers = (0..<(groups * d)).map { _ in 20 * random.nextUnitDouble() - 10 }
    let spread = 0.1 + 3 * random.nextUnitDouble()
    var rows: [[Double]] = []
    for _ in 0..<n {
        if ties && !rows.isEmpty && random.nextInt(below: 5) == 0 {
            rows.append(rows[random.nextInt(below: rows.count)])
            continue
        }
        let g = random.nextInt(below: groups)
        rows.append((0..<d).map { q in
            let value = centers[g * d + q] + spread * random.nextStandardNormal()
            return ties ? value.rounded() : value
        })
    }
    return Matrix(rows)
}

/// A random permutation of 0..<n.
private func permutation(_ n: Int, _ random: inout SeededGenerator) -> [Int] {
    var order = Array(0..<n)
    random.shuffle(&order)
    return order
}

@Suite("Clustering properties on random data")
struct ClusteringPropertyTests {
    @Test("k-means inertia never increases from one Lloyd (or Hamerly) iteration to the next, nor at the final assignment")
    func inertiaNeverIncreases() throws {
        var checked = 0
        try forEachRandomCase(300) { seed, random in
            let n = 10 + random.nextInt(below: 190), d = 1 + random.nextInt(below: 6)
            let x = randomData(&random, rows: n, columns: d, ties: random.nextInt(below: 2) == 0)
            let k = 1 + random.nextInt(below: min(8, n))
            let initializations: [KMeansConfiguration.Initialization] = [.kMeansPlusPlus(), .randomRows, .firstRows]
            let initialization = initializations[random.nextInt(below: 3)]
            let weights = random.nextInt(below: 3) == 0 ? (0..<n).map { _ in 0.5 + 3 * random.nextUnitDouble() } : nil
            let configuration = KMeansConfiguration(
                k: k, initialization: initialization, restarts: 1, tolerance: random.nextInt(below: 2) == 0 ? 0 : 1e-4,
                algorithm: random.nextInt(below: 2) == 0 ? .lloyd : .hamerly, seed: seed, sampleWeights: weights)
            let model = try KMeans.fit(x, configuration)
            let history = model.inertiaHistory
            // The history comes from expansions such as ‖x‖² − 2x·c + ‖c‖² (about the data mean),
            // whose rounding is relative to the total sum of squares; a genuine increase is far above.
            let means = (0..<d).map { q in (0..<n).reduce(0.0) { $0 + x[$1, q] } / Double(n) }
            let total = (0..<n).reduce(0.0) { sum, i in
                sum + (weights?[i] ?? 1) * (0..<d).reduce(0.0) { $0 + (x[i, $1] - means[$1]) * (x[i, $1] - means[$1]) }
            }
            let slack = 1e-10 * max(total, history.first ?? 0)
            for i in history.indices.dropFirst() where history[i] > history[i - 1] + slack {
                Issue.record("seed \(seed): inertia rose from \(history[i - 1]) to \(history[i]) at iteration \(i + 1)")
            }
            #expect(model.inertia <= (history.last ?? .infinity) + slack, "seed \(seed): final \(model.inertia) after \(history)")
            checked += 1
        }
        #expect(checked == 300)
    }

    @Test("k-means from given centers finds the same partition whatever the row order")
    func kMeansOrderFree() throws {
        try forEachRandomCase(200, firstSeed: 1_000) { seed, random in
            let n = 12 + random.nextInt(below: 150), d = 1 + random.nextInt(below: 5)
            let x = randomData(&random, rows: n, columns: d, ties: false)
            let k = 2 + random.nextInt(below: min(6, n / 2))
            // Distinct rows as the given initial centers: the same starting point for both orders.
            let start = Matrix(random.sampleWithoutReplacement(k, from: n).map { Array(x.row($0)) })
            let weights = random.nextInt(below: 3) == 0 ? (0..<n).map { _ in 0.5 + 3 * random.nextUnitDouble() } : nil
            let algorithm: KMeansConfiguration.Algorithm = random.nextInt(below: 2) == 0 ? .lloyd : .hamerly
            let order = permutation(n, &random)
            let shuffled = x.rows(at: order)
            func fit(_ data: Matrix<Double>, _ w: [Double]?) throws -> KMeansModel<Double> {
                try KMeans.fit(data, KMeansConfiguration(k: k, initialization: .centers(start), tolerance: 0,
                                                         algorithm: algorithm, seed: seed, sampleWeights: w))
            }
            let original = try fit(x, weights)
            let permuted = try fit(shuffled, weights.map { w in order.map { w[$0] } })
            // Row order[i] of the original is row i of the shuffled data.
            var back = [Int32](repeating: -1, count: n)
            for (i, row) in order.enumerated() { back[row] = permuted.labels[i] }
            #expect(canonicalLabels(back) == canonicalLabels(original.labels), "seed \(seed)")
            #expect(abs(permuted.inertia - original.inertia) <= 1e-9 * max(original.inertia, 1e-300), "seed \(seed)")
        }
    }

    @Test("merge heights never decrease, as merges and as parents over children, for the reducible linkages",
          arguments: [LinkageMethod.single, .complete, .average, .weighted, .ward])
    func monotoneHeights(method: LinkageMethod) throws {
        try forEachRandomCase(300, firstSeed: 2_000) { seed, random in
            let n = 2 + random.nextInt(below: 80), d = 1 + random.nextInt(below: 5)
            let x = randomData(&random, rows: n, columns: d, ties: random.nextInt(below: 2) == 0)
            let fromCoordinates = try HierarchicalClustering.fit(x, HierarchicalConfiguration(method: method))
            let fromMatrix = try HierarchicalClustering.fit(distances: CondensedDistanceMatrix(x, metric: .euclidean),
                                                            method: method)
            for (path, tree) in [("coordinates", fromCoordinates), ("condensed matrix", fromMatrix)] {
                #expect(tree.isMonotonic, "seed \(seed), \(method) from \(path): \(tree.merges.map(\.height))")
                for (k, merge) in tree.merges.enumerated() {
                    for child in [merge.left, merge.right] where child >= n {
                        let below = tree.merges[child - n].height
                        if merge.height < below {
                            Issue.record(Comment(rawValue: "seed \(seed), \(method) from \(path): merge \(k + 1) at "
                                                 + "\(merge.height) is below its child merge at \(below)"))
                        }
                    }
                }
            }
        }
    }

    @Test("hierarchical trees of data without distance ties do not depend on the row order",
          arguments: LinkageMethod.allCases)
    func hierarchicalOrderFree(method: LinkageMethod) throws {
        try forEachRandomCase(200, firstSeed: 3_000) { seed, random in
            let n = 3 + random.nextInt(below: 60), d = 1 + random.nextInt(below: 4)
            let x = randomData(&random, rows: n, columns: d, ties: false)
            let order = permutation(n, &random)
            let original = try HierarchicalClustering.fit(x, HierarchicalConfiguration(method: method))
            let permuted = try HierarchicalClustering.fit(x.rows(at: order), HierarchicalConfiguration(method: method))
            // The same merge heights (up to the rounding of centroid updates in another order)…
            let a = original.merges.map(\.height).sorted(), b = permuted.merges.map(\.height).sorted()
            let scale = max(a.last ?? 0, 1e-300)
            #expect(zip(a, b).allSatisfy { abs($0 - $1) <= 1e-9 * scale }, "seed \(seed), \(method)")
            // …and the same segments at every cut.
            for k in 2...min(6, n) {
                let labels = try original.labels(clusterCount: k), shuffled = try permuted.labels(clusterCount: k)
                var back = [Int32](repeating: -1, count: n)
                for (i, row) in order.enumerated() { back[row] = shuffled[i] }
                #expect(canonicalLabels(back) == canonicalLabels(labels), "seed \(seed), \(method), k = \(k)")
            }
        }
    }
}

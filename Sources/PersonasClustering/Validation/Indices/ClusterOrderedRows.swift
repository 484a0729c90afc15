import PersonasNumerics

/// The rows, centered and in Double, reordered so that each cluster's rows are contiguous: the
/// layout of the pairwise indices (silhouette, Dunn).
///
/// Contiguous clusters turn "sum this row's distances per cluster" into plain sums over column
/// ranges, with no scatter by label. Centering (by the column means) keeps the GEMM expansion
/// ‖x‖² − 2x·y + ‖y‖² accurate: its rounding error scales with the squared norms, which centering
/// makes as small as the data's spread allows. Double throughout, whatever the input precision
/// (see ``ValidityIndex/silhouette(_:labels:)`` for why). O(n·d) time and memory.
struct ClusterOrderedRows: Sendable {
    let n: Int
    let d: Int
    /// Position p holds original row `order[p]`.
    let order: [Int]
    /// Original row i sits at position `position[i]`.
    let position: [Int]
    /// Cluster c occupies positions `clusterStart[c]..<clusterStart[c + 1]` (k + 1 entries).
    let clusterStart: [Int]
    /// Each position's cluster.
    let clusterOf: [Int32]
    /// Centered rows by position (n × d, row-major).
    let centered: [Double]
    /// ‖centered row‖² by position.
    let norms: [Double]

    var k: Int { clusterStart.count - 1 }

    /// Sorts the rows by cluster (stable), checking on the way that the data are finite.
    init<S: BLASScalar>(_ x: Matrix<S>, labels: ClusterLabels, index: String) throws(ModelSelectionError) {
        let n = x.rows, d = x.columns, k = labels.k
        let sums = RowBlockReduction.sum(rows: n, width: d) { range, accumulator in
            x.withUnsafeBufferPointer { xs in
                for i in range {
                    let row = xs.baseAddress! + i * d
                    for q in 0..<d { accumulator[q] += Double(row[q]) }
                }
            }
        }
        try ValidityIndex.checkFinite(x, totals: sums, index: index)
        let mean = sums.map { $0 / Double(n) }

        var start = [Int](repeating: 0, count: k + 1)
        for c in 0..<k { start[c + 1] = start[c] + labels.counts[c] }
        var next = Array(start[0..<k])
        var order = [Int](repeating: 0, count: n)
        var position = [Int](repeating: 0, count: n)
        var clusterOf = [Int32](repeating: 0, count: n)
        for (i, code) in labels.codes.enumerated() {
            let p = next[Int(code)]
            next[Int(code)] += 1
            order[p] = i
            position[i] = p
            clusterOf[p] = code
        }

        var centered = [Double](repeating: 0, count: n * d)
        var norms = [Double](repeating: 0, count: n)
        x.withUnsafeBufferPointer { xs in
            centered.withUnsafeMutableBufferPointer { out in
                norms.withUnsafeMutableBufferPointer { nrm in
                    let groups = RowBlockReduction.groups(rows: n)
                    ParallelFor.forEachChunk(groups.count) { g in
                        for p in groups[g] {
                            let src = xs.baseAddress! + order[p] * d, dst = out.baseAddress! + p * d
                            var s = 0.0
                            for q in 0..<d {
                                let v = Double(src[q]) - mean[q]
                                dst[q] = v
                                s += v * v
                            }
                            nrm[p] = s
                        }
                    }
                }
            }
        }
        self.n = n
        self.d = d
        self.order = order
        self.position = position
        self.clusterStart = start
        self.clusterOf = clusterOf
        self.centered = centered
        self.norms = norms
    }

    /// Position ranges of at most `width` rows, each inside one cluster, in position order: the
    /// tiles of the pairwise loops. Depends only on the cluster sizes.
    func pieces(width: Int) -> [(range: Range<Int>, cluster: Int)] {
        var result: [(range: Range<Int>, cluster: Int)] = []
        for c in 0..<k {
            var lower = clusterStart[c]
            while lower < clusterStart[c + 1] {
                let upper = Swift.min(lower + width, clusterStart[c + 1])
                result.append((lower..<upper, c))
                lower = upper
            }
        }
        return result
    }
}

import PersonasNumerics

/// Each cluster's (weighted) centroid and the overall mean, from one pass over the data: the
/// first half of inertia, Calinski–Harabasz and Davies–Bouldin.
///
/// Rows are summed relative to a provisional origin (the mean of the first rows), so that the
/// sums stay small and exact even when the data sit far from zero; the centroids and the mean
/// are kept relative to it too, which makes their differences (Calinski–Harabasz's between-cluster
/// term, Davies–Bouldin's centroid distances) free of the offset. The pass runs over the fixed
/// row groups of ``RowBlockReduction`` in parallel and adds the groups' sums in group order, so
/// the result is the same on every thread count. O(n·d) time, O(groups·k·d) memory.
///
/// The one centroid routine of the libraries: the validity indices, and the segment centers of
/// a hierarchical segmentation and of merged small segments (PersonasSegmentation).
package struct ClusterCentroids: Sendable {
    let k: Int
    let d: Int
    /// The provisional origin (d).
    let origin: [Double]
    /// Total weight per cluster (the row count without weights).
    let weights: [Double]
    /// Centroids relative to ``origin`` (k × d, row-major); 0 for a cluster of zero weight.
    let relativeCentroids: [Double]
    /// The overall weighted mean relative to ``origin`` (d).
    let relativeMean: [Double]

    /// The weighted column sums relative to ``origin`` (d), whose finiteness proves the data's.
    private let columnTotals: [Double]

    /// The centroids in data coordinates (k × d).
    var centroids: [Double] {
        (0..<(k * d)).map { origin[$0 % d] + relativeCentroids[$0] }
    }

    /// The centroids in data coordinates as a k × d matrix (a row of zeros for an empty cluster).
    package var centroidMatrix: Matrix<Double> {
        Matrix(rows: k, columns: d, elements: (0..<(k * d)).map {
            weights[$0 / d] > 0 ? origin[$0 % d] + relativeCentroids[$0] : 0
        })
    }

    /// Computes the centroids, checking on the way that the data are finite.
    init<S: BLASScalar>(
        _ x: Matrix<S>, labels: [Int32], k: Int, weights: [Double]?, index: String
    ) throws(ModelSelectionError) {
        self.init(x, labels: labels, k: k, weights: weights)
        try ValidityIndex.checkFinite(x, totals: columnTotals, index: index)
    }

    /// Computes the centroids of data known to be finite.
    ///
    /// - Parameters:
    ///   - labels: each row's cluster, 0..<k.
    ///   - weights: per-row weights (finite, ≥ 0, checked by the caller), or nil for 1.
    package init<S: BLASScalar>(_ x: Matrix<S>, labels: [Int32], k: Int, weights: [Double]? = nil) {
        let n = x.rows, d = x.columns
        let head = Swift.min(n, 1024)
        let origin: [Double] = x.withUnsafeBufferPointer { xs in
            var sums = [Double](repeating: 0, count: d)
            for i in 0..<head { for q in 0..<d { sums[q] += Double(xs[i * d + q]) } }
            return sums.map { $0 / Double(head) }
        }
        let groups = RowBlockReduction.groups(rows: n)
        // Per group: k × d sums, then k weights, in one buffer.
        let width = k * d + k
        let partials: [[Double]] = ParallelFor.mapChunks(groups.count) { g in
            var accumulator = [Double](repeating: 0, count: width)
            x.withUnsafeBufferPointer { xs in
                labels.withUnsafeBufferPointer { ls in
                    origin.withUnsafeBufferPointer { o in
                        accumulator.withUnsafeMutableBufferPointer { acc in
                            Self.accumulate(xs.baseAddress!, d: d, rows: groups[g], labels: ls.baseAddress!,
                                            weights: weights, origin: o.baseAddress!, sums: acc.baseAddress!,
                                            weightSums: acc.baseAddress! + k * d)
                        }
                    }
                }
            }
            return accumulator
        }
        var total = [Double](repeating: 0, count: width)
        for partial in partials { for j in 0..<width { total[j] += partial[j] } }

        var columnTotals = [Double](repeating: 0, count: d)
        for c in 0..<k { for q in 0..<d { columnTotals[q] += total[c * d + q] } }

        let clusterWeights = Array(total[(k * d)...])
        var relative = [Double](repeating: 0, count: k * d)
        for c in 0..<k where clusterWeights[c] > 0 {
            for q in 0..<d { relative[c * d + q] = total[c * d + q] / clusterWeights[c] }
        }
        let weightTotal = clusterWeights.reduce(0, +)
        self.k = k
        self.d = d
        self.origin = origin
        self.weights = clusterWeights
        self.relativeCentroids = relative
        self.relativeMean = columnTotals.map { weightTotal > 0 ? $0 / weightTotal : 0 }
        self.columnTotals = columnTotals
    }

    /// Adds w·(x − origin) of each row in `rows` to its cluster's sums and w to its weight.
    private static func accumulate<S: BLASScalar>(
        _ x: UnsafePointer<S>, d: Int, rows: Range<Int>, labels: UnsafePointer<Int32>, weights: [Double]?,
        origin: UnsafePointer<Double>, sums: UnsafeMutablePointer<Double>, weightSums: UnsafeMutablePointer<Double>
    ) {
        if let weights {
            for i in rows {
                let row = x + i * d, c = Int(labels[i]), w = weights[i]
                let s = sums + c * d
                for q in 0..<d { s[q] += w * (Double(row[q]) - origin[q]) }
                weightSums[c] += w
            }
        } else {
            for i in rows {
                let row = x + i * d, c = Int(labels[i])
                let s = sums + c * d
                for q in 0..<d { s[q] += Double(row[q]) - origin[q] }
                weightSums[c] += 1
            }
        }
    }
}

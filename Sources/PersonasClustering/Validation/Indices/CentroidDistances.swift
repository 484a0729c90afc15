import PersonasNumerics

extension ClusterCentroids {
    /// Per-cluster sums over the rows of the squared distance to their centroid (times the row's
    /// weight) and, when `distances`, of the distance itself: the second pass of inertia,
    /// Calinski–Harabasz (within-cluster dispersion) and Davies–Bouldin (mean distance to the
    /// centroid).
    ///
    /// Exact: each distance comes from the differences x − c in Double (no ‖x‖² − 2x·c + ‖c‖²
    /// expansion, which loses digits for rows close to their centroid). Fixed row groups in
    /// parallel, added in group order. O(n·d) time.
    func withinClusterSums<S: BLASScalar>(
        _ x: Matrix<S>, labels: [Int32], weights: [Double]?, distances: Bool
    ) -> (squares: [Double], distances: [Double]) {
        let k = self.k, d = self.d
        let centers = centroids
        let groups = RowBlockReduction.groups(rows: x.rows)
        let partials: [[Double]] = ParallelFor.mapChunks(groups.count) { g in
            var accumulator = [Double](repeating: 0, count: 2 * k)
            x.withUnsafeBufferPointer { xs in
                labels.withUnsafeBufferPointer { ls in
                    centers.withUnsafeBufferPointer { cs in
                        accumulator.withUnsafeMutableBufferPointer { acc in
                            Self.sumDistances(xs.baseAddress!, d: d, rows: groups[g], labels: ls.baseAddress!,
                                              centers: cs.baseAddress!, weights: weights, distances: distances,
                                              squares: acc.baseAddress!, roots: acc.baseAddress! + k)
                        }
                    }
                }
            }
            return accumulator
        }
        var total = [Double](repeating: 0, count: 2 * k)
        for partial in partials { for j in 0..<(2 * k) { total[j] += partial[j] } }
        return (Array(total[0..<k]), Array(total[k...]))
    }

    private static func sumDistances<S: BLASScalar>(
        _ x: UnsafePointer<S>, d: Int, rows: Range<Int>, labels: UnsafePointer<Int32>, centers: UnsafePointer<Double>,
        weights: [Double]?, distances: Bool, squares: UnsafeMutablePointer<Double>, roots: UnsafeMutablePointer<Double>
    ) {
        for i in rows {
            let c = Int(labels[i])
            let s = squaredDistance(x + i * d, centers + c * d, d: d)
            squares[c] += weights.map { $0[i] * s } ?? s
            if distances { roots[c] += s.squareRoot() }
        }
    }

    /// ‖x − c‖² from differences, in four interleaved partial sums (q mod 4) so the additions
    /// do not wait on each other, added as (s0 + s1) + (s2 + s3), then the last d mod 4 terms.
    @inline(__always)
    static func squaredDistance<S: BLASScalar>(_ x: UnsafePointer<S>, _ c: UnsafePointer<Double>, d: Int) -> Double {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var q = 0
        while q + 4 <= d {
            let t0 = Double(x[q]) - c[q], t1 = Double(x[q + 1]) - c[q + 1]
            let t2 = Double(x[q + 2]) - c[q + 2], t3 = Double(x[q + 3]) - c[q + 3]
            s0 += t0 * t0
            s1 += t1 * t1
            s2 += t2 * t2
            s3 += t3 * t3
            q += 4
        }
        var s = (s0 + s1) + (s2 + s3)
        while q < d {
            let t = Double(x[q]) - c[q]
            s += t * t
            q += 1
        }
        return s
    }
}

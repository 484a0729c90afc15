import PersonasNumerics

/// Single linkage as Prim's minimum spanning tree (Müllner 2011, MST-linkage; SciPy's
/// `mst_single_linkage`): start from observation 0, repeatedly add the outside point closest to
/// the tree, and record (last added, new point, its distance to the tree). Sorted by height and
/// relabelled, those records are the single-linkage dendrogram. O(n²) distance evaluations, O(n)
/// memory beyond the data.
enum MinimumSpanningTree {
    /// Scans of more outside points than `parallelThreshold` are split over threads in chunks of
    /// `chunk` positions (a partition that depends on the count only, never on the threads).
    static let defaultParallelThreshold = 2_048
    static let defaultChunk = 2_048

    /// From coordinates: the outside points stay compacted by coordinate, so each step is one
    /// vectorised pass. `metric` is the kernel's; heights come out through `height`
    /// (sqrt for Euclidean, identity otherwise).
    static func fromCoordinates(
        _ points: CoordinateColumns, metric: LinkageKernels.PrimMetric, inverseNorms: [Double]?,
        parallelThreshold: Int = defaultParallelThreshold, chunk: Int = defaultChunk, height: (Double) -> Double
    ) -> MergeRecord {
        var points = points
        let n = points.count
        var record = MergeRecord(capacity: n - 1)
        guard n > 1 else { return record }
        var mind = [Double](repeating: .infinity, count: n)
        var inverse = inverseNorms ?? []
        let d = points.d, ld = points.ld
        var point = [Double](repeating: 0, count: d)
        var x = points.keyAt[0]
        var pointInverse = inverse.isEmpty ? 1 : inverse[0]
        point.withUnsafeMutableBufferPointer { points.copyPoint(at: 0, into: $0.baseAddress!) }
        removeOutside(&points, &mind, &inverse, at: 0)
        for _ in 0..<(n - 1) {
            let live = points.count
            let chunks = live > parallelThreshold ? (live + chunk - 1) / chunk : 1
            let chunkSize = (live + chunks - 1) / chunks
            let hits: [(Int, Double)] = points.ct.withUnsafeBufferPointer { ct in
                point.withUnsafeBufferPointer { p in
                    inverse.withUnsafeBufferPointer { inv in
                        mind.withUnsafeMutableBufferPointer { md in
                            ParallelFor.mapChunks(chunks) { c -> (Int, Double) in
                                let lower = c * chunkSize, upper = min(live, lower + chunkSize)
                                guard lower < upper else { return (-1, .infinity) }
                                let local = LinkageKernels.primUpdate(
                                    ct.baseAddress! + lower, ld: ld, d: d, m: upper - lower, point: p.baseAddress!,
                                    metric: metric, inverseNorms: inv.baseAddress.map { $0 + lower },
                                    pointInverseNorm: pointInverse, mind: md.baseAddress! + lower)
                                return (lower + local, md[lower + local])
                            }
                        }
                    }
                }
            }
            var best = -1, value = Double.infinity
            for (position, v) in hits where position >= 0 && (best < 0 || v < value) {
                best = position
                value = v
            }
            let y = points.keyAt[best]
            record.append(x, y, height: height(value))
            x = y
            if !inverse.isEmpty { pointInverse = inverse[best] }
            point.withUnsafeMutableBufferPointer { points.copyPoint(at: best, into: $0.baseAddress!) }
            removeOutside(&points, &mind, &inverse, at: best)
        }
        return record
    }

    private static func removeOutside(_ points: inout CoordinateColumns, _ mind: inout [Double],
                                      _ inverse: inout [Double], at position: Int) {
        let last = points.count - 1
        mind[position] = mind[last]
        if !inverse.isEmpty { inverse[position] = inverse[last] }
        points.remove(at: position)
    }

    /// From any dissimilarity given row by row: `distances(x, out)` writes d(x, j) for every j
    /// (its value at j == x and at tree points is ignored).
    static func fromRows(n: Int, distances: (Int, UnsafeMutablePointer<Double>) -> Void) -> MergeRecord {
        var record = MergeRecord(capacity: n - 1)
        guard n > 1 else { return record }
        var inTree = [Bool](repeating: false, count: n)
        var mind = [Double](repeating: .infinity, count: n)
        var row = [Double](repeating: 0, count: n)
        var x = 0
        for _ in 0..<(n - 1) {
            inTree[x] = true
            row.withUnsafeMutableBufferPointer { distances(x, $0.baseAddress!) }
            var y = -1, best = Double.infinity
            for i in 0..<n where !inTree[i] {
                if row[i] < mind[i] { mind[i] = row[i] }
                if y < 0 || mind[i] < best {
                    best = mind[i]
                    y = i
                }
            }
            record.append(x, y, height: best)
            x = y
        }
        return record
    }
}

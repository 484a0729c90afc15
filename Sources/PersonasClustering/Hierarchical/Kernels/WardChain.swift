import PersonasNumerics

/// Ward linkage from coordinates by the nearest-neighbour chain (Müllner 2011, NN-chain-linkage;
/// fastcluster's `linkage_vector`): O(n·d) memory, O(n²·d) time, never an n × n matrix.
///
/// Clusters are centroids with sizes (total weights); the Ward value of two clusters is
/// (s_a s_b)/(s_a + s_b) · ‖c_a − c_b‖² and the merge height SciPy reports is sqrt(2 · value).
/// Values are computed by one kernel whose arithmetic is symmetric in the two clusters and the
/// same for a block as for a single pair, so chain comparisons are consistent and the chain
/// cannot cycle. A merged cluster keeps the larger representative, as SciPy's slots do.
struct WardChain {
    var points: CoordinateColumns
    /// Scans of more live points than this are split over threads, in chunks of `scanChunk`
    /// positions (a partition that depends on the count only, never on the threads).
    var parallelScanThreshold = 4_096
    var scanChunk = 2_048

    init(_ points: CoordinateColumns) { self.points = points }

    mutating func run(n: Int) -> MergeRecord {
        var record = MergeRecord(capacity: n - 1)
        var chain: [Int] = []
        chain.reserveCapacity(n)
        var point = [Double](repeating: 0, count: points.d)
        for _ in 0..<(n - 1) {
            if chain.isEmpty { chain.append(points.keyAt[0]) }
            var x = 0, y = 0, value = 0.0
            while true {
                x = chain[chain.count - 1]
                let previous = chain.count > 1 ? chain[chain.count - 2] : nil
                (y, value) = nearest(to: x, preferring: previous, point: &point)
                if y == previous { break }
                chain.append(y)
            }
            chain.removeLast(2)
            record.append(min(x, y), max(x, y), height: (2 * value).squareRoot())
            merge(x, y)
        }
        return record
    }

    /// The live cluster nearest to `key` by Ward value; `preferred` (the previous chain element)
    /// wins ties, then the lowest position.
    func nearest(to key: Int, preferring preferred: Int?, point: inout [Double]) -> (key: Int, value: Double) {
        let px = points.positionOf[key]
        let live = points.count
        let d = points.d, ld = points.ld
        let size = points.sizes[px]
        return point.withUnsafeMutableBufferPointer { p in
            points.copyPoint(at: px, into: p.baseAddress!)
            return points.ct.withUnsafeBufferPointer { ct in
                points.sizes.withUnsafeBufferPointer { sizes in
                    var best = Double.infinity
                    var found = -1
                    if let preferred {
                        let pp = points.positionOf[preferred]
                        found = LinkageKernels.nearest(ct.baseAddress!, ld: ld, d: d, range: pp..<(pp + 1),
                                                       point: p.baseAddress!, sizes: sizes.baseAddress!,
                                                       pointSize: size, best: &best) ?? pp
                    }
                    let seed = best
                    // Fixed chunks (by position only), each scanned from the same seed; the lowest
                    // value wins, the lower chunk on ties: the sequential scan's answer.
                    let chunks = live > parallelScanThreshold ? (live + scanChunk - 1) / scanChunk : 1
                    let chunkSize = (live + chunks - 1) / chunks
                    let results = ParallelFor.mapChunks(chunks) { chunk -> (Int, Double) in
                        var best = seed
                        var found = -1
                        let lower = chunk * chunkSize, upper = min(live, lower + chunkSize)
                        for range in [lower..<max(lower, min(px, upper)), min(upper, max(lower, px + 1))..<upper]
                            where !range.isEmpty {
                            if let hit = LinkageKernels.nearest(ct.baseAddress!, ld: ld, d: d, range: range,
                                                                point: p.baseAddress!, sizes: sizes.baseAddress!,
                                                                pointSize: size, best: &best) {
                                found = hit
                            }
                        }
                        return (found, best)
                    }
                    for (hit, value) in results where hit >= 0 && value < best {
                        best = value
                        found = hit
                    }
                    return (points.keyAt[found], best)
                }
            }
        }
    }

    /// Merges clusters `a` and `b` into the larger key: weighted centroid, summed size.
    mutating func merge(_ a: Int, _ b: Int) {
        let keep = max(a, b), drop = min(a, b)
        let pk = points.positionOf[keep], pd = points.positionOf[drop]
        let sk = points.sizes[pk], sd = points.sizes[pd]
        let total = sk + sd
        let d = points.d, ld = points.ld
        // c_keep + (s_drop / total)(c_drop − c_keep) rather than the weighted mean: equal
        // centroids (duplicate rows) stay bit-equal, so their merges stay at height exactly 0.
        let share = sd / total
        points.ct.withUnsafeMutableBufferPointer { c in
            for q in 0..<d {
                c[q * ld + pk] += share * (c[q * ld + pd] - c[q * ld + pk])
            }
        }
        points.sizes[pk] = total
        points.remove(at: pd)
    }
}


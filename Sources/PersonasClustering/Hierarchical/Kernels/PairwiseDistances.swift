import PersonasNumerics

/// The condensed distance matrix of the rows of a row-major n × d matrix, in parallel.
///
/// Distances are taken coordinate by coordinate, in increasing q, as SciPy's `pdist` does, so
/// there is no cancellation (the Gram expansion ‖x‖² − 2x·y + ‖y‖² loses every digit for close
/// points far from the origin). Rows are split into blocks of about equal pair counts that depend
/// only on n, so the result is the same for every thread count.
enum PairwiseDistances {
    static func condensed(_ x: [Double], n: Int, d: Int, metric: DistanceMetric) -> DistanceBuffer {
        let out = DistanceBuffer(count: n * (n - 1) / 2)
        fill(out.pointer, x, n: n, d: d, metric: metric)
        return out
    }

    /// The same values as an array (the public `pdist` API).
    static func condensedArray(_ x: [Double], n: Int, d: Int, metric: DistanceMetric) -> [Double] {
        let total = n * (n - 1) / 2
        return [Double](unsafeUninitializedCapacity: total) { buffer, initialized in
            if let base = buffer.baseAddress { fill(base, x, n: n, d: d, metric: metric) }
            initialized = total
        }
    }

    /// Writes the n(n − 1)/2 distances to `out` (first touch of every page by its block's thread).
    static func fill(_ out: UnsafeMutablePointer<Double>, _ x: [Double], n: Int, d: Int, metric: DistanceMetric) {
        let total = n * (n - 1) / 2
        guard total > 0 else { return }
        let bounds = rowBlocks(n: n, blocks: min(n - 1, 256))
        var inverseNorms: [Double] = []
        if metric == .cosine {
            inverseNorms = (0..<n).map { i in
                var s = 0.0
                for q in 0..<d { s += x[i * d + q] * x[i * d + q] }
                return 1 / s.squareRoot()
            }
        }
        x.withUnsafeBufferPointer { xb in
            inverseNorms.withUnsafeBufferPointer { inv in
                do {
                    let destinationBase = out
                    ParallelFor.forEachChunk(bounds.count - 1) { block in
                        for i in bounds[block]..<bounds[block + 1] {
                            let start = n * i - i * (i + 1) / 2
                            let destination = destinationBase + start
                            switch metric {
                            case .euclidean, .squaredEuclidean, .manhattan:
                                let kind: LinkageKernels.RowMetric = metric == .euclidean ? .euclidean
                                    : metric == .manhattan ? .manhattan : .squaredEuclidean
                                LinkageKernels.rowDistances(xb.baseAddress!, ldx: d, d: d, from: i, to: (i + 1)..<n,
                                                            metric: kind, into: destination)
                            case .cosine:
                                for j in (i + 1)..<n {
                                    var dot = 0.0
                                    for q in 0..<d { dot += xb[i * d + q] * xb[j * d + q] }
                                    destination[j - i - 1] = max(0, 1 - dot * inv[i] * inv[j])
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Row boundaries splitting the upper triangle into `blocks` parts of about equal size.
    static func rowBlocks(n: Int, blocks: Int) -> [Int] {
        let total = Double(n) * Double(n - 1) / 2
        var bounds = [0]
        var done = 0.0
        var row = 0
        for b in 1..<max(blocks, 1) {
            let target = total * Double(b) / Double(blocks)
            while row < n - 1 && done + Double(n - 1 - row) <= target {
                done += Double(n - 1 - row)
                row += 1
            }
            if row > bounds.last! { bounds.append(row) }
        }
        if bounds.last! < n - 1 { bounds.append(n - 1) }
        return bounds
    }
}

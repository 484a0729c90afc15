import PersonasNumerics

extension SilhouetteKernel {
    /// Above this many segments the per-row partial sums (n × segments) would outgrow the O(n·block)
    /// memory budget (many small clusters); the row-block path then serves.
    static let maxSegments = 256

    /// Positions per piece: at least 1024 so that every task is a long run of GEMMs, and at most
    /// 64 pieces (besides cluster cuts) so that the partial sums stay O(n).
    static func pieceWidth(rows n: Int) -> Int { Swift.max(1024, (n + 63) / 64) }

    /// Every row's silhouette (in position order), each pair's distance computed once.
    ///
    /// The positions are cut into pieces and each piece at cluster boundaries into segments. A
    /// task is a pair of pieces (I, J ≥ I): its GEMM tiles give every distance between them, whose
    /// row sums are the rows of I's totals over each segment of J and whose column sums are the
    /// rows of J's totals over each segment of I (the diagonal pair uses row sums only). Each
    /// (row, segment) total is written by exactly one task, in a fixed tile order, so the result
    /// does not depend on which thread ran what; a row's per-cluster sums then add its segments
    /// in position order. Half the GEMM and square-root work of measuring every row against every
    /// row, for n × segments extra Doubles (segments ≤ 64 + k).
    ///
    /// - Parameter width: the piece width, for tests that need several pieces on small data.
    static func allSilhouettes(_ data: ClusterOrderedRows, counts: [Int], pieceWidth width: Int? = nil) -> [Double] {
        let n = data.n, d = data.d, k = data.k
        let P = width ?? pieceWidth(rows: n), R = rowBlock, C = columnTile
        var segments: [(range: Range<Int>, cluster: Int)] = []
        var pieceSegments: [Range<Int>] = []
        var cluster = 0
        for start in stride(from: 0, to: n, by: P) {
            let end = Swift.min(start + P, n), first = segments.count
            var lower = start
            while lower < end {
                while data.clusterStart[cluster + 1] <= lower { cluster += 1 }
                let upper = Swift.min(end, data.clusterStart[cluster + 1])
                segments.append((lower..<upper, cluster))
                lower = upper
            }
            pieceSegments.append(first..<segments.count)
        }
        let S = segments.count
        guard S <= maxSegments else { return silhouettes(data, counts: counts, positions: Array(0..<n)) }
        let pairs: [(Int, Int)] = pieceSegments.indices.flatMap { i in (i..<pieceSegments.count).map { (i, $0) } }

        var partial = [Double](repeating: 0, count: n * S)
        partial.withUnsafeMutableBufferPointer { slots in
            data.centered.withUnsafeBufferPointer { centered in
                data.norms.withUnsafeBufferPointer { norms in
                    ParallelFor.forEachChunk(pairs.count) { task in
                        let (I, J) = pairs[task]
                        let diagonal = I == J
                        var tile = [Double](repeating: 0, count: R * C)
                        var rowSums = [Double](repeating: 0, count: R)
                        var columnSums = [Double](repeating: 0, count: C)
                        for s1 in pieceSegments[I] {
                            let rowSegment = segments[s1].range
                            for r0 in stride(from: rowSegment.lowerBound, to: rowSegment.upperBound, by: R) {
                                let rows = r0..<Swift.min(r0 + R, rowSegment.upperBound)
                                for s2 in pieceSegments[J] {
                                    let columnSegment = segments[s2].range
                                    for c0 in stride(from: columnSegment.lowerBound, to: columnSegment.upperBound, by: C) {
                                        let cols = c0..<Swift.min(c0 + C, columnSegment.upperBound)
                                        tile.withUnsafeMutableBufferPointer { g in
                                            columnSums.withUnsafeMutableBufferPointer { cs in
                                                Double._gemm(transposeA: false, transposeB: true, m: rows.count,
                                                             n: cols.count, k: d, alpha: -2,
                                                             a: centered.baseAddress! + r0 * d, lda: d,
                                                             b: centered.baseAddress! + c0 * d, ldb: d, beta: 0,
                                                             c: g.baseAddress!, ldc: C)
                                                // A row's distance to itself is 0, as scikit-learn sets it.
                                                let selfLow = Swift.max(r0, c0)
                                                let selfHigh = Swift.min(rows.upperBound, cols.upperBound)
                                                if diagonal && selfLow < selfHigh {
                                                    for p in selfLow..<selfHigh { g[(p - r0) * C + (p - c0)] = -.infinity }
                                                }
                                                ValidityKernels.distanceSums(
                                                    g.baseAddress!, ldg: C, rows: rows.count, cols: cols.count,
                                                    rowNorms: norms.baseAddress! + r0, columnNorms: norms.baseAddress! + c0,
                                                    rowSums: &rowSums, columnSums: diagonal ? nil : cs.baseAddress!)
                                            }
                                        }
                                        for (r, p) in rows.enumerated() { slots[p * S + s2] += rowSums[r] }
                                        if !diagonal {
                                            for (c, q) in cols.enumerated() { slots[q * S + s1] += columnSums[c] }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }

        var result = [Double](repeating: 0, count: n)
        let groups = RowBlockReduction.groups(rows: n)
        result.withUnsafeMutableBufferPointer { out in
            partial.withUnsafeBufferPointer { slots in
                ParallelFor.forEachChunk(groups.count) { g in
                    var sums = [Double](repeating: 0, count: k)
                    for p in groups[g] {
                        for c in 0..<k { sums[c] = 0 }
                        for s in 0..<S { sums[segments[s].cluster] += slots[p * S + s] }
                        out[p] = silhouette(sums[...], own: Int(data.clusterOf[p]), counts: counts)
                    }
                }
            }
        }
        return result
    }
}

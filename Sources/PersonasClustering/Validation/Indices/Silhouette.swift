import PersonasNumerics

/// Exact silhouettes (Rousseeuw 1987) in blocks: every row's distance sums per cluster, without
/// the n × n distance matrix.
///
/// Distances come from GEMM tiles: one GEMM gives −2·x·y for a tile of at most `rowBlock` rows
/// by `columnTile` columns of the cluster-ordered, centered data, and a C kernel turns it into sums of
/// sqrt(max(‖x‖² + ‖y‖² − 2x·y, 0)) — the expansion scikit-learn's `euclidean_distances` uses —
/// per row (and per column). Two drivers share it:
///
/// - all rows (``allSilhouettes(_:counts:pieceWidth:)``, Silhouette+Symmetric.swift): each pair
///   of rows once, row sums and column sums of the same tile: n²·d multiply-adds;
/// - some rows against all (``silhouettes(_:counts:positions:)``, below): the sampled estimate,
///   and all rows when clusters are too many for the symmetric driver's partial sums: m·n·d.
///
/// Both keep the working memory at O(rowBlock·columnTile) per thread besides O(n·d) for the
/// centered copy, run fixed chunks in parallel and build every sum in a fixed order, so results do
/// not depend on the thread count. Tile shape: 128–512 rows × 256–1024 columns all ran within 3%
/// of each other on the benchmark (n = 20,000, d = 32); the GEMM is about two thirds of the time.
enum SilhouetteKernel {
    /// Rows per GEMM block: a multiple of OpenBLAS's micro-kernel heights.
    static let rowBlock = 256
    /// Columns per tile: a 256 × 512 tile of Double (1 MiB) stays in a Zen 4 core's L2 between
    /// the GEMM that writes it and the kernel that reads it.
    static let columnTile = 512
    /// Chunks of row blocks for the row-block driver: enough to balance any realistic core count.
    static let maxChunks = 64

    /// The silhouettes of the rows at `positions` (ascending positions in `data`), each measured
    /// against all rows, in the order of `positions`. Row blocks of `rowBlock` are grouped into at
    /// most `maxChunks` fixed chunks; each block meets the data tile by tile (tiles inside one
    /// cluster), so its per-cluster sums need no scatter by label.
    static func silhouettes(_ data: ClusterOrderedRows, counts: [Int], positions: [Int]) -> [Double] {
        let m = positions.count, d = data.d, k = data.k
        let R = rowBlock, C = columnTile
        let pieces = data.pieces(width: C)
        let blocks = (m + R - 1) / R
        let chunks = Swift.min(blocks, maxChunks)
        var result = [Double](repeating: 0, count: m)
        result.withUnsafeMutableBufferPointer { output in
            data.centered.withUnsafeBufferPointer { centered in
                data.norms.withUnsafeBufferPointer { norms in
                    ParallelFor.forEachChunk(chunks) { chunk in
                        var rows = [Double](repeating: 0, count: R * d)
                        var tile = [Double](repeating: 0, count: R * C)
                        var rowNorms = [Double](repeating: 0, count: R)
                        var rowSums = [Double](repeating: 0, count: R)
                        var sums = [Double](repeating: 0, count: R * k)
                        for block in (blocks * chunk / chunks)..<(blocks * (chunk + 1) / chunks) {
                            let first = block * R, count = Swift.min(R, m - first)
                            for r in 0..<count {
                                let p = positions[first + r]
                                for q in 0..<d { rows[r * d + q] = centered[p * d + q] }
                                rowNorms[r] = norms[p]
                            }
                            for j in 0..<(count * k) { sums[j] = 0 }
                            for piece in pieces {
                                let lower = piece.range.lowerBound, width = piece.range.count
                                tile.withUnsafeMutableBufferPointer { g in
                                    Double._gemm(transposeA: false, transposeB: true, m: count, n: width, k: d,
                                                 alpha: -2, a: rows, lda: d, b: centered.baseAddress! + lower * d,
                                                 ldb: d, beta: 0, c: g.baseAddress!, ldc: C)
                                    // A row's distance to itself is 0, as scikit-learn sets it.
                                    for r in 0..<count where piece.range.contains(positions[first + r]) {
                                        g[r * C + positions[first + r] - lower] = -.infinity
                                    }
                                    ValidityKernels.distanceSums(g.baseAddress!, ldg: C, rows: count, cols: width,
                                                                 rowNorms: rowNorms, columnNorms: norms.baseAddress! + lower,
                                                                 rowSums: &rowSums, columnSums: nil)
                                }
                                for r in 0..<count { sums[r * k + piece.cluster] += rowSums[r] }
                            }
                            for r in 0..<count {
                                let own = Int(data.clusterOf[positions[first + r]])
                                output[first + r] = silhouette(sums[(r * k)..<((r + 1) * k)], own: own, counts: counts)
                            }
                        }
                    }
                }
            }
        }
        return result
    }

    /// One row's silhouette from its distance sums per cluster, with scikit-learn's conventions:
    /// a = own-cluster sum / (size − 1), b = the smallest other-cluster mean, s = (b − a) / max(a, b);
    /// 0 for a row alone in its cluster (0/0 there) and when a = b = 0.
    @inline(__always)
    static func silhouette(_ sums: ArraySlice<Double>, own: Int, counts: [Int]) -> Double {
        guard counts[own] > 1 else { return 0 }
        let base = sums.startIndex
        let a = sums[base + own] / Double(counts[own] - 1)
        var b = Double.infinity
        for c in 0..<counts.count where c != own { b = Swift.min(b, sums[base + c] / Double(counts[c])) }
        let s = (b - a) / Swift.max(a, b)
        return s.isNaN ? 0 : s
    }
}

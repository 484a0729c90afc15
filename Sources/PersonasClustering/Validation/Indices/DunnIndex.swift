import PersonasNumerics

/// The Dunn index's two extremes — the closest pair of rows in different clusters and the
/// farthest pair in one cluster — exactly, in O(n²·d) time and O(n·d) memory.
///
/// Tiles of the cluster-ordered rows (each inside one cluster, the upper triangle of tile pairs
/// only) are screened with the GEMM expansion, whose error is bounded: with centered data,
/// |ê − ‖x − y‖²| ≤ E = (8d + 64)·u·(‖x‖² + ‖y‖²) (u = 2⁻⁵³; rounding of the centering, of the
/// two norms and the dot product, each within γ_d, and of the final additions, with a margin
/// of two). The pair that truly attains a tile's minimum has ê ≤ min ê + 2E, so only those
/// candidates are recomputed from the original values by differences, summed over increasing
/// coordinates as SciPy's `cdist` does; likewise ê ≥ max ê − 2E for the maximum, and a tile
/// whose screen cannot beat the best exact value so far is skipped. The expansion and the
/// candidate scan are C kernels (personas_validity.h); typically a handful of pairs per tile are
/// recomputed. Min and max do not depend on the order they are taken in, so the tiles run in
/// parallel with a thread-count-independent result.
enum DunnKernel {
    static let tileWidth = 256

    /// Squared distances: the smallest between clusters and the largest within one.
    static func extremes<S: BLASScalar>(_ x: Matrix<S>, _ data: ClusterOrderedRows) -> (between: Double, within: Double) {
        let d = data.d, P = tileWidth
        let pieces = data.pieces(width: P)
        let pieceNorm: [Double] = pieces.map { piece in piece.range.map { data.norms[$0] }.max() ?? 0 }
        let factor = Double(8 * d + 64) * 0x1p-53
        let partials: [(between: Double, within: Double)] = x.withUnsafeBufferPointer { xs in
            data.centered.withUnsafeBufferPointer { centered in
                data.norms.withUnsafeBufferPointer { norms in
                    ParallelFor.mapChunks(pieces.count) { i in
                        var tile = [Double](repeating: 0, count: P * P)
                        var between = Double.infinity, within = 0.0
                        let rows = pieces[i].range
                        for j in i..<pieces.count {
                            let cols = pieces[j].range
                            let same = pieces[i].cluster == pieces[j].cluster
                            let margin = 2 * factor * (pieceNorm[i] + pieceNorm[j])
                            tile.withUnsafeMutableBufferPointer { g in
                                Double._gemm(transposeA: false, transposeB: true, m: rows.count, n: cols.count, k: d,
                                             alpha: -2, a: centered.baseAddress! + rows.lowerBound * d, lda: d,
                                             b: centered.baseAddress! + cols.lowerBound * d, ldb: d, beta: 0,
                                             c: g.baseAddress!, ldc: P)
                                let extreme = ValidityKernels.expandExtreme(
                                    g.baseAddress!, ldg: P, rows: rows.count, cols: cols.count,
                                    rowNorms: norms.baseAddress! + rows.lowerBound,
                                    columnNorms: norms.baseAddress! + cols.lowerBound, largest: same)
                                // Candidates: pairs that may be the tile's extreme and may beat the
                                // best exact value so far.
                                if same {
                                    guard extreme + margin > within else { return }
                                    let cut = Swift.max(extreme, within) - margin
                                    for offset in ValidityKernels.select(g.baseAddress!, ldg: P, rows: rows.count,
                                                                         cols: cols.count, cut: cut, largest: true) {
                                        let p = rows.lowerBound + offset / cols.count, q = cols.lowerBound + offset % cols.count
                                        within = Swift.max(within, exactSquaredDistance(xs, data.order[p], data.order[q], d: d))
                                    }
                                } else {
                                    guard extreme - margin < between else { return }
                                    let cut = Swift.min(extreme, between) + margin
                                    for offset in ValidityKernels.select(g.baseAddress!, ldg: P, rows: rows.count,
                                                                         cols: cols.count, cut: cut, largest: false) {
                                        let p = rows.lowerBound + offset / cols.count, q = cols.lowerBound + offset % cols.count
                                        between = Swift.min(between, exactSquaredDistance(xs, data.order[p], data.order[q], d: d))
                                    }
                                }
                            }
                        }
                        return (between, within)
                    }
                }
            }
        }
        var between = Double.infinity, within = 0.0
        for partial in partials {
            between = Swift.min(between, partial.between)
            within = Swift.max(within, partial.within)
        }
        return (between, within)
    }

    /// Σ_q (x_iq − x_jq)² in Double over increasing q (SciPy's `sqeuclidean` order).
    @inline(__always)
    static func exactSquaredDistance<S: BLASScalar>(_ xs: UnsafeBufferPointer<S>, _ i: Int, _ j: Int, d: Int) -> Double {
        var s = 0.0
        for q in 0..<d {
            let t = Double(xs[i * d + q]) - Double(xs[j * d + q])
            s += t * t
        }
        return s
    }
}

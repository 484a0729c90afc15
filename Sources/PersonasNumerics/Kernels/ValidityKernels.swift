import CPersonasKernels

/// Forwards to the validity-index kernels of CPersonasKernels (personas_validity.h). Same bits on
/// every instruction set.
package enum ValidityKernels {
    /// Distances d[r][j] = sqrt(max((g[r·ldg + j] + xn[r]) + yn[j], 0)) of a GEMM tile `g` of
    /// −2·x_r·y_j and the squared norms, summed per row into `rowSums` (8 lanes, then the last
    /// `cols mod 8` columns) and, when `columnSums` is given, per column (rows in order). A −∞
    /// in `g` contributes 0.
    @inlinable
    package static func distanceSums(
        _ g: UnsafePointer<Double>, ldg: Int, rows: Int, cols: Int, rowNorms: UnsafePointer<Double>,
        columnNorms: UnsafePointer<Double>, rowSums: UnsafeMutablePointer<Double>,
        columnSums: UnsafeMutablePointer<Double>?
    ) {
        personas_validity_distance_sums(g, ldg, rows, cols, rowNorms, columnNorms, rowSums, columnSums)
    }

    /// Turns a GEMM tile of −2·x_r·y_j into expanded squared distances in place,
    /// `g = (g + xn[r]) + yn[j]`, and returns their largest (`largest`) or smallest value.
    @inlinable
    package static func expandExtreme(
        _ g: UnsafeMutablePointer<Double>, ldg: Int, rows: Int, cols: Int, rowNorms: UnsafePointer<Double>,
        columnNorms: UnsafePointer<Double>, largest: Bool
    ) -> Double {
        personas_validity_expand_extreme(g, ldg, rows, cols, rowNorms, columnNorms, largest ? 1 : 0)
    }

    /// Offsets `r·cols + j` (row-major) of the tile entries ≥ `cut` (`largest`) or ≤ `cut`.
    @inlinable
    package static func select(
        _ g: UnsafePointer<Double>, ldg: Int, rows: Int, cols: Int, cut: Double, largest: Bool
    ) -> [Int] {
        var capacity = 64
        while true {
            var total = 0
            let found = [Int](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                total = personas_validity_select(g, ldg, rows, cols, cut, largest ? 1 : 0, buffer.baseAddress!, capacity)
                initialized = Swift.min(total, capacity)
            }
            if total <= capacity { return found }
            capacity = total
        }
    }
}

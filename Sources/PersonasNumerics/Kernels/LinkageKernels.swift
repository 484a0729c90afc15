import CPersonasKernels

/// Forwards to the hierarchical-clustering kernels of CPersonasKernels (personas_linkage.h): scans
/// over points stored by coordinate, `ct[q * ld + j]`. Same bits on every instruction set.
package enum LinkageKernels {
    /// The nearest position in `range` to `point` below `best` (strict; lowest position on ties),
    /// by squared distance, or by Ward's value (ps·s_j)/(ps + s_j)·‖c_j − p‖² when `sizes` is given.
    @inlinable
    package static func nearest(
        _ ct: UnsafePointer<Double>, ld: Int, d: Int, range: Range<Int>, point: UnsafePointer<Double>,
        sizes: UnsafePointer<Double>?, pointSize: Double, best: inout Double
    ) -> Int? {
        let found = personas_linkage_nearest(ct, ld, Int32(d), range.lowerBound, range.upperBound, point, sizes,
                                             pointSize, &best)
        return found < 0 ? nil : found
    }

    /// Metrics the Prim update knows: squared Euclidean, Manhattan, cosine.
    package enum PrimMetric: Int32 { case squaredEuclidean = 0, manhattan = 1, cosine = 2 }

    /// mind[j] = min(mind[j], dist(point, c_j)) for j < m; returns the position of the smallest.
    @inlinable
    package static func primUpdate(
        _ ct: UnsafePointer<Double>, ld: Int, d: Int, m: Int, point: UnsafePointer<Double>, metric: PrimMetric,
        inverseNorms: UnsafePointer<Double>?, pointInverseNorm: Double, mind: UnsafeMutablePointer<Double>
    ) -> Int {
        personas_linkage_prim_update(ct, ld, Int32(d), m, point, metric.rawValue, inverseNorms, pointInverseNorm, mind)
    }

    /// Metrics of the row-distance kernel.
    package enum RowMetric: Int32 { case squaredEuclidean = 0, manhattan = 1, euclidean = 3 }

    /// Distances from row `p` to rows `range` of the row-major `x`, coordinate by coordinate.
    @inlinable
    package static func rowDistances(
        _ x: UnsafePointer<Double>, ldx: Int, d: Int, from p: Int, to range: Range<Int>, metric: RowMetric,
        into out: UnsafeMutablePointer<Double>
    ) {
        personas_linkage_row_distances(x, ldx, Int32(d), p, range.lowerBound, range.upperBound, metric.rawValue, out)
    }
}

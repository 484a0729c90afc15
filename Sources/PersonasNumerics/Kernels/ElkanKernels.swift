import CPersonasKernels

// The Swift entries of Elkan's k-means kernels in CPersonasKernels (personas_elkan.h), which
// picks AVX-512, AVX2 + FMA or portable code at run time.

/// One pruned pass of Elkan's k-means in the ball layout: the fixed inputs, over pointers the
/// caller keeps alive while it runs the pass (`personas_elkan_pass` says what each one holds).
package struct _ElkanBallPass<Scalar: BLASScalar> {
    private let inputs: personas_elkan_pass

    /// - Parameters:
    ///   - centers: k × d, shifted coordinates, in the data's precision.
    ///   - neighbors: each center's k − 1 others, nearest first; `neighborDistances` lower bounds
    ///     on their distances, in the same order.
    ///   - nearestOther: each center's distance to its nearest other, a lower bound.
    ///   - movement: each center's move since the last pass, rounded up.
    ///   - largestDrift: the running sum of the largest moves (the other-centers bounds' origin).
    ///   - marginScale: a row's margin per unit of (‖x − μ‖ + `largestCenterNorm`)².
    ///   - relative: the pass's relative error bound on its squared distances.
    ///   - instructionSetLimit: the highest instruction set the pass may use (0 portable, 2 AVX2 +
    ///     FMA, 3 AVX-512), so that tests can run every path; by default the CPU's best.
    package init(
        k: Int, d: Int, x: UnsafePointer<Scalar>, mean: UnsafePointer<Scalar>, centers: UnsafePointer<Scalar>,
        neighbors: UnsafePointer<Int32>, neighborDistances: UnsafePointer<Double>,
        nearestOther: UnsafePointer<Double>, movement: UnsafePointer<Double>, largestDrift: Double,
        marginScale: Double, largestCenterNorm: Double, relative: Double, instructionSetLimit: Int = 3
    ) {
        inputs = personas_elkan_pass(
            k: Int32(k), d: Int32(d), x: UnsafeRawPointer(x), mu: UnsafeRawPointer(mean),
            centers: UnsafeRawPointer(centers), neighbors: neighbors, neighbor_distances: neighborDistances,
            nearest_other: nearestOther, movement: movement, largest_drift: largestDrift,
            margin_scale: marginScale, largest_center_norm: largestCenterNorm, relative: relative,
            instruction_set_limit: Int32(clamping: instructionSetLimit))
    }

    /// Runs the pass over `rows`: updates their labels and bounds, lists the rows that moved (and
    /// their old labels) and the rows left to the caller (ambiguous), each list with room for
    /// `rows.count`; returns the two lists' lengths and how many distances it computed.
    package func run(
        _ rows: Range<Int>, labels: UnsafeMutablePointer<Int32>, upper: UnsafeMutablePointer<Double>,
        otherLower: UnsafeMutablePointer<Double>, rowNorms: UnsafePointer<Double>,
        movedRows: UnsafeMutablePointer<Int32>, movedFrom: UnsafeMutablePointer<Int32>,
        ambiguousRows: UnsafeMutablePointer<Int32>
    ) -> (moved: Int, ambiguous: Int, distances: Int) {
        withUnsafeTemporaryAllocation(of: Scalar.self, capacity: Int(inputs.d)) { shiftedRow in
            var state = personas_elkan_rows(
                labels: labels, upper: upper, other_lower: otherLower, row_norms: rowNorms, moved_rows: movedRows,
                moved_from: movedFrom, ambiguous_rows: ambiguousRows,
                shifted_row: UnsafeMutableRawPointer(shiftedRow.baseAddress!))
            var pass = inputs
            let outcome = Scalar.self == Float.self
                ? personas_elkan_ball_pass_f32(&pass, &state, rows.lowerBound, rows.upperBound)
                : personas_elkan_ball_pass_f64(&pass, &state, rows.lowerBound, rows.upperBound)
            return (Int(outcome.moved), Int(outcome.ambiguous), Int(outcome.distances))
        }
    }
}

/// The centers j < k still open for a row in Elkan's k-means: `lower[j] − drift[j] ≤ lowerLimit`
/// and `between[j] ≤ betweenLimit`, compared in Float; their indices, in increasing order, go to
/// `out` (room for k), and their number is returned.
@inlinable
package func _elkanOpenCenters(
    lower: UnsafePointer<Float>, drift: UnsafePointer<Float>, between: UnsafePointer<Float>, k: Int,
    lowerLimit: Float, betweenLimit: Float, into out: UnsafeMutablePointer<Int32>
) -> Int {
    Int(personas_elkan_open(lower, drift, between, Int32(k), lowerLimit, betweenLimit, out))
}

/// min over j < k, j ≠ `skip`, of `lower[j] − drift[j]` in Float (+inf when k = 1).
@inlinable
package func _elkanMinimumLower(
    lower: UnsafePointer<Float>, drift: UnsafePointer<Float>, k: Int, skip: Int
) -> Float {
    personas_elkan_min_lower(lower, drift, Int32(k), Int32(skip))
}

/// Asks the cache for `bytes` bytes from `pointer` (for scattered reads the hardware does not foresee).
@inlinable
package func _prefetch(_ pointer: UnsafeRawPointer, bytes: Int) {
    personas_prefetch(pointer, bytes)
}

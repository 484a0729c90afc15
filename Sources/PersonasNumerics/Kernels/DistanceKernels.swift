import CPersonasKernels

// The Float and Double entries of the distance kernels: thin forwards to CPersonasKernels, which
// picks AVX2 + FMA or portable code at run time (see personas_kernels.h for why it is C).

extension Double {
    public static var _kernelLanes: Int { 4 }

    @inlinable
    public static func _nearest(
        _ x: UnsafePointer<Double>, _ rows: Int, _ ldx: Int, _ d: Int, _ mu: UnsafePointer<Double>,
        _ centersT: UnsafePointer<Double>, _ norms: UnsafePointer<Double>, _ k: Int, _ kpad: Int,
        _ labels: UnsafeMutablePointer<Int32>, _ best: UnsafeMutablePointer<Double>?,
        _ second: UnsafeMutablePointer<Double>?, _ xnorm: UnsafeMutablePointer<Double>?
    ) {
        personas_nearest_f64(x, rows, ldx, Int32(d), mu, centersT, norms, Int32(k), Int32(kpad),
                             labels, best, second, xnorm)
    }

    @inlinable
    public static func _values(
        _ x: UnsafePointer<Double>, _ rows: Int, _ ldx: Int, _ d: Int, _ mu: UnsafePointer<Double>,
        _ centersT: UnsafePointer<Double>, _ norms: UnsafePointer<Double>, _ k: Int, _ kpad: Int,
        _ out: UnsafeMutablePointer<Double>, _ ldo: Int, _ xnorm: UnsafeMutablePointer<Double>?
    ) {
        personas_values_f64(x, rows, ldx, Int32(d), mu, centersT, norms, Int32(k), Int32(kpad), out, ldo, xnorm)
    }

    @inlinable
    public static func _accumulate(
        _ x: UnsafePointer<Double>, _ rows: Int, _ ldx: Int, _ d: Int, _ mu: UnsafePointer<Double>,
        _ labels: UnsafePointer<Int32>, _ weights: UnsafePointer<Double>?,
        _ sums: UnsafeMutablePointer<Double>, _ weightSums: UnsafeMutablePointer<Double>
    ) {
        personas_accumulate_f64(x, rows, ldx, Int32(d), mu, labels, weights, sums, weightSums)
    }

    @inlinable
    public static func _assignedDistance(
        _ x: UnsafePointer<Double>, _ rows: Int, _ ldx: Int, _ d: Int, _ mu: UnsafePointer<Double>,
        _ centers: UnsafePointer<Double>, _ labels: UnsafePointer<Int32>, _ out: UnsafeMutablePointer<Double>
    ) {
        personas_assigned_distance_f64(x, rows, ldx, Int32(d), mu, centers, labels, out)
    }

    @inlinable
    public static func _rowDistances(
        _ x: UnsafePointer<Double>, _ d: Int, _ mu: UnsafePointer<Double>, _ centers: UnsafePointer<Double>,
        _ which: UnsafePointer<Int32>, _ count: Int, _ out: UnsafeMutablePointer<Double>
    ) {
        personas_row_distances_f64(x, Int32(d), mu, centers, which, Int32(count), out)
    }

}

extension Float {
    public static var _kernelLanes: Int { 8 }

    @inlinable
    public static func _nearest(
        _ x: UnsafePointer<Float>, _ rows: Int, _ ldx: Int, _ d: Int, _ mu: UnsafePointer<Float>,
        _ centersT: UnsafePointer<Float>, _ norms: UnsafePointer<Float>, _ k: Int, _ kpad: Int,
        _ labels: UnsafeMutablePointer<Int32>, _ best: UnsafeMutablePointer<Float>?,
        _ second: UnsafeMutablePointer<Float>?, _ xnorm: UnsafeMutablePointer<Float>?
    ) {
        personas_nearest_f32(x, rows, ldx, Int32(d), mu, centersT, norms, Int32(k), Int32(kpad),
                             labels, best, second, xnorm)
    }

    @inlinable
    public static func _values(
        _ x: UnsafePointer<Float>, _ rows: Int, _ ldx: Int, _ d: Int, _ mu: UnsafePointer<Float>,
        _ centersT: UnsafePointer<Float>, _ norms: UnsafePointer<Float>, _ k: Int, _ kpad: Int,
        _ out: UnsafeMutablePointer<Float>, _ ldo: Int, _ xnorm: UnsafeMutablePointer<Float>?
    ) {
        personas_values_f32(x, rows, ldx, Int32(d), mu, centersT, norms, Int32(k), Int32(kpad), out, ldo, xnorm)
    }

    @inlinable
    public static func _accumulate(
        _ x: UnsafePointer<Float>, _ rows: Int, _ ldx: Int, _ d: Int, _ mu: UnsafePointer<Float>,
        _ labels: UnsafePointer<Int32>, _ weights: UnsafePointer<Double>?,
        _ sums: UnsafeMutablePointer<Double>, _ weightSums: UnsafeMutablePointer<Double>
    ) {
        personas_accumulate_f32(x, rows, ldx, Int32(d), mu, labels, weights, sums, weightSums)
    }

    @inlinable
    public static func _assignedDistance(
        _ x: UnsafePointer<Float>, _ rows: Int, _ ldx: Int, _ d: Int, _ mu: UnsafePointer<Float>,
        _ centers: UnsafePointer<Float>, _ labels: UnsafePointer<Int32>, _ out: UnsafeMutablePointer<Double>
    ) {
        personas_assigned_distance_f32(x, rows, ldx, Int32(d), mu, centers, labels, out)
    }

    @inlinable
    public static func _rowDistances(
        _ x: UnsafePointer<Float>, _ d: Int, _ mu: UnsafePointer<Float>, _ centers: UnsafePointer<Double>,
        _ which: UnsafePointer<Int32>, _ count: Int, _ out: UnsafeMutablePointer<Double>
    ) {
        personas_row_distances_f32(x, Int32(d), mu, centers, which, Int32(count), out)
    }

}

/// The instruction set the distance kernels run with on this CPU ("AVX-512", "AVX2+FMA" or
/// "portable"), for benchmark and summary reports.
public var distanceKernelInstructionSet: String {
    switch personas_kernels_isa() {
    case 3: "AVX-512"
    case 2: "AVX2+FMA"
    default: "portable"
    }
}

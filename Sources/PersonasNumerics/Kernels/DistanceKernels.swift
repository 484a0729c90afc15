import CPersonasKernels

// The distance kernels of k-means, package access: thin forwards to CPersonasKernels, which picks
// AVX2 + FMA or portable code at run time (see personas_kernels.h for why it is C). Users reach
// them through ``CenterPanel``, ``KMeans`` and the validity indices.

extension BLASScalar {
    /// Columns of the padded center panel per vector register: 4 for Double, 8 for Float.
    @inlinable
    package static var _kernelLanes: Int { isSinglePrecision ? 8 : 4 }

    /// Each of `rows` rows' nearest center in a ``CenterPanel``'s layout (centers transposed and
    /// padded to `kpad` columns, +inf norms as padding), with the expansion's best and second
    /// values and ‖x − μ‖² when asked.
    @inlinable
    package static func _nearest(
        _ x: UnsafePointer<Self>, _ rows: Int, _ ldx: Int, _ d: Int, _ mu: UnsafePointer<Self>,
        _ centersT: UnsafePointer<Self>, _ norms: UnsafePointer<Self>, _ k: Int, _ kpad: Int,
        _ labels: UnsafeMutablePointer<Int32>, _ best: UnsafeMutablePointer<Self>?,
        _ second: UnsafeMutablePointer<Self>?, _ xnorm: UnsafeMutablePointer<Self>?
    ) {
        if isSinglePrecision {
            personas_nearest_f32(x.assuming(), rows, ldx, Int32(d), mu.assuming(), centersT.assuming(),
                                 norms.assuming(), Int32(k), Int32(kpad), labels, best?.assuming(),
                                 second?.assuming(), xnorm?.assuming())
        } else {
            personas_nearest_f64(x.assuming(), rows, ldx, Int32(d), mu.assuming(), centersT.assuming(),
                                 norms.assuming(), Int32(k), Int32(kpad), labels, best?.assuming(),
                                 second?.assuming(), xnorm?.assuming())
        }
    }

    /// ‖c_j‖² − 2 (x − μ)·c_j of `rows` rows for every center j, into `out` (row stride `ldo`).
    @inlinable
    package static func _values(
        _ x: UnsafePointer<Self>, _ rows: Int, _ ldx: Int, _ d: Int, _ mu: UnsafePointer<Self>,
        _ centersT: UnsafePointer<Self>, _ norms: UnsafePointer<Self>, _ k: Int, _ kpad: Int,
        _ out: UnsafeMutablePointer<Self>, _ ldo: Int, _ xnorm: UnsafeMutablePointer<Self>?
    ) {
        if isSinglePrecision {
            personas_values_f32(x.assuming(), rows, ldx, Int32(d), mu.assuming(), centersT.assuming(),
                                norms.assuming(), Int32(k), Int32(kpad), out.assuming(), ldo, xnorm?.assuming())
        } else {
            personas_values_f64(x.assuming(), rows, ldx, Int32(d), mu.assuming(), centersT.assuming(),
                                norms.assuming(), Int32(k), Int32(kpad), out.assuming(), ldo, xnorm?.assuming())
        }
    }

    /// Adds `rows` shifted rows (weighted when `weights` is given) to the Double sums of their labels.
    @inlinable
    package static func _accumulate(
        _ x: UnsafePointer<Self>, _ rows: Int, _ ldx: Int, _ d: Int, _ mu: UnsafePointer<Self>,
        _ labels: UnsafePointer<Int32>, _ weights: UnsafePointer<Double>?,
        _ sums: UnsafeMutablePointer<Double>, _ weightSums: UnsafeMutablePointer<Double>
    ) {
        if isSinglePrecision {
            personas_accumulate_f32(x.assuming(), rows, ldx, Int32(d), mu.assuming(), labels, weights, sums, weightSums)
        } else {
            personas_accumulate_f64(x.assuming(), rows, ldx, Int32(d), mu.assuming(), labels, weights, sums, weightSums)
        }
    }

    /// Each row's squared distance, from differences, to the center its label names.
    @inlinable
    package static func _assignedDistance(
        _ x: UnsafePointer<Self>, _ rows: Int, _ ldx: Int, _ d: Int, _ mu: UnsafePointer<Self>,
        _ centers: UnsafePointer<Self>, _ labels: UnsafePointer<Int32>, _ out: UnsafeMutablePointer<Double>
    ) {
        if isSinglePrecision {
            personas_assigned_distance_f32(x.assuming(), rows, ldx, Int32(d), mu.assuming(), centers.assuming(),
                                           labels, out)
        } else {
            personas_assigned_distance_f64(x.assuming(), rows, ldx, Int32(d), mu.assuming(), centers.assuming(),
                                           labels, out)
        }
    }

    /// One row's squared distances, in Double from differences, to the `count` centers listed in
    /// `which` (rows of `centers`, k × d, centered coordinates, Double even for Float data).
    @inlinable
    package static func _rowDistances(
        _ x: UnsafePointer<Self>, _ d: Int, _ mu: UnsafePointer<Self>, _ centers: UnsafePointer<Double>,
        _ which: UnsafePointer<Int32>, _ count: Int, _ out: UnsafeMutablePointer<Double>
    ) {
        if isSinglePrecision {
            personas_row_distances_f32(x.assuming(), Int32(d), mu.assuming(), centers, which, Int32(count), out)
        } else {
            personas_row_distances_f64(x.assuming(), Int32(d), mu.assuming(), centers, which, Int32(count), out)
        }
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

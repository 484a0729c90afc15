/// The Lance–Williams update of each linkage method on non-squared dissimilarities, exactly as
/// SciPy writes them (`_hierarchy_distance_update.pxi`; a negative radicand from rounding is taken as
/// 0 where SciPy would return NaN): the new distance from cluster i to the
/// union of x and y, from d(x,i), d(y,i), d(x,y) and the sizes. One type per method, so the
/// method is a generic parameter chosen once and specialised into the loops.
protocol LanceWilliamsUpdate {
    static func update(_ dxi: Double, _ dyi: Double, _ dxy: Double, _ nx: Double, _ ny: Double, _ ni: Double) -> Double
}

enum SingleUpdate: LanceWilliamsUpdate {
    @inline(__always)
    static func update(_ dxi: Double, _ dyi: Double, _: Double, _: Double, _: Double, _: Double) -> Double {
        min(dxi, dyi)
    }
}

enum CompleteUpdate: LanceWilliamsUpdate {
    @inline(__always)
    static func update(_ dxi: Double, _ dyi: Double, _: Double, _: Double, _: Double, _: Double) -> Double {
        max(dxi, dyi)
    }
}

enum AverageUpdate: LanceWilliamsUpdate {
    @inline(__always)
    static func update(_ dxi: Double, _ dyi: Double, _: Double, _ nx: Double, _ ny: Double, _: Double) -> Double {
        (nx * dxi + ny * dyi) / (nx + ny)
    }
}

enum WeightedUpdate: LanceWilliamsUpdate {
    @inline(__always)
    static func update(_ dxi: Double, _ dyi: Double, _: Double, _: Double, _: Double, _: Double) -> Double {
        0.5 * (dxi + dyi)
    }
}

enum CentroidUpdate: LanceWilliamsUpdate {
    @inline(__always)
    static func update(_ dxi: Double, _ dyi: Double, _ dxy: Double, _ nx: Double, _ ny: Double, _: Double) -> Double {
        max(0, ((nx * dxi * dxi) + (ny * dyi * dyi) - (nx * ny) * dxy * dxy / (nx + ny)) / (nx + ny)).squareRoot()
    }
}

enum MedianUpdate: LanceWilliamsUpdate {
    @inline(__always)
    static func update(_ dxi: Double, _ dyi: Double, _ dxy: Double, _: Double, _: Double, _: Double) -> Double {
        max(0, 0.5 * (dxi * dxi + dyi * dyi) - 0.25 * dxy * dxy).squareRoot()
    }
}

enum WardUpdate: LanceWilliamsUpdate {
    @inline(__always)
    static func update(_ dxi: Double, _ dyi: Double, _ dxy: Double, _ nx: Double, _ ny: Double, _ ni: Double) -> Double {
        let t = 1.0 / (nx + ny + ni)
        return max(0, (ni + nx) * t * dxi * dxi + (ni + ny) * t * dyi * dyi - ni * t * dxy * dxy).squareRoot()
    }
}

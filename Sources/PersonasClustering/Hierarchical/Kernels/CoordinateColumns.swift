import PersonasNumerics

/// Points stored by coordinate (`ct[q * ld + j]`: coordinate q of position j) so that the
/// linkage kernels scan many positions per vector, with swap-remove compaction: the live points
/// always fill positions 0..<count, so a scan never touches retired ones.
///
/// Each live point is named by a key (an observation id that represents its cluster); positions
/// move when a point is removed, keys do not.
struct CoordinateColumns {
    let d: Int
    let ld: Int
    var ct: [Double]
    var count: Int
    var keyAt: [Int]
    var positionOf: [Int]
    /// Optional per-position values that move with the points (sizes, norms, distances).
    var sizes: [Double]

    /// Rows of `x` (row-major n × d, Double), shifted by `shift` (the column means, so centroid
    /// arithmetic stays near zero), each with its size.
    init(_ x: UnsafeBufferPointer<Double>, n: Int, d: Int, shift: [Double], sizes: [Double]) {
        self.d = d
        ld = n
        var ct = [Double](repeating: 0, count: n * d)
        for i in 0..<n {
            for q in 0..<d { ct[q * n + i] = x[i * d + q] - shift[q] }
        }
        self.ct = ct
        count = n
        keyAt = Array(0..<n)
        positionOf = Array(0..<n)
        self.sizes = sizes
    }

    /// Copies the point at `position` into `point` (d values).
    func copyPoint(at position: Int, into point: UnsafeMutablePointer<Double>) {
        ct.withUnsafeBufferPointer { c in
            for q in 0..<d { point[q] = c[q * ld + position] }
        }
    }

    /// Removes the point at `position`; the last live point moves into its place.
    mutating func remove(at position: Int) {
        let last = count - 1
        let removed = keyAt[position]
        if position != last {
            ct.withUnsafeMutableBufferPointer { c in
                for q in 0..<d { c[q * ld + position] = c[q * ld + last] }
            }
            sizes[position] = sizes[last]
            let moved = keyAt[last]
            keyAt[position] = moved
            positionOf[moved] = position
        }
        positionOf[removed] = -1
        count = last
    }
}

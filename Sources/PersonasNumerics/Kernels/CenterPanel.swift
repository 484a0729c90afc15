/// Centers laid out for the distance kernels: transposed (d × kpad, row-major) with the padding
/// columns zero and their squared norms +inf, so a padded column never wins an argmin.
///
/// Distances are computed in the expanded form ‖x − μ‖² + ‖c‖² − 2 (x − μ)·c, with μ a shift
/// subtracted on the fly (the data mean for k-means, as scikit-learn centers its data first):
/// the expansion then works on small, centered numbers and does not lose the precision it would
/// on raw coordinates such as 1e3 + noise. Centers are given in the shifted coordinates.
public struct CenterPanel<Scalar: BLASScalar>: Sendable {
    /// Number of centers, k.
    public let count: Int
    /// Number of features, d.
    public let dimension: Int
    /// Columns of the panel: k rounded up to a multiple of the kernel's vector width.
    public let paddedCount: Int
    /// The shift μ (length d) subtracted from every row before comparing.
    public let shift: [Scalar]
    @usableFromInline var transposed: [Scalar]
    @usableFromInline var squaredNorms: [Scalar]

    /// Lays out `centers` (k × d, in shifted coordinates) for rows shifted by `shift`.
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public init(centers: Matrix<Scalar>, shift: [Scalar]) {
        precondition(shift.count == centers.columns, "shift has \(shift.count) entries for \(centers.columns) features")
        precondition(centers.rows >= 1, "a center panel needs at least one center")
        let k = centers.rows, d = centers.columns
        let lanes = Scalar._kernelLanes
        let kpad = (k + lanes - 1) / lanes * lanes
        var transposed = [Scalar](repeating: 0, count: d * kpad)
        var norms = [Scalar](repeating: .infinity, count: kpad)
        for j in 0..<k {
            var norm = 0.0
            for q in 0..<d {
                let value = centers[j, q]
                transposed[q * kpad + j] = value
                norm += Double(value) * Double(value)
            }
            norms[j] = Scalar(norm)
        }
        self.count = k
        self.dimension = d
        self.paddedCount = kpad
        self.shift = shift
        self.transposed = transposed
        self.squaredNorms = norms
    }

    /// For `rows` rows starting at `x` (row stride `stride`): each row's nearest center (lowest
    /// index on ties) and, when asked, ‖c‖² − 2 (x − μ)·c for the nearest and the second-nearest
    /// center and ‖x − μ‖². The kernel checks nothing: buffers must hold `rows` entries.
    @inlinable
    package func nearest(
        _ x: UnsafePointer<Scalar>, rows: Int, stride: Int, labels: UnsafeMutablePointer<Int32>,
        best: UnsafeMutablePointer<Scalar>? = nil, second: UnsafeMutablePointer<Scalar>? = nil,
        rowNorms: UnsafeMutablePointer<Scalar>? = nil
    ) {
        shift.withUnsafeBufferPointer { mu in
            transposed.withUnsafeBufferPointer { ct in
                squaredNorms.withUnsafeBufferPointer { norms in
                    Scalar._nearest(x, rows, stride, dimension, mu.baseAddress!, ct.baseAddress!, norms.baseAddress!,
                                    count, paddedCount, labels, best, second, rowNorms)
                }
            }
        }
    }

    /// For `rows` rows: ‖c_j‖² − 2 (x − μ)·c_j for every center j into `out` (row stride
    /// `outStride` ≥ k), and ‖x − μ‖² into `rowNorms` when given.
    @inlinable
    package func values(
        _ x: UnsafePointer<Scalar>, rows: Int, stride: Int, into out: UnsafeMutablePointer<Scalar>, outStride: Int,
        rowNorms: UnsafeMutablePointer<Scalar>? = nil
    ) {
        shift.withUnsafeBufferPointer { mu in
            transposed.withUnsafeBufferPointer { ct in
                squaredNorms.withUnsafeBufferPointer { norms in
                    Scalar._values(x, rows, stride, dimension, mu.baseAddress!, ct.baseAddress!, norms.baseAddress!,
                                   count, paddedCount, out, outStride, rowNorms)
                }
            }
        }
    }

    /// The squared Euclidean distance of every row of `x` to every center, n × k, clamped at 0
    /// (the expansion can round a true zero slightly below it). Parallel over fixed row blocks.
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public func squaredDistances(_ x: Matrix<Scalar>) -> Matrix<Scalar> {
        precondition(x.columns == dimension, "rows have \(x.columns) features, centers \(dimension)")
        let n = x.rows, k = count, d = dimension
        return Matrix(rows: n, columns: k) { out in
            let outBase = out.baseAddress!
            x.withUnsafeBufferPointer { xs in
                let xBase = xs.baseAddress!
                ParallelFor.forEachRange(count: n, chunkSize: 1024) { range in
                    var norms = [Scalar](repeating: 0, count: range.count)
                    norms.withUnsafeMutableBufferPointer { rowNorms in
                        values(xBase + range.lowerBound * d, rows: range.count, stride: d,
                               into: outBase + range.lowerBound * k, outStride: k, rowNorms: rowNorms.baseAddress!)
                        for r in 0..<range.count {
                            let row = outBase + (range.lowerBound + r) * k
                            for j in 0..<k { row[j] = Swift.max(0, row[j] + rowNorms[r]) }
                        }
                    }
                }
            }
        }
    }

    /// The nearest center of every row of `x` (lowest index on ties). Parallel over row blocks.
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public func nearestCenters(_ x: Matrix<Scalar>) -> [Int32] {
        precondition(x.columns == dimension, "rows have \(x.columns) features, centers \(dimension)")
        let n = x.rows, d = dimension
        return [Int32](unsafeUninitializedCapacity: n) { labels, initialized in
            let labelBase = labels.baseAddress!
            x.withUnsafeBufferPointer { xs in
                let xBase = xs.baseAddress!
                ParallelFor.forEachRange(count: n, chunkSize: 4096) { range in
                    nearest(xBase + range.lowerBound * d, rows: range.count, stride: d,
                            labels: labelBase + range.lowerBound)
                }
            }
            initialized = n
        }
    }
}

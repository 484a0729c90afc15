import PersonasNumerics

/// The box that gap-statistic reference data are drawn from: Tibshirani, Walther & Hastie (2001,
/// "Estimating the number of clusters in a data set via the gap statistic", §3, method (b)).
///
/// The data are centered and rotated onto their principal axes (the right singular vectors of
/// the centered data, here the eigenvectors of its covariance, which are the same axes); a
/// reference row is uniform in the box of the rotated data's ranges, rotated back and shifted
/// by the mean. Unlike the box of the raw feature ranges (their method (a)), this box follows
/// the data's shape, so elongated but unclustered data do not look clustered.
struct PrincipalComponentBox {
    /// The column means (d).
    let mean: [Double]
    /// The principal axes as rows (d × d, orthonormal).
    let axes: Matrix<Double>
    /// The smallest and largest coordinate of the centered data along each axis (d each).
    let lower: [Double]
    let upper: [Double]

    /// The box of `x` (n × d, finite, checked by the caller). O(n·d²).
    init(_ x: Matrix<Double>) throws(ModelSelectionError) {
        let n = x.rows, d = x.columns
        let (mean, covariance) = x.meanAndCovariance(ddof: 0)
        let decomposition: SymmetricEigendecomposition<Double>
        do {
            decomposition = try covariance.symmetricEigendecomposition()
        } catch {
            throw ModelSelectionError("the principal axes of the data could not be computed (\(error))")
        }
        var centered = x
        centered.withUnsafeMutableBufferPointer { values in
            for i in 0..<n { for q in 0..<d { values[i * d + q] -= mean[q] } }
        }
        let rotated = Matrix.product(centered, decomposition.vectors, transposeB: true)
        var lower = [Double](repeating: .infinity, count: d)
        var upper = [Double](repeating: -.infinity, count: d)
        rotated.withUnsafeBufferPointer { values in
            for i in 0..<n {
                for q in 0..<d {
                    lower[q] = Swift.min(lower[q], values[i * d + q])
                    upper[q] = Swift.max(upper[q], values[i * d + q])
                }
            }
        }
        self.mean = mean
        self.axes = decomposition.vectors
        self.lower = lower
        self.upper = upper
    }

    /// `n` rows drawn uniformly in the box (n × d), coordinates drawn row by row from `generator`.
    func draw(rows n: Int, generator: inout SeededGenerator) -> Matrix<Double> {
        let d = mean.count
        let width = (0..<d).map { upper[$0] - lower[$0] }
        let box = Matrix<Double>(rows: n, columns: d) { out in
            for i in 0..<n {
                for q in 0..<d {
                    (out.baseAddress! + i * d + q).initialize(to: lower[q] + width[q] * generator.nextUnitDouble())
                }
            }
        }
        var rows = Matrix.product(box, axes)
        rows.withUnsafeMutableBufferPointer { values in
            for i in 0..<n { for q in 0..<d { values[i * d + q] += mean[q] } }
        }
        return rows
    }
}

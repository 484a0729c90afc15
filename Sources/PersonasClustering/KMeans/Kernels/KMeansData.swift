import PersonasNumerics

/// Validated k-means input with what every stage shares: the data mean μ that rows are shifted
/// by on the fly (scikit-learn centers its data the same way, so the expanded distances work on
/// small numbers), the weights, and the fixed row groups whose partial results are combined in
/// order, so that every result is bit-identical for any thread count.
struct KMeansData<Scalar: BLASScalar> {
    let x: Matrix<Scalar>
    let mean: [Scalar]
    let weights: [Double]?
    let groups: [Range<Int>]
    let chunkRows: Int

    var n: Int { x.rows }
    var d: Int { x.columns }

    init(_ x: Matrix<Scalar>, weights: [Double]?, chunkRows: Int) {
        self.init(x, shift: x.columnMeans(), weights: weights, chunkRows: chunkRows)
    }

    /// Data shifted by a given μ (mini-batch k-means keeps the first batch's mean for all batches).
    init(_ x: Matrix<Scalar>, shift: [Scalar], weights: [Double]?, chunkRows: Int) {
        self.x = x
        self.mean = shift
        self.weights = weights
        self.groups = RowBlockReduction.groups(rows: x.rows)
        self.chunkRows = chunkRows
    }

    func weight(_ i: Int) -> Double { weights?[i] ?? 1 }

    /// A row drawn with probability proportional to its weight (uniformly without weights): the
    /// first center of k-means++ and of k-means||.
    func drawByWeight(_ generator: inout SeededGenerator) -> Int {
        guard let weights else { return generator.nextInt(below: n) }
        let total = weights.reduce(0, +)
        let target = generator.nextUnitDouble() * total
        var running = 0.0, last = 0
        for (i, w) in weights.enumerated() where w > 0 {
            running += w
            last = i
            if running > target { return i }
        }
        return last
    }

    /// Row `i` shifted by μ, in the data's precision, widened to Double: a center taken from the
    /// data in the shifted coordinates (as scikit-learn's centered `X[i]`).
    func shiftedRow(_ i: Int) -> [Double] {
        (0..<d).map { Double(x[i, $0] - mean[$0]) }
    }

    /// scikit-learn's absolute tolerance: `tol` times the mean of the (unweighted, ddof 0)
    /// feature variances.
    func absoluteTolerance(_ tolerance: Double) -> Double {
        guard tolerance > 0 else { return 0 }
        let d = self.d, mean = self.mean
        let squares = RowBlockReduction.sum(rows: n, width: d) { range, accumulator in
            x.withUnsafeBufferPointer { xs in
                for i in range {
                    let row = xs.baseAddress! + i * d
                    for q in 0..<d {
                        let v = Double(row[q]) - Double(mean[q])
                        accumulator[q] += v * v
                    }
                }
            }
        }
        return squares.reduce(0, +) / Double(n) / Double(d) * tolerance
    }

    /// Centers (k × d, shifted coordinates, Double) as the panel the kernels compare against.
    func panel(_ centers: [Double], k: Int) -> CenterPanel<Scalar> {
        CenterPanel(centers: Matrix(rows: k, columns: d, elements: centers.map { Scalar($0) }), shift: mean)
    }

    /// Σ w_i ‖x_i − μ − c_{label_i}‖², exactly (differences, not the expansion), in Double.
    func inertia(_ centers: [Double], labels: [Int32], k: Int) -> Double {
        let d = self.d, mean = self.mean, chunkRows = self.chunkRows, weights = self.weights
        let scalarCenters = centers.map { Scalar($0) }
        let partials = RowBlockReduction.sum(rows: n, width: 1) { range, total in
            var distances = [Double](repeating: 0, count: chunkRows)
            x.withUnsafeBufferPointer { xs in
                mean.withUnsafeBufferPointer { mu in
                    scalarCenters.withUnsafeBufferPointer { c in
                        labels.withUnsafeBufferPointer { l in
                            distances.withUnsafeMutableBufferPointer { out in
                                for block in RowBlocks(range, size: chunkRows) {
                                    let start = block.lowerBound, m = block.count
                                    Scalar._assignedDistance(xs.baseAddress! + start * d, m, d, d, mu.baseAddress!,
                                                             c.baseAddress!, l.baseAddress! + start, out.baseAddress!)
                                    if let weights {
                                        for r in 0..<m { total[0] += weights[start + r] * out[r] }
                                    } else {
                                        for r in 0..<m { total[0] += out[r] }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return partials[0]
    }
}

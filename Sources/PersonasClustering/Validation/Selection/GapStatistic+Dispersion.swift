import PersonasNumerics

extension GapStatistic {
    /// W_k, the pooled within-cluster dispersion of a labelling: Σ_r Σ_{i∈C_r} ‖x_i − c_r‖², with
    /// c_r the mean of cluster r. Tibshirani et al. write it Σ_r D_r / (2 n_r), D_r the sum of
    /// squared distances over ordered pairs in C_r; the two are equal.
    ///
    /// Two passes (means, then squared deviations) rather than Σ‖x‖² − n‖c‖², which cancels badly
    /// for tight clusters far from the origin. Fixed row groups combined in order: the same bits
    /// on every thread count. O(n·d). `labels` are in 0..<k (checked by the caller).
    static func withinClusterSumOfSquares(_ x: Matrix<Double>, labels: [Int32], k: Int) -> Double {
        let n = x.rows, d = x.columns
        let totals = x.withUnsafeBufferPointer { values in
            labels.withUnsafeBufferPointer { label in
                // k·d coordinate sums, then k counts.
                RowBlockReduction.sum(rows: n, width: k * d + k) { range, sums in
                    for i in range {
                        let r = Int(label[i])
                        for q in 0..<d { sums[r * d + q] += values[i * d + q] }
                        sums[k * d + r] += 1
                    }
                }
            }
        }
        var centers = [Double](repeating: 0, count: k * d)
        for r in 0..<k where totals[k * d + r] > 0 {
            for q in 0..<d { centers[r * d + q] = totals[r * d + q] / totals[k * d + r] }
        }
        let total = x.withUnsafeBufferPointer { values in
            labels.withUnsafeBufferPointer { label in
                centers.withUnsafeBufferPointer { center in
                    RowBlockReduction.sum(rows: n, width: 1) { range, sum in
                        var s = 0.0
                        for i in range {
                            let c = Int(label[i]) * d
                            for q in 0..<d {
                                let v = values[i * d + q] - center[c + q]
                                s += v * v
                            }
                        }
                        sum[0] += s
                    }
                }
            }
        }
        return total[0]
    }
}

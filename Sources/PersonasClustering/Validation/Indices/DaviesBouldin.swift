extension ClusterCentroids {
    /// Davies & Bouldin (1979): the mean over clusters i of max_{j ≠ i} (s_i + s_j) / ‖c_i − c_j‖,
    /// s the mean distance of a cluster's rows to its centroid.
    ///
    /// scikit-learn's edge cases, kept: 0 when every s is within 1e-8 of 0 or every centroid
    /// distance is (`np.isclose` to 0); a centroid distance of exactly 0 between two clusters
    /// counts as infinite, so that pair adds 0 (scikit-learn's distances come from the GEMM
    /// expansion and may miss an exact 0 by rounding; these are exact differences, so coincident
    /// centroids always take this path).
    func daviesBouldin(distanceSums: [Double]) -> Double {
        let spread = (0..<k).map { distanceSums[$0] / weights[$0] }
        var separation = [Double](repeating: 0, count: k * k)
        for i in 0..<k {
            for j in 0..<k where j != i {
                var s = 0.0
                for q in 0..<d {
                    let t = relativeCentroids[i * d + q] - relativeCentroids[j * d + q]
                    s += t * t
                }
                separation[i * k + j] = s.squareRoot()
            }
        }
        let tolerance = 1e-8
        if spread.allSatisfy({ abs($0) <= tolerance }) || separation.allSatisfy({ abs($0) <= tolerance }) { return 0 }
        var total = 0.0
        for i in 0..<k {
            var worst = 0.0
            for j in 0..<k {
                let distance = separation[i * k + j] == 0 ? Double.infinity : separation[i * k + j]
                worst = Swift.max(worst, (spread[i] + spread[j]) / distance)
            }
            total += worst
        }
        return total / Double(k)
    }
}

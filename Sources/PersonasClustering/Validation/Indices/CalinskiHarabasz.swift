extension ClusterCentroids {
    /// Calinski & Harabasz (1974): [B / (k − 1)] / [W / (n − k)], with B = Σ n_c ‖c_c − mean‖²
    /// the between-cluster and W the within-cluster sum of squares; 1 when W = 0 (every row on
    /// its centroid), as scikit-learn returns. The operations follow scikit-learn's
    /// `B·(n − k) / (W·(k − 1))`.
    func calinskiHarabasz(within: Double, rows n: Int) -> Double {
        guard within != 0 else { return 1 }
        var between = 0.0
        for c in 0..<k {
            var s = 0.0
            for q in 0..<d {
                let t = relativeCentroids[c * d + q] - relativeMean[q]
                s += t * t
            }
            between += weights[c] * s
        }
        return between * Double(n - k) / (within * (Double(k) - 1))
    }
}

import PersonasNumerics

extension SilhouetteKernel {
    /// The mean silhouette of `sampleSize` rows drawn uniformly without replacement, each row's
    /// a and b measured against every row (so each sampled silhouette is exact, and only the
    /// mean is estimated), with the standard error of that mean: s/√m · √((n − m)/(n − 1)), s the
    /// sample standard deviation (ddof 1) and √((n − m)/(n − 1)) the finite-population correction
    /// (0 when every row is drawn). O(m·n·d).
    ///
    /// With m = n every row is drawn: the result is the exact index, computed as such.
    static func estimate(
        _ data: ClusterOrderedRows, counts: [Int], sampleSize m: Int, seed: UInt64
    ) -> (value: Double, standardError: Double) {
        if m == data.n { return (allSilhouettes(data, counts: counts).reduce(0, +) / Double(m), 0) }
        var generator = SeededGenerator(seed: seed)
        let positions = generator.sampleWithoutReplacement(m, from: data.n).map { data.position[$0] }.sorted()
        let values = silhouettes(data, counts: counts, positions: positions)
        let mean = values.reduce(0, +) / Double(m)
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let deviation = (squares / Double(m - 1)).squareRoot()
        let correction = (Double(data.n - m) / Double(data.n - 1)).squareRoot()
        return (mean, deviation / Double(m).squareRoot() * correction)
    }
}

import PersonasNumerics

extension MixtureData {
    /// The M-step (scikit-learn's `_estimate_gaussian_parameters` and `_m_step`): from the
    /// responsibilities' moments, `n_j = Σ r_ij + 10ε`, the means `Σ r_ij x_i / n_j`, the
    /// covariances around those means plus `regularization` on the diagonal, their precision
    /// Cholesky factors, and the weights `n_j / Σ n_j` (`n_j / n` when `weightsOverRows`, as
    /// scikit-learn's initialisation divides).
    ///
    /// The covariances come from a second pass over the rows around the new means (the scatter
    /// `Σ r_ij (x_i − μ_j)(x_i − μ_j)ᵀ`, one SYRK per block and component), never from
    /// `E[x²] − μ²`, which loses digits to cancellation (Float most of all) and can even turn a
    /// tight component's variance negative. scikit-learn computes the full type this way and the
    /// others by the expansion; the results agree to rounding.
    func maximization(
        _ totals: ExpectationTotals, responsibilities: UnsafePointer<Scalar>,
        type: GaussianMixtureConfiguration.CovarianceType, k: Int, regularization: Double, weightsOverRows: Bool
    ) throws(ClusteringError) -> MixtureParameters {
        let d = self.d
        let counts = totals.weights.map { $0 + 10 * Double(Scalar.ulpOfOne) }
        var means = [Double](repeating: 0, count: k * d)
        for j in 0..<k { for q in 0..<d { means[j * d + q] = totals.sums[j * d + q] / counts[j] } }
        let scatter = self.scatter(responsibilities, means: means, type: type, k: k)
        var covariances = [Double](repeating: 0, count: MixtureParameters.covarianceCount(type, k: k, d: d))
        switch type {
        case .full:
            for j in 0..<k {
                for e in 0..<(d * d) { covariances[j * d * d + e] = scatter[j * d * d + e] / counts[j] }
                for q in 0..<d { covariances[j * d * d + q * d + q] += regularization }
            }
        case .tied:
            let total = counts.reduce(0, +)
            for e in 0..<(d * d) { covariances[e] = scatter[e] / total }
            for q in 0..<d { covariances[q * d + q] += regularization }
        case .diagonal:
            for j in 0..<k { for q in 0..<d { covariances[j * d + q] = scatter[j * d + q] / counts[j] + regularization } }
        case .spherical:
            for j in 0..<k {
                var sum = 0.0
                for q in 0..<d { sum += scatter[j * d + q] / counts[j] + regularization }
                covariances[j] = sum / Double(d)
            }
        }
        let factors = try MixtureParameters.precisionCholesky(covariances, type: type, k: k, d: d)
        let denominator = weightsOverRows ? Double(n) : counts.reduce(0, +)
        return MixtureParameters(type: type, k: k, d: d, weights: counts.map { $0 / denominator }, means: means,
                                 covariances: covariances, precisionsCholesky: factors)
    }

    /// `Σ_i r_ij (x_i − μ_j)(x_i − μ_j)ᵀ` for each component (full; summed over components when
    /// tied), or its diagonal (diagonal, spherical); symmetric matrices are filled on both sides.
    func scatter(
        _ responsibilities: UnsafePointer<Scalar>, means: [Double], type: GaussianMixtureConfiguration.CovarianceType,
        k: Int
    ) -> [Double] {
        let d = self.d, chunkRows = self.chunkRows
        let matrices = type == .full || type == .tied
        let count = matrices ? (type == .full ? k : 1) * d * d : k * d
        let partials: [[Double]] = mapRowGroups { blocks in
            var total = [Double](repeating: 0, count: count)
            var block = [Scalar](repeating: 0, count: chunkRows * d)
            var weighted = [Scalar](repeating: 0, count: matrices ? chunkRows * d : 0)
            var product = [Scalar](repeating: 0, count: matrices ? d * d : 0)
            total.withUnsafeMutableBufferPointer { sums in
            block.withUnsafeMutableBufferPointer { z in
            weighted.withUnsafeMutableBufferPointer { a in
            product.withUnsafeMutableBufferPointer { c in
            means.withUnsafeBufferPointer { mu in
                for rows in blocks {
                    let m = rows.count
                    loadShifted(rows, into: z.baseAddress!, stride: d, squares: false)
                    let resp = responsibilities + rows.lowerBound * k
                    for j in 0..<k {
                        let mean = mu.baseAddress! + j * d
                        if matrices {
                            // √r_ij (x_i − μ_j) as rows, then their Gram matrix: one SYRK.
                            for r in 0..<m {
                                let root = Double(resp[r * k + j]).squareRoot()
                                let source = UnsafePointer(z.baseAddress! + r * d), target = a.baseAddress! + r * d
                                for q in 0..<d { target[q] = Scalar((Double(source[q]) - mean[q]) * root) }
                            }
                            Scalar._syrkTransposed(n: d, k: m, alpha: 1, a: a.baseAddress!, lda: d, beta: 0,
                                                   c: c.baseAddress!, ldc: d)
                            let base = type == .full ? j * d * d : 0
                            for p in 0..<d { for q in p..<d { sums[base + p * d + q] += Double(c[p * d + q]) } }
                        } else {
                            // Through raw pointers: the row's d terms vectorise (the array
                            // subscripts kept the loop scalar, 40% of a diagonal EM iteration).
                            let target = sums.baseAddress! + j * d
                            for r in 0..<m {
                                let weight = Double(resp[r * k + j]), row = UnsafePointer(z.baseAddress! + r * d)
                                for q in 0..<d {
                                    let v = Double(row[q]) - mean[q]
                                    target[q] += weight * v * v
                                }
                            }
                        }
                    }
                }
            }
            }
            }
            }
            }
            return total
        }
        var total = [Double](repeating: 0, count: count)
        for partial in partials { for e in 0..<count { total[e] += partial[e] } }
        if matrices {
            for base in stride(from: 0, to: count, by: d * d) {
                for p in 0..<d { for q in 0..<p { total[base + p * d + q] = total[base + q * d + p] } }
            }
        }
        return total
    }
}

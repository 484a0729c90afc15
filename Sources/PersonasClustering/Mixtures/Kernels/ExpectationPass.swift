import PersonasNumerics

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one pass over the rows adds up, per fixed row group, then over the groups in order. With
/// sample weights w_i (``MixtureData/weights``) every term of a row is multiplied by its weight.
struct ExpectationTotals {
    /// Σ w_i ln p(x_i): the log-likelihood of the rows (scikit-learn's lower bound times n).
    var logLikelihood = 0.0
    /// −Σ_i w_i Σ_j r_ij ln r_ij, the entropy of the responsibilities (ICL's penalty).
    var entropy = 0.0
    /// Σ_i w_i r_ij per component (k), when moments are asked for.
    var weights: [Double]
    /// Σ_i w_i r_ij·(x_i − μ) per component (k × d, shifted coordinates), when moments are asked
    /// for.
    var sums: [Double]

    init(k: Int, d: Int, moments: Bool) {
        weights = [Double](repeating: 0, count: moments ? k : 0)
        sums = [Double](repeating: 0, count: moments ? k * d : 0)
    }

    mutating func add(_ other: ExpectationTotals) {
        logLikelihood += other.logLikelihood
        entropy += other.entropy
        for j in weights.indices { weights[j] += other.weights[j] }
        for j in sums.indices { sums[j] += other.sums[j] }
    }
}

/// Where a pass writes its per-row results; every pointer covers all n rows and each row group
/// writes only its own rows.
struct ExpectationOutputs<Scalar: BLASScalar> {
    /// n × k responsibilities: written by an E-step, read when the pass has no densities.
    var responsibilities: UnsafeMutablePointer<Scalar>?
    /// Each row's most probable component (the first on ties, as NumPy's argmax).
    var labels: UnsafeMutablePointer<Int32>?
    /// Each row's log-density ln p(x) (scikit-learn's `score_samples`).
    var logDensities: UnsafeMutablePointer<Double>?
    /// Whether to add up the responsibilities and the responsibility-weighted rows.
    var moments = false
    /// Whether to add up the entropy of the responsibilities.
    var entropy = false
}

extension MixtureData {
    /// One pass over the rows: the E-step with `panel` (log-sum-exp responsibilities, labels,
    /// log-densities, as `outputs` asks), or, without a panel, the given responsibilities read
    /// back; then, when asked, the moments the M-step's weights and means come from (Σr and the
    /// GEMM rᵀ·x of each block, with the rows' weights folded into r first when there are
    /// weights). Parallel over the fixed row groups, combined in group order.
    func expectation(_ panel: DensityPanel<Scalar>?, k: Int, _ outputs: ExpectationOutputs<Scalar>) -> ExpectationTotals {
        let d = self.d, chunkRows = self.chunkRows
        let width = panel?.width ?? d
        let partials: [ExpectationTotals] = mapRowGroups { blocks in
            var totals = ExpectationTotals(k: k, d: d, moments: outputs.moments)
            var block = [Scalar](repeating: 0, count: chunkRows * width)
            var product = panel?.scratch(rows: chunkRows) ?? []
            var logDensities = [Double](repeating: 0, count: panel == nil ? 0 : chunkRows * k)
            var localResponsibilities = [Scalar](repeating: 0, count: outputs.responsibilities == nil ? chunkRows * k : 0)
            var momentBlock = [Scalar](repeating: 0, count: outputs.moments ? k * d : 0)
            var weightedBlock = [Scalar](repeating: 0, count: outputs.moments && weights != nil ? chunkRows * k : 0)
            block.withUnsafeMutableBufferPointer { z in
            weightedBlock.withUnsafeMutableBufferPointer { weightedBlock in
            product.withUnsafeMutableBufferPointer { y in
            logDensities.withUnsafeMutableBufferPointer { wlp in
            localResponsibilities.withUnsafeMutableBufferPointer { local in
            momentBlock.withUnsafeMutableBufferPointer { moments in
                for rows in blocks {
                    let m = rows.count, first = rows.lowerBound
                    loadShifted(rows, into: z.baseAddress!, stride: width, squares: width > d)
                    let resp = outputs.responsibilities.map { $0 + first * k } ?? local.baseAddress!
                    if let panel {
                        panel.weightedLogDensities(z.baseAddress!, rows: m, scratch: y.baseAddress!,
                                                   into: wlp.baseAddress!)
                        responsibilities(wlp.baseAddress!, rows: m, k: k, first: first, into: resp, outputs,
                                         totals: &totals)
                    }
                    if outputs.moments {
                        let factors = weighting(resp, rows: rows, k: k, scratch: weightedBlock.baseAddress)
                        for r in 0..<m { for j in 0..<k { totals.weights[j] += Double(factors[r * k + j]) } }
                        Scalar._gemm(transposeA: true, transposeB: false, m: k, n: d, k: m, alpha: 1,
                                     a: factors, lda: k, b: z.baseAddress!, ldb: width, beta: 0,
                                     c: moments.baseAddress!, ldc: d)
                        for e in 0..<(k * d) { totals.sums[e] += Double(moments[e]) }
                    }
                }
            }
            }
            }
            }
            }
            }
            return totals
        }
        var total = ExpectationTotals(k: k, d: d, moments: outputs.moments)
        for partial in partials { total.add(partial) }
        return total
    }

    /// Log-sum-exp over the components of each row's weighted log-densities: the row's
    /// log-density, its responsibilities `exp(wlp − lse)` and its most probable component. The
    /// densities are overwritten by `exp(wlp − max)`. The totals take each row times its weight
    /// (a weight of 1 leaves every term's bits as they are).
    private func responsibilities(
        _ wlp: UnsafeMutablePointer<Double>, rows m: Int, k: Int, first: Int, into resp: UnsafeMutablePointer<Scalar>,
        _ outputs: ExpectationOutputs<Scalar>, totals: inout ExpectationTotals
    ) {
        for r in 0..<m {
            let row = wlp + r * k, w = weights?[first + r] ?? 1
            var best = 0
            for j in 1..<max(k, 1) where row[j] > row[best] { best = j }
            let top = row[best]
            // exp(wlp − max) once per component: the sum, then the responsibilities as its shares.
            var sum = 0.0
            for j in 0..<k {
                let e = exp(row[j] - top)
                row[j] = e
                sum += e
            }
            let lse = top + log(sum), reciprocal = 1 / sum
            totals.logLikelihood += w * lse
            outputs.labels?[first + r] = Int32(best)
            outputs.logDensities?[first + r] = lse
            for j in 0..<k {
                let responsibility = row[j] * reciprocal
                resp[r * k + j] = Scalar(responsibility)
                if outputs.entropy && responsibility > 0 { totals.entropy -= w * responsibility * log(responsibility) }
            }
        }
    }
}

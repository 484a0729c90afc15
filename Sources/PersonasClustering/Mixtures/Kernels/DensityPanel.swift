import PersonasNumerics

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The E-step of a block of rows as one GEMM: each component's weighted log-density
/// `ln w_j − ½(d·ln 2π + q_j(x)) + ln det U_j`, in scikit-learn's arithmetic
/// (`_estimate_log_gaussian_prob`).
///
/// Full and tied: `q_j(x) = ‖x·U_j − μ_j·U_j‖²`, all components' `x·U_j` from one product of the
/// block (m × d) with the factors side by side (d × k·d; d × d when tied). Diagonal and spherical:
/// the expansion `q_j(x) = Σ μ²λ − 2·x·(μλ)ᵀ + x²·λᵀ` (λ = U², the precisions), from one product of
/// the block and its squares (m × 2d) with `[−2μλ; λ]` (2d × k).
struct DensityPanel<Scalar: BLASScalar> {
    let type: GaussianMixtureConfiguration.CovarianceType
    let k: Int
    let d: Int
    /// The right-hand side of the block's GEMM, row-major, ``width`` × ``panelColumns``.
    let panel: [Scalar]
    let panelColumns: Int
    /// Full and tied: μ_j·U_j (k × d); diagonal and spherical: Σ μ²λ per component (k).
    let offsets: [Double]
    /// ln det U_j + ln w_j per component.
    let constants: [Double]

    /// Columns of the block the GEMM reads: the shifted rows, and their squares when diagonal.
    var width: Int { type == .full || type == .tied ? d : 2 * d }

    init(_ p: MixtureParameters) {
        type = p.type
        k = p.k
        d = p.d
        let d = p.d, k = p.k
        let logDeterminants = p.logDeterminants
        constants = (0..<k).map { logDeterminants[$0] + log(p.weights[$0]) }
        switch p.type {
        case .full, .tied:
            let factors = p.type == .full ? k : 1
            panelColumns = factors * d
            var panel = [Scalar](repeating: 0, count: d * factors * d)
            for f in 0..<factors {
                for r in 0..<d { for c in 0..<d {
                    panel[r * factors * d + f * d + c] = Scalar(p.precisionsCholesky[f * d * d + r * d + c])
                } }
            }
            self.panel = panel
            var offsets = [Double](repeating: 0, count: k * d)
            for j in 0..<k {
                let base = (p.type == .full ? j : 0) * d * d
                for c in 0..<d {
                    var sum = 0.0
                    for r in 0..<d { sum += p.means[j * d + r] * p.precisionsCholesky[base + r * d + c] }
                    offsets[j * d + c] = sum
                }
            }
            self.offsets = offsets
        case .diagonal, .spherical:
            panelColumns = k
            var panel = [Scalar](repeating: 0, count: 2 * d * k)
            var offsets = [Double](repeating: 0, count: k)
            for j in 0..<k {
                for q in 0..<d {
                    let u = p.type == .diagonal ? p.precisionsCholesky[j * d + q] : p.precisionsCholesky[j]
                    let precision = u * u, mean = p.means[j * d + q]
                    panel[q * k + j] = Scalar(-2 * mean * precision)
                    panel[(d + q) * k + j] = Scalar(precision)
                    offsets[j] += mean * mean * precision
                }
            }
            self.panel = panel
            self.offsets = offsets
        }
    }

    /// Per-block scratch: the GEMM's output.
    func scratch(rows: Int) -> [Scalar] { [Scalar](repeating: 0, count: rows * panelColumns) }

    /// `Σ_c (y_c − b_c)²` over `d` terms, in four independent partial sums (a single running sum
    /// is one chain of dependent additions, four times slower).
    @inline(__always)
    static func squaredDistance(_ y: UnsafeMutablePointer<Scalar>, _ b: UnsafePointer<Double>, _ d: Int) -> Double {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var c = 0
        while c + 4 <= d {
            let v0 = Double(y[c]) - b[c], v1 = Double(y[c + 1]) - b[c + 1]
            let v2 = Double(y[c + 2]) - b[c + 2], v3 = Double(y[c + 3]) - b[c + 3]
            s0 += v0 * v0
            s1 += v1 * v1
            s2 += v2 * v2
            s3 += v3 * v3
            c += 4
        }
        while c < d {
            let v = Double(y[c]) - b[c]
            s0 += v * v
            c += 1
        }
        return (s0 + s1) + (s2 + s3)
    }

    /// Writes the weighted log-densities (m × k, Double) of the m loaded rows at `block` (stride
    /// ``width``) into `out`.
    func weightedLogDensities(
        _ block: UnsafePointer<Scalar>, rows m: Int, scratch: UnsafeMutablePointer<Scalar>,
        into out: UnsafeMutablePointer<Double>
    ) {
        let k = self.k, d = self.d, columns = panelColumns
        let normaliser = Double(d) * log(2 * Double.pi)
        panel.withUnsafeBufferPointer { w in
            Scalar._gemm(transposeA: false, transposeB: false, m: m, n: columns, k: width, alpha: 1,
                         a: block, lda: width, b: w.baseAddress!, ldb: columns, beta: 0, c: scratch, ldc: columns)
        }
        offsets.withUnsafeBufferPointer { offsets in
            constants.withUnsafeBufferPointer { constants in
                switch type {
                case .full, .tied:
                    let shared = type == .tied
                    for r in 0..<m {
                        let y = scratch + r * columns
                        for j in 0..<k {
                            let factor = y + (shared ? 0 : j * d), mu = offsets.baseAddress! + j * d
                            out[r * k + j] = -0.5 * (normaliser + Self.squaredDistance(factor, mu, d)) + constants[j]
                        }
                    }
                case .diagonal, .spherical:
                    for r in 0..<m {
                        for j in 0..<k {
                            let q = offsets[j] + Double(scratch[r * columns + j])
                            out[r * k + j] = -0.5 * (normaliser + q) + constants[j]
                        }
                    }
                }
            }
        }
    }
}

import PersonasClustering
import PersonasNumerics
import PersonasTestSupport
import Testing

/// R mclust 6.0.0 fits of R's iris, G = 3, from Tests/Fixtures/mixtures/make_mclust_fixtures.R
/// (its header says how they were run: no prior, EM to a tight tolerance).
private struct MclustReference: Decodable {
    struct Case: Decodable {
        let covariance_type: String
        let model: String
        let k: Int
        let loglik: Double
        let bic: Double
        let df: Int
        let n: Int
        let z: [[Double]]
        let weights: [Double]
        let means: [[Double]]
    }
    let X: [[Double]]
    let cases: [Case]
}

private let mclust: MclustReference = try! Fixtures.json("mixtures/mclust_reference.json")

private func relative(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), 1e-300) }

// Issue 23: "BIC on R's mclust convention documented and checked against mclust for one model".
// Four models here (VVV, VVI, VII, EEE), the four covariance types.
@Suite("Gaussian mixtures against R's mclust")
struct GaussianMixtureMclustTests {
    @Test("from mclust's memberships, EM reaches mclust's log-likelihood, parameter count and BIC (mclust's sign)",
          arguments: mclust.cases.map(\.covariance_type))
    func mclustBIC(type: String) throws {
        let c = try #require(mclust.cases.first { $0.covariance_type == type })
        let covariance: GaussianMixtureConfiguration.CovarianceType = switch type {
        case "full": .full
        case "diag": .diagonal
        case "spherical": .spherical
        default: .tied
        }
        // mclust fits without a prior: no regularisation here either. EM from mclust's fixed
        // point stays there, so the figures must agree closely.
        let configuration = GaussianMixtureConfiguration(
            k: c.k, covarianceType: covariance, tolerance: 1e-12, regularization: 0, maxIterations: 500,
            initialization: .responsibilities(Matrix(c.z)))
        let model = try GaussianMixture.fit(Matrix(mclust.X), configuration)
        #expect(model.rows == c.n)
        #expect(model.parameterCount == c.df, "\(c.model): \(model.parameterCount) parameters, mclust's df \(c.df)")
        #expect(relative(model.logLikelihood, c.loglik) <= 1e-9, "\(c.model): ℓ \(model.logLikelihood) vs \(c.loglik)")
        #expect(relative(model.mclustBIC, c.bic) <= 1e-9, "\(c.model): BIC \(model.mclustBIC) vs mclust's \(c.bic)")
        // The other sign is scikit-learn's: the same number negated.
        #expect(model.bic == -model.mclustBIC)
        #expect(relativeError(model.weights, c.weights) <= 1e-7)
        #expect(relativeError(model.means.elements, c.means.flatMap { $0 }) <= 1e-7)
    }
}

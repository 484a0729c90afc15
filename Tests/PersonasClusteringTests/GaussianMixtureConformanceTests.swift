import PersonasClustering
import PersonasNumerics
import PersonasTestSupport
import Testing

/// scikit-learn 1.9.1 results, from Tests/Fixtures/mixtures/make_gmm_fixtures.py (its docstring
/// says how both sides start from the same responsibilities).
private struct Reference: Decodable {
    struct Dataset: Decodable {
        let X: [[Double]]
        let k: Int
        let init_labels: [Int32]
    }
    struct Case: Decodable {
        let name: String
        let dataset: String
        let covariance_type: String
        let k: Int
        let tol: Double
        let reg_covar: Double
        let max_iter: Int
        let start: String
        let lower_bounds: [Double]
        let lower_bound: Double
        let n_iter: Int
        let converged: Bool
        let weights: [Double]
        let means: [[Double]]
        let covariances: [Double]
        let precisions_cholesky: [Double]
        let labels: [Int32]
        let n_parameters: Int
        let bic: Double
        let aic: Double
        let score: Double
        let score_samples_first5: [Double]
        let predict_proba_first5: [[Double]]
    }
    let datasets: [String: Dataset]
    let cases: [Case]
}

private let reference: Reference = try! Fixtures.json("mixtures/gmm_reference.json")

private func covarianceType(_ name: String) -> GaussianMixtureConfiguration.CovarianceType {
    switch name {
    case "full": .full
    case "tied": .tied
    case "diag": .diagonal
    default: .spherical
    }
}

/// The configuration of a fixture case: its start (the dataset's labels, or equal weights, the
/// first k rows as means and identity precisions) and scikit-learn's settings.
private func configuration(_ c: Reference.Case) -> GaussianMixtureConfiguration {
    let data = reference.datasets[c.dataset]!
    let type = covarianceType(c.covariance_type)
    var configuration = GaussianMixtureConfiguration(
        k: c.k, covarianceType: type, tolerance: c.tol, regularization: c.reg_covar, maxIterations: c.max_iter)
    if c.start == "labels" {
        configuration.initialization = .labels(data.init_labels)
    } else {
        let d = data.X[0].count, k = c.k
        configuration.initialWeights = [Double](repeating: 1 / Double(k), count: k)
        configuration.initialMeans = Matrix(Array(data.X.prefix(k)))
        configuration.initialPrecisions = switch type {
        case .full: Matrix(rows: k * d, columns: d, elements: (0..<k).flatMap { _ in Matrix<Double>.identity(d).elements })
        case .tied: Matrix<Double>.identity(d)
        case .diagonal: Matrix(rows: k, columns: d, repeating: 1)
        case .spherical: Matrix(rows: k, columns: 1, repeating: 1)
        }
    }
    return configuration
}

private func relative(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), 1e-300) }

// Fails on main before this change: PersonasClustering had no Gaussian mixtures (issue 23).
@Suite("Gaussian mixtures against scikit-learn")
struct GaussianMixtureConformanceTests {
    @Test("from the same start, EM gives scikit-learn's lower bounds, parameters, labels and criteria (1e-9)",
          arguments: reference.cases.map(\.name))
    func conformance(name: String) throws {
        let c = try #require(reference.cases.first { $0.name == name })
        let x = Matrix(reference.datasets[c.dataset]!.X)
        let model = try GaussianMixture.fit(x, configuration(c))
        #expect(model.iterations == c.n_iter)
        #expect(model.converged == c.converged)
        #expect(model.lowerBoundHistory.count == c.lower_bounds.count)
        for (ours, theirs) in zip(model.lowerBoundHistory, c.lower_bounds) {
            #expect(relative(ours, theirs) <= 1e-9, "lower bound \(ours) vs \(theirs)")
        }
        #expect(relative(model.lowerBound, c.lower_bound) <= 1e-9)
        #expect(model.labels == c.labels)
        #expect(relativeError(model.weights, c.weights) <= 1e-9)
        #expect(relativeError(model.means.elements, c.means.flatMap { $0 }) <= 1e-9)
        #expect(relativeError(model.covariances.elements, c.covariances) <= 1e-9)
        #expect(relativeError(model.precisionsCholesky.elements, c.precisions_cholesky) <= 1e-9)
        #expect(model.parameterCount == c.n_parameters)
        #expect(relative(model.bic, c.bic) <= 1e-9, "BIC \(model.bic) vs \(c.bic)")
        #expect(relative(model.aic, c.aic) <= 1e-9, "AIC \(model.aic) vs \(c.aic)")
        #expect(relative(try model.score(x), c.score) <= 1e-9)
    }

    @Test("scoreSamples and predictProba give scikit-learn's score_samples and predict_proba",
          arguments: reference.cases.filter { $0.start == "labels" }.map(\.name))
    func scoring(name: String) throws {
        let c = try #require(reference.cases.first { $0.name == name })
        let x = Matrix(reference.datasets[c.dataset]!.X)
        let model = try GaussianMixture.fit(x, configuration(c))
        let first = x.rows(at: 0..<5)
        #expect(relativeError(try model.scoreSamples(first), c.score_samples_first5) <= 1e-9)
        let probabilities = try model.predictProba(first)
        #expect(relativeError(probabilities.elements, c.predict_proba_first5.flatMap { $0 }) <= 1e-9)
        #expect(try model.predict(x) == model.labels)
    }

    @Test("the criteria keep their conventions: ICL is BIC plus twice the entropy, mclust's BIC is −BIC")
    func criteria() throws {
        let c = try #require(reference.cases.first { $0.name == "iris_full_labels" })
        let model = try GaussianMixture.fit(Matrix(reference.datasets[c.dataset]!.X), configuration(c))
        let n = Double(model.rows), p = Double(model.parameterCount)
        #expect(model.mclustBIC == 2 * model.logLikelihood - p * log(n))
        #expect(abs(model.mclustBIC + c.bic) <= 1e-9 * c.bic)
        #expect(model.entropy > 0)
        #expect(model.icl == model.bic + 2 * model.entropy)
        // The entropy of the memberships, recomputed from predict_proba.
        let probabilities = try model.predictProba(Matrix(reference.datasets[c.dataset]!.X))
        let entropy = probabilities.elements.reduce(0.0) { $1 > 0 ? $0 - $1 * log($1) : $0 }
        #expect(abs(entropy - model.entropy) <= 1e-9 * max(1, entropy))
    }

    @Test("Float fits stay close to Double fits from the same start", arguments: reference.cases.map(\.name))
    func float(name: String) throws {
        let c = try #require(reference.cases.first { $0.name == name })
        let x = Matrix(reference.datasets[c.dataset]!.X)
        let double = try GaussianMixture.fit(x, configuration(c))
        let single = try GaussianMixture.fit(Matrix<Float>(converting: x), configuration(c))
        let agreement = zip(single.labels, double.labels).filter { $0 == $1 }.count
        #expect(Double(agreement) >= 0.98 * Double(x.rows))
        #expect(relative(single.lowerBound, double.lowerBound) <= 1e-3)
        #expect(relativeError(single.means.elements, double.means.elements) <= 1e-2)
        #expect(relativeError(single.weights, double.weights) <= 1e-2)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

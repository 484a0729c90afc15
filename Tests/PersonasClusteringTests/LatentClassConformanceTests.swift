import PersonasClustering
import PersonasNumerics
import PersonasTestSupport
import Testing

/// stepmix 3.0.0 results, from Tests/Fixtures/mixtures/make_latent_class_fixtures.py (its docstring
/// says how both sides start from the same parameters or responsibilities, and which stepmix models
/// handle the missing answers).
private struct Reference: Decodable {
    struct Dataset: Decodable {
        let codes: [[Int32]]
        let continuous: [[Double?]]
    }
    struct Item: Decodable {
        let probabilities: [[Double]]?
        let means: [Double]?
        let variances: [Double]?
    }
    struct Parameters: Decodable {
        let weights: [Double]
        let items: [Item]
    }
    struct Case: Decodable {
        let name: String
        let data: String
        let k: Int
        let abs_tol: Double
        let max_iter: Int
        let regularization: Double
        let start: String
        let initial: Parameters
        let start_responsibilities: [[Double]]?
        let sample_weight: [Double]?
        let lower_bounds: [Double]
        let lower_bound: Double
        let n_iter: Int
        let converged: Bool
        let weights: [Double]
        let items: [Item]
        let log_likelihood: Double
        let class_sizes: [Double]
        let labels: [Int32]
        let posterior_first12: [[Double]]
        let n_parameters: Int
        let bic: Double?
        let aic: Double?
    }
    let levels: [Int]
    let datasets: [String: Dataset]
    let cases: [Case]
}

private let reference: Reference = try! Fixtures.json("mixtures/latent_class_reference.json")

/// The case's items: all 8 categorical items, or (mixed) the first 5 and the 3 continuous ones.
private func data(_ c: Reference.Case) throws -> LatentClassData {
    let dataset = reference.datasets[c.data]!
    let categorical = c.name.hasPrefix("mixed") ? 5 : 8
    var items: [LatentClassItem] = (0..<categorical).map { q in
        .categorical(codes: dataset.codes.map { $0[q] }, levels: reference.levels[q])
    }
    if c.name.hasPrefix("mixed") {
        items += (0..<3).map { q in .continuous(dataset.continuous.map { $0[q] ?? .nan }) }
    }
    return try LatentClassData(items: items, weights: c.sample_weight)
}

private func parameters(_ weights: [Double], _ items: [Reference.Item]) -> LatentClassParameters {
    LatentClassParameters(weights: weights, items: items.map { item in
        if let probabilities = item.probabilities { return .categorical(probabilities: Matrix(probabilities)) }
        return .continuous(means: item.means!, variances: item.variances!)
    })
}

private func configuration(_ c: Reference.Case) -> LatentClassConfiguration {
    let start: LatentClassConfiguration.Start = if let r = c.start_responsibilities {
        .responsibilities(Matrix(r))
    } else {
        .parameters(parameters(c.initial.weights, c.initial.items))
    }
    return LatentClassConfiguration(k: c.k, tolerance: c.abs_tol, maxIterations: c.max_iter,
                                    regularization: c.regularization, start: start)
}

private func relative(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), 1e-300) }

/// Every item parameter of a fit, flat: level probabilities, then means, then variances.
private func flat(_ items: [LatentClassParameters.Item]) -> [Double] {
    items.flatMap { item -> [Double] in
        switch item {
        case .categorical(let probabilities): probabilities.elements
        case .continuous(let means, let variances): means + variances
        }
    }
}

// Fails on main before this change: PersonasClustering had no latent class models (issue 23).
@Suite("Latent class models against stepmix")
struct LatentClassConformanceTests {
    @Test("from the same start, EM gives stepmix's lower bounds, parameters, class sizes, labels and criteria (1e-9)",
          arguments: reference.cases.map(\.name))
    func conformance(name: String) throws {
        let c = try #require(reference.cases.first { $0.name == name })
        let data = try data(c)
        let model = try LatentClass.fit(data, configuration(c))
        #expect(model.iterations == c.n_iter)
        #expect(model.converged == c.converged)
        #expect(model.lowerBoundHistory.count == c.lower_bounds.count)
        for (ours, theirs) in zip(model.lowerBoundHistory, c.lower_bounds) {
            #expect(relative(ours, theirs) <= 1e-9, "lower bound \(ours) vs \(theirs)")
        }
        #expect(relative(model.lowerBound, c.lower_bound) <= 1e-9)
        #expect(relative(model.logLikelihood, c.log_likelihood) <= 1e-9, "ℓ \(model.logLikelihood) vs \(c.log_likelihood)")
        #expect(relativeError(model.classSizes, c.class_sizes) <= 1e-9, "sizes \(model.classSizes) vs \(c.class_sizes)")
        #expect(relativeError(model.weights, c.weights) <= 1e-9)
        #expect(relativeError(flat(model.parameters.items), flat(parameters(c.weights, c.items).items)) <= 1e-9)
        #expect(model.labels == c.labels)
        #expect(relativeError(model.posterior.rows(at: 0..<12).elements, c.posterior_first12.flatMap { $0 }) <= 1e-9)
        #expect(model.parameterCount == c.n_parameters)
        if let bic = c.bic, let aic = c.aic {
            #expect(relative(model.bic, bic) <= 1e-9, "BIC \(model.bic) vs \(bic)")
            #expect(relative(model.aic, aic) <= 1e-9, "AIC \(model.aic) vs \(aic)")
        }
    }

    @Test("predictProba and scoreSamples on the training rows repeat the fit's last E-step",
          arguments: reference.cases.map(\.name))
    func scoring(name: String) throws {
        let c = try #require(reference.cases.first { $0.name == name })
        let data = try data(c)
        let model = try LatentClass.fit(data, configuration(c))
        #expect(try model.predict(data) == model.labels)
        #expect(try model.predictProba(data) == model.posterior)
        let densities = try model.scoreSamples(data)
        let total = zip(densities, data.weights).reduce(0.0) { $0 + $1.0 * $1.1 }
        #expect(relative(total, model.logLikelihood) <= 1e-12)
    }
}

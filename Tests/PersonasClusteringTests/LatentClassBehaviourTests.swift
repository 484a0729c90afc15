#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import PersonasClustering
import PersonasNumerics
import PersonasTestSupport
import Testing

/// A generated survey from three classes: `categorical` items of 3 to 5 levels and `continuous`
/// Gaussian items, each answer missing with probability `missing`; optional integer weights 1...3.
private struct Survey {
    var items: [LatentClassItem]
    var weights: [Double]

    init(rows n: Int, categorical: Int = 4, continuous: Int = 2, missing: Double = 0.1, seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let classes = (0..<n).map { _ in [0, 0, 0, 1, 1, 2][generator.nextInt(below: 6)] }
        items = []
        for q in 0..<categorical {
            let levels = 3 + q % 3
            let codes = classes.map { j -> Int32 in
                if generator.nextUnitDouble() < missing { return LatentClassItem.missingCode }
                // Class j prefers level (j + q) mod levels, the rest uniform.
                return Int32(generator.nextUnitDouble() < 0.6 ? (j + q) % levels : generator.nextInt(below: levels))
            }
            items.append(.categorical(codes: codes, levels: levels))
        }
        for c in 0..<continuous {
            items.append(.continuous(classes.map { j in
                generator.nextUnitDouble() < missing ? .nan : Double(j * (c + 1)) + generator.nextStandardNormal()
            }))
        }
        weights = (0..<n).map { _ in Double(1 + generator.nextInt(below: 3)) }
    }

    func data(weighted: Bool = false) throws -> LatentClassData {
        try LatentClassData(items: items, weights: weighted ? weights : nil)
    }

    /// Each row repeated as often as its weight says.
    func duplicated() throws -> LatentClassData {
        let repeats = weights.map { Int($0) }
        return try LatentClassData(items: items.map { item in
            switch item {
            case .categorical(let codes, let levels):
                .categorical(codes: zip(codes, repeats).flatMap { Array(repeating: $0, count: $1) }, levels: levels)
            case .continuous(let values):
                .continuous(zip(values, repeats).flatMap { Array(repeating: $0, count: $1) })
            }
        })
    }
}

/// The kind of the ClusteringError `body` throws (nil when it throws nothing).
private func kind(_ body: () throws -> Void) -> ClusteringError.Kind? {
    do {
        try body()
        return nil
    } catch let error as ClusteringError {
        #expect(!error.description.contains("--"))
        return error.kind
    } catch {
        Issue.record("expected a ClusteringError, got \(error)")
        return nil
    }
}

private func flat(_ parameters: LatentClassParameters) -> [Double] {
    parameters.weights + parameters.items.flatMap { item -> [Double] in
        switch item {
        case .categorical(let probabilities): probabilities.elements
        case .continuous(let means, let variances): means + variances
        }
    }
}

// Fails on main before this change: PersonasClustering had no latent class models (issue 23).
@Suite("Latent class behaviour")
struct LatentClassBehaviourTests {
    @Test("a fit is bit-identical on 1, 2 and 4 threads")
    func threadCounts() throws {
        // Enough rows for several fixed row groups, weights, missing answers and random restarts.
        let data = try Survey(rows: 20_000, seed: 23).data(weighted: true)
        let configuration = LatentClassConfiguration(k: 3, tolerance: 0, maxIterations: 8, restarts: 2, seed: 9)
        let reference = try ParallelFor.$threadLimit.withValue(1) { try LatentClass.fit(data, configuration) }
        for threads in [2, 4] {
            let model = try ParallelFor.$threadLimit.withValue(threads) { try LatentClass.fit(data, configuration) }
            #expect(model.labels == reference.labels)
            #expect(model.parameters == reference.parameters)
            #expect(model.posterior == reference.posterior)
            #expect(model.classSizes == reference.classSizes)
            #expect(model.lowerBoundHistory.map(\.bitPattern) == reference.lowerBoundHistory.map(\.bitPattern))
            #expect(model.logLikelihood.bitPattern == reference.logLikelihood.bitPattern)
            #expect(model.entropy.bitPattern == reference.entropy.bitPattern)
            #expect(model.restarts == reference.restarts)
        }
    }

    @Test("restarts keep the run with the highest lower bound, and a single run is restart 0")
    func restarts() throws {
        // Weakly separated classes and few iterations: random starts end in different places.
        let data = try Survey(rows: 400, categorical: 6, continuous: 0, missing: 0, seed: 3).data()
        let configuration = LatentClassConfiguration(k: 4, tolerance: 1e-6, maxIterations: 200, restarts: 6, seed: 11)
        let model = try LatentClass.fit(data, configuration)
        #expect(model.restarts.count == 6)
        #expect(Set(model.restarts.map(\.lowerBound)).count > 1, "the restarts should differ")
        let best = try #require(model.restarts.map(\.lowerBound).max())
        #expect(model.lowerBound == best)
        let kept = try #require(model.restarts.firstIndex { $0.lowerBound == best })
        #expect(model.iterations == model.restarts[kept].iterations)
        var single = configuration
        single.restarts = 1
        #expect(try LatentClass.fit(data, single).lowerBound == model.restarts[0].lowerBound)
        // A given start involves no chance: it runs once however many restarts are asked for.
        var fixed = configuration
        fixed.start = .labels(model.labels)
        #expect(try LatentClass.fit(data, fixed).restarts.count == 1)
        fixed.start = .parameters(model.parameters)
        #expect(try LatentClass.fit(data, fixed).restarts.count == 1)
    }

    @Test("a missing answer is left out of its row's likelihood, not imputed; a row with none gets the prior")
    func missingAnswers() throws {
        var survey = Survey(rows: 300, categorical: 3, continuous: 1, missing: 0.05, seed: 5)
        // Row 0 misses item 1 (categorical) and item 3 (continuous); row 1 misses everything.
        for q in survey.items.indices {
            switch survey.items[q] {
            case .categorical(var codes, let levels):
                if q == 1 { codes[0] = LatentClassItem.missingCode } else if codes[0] < 0 { codes[0] = 0 }
                codes[1] = LatentClassItem.missingCode
                survey.items[q] = .categorical(codes: codes, levels: levels)
            case .continuous(var values):
                values[0] = .nan
                values[1] = .nan
                survey.items[q] = .continuous(values)
            }
        }
        let data = try survey.data()
        let model = try LatentClass.fit(data, LatentClassConfiguration(k: 3, restarts: 2, seed: 1))
        // Row 0's likelihood by hand: π_j times the two answered items' probabilities only.
        guard case .categorical(let codes0, _) = survey.items[0], case .categorical(let codes2, _) = survey.items[2],
              case .categorical(let p0) = model.parameters.items[0], case .categorical(let p2) = model.parameters.items[2]
        else { Issue.record("unexpected item kinds"); return }
        let joint = (0..<3).map { j in model.weights[j] * p0[j, Int(codes0[0])] * p2[j, Int(codes2[0])] }
        let density = joint.reduce(0, +)
        let scored = try model.scoreSamples(data)
        #expect(abs(scored[0] - log(density)) <= 1e-12 * abs(log(density)))
        for j in 0..<3 { #expect(abs(model.posterior[0, j] - joint[j] / density) <= 1e-12) }
        // Every answer missing: log-likelihood 0 and the class weights as memberships.
        #expect(scored[1] == 0)
        #expect(relativeError(Array(model.posterior.row(1)), model.weights) <= 1e-15)
        #expect(model.labels[1] == Int32(model.weights.indices.max { model.weights[$0] < model.weights[$1] }!))
    }

    @Test("integer case weights give the fit of the rows repeated that many times", arguments: [UInt64(1), 2, 3, 4])
    func weightsAreRepeatedRows(seed: UInt64) throws {
        let survey = Survey(rows: 150, seed: seed)
        let weighted = try survey.data(weighted: true), repeated = try survey.duplicated()
        #expect(weighted.totalWeight == Double(repeated.rows))
        // The same start on both sides: parameters from a short fit of the weighted rows.
        let start = try LatentClass.fit(weighted, LatentClassConfiguration(k: 3, maxIterations: 3, seed: seed)).parameters
        let configuration = LatentClassConfiguration(k: 3, tolerance: 0, maxIterations: 40, start: .parameters(start))
        let a = try LatentClass.fit(weighted, configuration), b = try LatentClass.fit(repeated, configuration)
        #expect(relativeError(a.lowerBoundHistory, b.lowerBoundHistory) <= 1e-12)
        #expect(relativeError(flat(a.parameters), flat(b.parameters)) <= 1e-10)
        #expect(abs(a.logLikelihood - b.logLikelihood) <= 1e-10 * abs(b.logLikelihood))
        #expect(relativeError(a.classSizes, b.classSizes) <= 1e-10)
        #expect(abs(a.bic - b.bic) <= 1e-10 * abs(b.bic))
        #expect(abs(a.entropy - b.entropy) <= 1e-9 * max(1, b.entropy))
        let firstCopies = survey.weights.reduce(into: [0]) { $0.append($0.last! + Int($1)) }.dropLast()
        #expect(firstCopies.map { b.labels[$0] } == a.labels)
    }

    @Test("the points' sums, added in the documented order, have predict's argmax and predictProba's softmax")
    func points() throws {
        let survey = Survey(rows: 500, categorical: 4, continuous: 2, missing: 0.1, seed: 8)
        let model = try LatentClass.fit(try survey.data(), LatentClassConfiguration(k: 3, restarts: 2, seed: 2))
        let points = model.points
        // New rows, scored by hand from the points.
        let fresh = Survey(rows: 400, categorical: 4, continuous: 2, missing: 0.1, seed: 99)
        let predicted = try model.predict(try fresh.data())
        let probabilities = try model.predictProba(try fresh.data())
        for i in 0..<400 {
            var scores = points.constants
            for (item, itemPoints) in zip(fresh.items, points.items) {
                switch (item, itemPoints) {
                case (.categorical(let codes, _), .categorical(let table)):
                    guard codes[i] != LatentClassItem.missingCode else { continue }
                    for j in 0..<3 { scores[j] += table[j, Int(codes[i])] }
                case (.continuous(let values), .continuous(let means, let halfPrecisions, let constants)):
                    guard !values[i].isNaN else { continue }
                    for j in 0..<3 {
                        scores[j] += constants[j] - halfPrecisions[j] * ((values[i] - means[j]) * (values[i] - means[j]))
                    }
                default:
                    Issue.record("item kinds differ")
                }
            }
            var best = 0
            for j in 1..<3 where scores[j] > scores[best] { best = j }
            #expect(Int32(best) == predicted[i], "row \(i)")
            let top = scores[best], total = scores.reduce(0.0) { $0 + exp($1 - top) }
            for j in 0..<3 { #expect(abs(exp(scores[j] - top) / total - probabilities[i, j]) <= 1e-12) }
        }
        // The points are the parameters' logs.
        #expect(points.constants == model.weights.map { log($0) })
        guard case .continuous(let means, let halfPrecisions, _) = points.items[4],
              case .continuous(let fittedMeans, let variances) = model.parameters.items[4]
        else { Issue.record("item 5 should be continuous"); return }
        #expect(means == fittedMeans)
        #expect(halfPrecisions == variances.map { 0.5 / $0 })
    }

    @Test("the parameters and points round-trip through JSON, and the decoded parameters score rows the same")
    func codable() throws {
        let survey = Survey(rows: 300, seed: 12)
        let model = try LatentClass.fit(try survey.data(), LatentClassConfiguration(k: 3, seed: 4))
        let decoded = try JSONDecoder().decode(LatentClassParameters.self, from: JSONEncoder().encode(model.parameters))
        #expect(decoded == model.parameters)
        #expect(try decoded.predict(survey.data()) == model.labels)
        #expect(try decoded.predictProba(survey.data()) == model.posterior)
        let points = try JSONDecoder().decode(LatentClassPoints.self, from: JSONEncoder().encode(model.points))
        #expect(points == model.points)
    }

    @Test("the variance floor keeps a class on identical answers finite; without it the kind says so")
    func varianceFloor() throws {
        // 40 rows answering 5 exactly, 60 spread: a class on the copies has zero scatter.
        var generator = SeededGenerator(seed: 4)
        let values = (0..<100).map { $0 < 40 ? 5.0 : generator.nextStandardNormal() }
        let codes = (0..<100).map { Int32($0 < 40 ? 0 : 1 + $0 % 2) }
        let data = try LatentClassData(items: [.continuous(values), .categorical(codes: codes, levels: 3)])
        let labels = (0..<100).map { Int32($0 < 40 ? 0 : 1) }
        let model = try LatentClass.fit(data, LatentClassConfiguration(k: 2, start: .labels(labels)))
        guard case .continuous(_, let variances) = model.parameters.items[0] else { Issue.record("continuous"); return }
        #expect(abs(variances[0] - 1e-6) <= 1e-12)
        #expect(model.logLikelihood.isFinite && model.bic.isFinite && model.icl.isFinite)
        #expect(kind { _ = try LatentClass.fit(data, LatentClassConfiguration(k: 2, regularization: 0, start: .labels(labels))) }
                == .illDefinedCovariance(component: 0))
    }

    @Test("invalid input throws a kind: k, one-level items, codes, infinities, weights, shapes, starts")
    func invalidInput() throws {
        let codes: [Int32] = [0, 1, 1, 0]
        let good = try LatentClassData(items: [.categorical(codes: codes, levels: 2), .continuous([1, 2, 3, 4])])
        func fit(_ c: LatentClassConfiguration, _ data: LatentClassData? = nil) -> ClusteringError.Kind? {
            kind { _ = try LatentClass.fit(data ?? good, c) }
        }
        func items(_ items: [LatentClassItem], weights: [Double]? = nil) -> ClusteringError.Kind? {
            kind { _ = try LatentClassData(items: items, weights: weights) }
        }
        #expect(fit(LatentClassConfiguration(k: 0)) == .invalidInput)
        #expect(fit(LatentClassConfiguration(k: 5)) == .tooFewRows(k: 5, rows: 4))
        #expect(fit(LatentClassConfiguration(k: 2, tolerance: -1)) == .invalidInput)
        #expect(fit(LatentClassConfiguration(k: 2, maxIterations: 0)) == .invalidInput)
        #expect(fit(LatentClassConfiguration(k: 2, restarts: 0)) == .invalidInput)
        #expect(fit(LatentClassConfiguration(k: 2, regularization: .nan)) == .invalidInput)
        #expect(items([]) == .invalidInput)
        #expect(items([.categorical(codes: [0, 0, 0, 0], levels: 1)]) == .invalidInput)
        #expect(items([.categorical(codes: [0, 2, 1, 0], levels: 2)]) == .invalidInput)
        #expect(items([.categorical(codes: [0, -2, 1, 0], levels: 2)]) == .invalidInput)
        #expect(items([.categorical(codes: codes, levels: 2), .continuous([1, 2, 3])]) == .invalidInput)
        #expect(items([.categorical(codes: codes, levels: 2), .continuous([1, .infinity, 3, 4])])
                == .nonFiniteValue(row: 1, column: 1))
        #expect(items([.continuous([1, 2, 1e200, 4])]) == .invalidInput)
        #expect(items([.continuous([.nan, .nan])]) == .invalidInput)
        #expect(items([.categorical(codes: [-1, -1], levels: 2)]) == .invalidInput)
        #expect(items([.categorical(codes: codes, levels: 2)], weights: [1, 0, 1, 1]) == .invalidInput)
        #expect(items([.categorical(codes: codes, levels: 2)], weights: [1, -1, 1, 1]) == .invalidInput)
        #expect(items([.categorical(codes: codes, levels: 2)], weights: [1, .nan, 1, 1]) == .invalidInput)
        #expect(items([.categorical(codes: codes, levels: 2)], weights: [1, .infinity, 1, 1]) == .invalidInput)
        #expect(items([.categorical(codes: codes, levels: 2)], weights: [1, 1]) == .invalidInput)
        #expect(fit(LatentClassConfiguration(k: 2, start: .labels([0, 1, 1]))) == .invalidInput)
        #expect(fit(LatentClassConfiguration(k: 2, start: .labels([0, 1, 2, 0]))) == .invalidInput)
        #expect(fit(LatentClassConfiguration(k: 2, start: .responsibilities(Matrix(rows: 4, columns: 3)))) == .invalidInput)
        #expect(fit(LatentClassConfiguration(k: 2, start: .responsibilities(
            Matrix([[0.5, 0.5], [1, 0], [0, 1], [0.7, 0.7]])))) == .invalidInput)
        let model = try LatentClass.fit(good, LatentClassConfiguration(k: 2, seed: 1))
        var parameters = model.parameters
        #expect(fit(LatentClassConfiguration(k: 2, start: .parameters(parameters))) == nil)
        parameters.weights = [0.7, 0.7]
        #expect(fit(LatentClassConfiguration(k: 2, start: .parameters(parameters))) == .invalidInput)
        parameters = model.parameters
        parameters.items[1] = .continuous(means: [0, 1], variances: [1, 0])
        #expect(fit(LatentClassConfiguration(k: 2, start: .parameters(parameters))) == .invalidInput)
        parameters.items = [parameters.items[1], parameters.items[0]]
        #expect(fit(LatentClassConfiguration(k: 2, start: .parameters(parameters))) == .invalidInput)
        // Rows to score must have the model's items.
        let other = try LatentClassData(items: [.categorical(codes: codes, levels: 3), .continuous([1, 2, 3, 4])])
        #expect(kind { _ = try model.predict(other) } == .invalidInput)
        #expect(kind { _ = try model.predictProba(LatentClassData(items: [.continuous([1, 2])])) } == .invalidInput)
    }
}

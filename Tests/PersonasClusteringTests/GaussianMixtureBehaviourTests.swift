import PersonasClustering
import PersonasNumerics
import PersonasTestSupport
import Testing

// Fails on main before this change: PersonasClustering had no Gaussian mixtures (issue 23).
@Suite("Gaussian mixture behaviour")
struct GaussianMixtureBehaviourTests {
    @Test("a fit is bit-identical on 1, 2 and 4 threads, for every covariance type",
          arguments: GaussianMixtureConfiguration.CovarianceType.allCases)
    func threadCounts(type: GaussianMixtureConfiguration.CovarianceType) throws {
        // Enough rows for several fixed row groups, and restarts so the k-means starts run too.
        let x: Matrix<Double> = blobs(n: 20_000, d: 5, k: 4, spread: 2, seed: 23)
        let configuration = GaussianMixtureConfiguration(k: 4, covarianceType: type, tolerance: 0, maxIterations: 8,
                                                         restarts: 2, seed: 9)
        let reference = try ParallelFor.$threadLimit.withValue(1) { try GaussianMixture.fit(x, configuration) }
        for threads in [2, 4] {
            let model = try ParallelFor.$threadLimit.withValue(threads) { try GaussianMixture.fit(x, configuration) }
            #expect(model.labels == reference.labels)
            #expect(model.means == reference.means)
            #expect(model.covariances == reference.covariances)
            #expect(model.weights == reference.weights)
            #expect(model.lowerBoundHistory.map(\.bitPattern) == reference.lowerBoundHistory.map(\.bitPattern))
            #expect(model.logLikelihood.bitPattern == reference.logLikelihood.bitPattern)
            #expect(model.restarts == reference.restarts)
        }
    }

    @Test("the covariance floor keeps a component on duplicated rows and a constant column finite",
          arguments: GaussianMixtureConfiguration.CovarianceType.allCases)
    func regularization(type: GaussianMixtureConfiguration.CovarianceType) throws {
        // 30 copies of one row, 70 spread rows, and a third column that never changes: a component
        // on the copies has zero scatter, and every component has zero variance in column 3.
        var generator = SeededGenerator(seed: 4)
        var rows = [[Double]](repeating: [5, 5, 1], count: 30)
        for _ in 0..<70 { rows.append([generator.nextStandardNormal(), generator.nextStandardNormal(), 1]) }
        let x = Matrix(rows)
        let labels = (0..<100).map { Int32($0 < 30 ? 0 : 1 + $0 % 2) }
        let model = try GaussianMixture.fit(x, GaussianMixtureConfiguration(
            k: 3, covarianceType: type, initialization: .labels(labels)))
        #expect(model.covariances.elements.allSatisfy { $0.isFinite })
        #expect(model.precisionsCholesky.elements.allSatisfy { $0.isFinite })
        #expect(model.means.elements.allSatisfy { $0.isFinite })
        #expect(model.lowerBoundHistory.allSatisfy { $0.isFinite })
        #expect(model.bic.isFinite && model.icl.isFinite)
        #expect(try model.predictProba(x).elements.allSatisfy { $0.isFinite })
        // The constant column's variance is the floor itself (up to the ulps of the scatter).
        let floor = model.covariance(ofComponent: 0)[2, 2]
        #expect(abs(floor - 1e-6) <= 1e-12)
        // Without the floor, the constant column leaves a zero variance to invert: a kind, no NaN.
        // (Spherical averages it with the other columns' variances, rounding noise on the copies
        // included, so it stays positive there, as in scikit-learn.)
        guard type != .spherical else { return }
        let error = try #require(throws: GaussianMixtureError.self) {
            try GaussianMixture.fit(x, GaussianMixtureConfiguration(
                k: 3, covarianceType: type, regularization: 0, initialization: .labels(labels)))
        }
        guard case .illDefinedCovariance = error.kind else {
            Issue.record("expected .illDefinedCovariance, got \(error.kind)")
            return
        }
    }

    @Test("invalid input throws a kind: k above n, k below 1, NaN, wrong initial shapes")
    func invalidInput() throws {
        let x = Matrix<Double>([[1, 2], [3, 4], [5, 7], [2, 2]])
        func kind(_ configuration: GaussianMixtureConfiguration, _ data: Matrix<Double>? = nil) -> ClusteringError.Kind? {
            do {
                _ = try GaussianMixture.fit(data ?? x, configuration)
                return nil
            } catch {
                #expect(!error.description.contains("--"))
                return error.kind
            }
        }
        #expect(kind(GaussianMixtureConfiguration(k: 5)) == .tooFewRows(k: 5, rows: 4))
        #expect(kind(GaussianMixtureConfiguration(k: 0)) == .invalidInput)
        #expect(kind(GaussianMixtureConfiguration(k: 2), Matrix([[1, 2], [3, .nan], [5, 7]])) == .nonFiniteValue(row: 1, column: 1))
        #expect(kind(GaussianMixtureConfiguration(k: 2, tolerance: -1)) == .invalidInput)
        #expect(kind(GaussianMixtureConfiguration(k: 2, regularization: .infinity)) == .invalidInput)
        #expect(kind(GaussianMixtureConfiguration(k: 2, maxIterations: 0)) == .invalidInput)
        #expect(kind(GaussianMixtureConfiguration(k: 2, restarts: 0)) == .invalidInput)
        #expect(kind(GaussianMixtureConfiguration(k: 2, initialization: .labels([0, 1, 1]))) == .invalidInput)
        #expect(kind(GaussianMixtureConfiguration(k: 2, initialization: .labels([0, 1, 2, 0]))) == .invalidInput)
        #expect(kind(GaussianMixtureConfiguration(k: 2, initialization: .responsibilities(Matrix(rows: 4, columns: 3)))) == .invalidInput)
        #expect(kind(GaussianMixtureConfiguration(k: 2, initialization: .responsibilities(
            Matrix([[0.5, 0.5], [1, 0], [0, 1], [0.7, 0.7]])))) == .invalidInput)
        #expect(kind(GaussianMixtureConfiguration(k: 2, initialWeights: [0.5, 0.4])) == .invalidInput)
        #expect(kind(GaussianMixtureConfiguration(k: 2, initialWeights: [1])) == .invalidInput)
        #expect(kind(GaussianMixtureConfiguration(k: 2, initialMeans: Matrix([[1, 2, 3], [4, 5, 6]]))) == .invalidInput)
        #expect(kind(GaussianMixtureConfiguration(k: 2, initialMeans: Matrix([[1, 2], [.nan, 5]]))) == .nonFiniteValue(row: 1, column: 0))
        #expect(kind(GaussianMixtureConfiguration(k: 2, initialPrecisions: Matrix<Double>.identity(2))) == .invalidInput)
        #expect(kind(GaussianMixtureConfiguration(k: 2, covarianceType: .tied,
                                                  initialPrecisions: Matrix([[1, 0.5], [0, 1]]))) == .invalidInput)
        #expect(kind(GaussianMixtureConfiguration(k: 2, covarianceType: .tied,
                                                  initialPrecisions: Matrix([[1, 2], [2, 1]]))) == .invalidInput)
        #expect(kind(GaussianMixtureConfiguration(k: 2, covarianceType: .diagonal,
                                                  initialPrecisions: Matrix([[1, 0], [1, 1]]))) == .invalidInput)
        #expect(kind(GaussianMixtureConfiguration(k: 2, covarianceType: .spherical,
                                                  initialPrecisions: Matrix([[1, 1]]))) == .invalidInput)
        let model = try GaussianMixture.fit(x, GaussianMixtureConfiguration(k: 2))
        #expect(throws: GaussianMixtureError.self) { try model.predict(Matrix([[1, 2, 3]])) }
        #expect(throws: GaussianMixtureError.self) { try model.scoreSamples(Matrix([[1, .infinity]])) }
    }

    @Test("restarts keep the run with the highest lower bound, and a single run is restart 0")
    func restarts() throws {
        // Overlapping blobs and many components: k-means starts end in different optima.
        let x: Matrix<Double> = blobs(n: 600, d: 2, k: 6, spread: 0.8, seed: 3)
        let configuration = GaussianMixtureConfiguration(k: 6, restarts: 6, seed: 11)
        let model = try GaussianMixture.fit(x, configuration)
        #expect(model.restarts.count == 6)
        #expect(Set(model.restarts.map(\.lowerBound)).count > 1, "the restarts should differ")
        let best = try #require(model.restarts.map(\.lowerBound).max())
        #expect(model.lowerBound == best)
        let kept = try #require(model.restarts.firstIndex { $0.lowerBound == best })
        #expect(model.iterations == model.restarts[kept].iterations)
        var single = configuration
        single.restarts = 1
        let first = try GaussianMixture.fit(x, single)
        #expect(first.lowerBound == model.restarts[0].lowerBound)
        // A fixed start involves no chance: it runs once however many restarts are asked for.
        var fixed = configuration
        fixed.initialization = .labels(first.labels)
        #expect(try GaussianMixture.fit(x, fixed).restarts.count == 1)
    }

    @Test("given responsibilities and the same hard labels start the same run")
    func responsibilities() throws {
        let x: Matrix<Double> = blobs(n: 500, d: 3, k: 3, spread: 2, seed: 8)
        let labels = (0..<500).map { Int32($0 % 3) }
        var oneHot = Matrix<Double>(rows: 500, columns: 3)
        for (i, label) in labels.enumerated() { oneHot[i, Int(label)] = 1 }
        let fromLabels = try GaussianMixture.fit(x, GaussianMixtureConfiguration(k: 3, initialization: .labels(labels)))
        let fromResponsibilities = try GaussianMixture.fit(
            x, GaussianMixtureConfiguration(k: 3, initialization: .responsibilities(oneHot)))
        #expect(fromLabels.means == fromResponsibilities.means)
        #expect(fromLabels.lowerBoundHistory == fromResponsibilities.lowerBoundHistory)
        // predict on the training rows gives the fit's labels bit for bit.
        #expect(try fromLabels.predict(x) == fromLabels.labels)
        let rowsSum = try fromLabels.predictProba(x)
        for i in 0..<5 { #expect(abs(rowsSum.row(i).reduce(0, +) - 1) <= 1e-12) }
    }
}

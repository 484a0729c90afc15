import PersonasNumerics

/// Latent class models fitted by expectation–maximisation: the public entry point.
///
/// ```swift
/// let data = try LatentClassData(items: answers, weights: caseWeights)
/// let model = try LatentClass.fit(data, LatentClassConfiguration(k: 4, restarts: 10, seed: 42))
/// model.labels                   // each respondent's most probable class
/// model.posterior                // each respondent's membership probabilities
/// model.bic                      // lower is better, as scikit-learn and stepmix
/// model.points                   // the scoring arithmetic, for SQL
/// ```
///
/// The model (Lazarsfeld & Henry, *Latent Structure Analysis*, 1968; Goodman, "Exploratory latent
/// structure analysis using both identifiable and unidentifiable models", Biometrika 61(2), 1974)
/// says a respondent belongs to one of k classes with probabilities π_j, and within a class
/// answers every item independently: a categorical item by the class's level probabilities, a
/// continuous item by the class's Gaussian (mixed mode: Vermunt & Magidson's Latent GOLD basic
/// model). It is poLCA's model for categorical items and stepmix's `categorical` with
/// `gaussian_diag` measurement, and on the committed fixtures the results equal stepmix's to 1e-9
/// from the same start.
///
/// EM alternates the E-step, each row's memberships `r_ij ∝ π_j Π_q p_jq(x_iq)` by log-sum-exp
/// over the class scores of ``LatentClassPoints`` (a missing answer's term left out), and the
/// M-step, the weighted shares, level frequencies, means and variances. Input is validated once
/// (``LatentClassData`` and here); passes run in parallel over fixed row groups whose sums are
/// combined in order, so a fit is bit-identical on every run and every thread count.
public enum LatentClass {
    public static func fit(_ data: LatentClassData, _ configuration: LatentClassConfiguration)
        throws(ClusteringError) -> LatentClassModel {
        try validate(data, configuration)
        let k = configuration.k, n = data.rows
        let restartCount = configuration.isRandom ? configuration.restarts : 1
        var responsibilities = [Double](repeating: 0, count: n * k)
        let (kept, restarts) = try EMRun.best(of: restartCount) { (restart) throws(ClusteringError) in
            try responsibilities.withUnsafeMutableBufferPointer { (buffer) throws(ClusteringError) in
                let initial = try initialParameters(data, configuration, restart: restart, responsibilities: buffer.baseAddress!)
                return try data.em(from: initial, responsibilities: buffer.baseAddress!, configuration)
            }
        }
        // A last E-step with the kept parameters: memberships and labels that `predict` gives
        // again, the log-likelihood and entropy of the criteria, the expected class sizes.
        var labels = [Int32](repeating: 0, count: n)
        let totals = responsibilities.withUnsafeMutableBufferPointer { r in
            labels.withUnsafeMutableBufferPointer { labels in
                data.expectation(LatentClassTables(LatentClassPoints(kept.parameters), layout: data.layout), k: k,
                                 LatentClassOutputs(responsibilities: r.baseAddress!, labels: labels.baseAddress!,
                                                    moments: true, entropy: true))
            }
        }
        return LatentClassModel(
            parameters: kept.parameters, labels: labels, posterior: Matrix(rows: n, columns: k, elements: responsibilities),
            classSizes: totals.classSums, lowerBound: kept.lowerBound, lowerBoundHistory: kept.history,
            iterations: kept.iterations, converged: kept.converged, logLikelihood: totals.logLikelihood,
            entropy: totals.entropy, rows: n, totalWeight: data.totalWeight, restarts: restarts,
            configuration: configuration)
    }

    /// The parameters EM starts from: the given ones, or the M-step of the start's memberships
    /// (written into `responsibilities`).
    static func initialParameters(
        _ data: LatentClassData, _ c: LatentClassConfiguration, restart: Int, responsibilities: UnsafeMutablePointer<Double>
    ) throws(ClusteringError) -> LatentClassParameters {
        let k = c.k, n = data.rows
        switch c.start {
        case .parameters(let given):
            return given
        case .random:
            var generator = SeededGenerator(seed: c.seed, stream: UInt64(restart))
            for i in 0..<n {
                let row = responsibilities + i * k
                var sum = 0.0
                for j in 0..<k {
                    row[j] = generator.nextUnitDouble()
                    sum += row[j]
                }
                for j in 0..<k { row[j] = sum > 0 ? row[j] / sum : 1 / Double(k) }
            }
        case .labels(let labels):
            responsibilities.update(repeating: 0, count: n * k)
            for (i, label) in labels.enumerated() { responsibilities[i * k + Int(label)] = 1 }
        case .responsibilities(let given):
            given.withUnsafeBufferPointer { g in responsibilities.update(from: g.baseAddress!, count: n * k) }
        }
        let totals = data.expectation(nil, k: k, LatentClassOutputs(responsibilities: responsibilities, moments: true))
        return try data.maximization(totals, responsibilities: responsibilities, k: k, regularization: c.regularization)
    }

    // MARK: validation

    /// Checks the configuration and its start against the data.
    static func validate(_ data: LatentClassData, _ c: LatentClassConfiguration) throws(ClusteringError) {
        let k = c.k, n = data.rows
        guard k >= 1 else { throw ClusteringError("a latent class model needs at least 1 class, got k = \(k)") }
        guard n >= k else {
            throw ClusteringError(.tooFewRows(k: k, rows: n),
                                  "a latent class model with k = \(k) needs at least \(k) rows; the data has \(n)")
        }
        guard c.maxIterations >= 1 else { throw ClusteringError("maxIterations must be at least 1, got \(c.maxIterations)") }
        guard c.restarts >= 1 else { throw ClusteringError("restarts must be at least 1, got \(c.restarts)") }
        guard c.tolerance >= 0, c.tolerance.isFinite else {
            throw ClusteringError("tolerance must be a finite number ≥ 0, got \(c.tolerance)")
        }
        guard c.regularization >= 0, c.regularization.isFinite else {
            throw ClusteringError("the variance floor must be a finite number ≥ 0, got \(c.regularization)")
        }
        switch c.start {
        case .random:
            break
        case .labels(let labels):
            guard labels.count == n else { throw ClusteringError("\(labels.count) initial labels for \(n) rows") }
            if let bad = labels.firstIndex(where: { $0 < 0 || Int($0) >= k }) {
                throw ClusteringError("initial label of row \(bad + 1) is \(labels[bad]); labels must be in 0..<\(k)")
            }
        case .responsibilities(let r):
            guard r.rows == n, r.columns == k else {
                throw ClusteringError("initial memberships are \(r.rows) × \(r.columns); expected n × k = \(n) × \(k)")
            }
            if let bad = (0..<n).first(where: { i in
                let row = r.row(i)
                return !(row.allSatisfy { $0.isFinite && $0 >= 0 } && abs(row.reduce(0, +) - 1) <= 1e-6)
            }) {
                throw ClusteringError("initial memberships of row \(bad + 1) are not non-negative numbers summing to 1")
            }
        case .parameters(let parameters):
            try parameters.validate(k: k, kinds: data.kinds)
        }
    }
}

/// One EM run of a latent class fit with restarts; `stream` is the stream of the master seed the
/// run's random memberships came from.
public typealias LatentClassRestart = GaussianMixtureRestart

import Foundation
import PersonasNumerics

/// k-means clustering: the public entry point.
///
/// ```swift
/// let model = try KMeans.fit(features, KMeansConfiguration(k: 6, restarts: 10, seed: 42))
/// model.labels      // each customer's segment
/// model.centers     // k × d
/// try model.predict(newCustomers)
/// ```
///
/// Input is validated once here; the kernels behind it check nothing. Every random choice comes
/// from the seed, and every reduction runs over fixed row groups combined in order, so a fit is
/// bit-identical on every run and every thread count.
public enum KMeans {
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public static func fit<Scalar: BLASScalar>(
        _ x: Matrix<Scalar>, _ configuration: KMeansConfiguration
    ) throws(KMeansError) -> KMeansModel<Scalar> {
        try validate(x, configuration, checkingValues: false)
        if let size = configuration.restartSampleSize, x.rows > size, configuration.initialization.isRandom {
            return try fitFromSample(x, configuration, sampleSize: size)
        }
        BLASRuntime.ensureConfigured()
        let k = configuration.k
        let data = KMeansData(x, weights: configuration.sampleWeights, chunkRows: configuration.chunkRows)
        try checkFinite(x, mean: data.mean)
        let tolerance = data.absoluteTolerance(configuration.tolerance)
        let restartCount = configuration.initialization.isRandom
            ? (configuration.restarts ?? configuration.initialization.defaultRestarts) : 1

        var runs: [(stream: UInt64, run: LloydRun)] = []
        for restart in 0..<restartCount {
            let stream = UInt64(restart)
            var generator = SeededGenerator(seed: configuration.seed, stream: stream)
            let initial = initialCenters(data, configuration, generator: &generator)
            let run = switch resolvedAlgorithm(configuration, d: x.columns, as: Scalar.self) {
            case .hamerly: data.hamerly(from: initial, k: k, maxIterations: configuration.maxIterations,
                                        tolerance: tolerance)
            case .elkan: data.elkan(from: initial, k: k, maxIterations: configuration.maxIterations,
                                    tolerance: tolerance)
            case .lloyd, .auto: data.lloyd(from: initial, k: k, maxIterations: configuration.maxIterations,
                                           tolerance: tolerance)
            }
            runs.append((stream, run))
        }
        var bestIndex = 0
        for (index, entry) in runs.enumerated() where entry.run.inertia < runs[bestIndex].run.inertia {
            bestIndex = index
        }
        let best = runs[bestIndex].run
        let restarts = runs.map { entry in
            KMeansRestart(stream: entry.stream, inertia: entry.run.inertia, iterations: entry.run.iterations,
                          converged: entry.run.converged,
                          agreementWithBest: adjustedRandIndex(entry.run.labels, best.labels))
        }
        let d = x.columns
        let shifted = Matrix(rows: k, columns: d, elements: best.centers.map { Scalar($0) })
        let centers = Matrix(rows: k, columns: d, elements: best.centers.enumerated().map { index, value in
            Scalar(value + Double(data.mean[index % d]))
        })
        return KMeansModel(centers: centers, labels: best.labels, inertia: best.inertia, iterations: best.iterations,
                           converged: best.converged, inertiaHistory: best.inertiaHistory, restarts: restarts,
                           configuration: configuration, shift: data.mean, shiftedCenters: shifted)
    }

    /// ``KMeansConfiguration/restartSampleSize``: the restarts on a seeded sample of
    /// `sampleSize` rows (its own stream of the seed, apart from the restarts'), then one run on
    /// every row from the best sample fit's centers.
    static func fitFromSample<Scalar: BLASScalar>(
        _ x: Matrix<Scalar>, _ configuration: KMeansConfiguration, sampleSize: Int
    ) throws(KMeansError) -> KMeansModel<Scalar> {
        var generator = SeededGenerator(seed: configuration.seed, stream: sampleStream)
        let rows = generator.sampleWithoutReplacement(sampleSize, from: x.rows).sorted()
        var onSample = configuration
        onSample.restartSampleSize = nil
        onSample.sampleWeights = configuration.sampleWeights.map { weights in rows.map { weights[$0] } }
        let sampled = try fit(x.gatheredRows(rows), onSample)
        var refine = configuration
        refine.restartSampleSize = nil
        refine.restarts = 1
        refine.initialization = .centers(Matrix(rows: sampled.centers.rows, columns: sampled.centers.columns,
                                                elements: sampled.centers.elements.map { Double($0) }))
        return try fit(x, refine)
    }

    /// The random stream of the restart sample: far from the restarts' streams 0, 1, 2, ….
    static let sampleStream: UInt64 = 0x5A4D_504C_0000_0000

    /// The initial centers a fit would start from (k × d, data coordinates): the configured
    /// initialisation with the random stream of restart `restart`. scikit-learn's
    /// `kmeans_plusplus` for `.kMeansPlusPlus`.
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public static func initialCenters<Scalar: BLASScalar>(
        _ x: Matrix<Scalar>, _ configuration: KMeansConfiguration, restart: Int = 0
    ) throws(KMeansError) -> Matrix<Scalar> {
        try validate(x, configuration, checkingValues: false)
        BLASRuntime.ensureConfigured()
        let data = KMeansData(x, weights: configuration.sampleWeights, chunkRows: configuration.chunkRows)
        try checkFinite(x, mean: data.mean)
        var generator = SeededGenerator(seed: configuration.seed, stream: UInt64(restart))
        let centers = initialCenters(data, configuration, generator: &generator)
        let d = x.columns
        return Matrix(rows: configuration.k, columns: d, elements: centers.enumerated().map { index, value in
            Scalar(value + Double(data.mean[index % d]))
        })
    }

    /// The algorithm `.auto` stands for on data of this shape and precision.
    ///
    /// The bounded algorithms pay off when a row's distance work (k·d multiply-adds) is expensive
    /// next to their bookkeeping and the centers settle within the run. Measured on the benchmark
    /// shapes (20 iterations from the first k rows, 2 threads, AVX-512 kernels, ms per 20-iteration
    /// fit, Lloyd / Hamerly / Elkan, the lower and higher of two runs a few minutes apart):
    ///
    /// | shape            | Double                        | Float                         |
    /// |------------------|-------------------------------|-------------------------------|
    /// | (100k, 16, 8)    | 18–24 / 27–34 / 22–29         | 13–15 / 20–24 / 21–24         |
    /// | (1M, 32, 16)     | 382–398 / 287–299 / 310–328   | 256–288 / 246–256 / 224–235   |
    /// | (200k, 64, 64)   | 396–414 / 435–450 / 257–275   | 219–237 / 255–294 / 214–227   |
    ///
    /// Small problems are Lloyd's (its passes are short and bandwidth-bound). In Double, Hamerly
    /// is ahead for a moderate k and Elkan for k = 64 (many rows near several centers, which
    /// Hamerly's single bound cannot settle); in Float, where the distance kernel is twice as
    /// fast, Elkan is ahead for k = 16 and even with Lloyd at k = 64.
    static func resolvedAlgorithm<Scalar: BLASScalar>(
        _ configuration: KMeansConfiguration, d: Int, as _: Scalar.Type
    ) -> KMeansConfiguration.Algorithm {
        guard configuration.algorithm == .auto else { return configuration.algorithm }
        let k = configuration.k
        if Scalar.self == Float.self { return k >= 16 && d >= 32 ? .elkan : .lloyd }
        if k >= 48 && d >= 32 { return .elkan }
        return k >= 12 && k <= 32 && k * d >= 256 ? .hamerly : .lloyd
    }

    /// The initial centers of one run, in the shifted coordinates.
    static func initialCenters<Scalar: BLASScalar>(
        _ data: KMeansData<Scalar>, _ configuration: KMeansConfiguration, generator: inout SeededGenerator
    ) -> [Double] {
        let k = configuration.k
        switch configuration.initialization {
        case .firstRows:
            return (0..<k).flatMap { data.shiftedRow($0) }
        case .centers(let given):
            // Shifted in the data's precision, as scikit-learn shifts its `init` array.
            return given.elements.enumerated().map { index, value in
                Double(Scalar(value) - data.mean[index % data.d])
            }
        case .randomRows:
            return randomRows(data, k: k, generator: &generator).flatMap { data.shiftedRow($0) }
        case .kMeansPlusPlus(let localTrials):
            let trials = localTrials ?? 2 + Int(log(Double(k)))
            return data.plusPlusCenters(k: k, trials: trials, generator: &generator)
        case .kMeansParallel(let rounds, let oversampling):
            return data.parallelCenters(k: k, rounds: rounds, oversampling: oversampling, generator: &generator)
        }
    }

    /// k distinct rows, drawn with probability proportional to weight, without replacement.
    static func randomRows<Scalar: BLASScalar>(
        _ data: KMeansData<Scalar>, k: Int, generator: inout SeededGenerator
    ) -> [Int] {
        guard let weights = data.weights else { return generator.sampleWithoutReplacement(k, from: data.n) }
        var remaining = weights
        var total = remaining.reduce(0, +)
        var picked: [Int] = []
        while picked.count < k {
            let target = generator.nextUnitDouble() * total
            var running = 0.0, choice = -1
            for (i, w) in remaining.enumerated() where w > 0 {
                running += w
                choice = i
                if running > target { break }
            }
            if choice < 0 {
                // Fewer rows with weight than k: fill with the lowest unpicked rows.
                choice = (0..<data.n).first { !picked.contains($0) }!
            }
            picked.append(choice)
            total -= remaining[choice]
            remaining[choice] = 0
        }
        return picked
    }

    // MARK: validation

    /// Checks the configuration against the data's shape and, when `checkingValues`, that every
    /// value is finite (callers that compute the column means anyway check them instead, see
    /// ``checkFinite(_:mean:)``, saving a pass over the data).
    static func validate<Scalar: BLASScalar>(
        _ x: Matrix<Scalar>, _ c: KMeansConfiguration, checkingValues: Bool = true
    ) throws(KMeansError) {
        guard c.k >= 1 else { throw KMeansError("k must be at least 1, got \(c.k)") }
        guard x.columns >= 1 else { throw KMeansError("the data has no feature columns") }
        guard x.rows >= c.k else {
            throw KMeansError(.tooFewRows(k: c.k, rows: x.rows), "k-means with k = \(c.k) needs at least \(c.k) rows; the data has \(x.rows)")
        }
        guard c.maxIterations >= 1 else { throw KMeansError("maxIterations must be at least 1, got \(c.maxIterations)") }
        guard c.tolerance >= 0, c.tolerance.isFinite else {
            throw KMeansError("tolerance must be a finite number ≥ 0, got \(c.tolerance)")
        }
        guard c.chunkRows >= 1 else { throw KMeansError("chunkRows must be at least 1, got \(c.chunkRows)") }
        if let restarts = c.restarts, restarts < 1 { throw KMeansError("restarts must be at least 1, got \(restarts)") }
        if let size = c.restartSampleSize, size < c.k {
            throw KMeansError("the restart sample needs at least k = \(c.k) rows, got \(size)")
        }
        if case .kMeansPlusPlus(let trials?) = c.initialization, trials < 1 {
            throw KMeansError("k-means++ needs at least 1 local trial, got \(trials)")
        }
        if case .kMeansParallel(let rounds, let oversampling) = c.initialization,
           rounds < 0 || !(oversampling > 0) || !oversampling.isFinite {
            throw KMeansError("k-means|| needs rounds ≥ 0 and a positive oversampling factor, got \(rounds) and \(oversampling)")
        }
        if case .centers(let given) = c.initialization {
            guard given.rows == c.k, given.columns == x.columns else {
                throw KMeansError("initial centers are \(given.rows) × \(given.columns); expected k × d = "
                                  + "\(c.k) × \(x.columns)")
            }
            try checkFinite(given, what: "the initial centers")
        }
        try SampleWeights.validate(c.sampleWeights, rows: x.rows, k: c.k)
        if checkingValues { try checkFinite(x, what: "the data") }
    }

    /// A NaN or infinity anywhere makes its column's mean non-finite, so finite means prove the
    /// data finite; otherwise the full scan names the first bad value. Finite values whose sum
    /// overflows are refused too, and so are values whose squared distances overflow or all
    /// underflow (``DistanceRange``): the fit would compare infinities or zeros.
    static func checkFinite<S: BLASScalar>(_ x: Matrix<S>, mean: [S]) throws(KMeansError) {
        if mean.contains(where: { !$0.isFinite }) {
            try checkFinite(x, what: "the data")
            throw KMeansError("the data's values are too large to average without overflow; rescale them first")
        }
        if let problem = DistanceRange.problem(in: x) {
            throw ClusteringError.distanceRange(problem, of: "column \(problem.column + 1) of the data")
        }
    }

    /// Throws for the first NaN or infinity, naming its row and column (1-based).
    static func checkFinite<S: BLASScalar>(_ x: Matrix<S>, what: String) throws(KMeansError) {
        if let bad = x.firstNonFinite { throw KMeansError.nonFinite(row: bad.row, column: bad.column, what: what) }
    }
}

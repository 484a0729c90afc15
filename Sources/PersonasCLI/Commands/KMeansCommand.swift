import ArgumentParser
import Foundation
import PersonasClustering
import PersonasData
import PersonasFiles
import PersonasNumerics
import PersonasSegmentation

/// `personas kmeans FILE --k K --out DIR`: k-means segments of a CSV table or a `.npy` matrix.
struct KMeansCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kmeans",
        abstract: "Segment a table with k-means; writes centers.csv, labels.csv and summary.json.",
        discussion: """
            A CSV is prepared first (features chosen, missing values imputed, categories one-hot \
            encoded, numbers scaled by --scale); identifiers and free text never become features. \
            A .npy matrix is clustered as it is. `--init first-k --tol 0 --max-iter 20` runs exactly \
            20 Lloyd iterations from the first k rows, the protocol of the peer benchmarks.
            """)

    @Argument(help: "The customer table (CSV) or a NumPy matrix (.npy).")
    var file: String

    @Option(help: "Number of segments.")
    var k: Int

    @OptionGroup var columns: ColumnListOptions

    @OptionGroup var survey: RowCenteringOption

    @OptionGroup var weight: WeightOption

    @Option(help: ArgumentHelp("k-means++, k-means-parallel, random, first-k, or a CSV of k initial centers (one per row, in feature order).",
                               valueName: "init"))
    var `init`: String = "k-means++"

    @Option(name: .customLong("n-init"), help: "Restarts from different seeds; the lowest inertia is kept (default: 1 for k-means++, 10 for random).")
    var restarts: Int?

    @Option(name: .customLong("max-iter"), help: "Iterations per run.")
    var maxIterations = 300

    @Option(name: .customLong("tol"), help: "Convergence tolerance, relative to the mean feature variance (0: until labels stop changing).")
    var tolerance = 1e-4

    @Option(help: "Algorithm: auto, lloyd, elkan, hamerly, or minibatch (streams a .npy from disk in batches).")
    var algorithm: AlgorithmChoice = .auto

    @Option(name: .customLong("batch-size"), help: "Rows per mini-batch.")
    var batchSize = 16_384

    @Option(help: "Passes over the data for mini-batch k-means.")
    var epochs = 3

    @OptionGroup var seed: SeedOption

    @Flag(help: "Compute in single precision (half the memory traffic).")
    var float32 = false

    @Option(help: "Scaling of CSV features: zscore, robust, minmax or none.")
    var scale: ScaleChoice = .zscore

    @OptionGroup var output: OutputFolderOptions
    var out: String { output.out }

    @OptionGroup var input: InputOptions

    @OptionGroup var format: FormatOption

    func validate() throws {
        guard k >= 1 else { throw ValidationError("--k must be at least 1") }
        guard maxIterations >= 1 else { throw ValidationError("--max-iter must be at least 1") }
        guard tolerance >= 0 else { throw ValidationError("--tol must be 0 or more") }
        if let restarts, restarts < 1 { throw ValidationError("--n-init must be at least 1") }
        guard batchSize >= 1, epochs >= 1 else { throw ValidationError("--batch-size and --epochs must be at least 1") }
        if algorithm == .minibatch && weight.weight != nil {
            throw ValidationError("--weight needs the whole table at once; use --algorithm lloyd, elkan or hamerly, not minibatch")
        }
    }

    func run() throws {
        let inputURL = URL(fileURLWithPath: file)
        let centersFile = Self.namedInitializations.contains(self.`init`) ? nil : self.`init`
        let staged = try output.stage("kmeans", inputs: [file, input.schema, centersFile])
        let report: () throws -> Void
        if algorithm == .minibatch {
            if float32 {
                report = try miniBatch(Float.self, inputURL, into: staged.staging)
            } else {
                report = try miniBatch(Double.self, inputURL, into: staged.staging)
            }
        } else if float32 {
            let loaded = try FeatureInput<Float>.load(inputURL, columns: columns, scaling: scale.scaling, input: input,
                                                    rowCentering: survey, weight: weight, task: "k-means",
                                                    workingBytes: workingBytes)
            report = try fit(loaded, inputURL, into: staged.staging)
        } else {
            let loaded = try FeatureInput<Double>.load(inputURL, columns: columns, scaling: scale.scaling, input: input,
                                                    rowCentering: survey, weight: weight, task: "k-means",
                                                    workingBytes: workingBytes)
            report = try fit(loaded, inputURL, into: staged.staging)
        }
        try output.commit(staged)
        try report()
    }

    /// The --init values that name a seeding rather than a centers file.
    static let namedInitializations: Set<String> = ["k-means++", "kmeans++", "k-means-parallel", "k-means||", "kmeans||",
                                                    "random", "first-k"]

    /// What a fit adds to the feature matrix (restarts run one after another).
    private func workingBytes(rows: Int, features _: Int) -> Int {
        KMeans.estimatedWorkingBytes(rows: rows, k: k)
    }

    /// Fits and writes into `folder`; returns the summary to print once the folder is in place.
    private func fit<S: BLASScalar>(_ loaded: FeatureInput<S>, _ inputURL: URL, into folder: URL) throws -> () throws -> Void {
        for warning in loaded.warnings { Terminal.warn(warning) }
        let x = loaded.matrix
        try Segmentation.checkDistinctRows(x, ks: [k], source: inputURL.lastPathComponent)
        let configuration = KMeansConfiguration(
            k: k, initialization: try initialization(features: loaded.featureNames), restarts: restarts,
            maxIterations: maxIterations, tolerance: tolerance, algorithm: algorithm.batchAlgorithm, seed: seed.seed,
            sampleWeights: loaded.weights)
        let start = ContinuousClock.now
        let model: KMeansModel<S>
        do {
            model = try KMeans.fit(x, configuration)
        } catch {
            throw CommandFailure(inputURL.lastPathComponent, error)
        }
        let seconds = (ContinuousClock.now - start) / .seconds(1)
        return try write(model: model, x: x, loaded: loaded, inputURL: inputURL, seconds: seconds, folder: folder)
    }

    private func write<S: BLASScalar>(
        model: KMeansModel<S>, x: Matrix<S>, loaded: FeatureInput<S>, inputURL: URL, seconds: Double, folder: URL
    ) throws -> () throws -> Void {
        let protected = [inputURL]

        var centers = CSVWriter(file: try AtomicFileWriter(destination: folder.appendingPathComponent(OutputFileName.centers),
                                                           protectedInputs: protected))
        try centers.writeRow(["segment"] + loaded.featureNames)
        for j in 0..<model.k {
            try centers.writeRow([String(j)] + (0..<x.columns).map { "\(model.centers[j, $0])" })
        }
        try centers.finish()

        try LabelsFile.write(model.labels, identifierName: loaded.identifierName, identifiers: loaded.identifiers,
                             to: AtomicFileWriter(destination: folder.appendingPathComponent(OutputFileName.labels),
                                                  protectedInputs: protected))

        let core = BLASRuntime.checkCore()
        let summary = KMeansSummary(
            input: file, rows: x.rows, features: x.columns, k: model.k, precision: S.numpyName,
            inertia: model.inertia, iterations: model.iterations, converged: model.converged,
            inertiaHistory: model.inertiaHistory,
            restarts: model.restarts.map {
                .init(stream: $0.stream, inertia: $0.inertia, iterations: $0.iterations,
                      adjustedRandIndexToBest: $0.agreementWithBest)
            },
            restartAgreement: model.restartAgreement,
            segmentSizes: PersonasClustering.segmentSizes(model.labels, count: model.k),
            fitSeconds: seconds, threads: ParallelFor.threadCount, blasCore: core.coreName,
            distanceKernels: distanceKernelInstructionSet, seed: seed.seed, weightColumn: loaded.weightColumn,
            segmentWeights: loaded.weights.map { weights in
                var totals = [Double](repeating: 0, count: model.k)
                for (label, weight) in zip(model.labels, weights) { totals[Int(label)] += weight }
                return totals
            })
        try summary.write(to: folder.appendingPathComponent(OutputFileName.summary), protectedInputs: protected)
        return { try format.print(summary) {
            ["k-means: \(Format.count(x.rows)) rows × \(x.columns) features, k = \(model.k): inertia "
             + "\(Format.number(model.inertia)) after \(model.iterations) iterations"
             + (model.converged ? "" : " (not converged)") + " in \(Format.seconds(seconds)); wrote \(out)/"]
        } }
    }

    private func initialization(features: [String]) throws -> KMeansConfiguration.Initialization {
        switch self.`init` {
        case "k-means++", "kmeans++": return .kMeansPlusPlus()
        case "k-means-parallel", "k-means||", "kmeans||": return .kMeansParallel()
        case "random": return .randomRows
        case "first-k": return .firstRows
        default:
            let url = URL(fileURLWithPath: self.`init`)
            let table = try CSVReader.read(contentsOf: url)
            let numeric = table.columns.filter { column in
                column.numbers != nil && column.name != "segment" && column.role != .identifier
            }
            guard numeric.count == features.count else {
                throw CommandFailure("\(self.`init`): \(numeric.count) numeric columns, expected one per feature "
                                      + "(\(features.count))")
            }
            var rows: [[Double]] = []
            for i in 0..<table.rowCount { rows.append(numeric.map { $0.numbers![i] }) }
            return .centers(Matrix(rows))
        }
    }
}

enum ScaleChoice: String, ExpressibleByArgument, CaseIterable {
    case zscore, robust, minmax, none

    var scaling: PreparationSpec.Scaling {
        switch self {
        case .zscore: .zScore
        case .robust: .robust
        case .minmax: .minMax
        case .none: .none
        }
    }
}

enum AlgorithmChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, lloyd, elkan, hamerly, minibatch

    var batchAlgorithm: KMeansConfiguration.Algorithm {
        switch self {
        case .lloyd: .lloyd
        case .elkan: .elkan
        case .hamerly: .hamerly
        case .auto, .minibatch: .auto
        }
    }
}

/// What `summary.json` holds.
struct KMeansSummary: Encodable {
    /// Writes the summary through the one summary encoder (``SummaryJSON``), atomically.
    func write(to url: URL, protectedInputs: [URL]) throws {
        try SummaryJSON.write(self, to: url, protectedInputs: protectedInputs)
    }

    struct Restart: Encodable {
        var stream: UInt64
        var inertia: Double
        var iterations: Int
        var adjustedRandIndexToBest: Double
    }
    var input: String
    var rows: Int
    var features: Int
    var k: Int
    var precision: String
    var inertia: Double
    var iterations: Int
    var converged: Bool
    var inertiaHistory: [Double]
    var restarts: [Restart]
    var restartAgreement: Double
    var segmentSizes: [Int]
    var fitSeconds: Double
    var threads: Int
    var blasCore: String
    var distanceKernels: String
    var seed: UInt64
    /// The survey-weight column the fit was weighted by (`--weight`), absent when unweighted.
    var weightColumn: String? = nil
    /// Each segment's total weight, when weighted.
    var segmentWeights: [Double]? = nil
}

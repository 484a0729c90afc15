import ArgumentParser
import Foundation
import PersonasClustering
import PersonasData
import PersonasFiles
import PersonasNumerics
import PersonasReports
import PersonasSegmentation

/// `personas choose-k FILE --k 2...12 --out DIR`: how many segments the data supports, and how
/// stable they are.
struct ChooseKCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "choose-k",
        abstract: "Recommend a number of segments; writes choose-k.json, choose-k.md, choose-k.svg and labels.csv.",
        discussion: """
            Every k in the range is segmented and judged by silhouette, Calinski–Harabasz, \
            Davies–Bouldin, Dunn (up to 10,000 rows), the gap statistic, the elbow of the inertia \
            curve and bootstrap stability (Hennig's clusterboot). Each criterion's choice is stated \
            in one sentence; when they disagree the report says so, and when --min-share, not the \
            criteria, decided k the headline says that instead. When even the best average \
            silhouette is under 0.25 (Kaufman and Rousseeuw's "no substantial structure") a warning \
            says so. labels.csv holds each row's segment for every k (numbered by size, 0 the \
            largest). With --method gmm (a Gaussian mixture) BIC decides instead (the lowest, \
            scikit-learn's sign; mclust's BIC, higher is better, beside it), with AIC, ICL and the \
            indices above shown beside it. With --method latent-class (a latent class model on the \
            columns themselves: a categorical, ordinal or boolean column's levels, a number's \
            standardised value, a missing cell left out of the likelihood rather than filled) BIC \
            decides in the same way; the gap statistic and bootstrap stability, which refit on \
            resampled features, are not run.
            """)

    @Argument(help: "The customer table (CSV) or a NumPy matrix (.npy).")
    var file: String

    @Option(help: ArgumentHelp("The candidate numbers of segments: a range such as 2...12, or a list 3,4,6.",
                               valueName: "range"))
    var k: String = "2...10"

    @Option(help: "Segmentation: kmeans, ward, hybrid (k-means micro-clusters, then Ward), gmm (a Gaussian mixture, k by BIC) or latent-class (a latent class model on the columns, k by BIC).")
    var method: SegmentationMethod = .kmeans

    @OptionGroup var mixture: MixtureOptions

    @Option(help: "Bootstrap resamples per k for stability (0 skips it).")
    var bootstrap = 50

    @Option(name: .customLong("gap-refs"), help: "Reference data sets per k for the gap statistic (0 skips it).")
    var gapReferences = 10

    @Option(name: .customLong("min-share"), help: "A segment under this share of the rows counts against its k.")
    var minimumShare = 0.03

    @OptionGroup var columns: ColumnListOptions

    @OptionGroup var survey: RowCenteringOption

    @Option(help: "Scaling of CSV features: zscore, robust, minmax or none.")
    var scale: ScaleChoice = .zscore

    @OptionGroup var seed: SeedOption

    @Flag(help: "No progress display.")
    var quiet = false

    @OptionGroup var output: OutputFolderOptions
    var out: String { output.out }

    @OptionGroup var input: InputOptions

    @OptionGroup var format: FormatOption

    func validate() throws {
        let ks = try candidateKs()
        guard ks.first! >= 2 else { throw ValidationError("--k starts at 2 or more") }
        guard bootstrap >= 0, gapReferences >= 0 else { throw ValidationError("--bootstrap and --gap-refs must be 0 or more") }
        guard minimumShare >= 0 && minimumShare < 1 else { throw ValidationError("--min-share must be in [0, 1)") }
        try mixture.check(method: method)
    }

    /// "2...12", "2..12", "2-12" or "3,4,6".
    func candidateKs() throws -> [Int] { try ChooseKRange.parse(k) }

    func run() throws {
        let runStart = ContinuousClock.now
        let display = ProgressDisplay(quiet: quiet || format.isJSON)
        defer { display.close() }
        let stages = StageClock(observer: display.observer)
        let inputURL = URL(fileURLWithPath: file)
        let staged = try output.stage("choose-k", inputs: [file, input.schema])
        let folder = staged.staging
        stages.begin(.reading)
        let latentClass = method == .latentClass
        let loaded = try FeatureInput<Double>.load(inputURL, columns: columns, scaling: scale.scaling, input: input,
                                                   rowCentering: survey, latentClassItems: latentClass)
        stages.end()
        for warning in loaded.warnings { Terminal.warn(warning) }
        let configuration = ChooseKConfiguration(
            ks: try candidateKs(),
            segmenter: loaded.latentClassItems.map {
                Segmenter.latentClass($0, fittedTo: loaded.matrix, restarts: SegmentationConfiguration.defaultRestarts)
            } ?? method.segmenter(restartSampleSize: SegmentationConfiguration.defaultRestartSampleSize,
                                  sampledRestarts: SegmentationConfiguration.defaultRestarts,
                                  covarianceType: mixture.covarianceType),
            bootstrapResamples: latentClass ? 0 : bootstrap, gapReferences: latentClass ? 0 : gapReferences, minimumSegmentShare: minimumShare,
            resamplingSampleSize: method.resamplingSampleSize, seed: seed.seed)
        let start = ContinuousClock.now
        let result = try ChooseK.run(loaded.matrix, configuration, progress: display.observer)
        let seconds = (ContinuousClock.now - start) / .seconds(1)
        stages.append(result.stageTimes)
        for warning in result.warnings { Terminal.warn(warning) }

        let protected = [inputURL]
        stages.begin(.report)
        try AtomicFileWriter.write(Data(ChooseKMarkdown.render(result).utf8),
                                   to: folder.appendingPathComponent(OutputFileName.chooseKMarkdown), protectedInputs: protected)
        try AtomicFileWriter.write(Data(ChooseKChart().svg(result).utf8),
                                   to: folder.appendingPathComponent(OutputFileName.chooseKChart), protectedInputs: protected)
        stages.begin(.writing)
        var labels = try LabelsFile(file: AtomicFileWriter(destination: folder.appendingPathComponent(OutputFileName.labels),
                                                           protectedInputs: protected),
                                    identifierName: loaded.identifierName, identifiers: loaded.identifiers,
                                    columns: result.candidates.map { "k\($0.k)" })
        for row in 0..<loaded.matrix.rows { try labels.append(row: row, labels: result.candidates.map { $0.labels[row] }) }
        try labels.finish()
        stages.end()
        // Written last, so it holds every stage before it.
        let summary = ChooseKSummary(result, input: file, seconds: seconds, seed: seed.seed, configuration: configuration,
                                     stageSeconds: StageSeconds.list(stages.times),
                                     wallSeconds: (ContinuousClock.now - runStart) / .seconds(1))
        try SummaryJSON.write(summary, to: folder.appendingPathComponent(OutputFileName.chooseKSummary), protectedInputs: protected)
        try output.commit(staged)
        display.close()
        try self.format.print(summary) { [result.summary + " (\(Format.seconds(seconds)); wrote \(out)/)"] }
    }
}

/// What `choose-k.json` holds: every figure of the report, no per-row labels (those are in labels.csv).
struct ChooseKSummary: Encodable {
    struct Candidate: Encodable {
        var k: Int
        var segmentSizes: [Int]
        var smallestShare: Double
        var inertia: Double
        var silhouette: Double
        var silhouetteStandardError: Double
        var calinskiHarabasz: Double
        var daviesBouldin: Double
        var dunn: Double?
        var gap: Double?
        var gapStandardError: Double?
        var stabilityJaccard: [Double]?
        var stabilityAdjustedRandIndex: Double?
        /// A model-based method's criteria (absent for the others): lower is better, mclust's
        /// BIC higher.
        var logLikelihood: Double?
        var parameters: Int?
        var bic: Double?
        var aic: Double?
        var icl: Double?
        var mclustBic: Double?
    }
    struct Vote: Encodable {
        var criterion: String
        var k: Int?
        var reason: String
    }
    var input: String
    var rows: Int
    var method: String
    var bootstrapResamples: Int
    var gapReferences: Int
    var minimumSegmentShare: Double
    var recommendedK: Int
    var summary: String
    /// What decided the recommended k: criteria, lowest BIC, minimum share, minimum size, tie-break or only candidate.
    var decidedBy: String
    var criteriaDisagree: Bool
    /// Warnings in words (no substantial structure), also on stderr.
    var warnings: [String]
    var votes: [Vote]
    var candidates: [Candidate]
    /// The choice of k alone (`ChooseK.run(_:_:progress:)`).
    var seconds: Double
    var seed: UInt64
    /// Each stage's wall time, in the order they ran: reading, each k's segmenting and indices,
    /// the gap statistic, each k's bootstrap stability, the report, writing labels.csv.
    var stageSeconds: [StageSeconds]
    /// The command's wall time from its start to this summary: at least the sum of the stages.
    var wallSeconds: Double

    init(_ r: ChooseKResult, input: String, seconds: Double, seed: UInt64, configuration: ChooseKConfiguration,
         stageSeconds: [StageSeconds], wallSeconds: Double) {
        self.input = input
        rows = r.rows
        method = r.segmenter
        bootstrapResamples = configuration.bootstrapResamples
        gapReferences = configuration.gapReferences
        minimumSegmentShare = configuration.minimumSegmentShare
        recommendedK = r.recommendedK
        summary = r.summary
        decidedBy = r.decidedBy.rawValue
        criteriaDisagree = r.criteriaDisagree
        warnings = r.warnings
        votes = r.votes.map { Vote(criterion: $0.criterion, k: $0.k, reason: $0.reason) }
        candidates = r.candidates.map { c in
            Candidate(k: c.k, segmentSizes: c.segmentSizes, smallestShare: c.smallestShare, inertia: c.inertia,
                      silhouette: c.silhouette, silhouetteStandardError: c.silhouetteStandardError,
                      calinskiHarabasz: c.calinskiHarabasz, daviesBouldin: c.daviesBouldin, dunn: c.dunn, gap: c.gap,
                      gapStandardError: c.gapStandardError, stabilityJaccard: c.stabilityJaccard,
                      stabilityAdjustedRandIndex: c.stabilityAdjustedRandIndex,
                      logLikelihood: c.informationCriteria?.logLikelihood, parameters: c.informationCriteria?.parameterCount,
                      bic: c.informationCriteria?.bic, aic: c.informationCriteria?.aic, icl: c.informationCriteria?.icl,
                      mclustBic: c.informationCriteria?.mclustBIC)
        }
        self.seconds = seconds
        self.seed = seed
        self.stageSeconds = stageSeconds
        self.wallSeconds = wallSeconds
    }
}

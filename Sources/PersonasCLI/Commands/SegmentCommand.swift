import ArgumentParser
import Foundation
import PersonasClustering
import PersonasData
import PersonasFiles
import PersonasNumerics
import PersonasProfiles
import PersonasReports
import PersonasSegmentation

/// `personas segment FILE --k 2...10 --out DIR`: the analyst's pipeline in one run.
struct SegmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment",
        abstract: "Prepare, choose k, segment, profile and target in one run; writes model.json and the reports.",
        discussion: """
            Writes model.json (the preparation, the segment centers and the personas: apply it to \
            new customers with `personas assign`), assignments.csv (id, segment, segment name, \
            distance to center, assignment confidence, the customer's own tier and channel, the \
            segment's tier and channel; with --method gmm or latent-class also the probability of the segment and \
            low_probability, 1 under 0.5), personas.json, personas.md, \
            profile.csv and profile.xlsx (traits colour-scaled, each segment's category mix), choose-k.md and .svg when a range of k is given, dendrogram.svg for ward \
            and hybrid, the typing tool (typing-tool.json, .md, .sql and the .csv scoring sheet; \
            trained on a seeded 25,000-row sample for larger tables), report.html (one \
            self-contained page with every chart), each chart as an SVG in charts/, report.json \
            (the figures the report draws beyond model.json, so `personas rename` can draw it \
            again; no identifier or row number), and \
            notebook.ipynb (the story as a Jupyter notebook). The folder is written whole or not at \
            all. The same seed gives the same files (model.json's created_at aside). No segment has \
            fewer than --min-size customers: a range of k never recommends such a k, and with one k \
            their customers move to the nearest remaining segment (a warning says so), unless \
            --keep-small-segments keeps them: their centers then stay in model.json and the SQL \
            export so customers can be assigned to them, and every figure of them is withheld from \
            the personas, profile and reports. With --method gmm (a Gaussian mixture) a range of k is \
            decided by the lowest BIC, the mixture is saved in model.json, and a small segment's \
            component is dropped from it, its customers going to their most probable remaining \
            segment. With --method latent-class (a latent class model: each feature column is an \
            item, a categorical, ordinal or boolean column by its levels, a rare or unseen level \
            as "other", a number by its standardised value; a missing cell is left out of the \
            likelihood, not filled; declare a 1-5 answer scale ordinal in the schema to read it \
            as levels) the same holds for its classes; 10 EM runs from random starts keep the \
            best (latent class likelihoods have many local optima), and choosing k runs neither \
            the gap statistic nor bootstrap stability.
            """)

    @Argument(help: "The customer table (CSV).")
    var file: String

    @Option(help: ArgumentHelp("Segments: one k, or a range such as 2...10 to choose from.", valueName: "k"))
    var k: String = "2...10"

    @Option(help: "Segmentation: kmeans, ward, hybrid, gmm (a Gaussian mixture: k chosen by BIC, each customer's probability of its segment) or latent-class (a latent class model on the columns, likewise).")
    var method: SegmentationConfiguration.Method = .kmeans

    @OptionGroup var mixture: MixtureOptions

    @OptionGroup var columns: ColumnListOptions

    @OptionGroup var survey: RowCenteringOption

    @Option(help: "The current-value column (default: the schema's value role).")
    var value: String?

    @Option(help: "The potential column (default: the schema's potential role).")
    var potential: String?

    @Option(help: ArgumentHelp("Targeting rules (JSON).", valueName: "rules.json"))
    var rules: String?

    @Option(help: ArgumentHelp("The analyst's persona edits to apply (see `personas rename --help`).", valueName: "names.json"))
    var names: String?

    @Option(help: "Scaling of features: zscore, robust, minmax or none.")
    var scale: ScaleChoice = .zscore

    @OptionGroup var questions: QuestionListOption

    @Option(help: "The most distinct questions the typing tool may ask.")
    var maxQuestions = 5

    @Option(help: "How the typing tool scores: tree (questions one after another), lda (golden questions: a points sheet) or best (the higher cross-validated accuracy).")
    var typingToolMethod: TypingToolMethod = .tree

    @Flag(help: "Build no typing tool.")
    var noTypingTool = false

    @Option(name: .customLong("min-size"), help: "The fewest customers a segment may have (see above).")
    var minSize = 10

    @Flag(help: "Leave the respondents who straight-line a battery (the same answer to every item they answered) out of choosing k and fitting the segments; each is then assigned to the nearest segment.")
    var dropStraightLiners = false

    @Flag(help: "Keep segments under --min-size (their figures withheld) instead of merging them into their nearest neighbour.")
    var keepSmallSegments = false

    @Option(help: "Bootstrap resamples per k when choosing k.")
    var bootstrap = 50

    @Option(name: .customLong("gap-refs"), help: "Reference data sets per k for the gap statistic when choosing k (0 skips it).")
    var gapReferences = 10

    @OptionGroup var seed: SeedOption

    @Flag(help: "No progress display.")
    var quiet = false

    @OptionGroup var format: FormatOption

    @OptionGroup var output: OutputFolderOptions
    var out: String { output.out }

    @OptionGroup var input: InputOptions

    @OptionGroup var projection: ProjectionOptions

    func candidateKs() throws -> [Int] { try ChooseKRange.parse(k) }

    func validate() throws {
        guard maxQuestions >= 1 else { throw ValidationError("--max-questions must be at least 1") }
        guard minSize >= 1 else { throw ValidationError("--min-size must be at least 1") }
        guard bootstrap >= 0, gapReferences >= 0 else { throw ValidationError("--bootstrap and --gap-refs must be 0 or more") }
        let ks = try candidateKs()
        guard ks.allSatisfy({ $0 >= 1 }) else { throw ValidationError("--k must be at least 1") }
        if ks.count > 1, ks[0] < 2 { throw ValidationError("a range of k starts at 2") }
        try mixture.check(method: method)
    }

    func run() throws {
        let runStart = ContinuousClock.now
        let display = ProgressDisplay(quiet: quiet || format.isJSON)
        defer { display.close() }
        let stages = StageClock(observer: display.observer)
        let inputURL = URL(fileURLWithPath: file)
        // Everything goes into a staged folder renamed into place at the end: a failed or
        // interrupted run leaves no partial folder, and --force replaces the old one whole.
        let staged = try output.stage("segment", inputs: [file, input.schema, rules, names])
        let folder = staged.staging
        stages.begin(.reading)
        var table = try input.readTable(file)
        // Ended before the warnings are printed, so they never land on the stage's bar.
        stages.end()
        for warning in table.warnings { Terminal.warn(warning) }
        try projection.apply(to: &table)
        try columns.check(table)
        if !noTypingTool { try questions.check(table) }
        // Straight-liners are counted, never listed: which respondents they are stays private.
        let batteryList = try survey.batteries.batteries(in: table)
        let batteries = batteryList.map { BatterySummary($0, table: table) }
        var batteryWarnings = batteries.compactMap(\.warning)
        let leftOut = try straightLinersLeftOut(batteryList, table: table)
        if let leftOut {
            batteryWarnings.append("\(Quantity.count(leftOut.count, "straight-liner")) left out of fitting the segments, "
                                   + "then assigned to the nearest one")
        }
        for warning in batteryWarnings { Terminal.warn(warning) }
        var preparation = columns.preparation(scaling: scale.scaling)
        preparation.rowCentering = try survey.centerings(in: table)
        var profile = projection.configure(ProfileConfiguration(minimumSegmentSize: minSize))
        profile.valueColumn = value
        profile.potentialColumn = potential
        var configuration = SegmentationConfiguration(
            ks: try candidateKs(), method: method,
            preparation: preparation,
            profile: profile, rules: try rules.map { try TargetingRules.load(from: URL(fileURLWithPath: $0)) } ?? .standard,
            bootstrapResamples: bootstrap, gapReferences: gapReferences, typingTool: noTypingTool ? nil : typingToolSettings(),
            keepSmallSegments: keepSmallSegments, seed: seed.seed)
        configuration.leftOutOfFitting = leftOut ?? []
        configuration.covarianceType = mixture.covarianceType
        let edits = try names.map { try PersonaEdit.load(from: URL(fileURLWithPath: $0)) } ?? []
        let start = ContinuousClock.now
        var result = try Segmentation.run(table, configuration, progress: display.observer)
        if !edits.isEmpty { result = try result.applying(edits) }
        let seconds = (ContinuousClock.now - start) / .seconds(1)
        stages.append(result.stageTimes)
        for warning in result.warnings where !table.warnings.contains(warning) { Terminal.warn(warning) }

        let protected = [inputURL] + [input.schema, rules, names].compactMap { $0 }.map { URL(fileURLWithPath: $0) }
        func write(_ data: Data, _ name: String) throws {
            try AtomicFileWriter.write(data, to: folder.appendingPathComponent(name), protectedInputs: protected)
        }
        let model = result.model
        let id = table.identifierColumn
        var sql: String?
        if let tool = result.typingTool?.model {
            stages.begin(.sql)
            sql = tool.sqlSelect(from: "customers", keyColumns: id.map { [$0.name] } ?? [], columnTypes: model.questionTypes ?? [:])
        }
        stages.begin(.writing)
        try write(model.jsonData(), OutputFileName.model)
        try write(model.personas.jsonData(), OutputFileName.personasJSON)
        try write(Data(PersonasMarkdown.render(model.personas).utf8), OutputFileName.personasMarkdown)
        try ProfileFile.write(model.personas, into: folder, protectedInputs: protected)

        try AssignmentsFile.write(result.assignments, of: table, model: model, targets: result.customerTargets,
                                  to: AtomicFileWriter(destination: folder.appendingPathComponent(OutputFileName.assignments),
                                                       protectedInputs: protected))

        if let typing = result.typingTool, let sql {
            let tool = typing.model
            try TypingToolFile.write(tool, sql: sql, segments: TypingToolFile.segments(of: tool, personas: model.personas),
                                     table: table, into: folder, protectedInputs: protected, stages: stages)
        }
        stages.begin(.report)
        if let choice = result.chooseK {
            try write(Data(ChooseKMarkdown.render(choice).utf8), OutputFileName.chooseKMarkdown)
        }
        try SegmentationReportFiles.write(SegmentationReport(result, table: table), into: folder, protectedInputs: protected)
        // Last: the notebook tells the story from the files written above (charts/ included).
        stages.begin(.notebook)
        try write(SegmentationNotebook.build(SegmentationFolder.read(folder), dataPath: ".").jsonData(), OutputFileName.notebook)
        stages.end()
        try output.commit(staged)
        display.close()
        // A suppressed (kept small) segment's size is withheld here as in every file.
        let suppressed = Set(model.personas.profiles.segments.filter(\.suppressed).map(\.segment))
        let sizes = segmentSizes(result.labels, count: model.k).enumerated().map { suppressed.contains($0) ? nil : $1 }
        let summary = SegmentSummary(
            rows: table.rowCount, k: model.k, method: method.rawValue, seconds: seconds,
            segments: (0..<model.k).map {
                .init(segment: $0, name: model.segmentNames[$0], customers: sizes[$0], tier: model.segmentTiers[$0],
                      channel: model.segmentChannels[$0])
            },
            recommendation: result.chooseK?.summary, out: out,
            typingToolMethod: result.typingTool?.method.rawValue,
            typingToolQuestions: result.typingTool?.model.questions ?? [],
            typingToolHoldOutAccuracy: result.typingTool?.holdOut.accuracy, batteries: batteries,
            straightLinersLeftOut: leftOut?.count,
            warnings: batteryWarnings + result.warnings,
            stageSeconds: StageSeconds.list(stages.times), wallSeconds: (ContinuousClock.now - runStart) / .seconds(1))
        try format.print(summary) {
            var lines: [String] = []
            if let choice = result.chooseK { lines.append(choice.summary) }
            if let typing = result.typingTool {
                lines.append("typing tool (\(typing.method == .lda ? "golden questions" : "tree")): "
                             + "\(typing.model.questions.count) question(s) "
                             + "[\(typing.model.questions.joined(separator: ", "))], hold-out accuracy "
                             + "\(Format.percent(typing.holdOut.accuracy)) (largest segment: "
                             + "\(Format.percent(typing.holdOut.baselineAccuracy)))")
                if let choice = typing.choice { lines.append("  chose \(choice)") }
            }
            for j in 0..<model.k {
                lines.append("  \(j): \(model.segmentNames[j]) — "
                             + (sizes[j].map { "\(Format.count($0)) customers" } ?? "fewer than \(Format.count(minSize)) customers")
                             + (model.segmentTiers[j].map { ", \($0)" } ?? "") + (model.segmentChannels[j].map { ", \($0)" } ?? ""))
            }
            lines.append("segment: \(Quantity.count(table.rowCount, "row")) → \(Quantity.count(model.k, "persona")) in "
                         + "\(Format.seconds(seconds)); wrote \(out)/")
            return lines
        }
    }

    /// With --drop-straight-liners, the rows that straight-line any battery (nil without the flag).
    private func straightLinersLeftOut(_ batteries: [Battery], table: DataTable) throws -> Set<Int>? {
        guard dropStraightLiners else { return nil }
        guard !batteries.isEmpty else {
            throw CommandFailure("\(table.source): --drop-straight-liners needs an attitude battery; name one with "
                                 + "--battery NAME=a,b,c or the schema's \"battery\" key")
        }
        var rows = Set<Int>()
        for battery in batteries {
            for (row, flat) in battery.straightLiners(in: table).enumerated() where flat { rows.insert(row) }
        }
        return rows
    }

    private func typingToolSettings() -> TypingToolConfiguration {
        var settings = TypingToolConfiguration()
        settings.questions = questions.names
        settings.method = typingToolMethod
        settings.maxQuestions = maxQuestions
        return settings
    }
}

extension SegmentationMethod: ExpressibleByArgument {}

/// What `segment --format json` prints: the run and each segment, with an absent figure (the size of
/// a segment withheld as too small, a tier without targeting) as null rather than left out.
struct SegmentSummary: Encodable {
    struct Segment: Encodable {
        var segment: Int
        var name: String
        @NullWhenAbsent var customers: Int?
        @NullWhenAbsent var tier: String?
        @NullWhenAbsent var channel: String?
    }
    var rows: Int
    var k: Int
    var method: String
    /// The segmentation alone (`Segmentation.run(_:_:progress:)`), as before
    /// stages were timed.
    var seconds: Double
    var segments: [Segment]
    @NullWhenAbsent var recommendation: String?
    var out: String
    /// tree or lda: the method that built the typing tool (null without one).
    @NullWhenAbsent var typingToolMethod: String?
    var typingToolQuestions: [String]
    @NullWhenAbsent var typingToolHoldOutAccuracy: Double?
    /// Each attitude battery (the schema's and `--battery`'s): its items, the scale range seen, and
    /// how many respondents straight-line it (a count and a share, never who).
    var batteries: [BatterySummary]
    /// With --drop-straight-liners, how many respondents were left out of fitting (null without it).
    @NullWhenAbsent var straightLinersLeftOut: Int?
    /// Every warning of the run, as on stderr (a column left out, a small segment merged, no
    /// substantial structure).
    var warnings: [String]
    /// Each stage's wall time, in the order they ran (reading, preparing, the choice of k's parts,
    /// the final fit, profiling, the typing tool, targeting, SQL, writing, workbook, report,
    /// notebook).
    var stageSeconds: [StageSeconds]
    /// The command's wall time from its start to this summary: at least the sum of the stages.
    var wallSeconds: Double
}

/// "2...12", "2..12", "2-12" or "3,4,6" as a sorted list of k, each at most ``largestK``.
enum ChooseKRange {
    /// The most segments `segment` and `choose-k` make. Each segment becomes a persona with its
    /// profile, and each candidate k is a full clustering with its bootstrap and gap references, so
    /// more than this is no longer a segmentation; checking it before the list is built also keeps a
    /// range such as 2...10000000000 from allocating one element per k. (The data may allow fewer:
    /// k must also stay below the number of distinct customers, checked once the table is read.)
    static let largestK = 1_000

    static func parse(_ text: String) throws -> [Int] {
        let compact = text.replacingOccurrences(of: " ", with: "")
        for separator in ["...", "..", "-"] where compact.contains(separator) {
            let parts = compact.components(separatedBy: separator)
            guard parts.count == 2, let low = Int(parts[0]), let high = Int(parts[1]), low <= high else { break }
            try checkLargest(high)
            return Array(low...high)
        }
        let pieces = compact.split(separator: ",")
        let list = pieces.compactMap { Int($0) }
        guard !list.isEmpty, list.count == pieces.count else {
            throw ValidationError("--k: expected a number, a range such as 2...12 or a list such as 3,4,6, not \"\(text)\"")
        }
        try checkLargest(list.max()!)
        return Array(Set(list)).sorted()
    }

    /// Refuses a k above ``largestK``, saying what the limit is.
    private static func checkLargest(_ k: Int) throws {
        guard k > largestK else { return }
        throw ValidationError("--k: k may be at most \(Format.count(largestK)) (each segment becomes a persona), not "
                              + "\(Format.count(k)); the data allow at most one segment per distinct customer")
    }
}

import ArgumentParser
import Foundation
import PersonasData
import PersonasFiles
import PersonasProfiles
import PersonasReports

/// `personas profile FILE --labels labels.csv --out DIR`: personas from a labelled table.
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Profile, name and target the segments of a labelled table; writes personas.json, personas.md, profile.csv and profile.xlsx.",
        discussion: """
            The labels file is what `kmeans`, `hclust` and `segment` write: the table's identifier \
            column (or a 1-based `row` column) and a segment column, found by name (segment, cluster, \
            label, class or group), as the only other column, or named by --segment-column. Segments \
            are numbers (-1 leaves a row out). Profiles use the original columns; \
            identifiers and free text are never profiled. Segments smaller than --min-size are \
            suppressed. Targeting needs a value and a potential column (schema roles or --value and \
            --potential); --rules replaces the default rule set (see TargetingRules.standard).
            """)

    @Argument(help: "The customer table (CSV).")
    var file: String

    @Option(help: ArgumentHelp("Each row's segment (labels.csv from kmeans or hclust).", valueName: "labels.csv"))
    var labels: String

    @Option(help: ArgumentHelp("The current-value column (default: the schema's value role).", valueName: "column"))
    var value: String?

    @Option(help: ArgumentHelp("The potential column (default: the schema's potential role).", valueName: "column"))
    var potential: String?

    @Option(help: ArgumentHelp("Targeting rules (JSON).", valueName: "rules.json"))
    var rules: String?

    @Option(name: .customLong("min-size"), help: "Segments with fewer customers are suppressed.")
    var minSize = 10

    @OptionGroup var output: OutputFolderOptions
    var out: String { output.out }

    @OptionGroup var segmentColumn: SegmentColumnOption

    @OptionGroup var projection: ProjectionOptions

    @OptionGroup var input: InputOptions

    @OptionGroup var format: FormatOption

    func validate() throws {
        guard minSize >= 1 else { throw ValidationError("--min-size must be at least 1") }
    }

    func run() throws {
        let inputURL = URL(fileURLWithPath: file), labelsURL = URL(fileURLWithPath: labels)
        let staged = try output.stage("profile", inputs: [file, labels, rules, input.schema])
        var table = try input.readTable(file)
        for warning in table.warnings { Terminal.warn(warning) }
        try projection.apply(to: &table)
        let assigned = try segmentColumn.segmentNumbers(labels, for: table, encoding: input.encoding)
        let start = ContinuousClock.now
        do {
            let ruleSet = try rules.map { path throws(ProfileError) in try TargetingRules.load(from: URL(fileURLWithPath: path)) }
                ?? .standard
            let configuration = projection.configure(
                ProfileConfiguration(minimumSegmentSize: minSize, valueColumn: value, potentialColumn: potential))
            let document = try PersonaBuilder.build(table, labels: assigned, configuration: configuration, rules: ruleSet)
            let seconds = (ContinuousClock.now - start) / .seconds(1)
            try write(document, to: staged.staging,
                      protected: [inputURL, labelsURL] + (rules.map { [URL(fileURLWithPath: $0)] } ?? []))
            try output.commit(staged)
            for note in document.profiles.notes { Terminal.note(note) }
            if document.targeting == nil {
                Terminal.note("no targeting: name a value and a potential column (schema roles, or --value and --potential)")
            }
            let summary = ProfileSummary(customers: document.profiles.rows, segments: document.personas.count,
                                         tests: document.profiles.testCount, targeting: document.targeting != nil,
                                         seconds: seconds, out: out)
            try format.print(summary) {
                ["profile: \(Format.count(document.profiles.rows)) customers, \(document.personas.count) segments, "
                 + "\(document.profiles.testCount) tests in \(Format.seconds(seconds)); wrote \(out)/"]
            }
        } catch let error as ProfileError {
            throw CommandFailure(error.message)  // a data problem: one line, no usage text
        }
    }

    private func write(_ document: PersonasDocument, to folder: URL, protected: [URL]) throws {
        try AtomicFileWriter.write(document.jsonData(), to: folder.appendingPathComponent(OutputFileName.personasJSON),
                                   protectedInputs: protected)
        try AtomicFileWriter.write(PersonasMarkdown.render(document), to: folder.appendingPathComponent(OutputFileName.personasMarkdown),
                                   protectedInputs: protected)
        try ProfileFile.write(document, into: folder, protectedInputs: protected)
    }
}

/// What `profile --format json` prints.
struct ProfileSummary: Encodable {
    var customers: Int
    var segments: Int
    /// The significance tests run to find what sets each segment apart.
    var tests: Int
    /// Whether tiers and channels were given (a value and a potential column were found).
    var targeting: Bool
    var seconds: Double
    var out: String
}

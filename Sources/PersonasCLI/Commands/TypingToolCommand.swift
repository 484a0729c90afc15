import ArgumentParser
import Foundation
import PersonasData
import PersonasFiles
import PersonasProfiles

/// `personas typing-tool FILE --labels labels.csv --out DIR`: the compact tree that assigns a new
/// customer to a segment from a few questions, with its hold-out accuracy and all its exports.
struct TypingToolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "typing-tool",
        abstract: "Builds a typing tool (a compact tree or golden questions) that reproduces a segmentation from a few questions.",
        discussion: """
            Writes typing-tool.json (load with `personas type`), typing-tool.md (the one-page \
            questionnaire), typing-tool.sql (a query in --dialect's SQL), typing-tool.csv (the scoring \
            sheet), typing-tool.xlsx (a workbook a rep fills in), the same names as `personas segment`, \
            curve.csv (cross-validated accuracy for 1..N questions) and summary.json (hold-out accuracy, \
            recall, precision, confusion matrix, largest-segment baseline, pruning level).
            Questions are the feature columns a rep can ask: never value, potential, identifiers, free \
            text or a column the schema marks "askable": false.
            --labels is a CSV with the segment per customer (a label: a number or a word): the table's \
            identifier column (or a 1-based `row` column) and a segment column, found by name (segment, \
            cluster, label, class or group), as the only other column, or named by --segment-column.
            """)

    @Argument(help: "The customer table (CSV).")
    var file: String

    @Option(help: ArgumentHelp("Segment labels (CSV), e.g. labels.csv from `personas kmeans`.", valueName: "labels.csv"))
    var labels: String

    @OptionGroup var questions: QuestionListOption

    @Option(help: "How the tool scores: tree (questions one after another), lda (golden questions: a points sheet) or best (the higher cross-validated accuracy).")
    var method: TypingToolMethod = .tree

    @Option(help: "The most distinct questions the tree may ask.")
    var maxQuestions = 5

    @Option(help: "Maximum tree depth.")
    var maxDepth = 4

    @Option(help: "Minimum training customers per leaf.")
    var minSamplesLeaf = 5

    @Option(help: "Split criterion: gini or entropy.")
    var criterion: TreeCriterion = .gini

    @Option(help: "Cross-validation folds (question selection and pruning).")
    var folds = 5

    @Option(help: "Share of customers held out to measure accuracy.")
    var testFraction = 0.25

    @Flag(help: "Do not prune by cost complexity.")
    var noPrune = false

    @Flag(name: .customLong("one-se"), help: "Prune with the one-standard-error rule (a smaller tree).")
    var oneStandardError = false

    @OptionGroup var seed: SeedOption

    @OptionGroup var output: OutputFolderOptions

    @OptionGroup var segmentColumn: SegmentColumnOption

    @OptionGroup var weight: WeightOption

    @Option(help: "SQL dialect of typing-tool.sql: ansi (DuckDB, Snowflake), postgres, sqlite, spark or trino.")
    var dialect: SQLDialect = .ansi

    @OptionGroup var input: InputOptions

    @OptionGroup var format: FormatOption

    func validate() throws {
        guard maxQuestions >= 1 else { throw ValidationError("--max-questions must be at least 1") }
        guard maxDepth >= 1 else { throw ValidationError("--max-depth must be at least 1") }
        guard minSamplesLeaf >= 1 else { throw ValidationError("--min-samples-leaf must be at least 1") }
        guard folds >= 2 else { throw ValidationError("--folds must be at least 2") }
        guard testFraction > 0 && testFraction < 1 else { throw ValidationError("--test-fraction must lie between 0 and 1") }
    }

    func run() throws {
        let staged = try output.stage("typing-tool", inputs: [file, labels, input.schema])
        var table = try input.readTable(file)
        for warning in table.warnings { Terminal.warn(warning) }
        let segmentNames = try segmentColumn.segments(labels, for: table, encoding: input.encoding)
        var treeLabels = TreeLabels(names: segmentNames)
        treeLabels.weights = try weight.apply(to: &table)
        try questions.check(table)
        let data = try TreeDataset(table: table, columns: questions.names)
        var configuration = TypingToolConfiguration()
        configuration.method = method
        configuration.maxQuestions = maxQuestions
        configuration.parameters = TreeParameters(criterion: criterion, maxDepth: maxDepth, minSamplesLeaf: minSamplesLeaf)
        configuration.folds = folds
        configuration.testFraction = testFraction
        configuration.prune = !noPrune
        configuration.oneStandardError = oneStandardError
        configuration.seed = seed.seed
        let start = ContinuousClock.now
        let result = try TypingTool.deliver(data, labels: treeLabels, configuration: configuration)
        let seconds = (ContinuousClock.now - start) / .seconds(1)

        let folder = staged.staging
        let inputURL = URL(fileURLWithPath: file)
        let tool = result.model
        let columnTypes = Dictionary(table.columns.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
        try TypingToolFile.write(tool, sql: tool.sqlSelect(from: "customers", keyColumns: table.identifierColumn.map { [$0.name] } ?? [],
                                                           columnTypes: columnTypes, dialect: dialect),
                                 table: table, into: folder, protectedInputs: [inputURL])
        var curve = CSVWriter(file: try AtomicFileWriter(destination: folder.appendingPathComponent(OutputFileName.curve),
                                                         protectedInputs: [inputURL]))
        try curve.writeRow(["questions", "added", "cv_accuracy", "question_list"])
        for step in result.curve {
            try curve.writeRow(["\(step.questionCount)", step.added, String(format: "%.4f", step.crossValidatedAccuracy),
                                step.questions.joined(separator: ";")])
        }
        try curve.finish()
        let tree: DecisionTree? = if case .tree(let tree) = tool { tree } else { nil }
        let summary = Summary(method: result.method.rawValue, choice: result.choice, questions: tool.questions,
                              leaves: tree?.leafCount, depth: tree?.depth,
                              holdOutAccuracy: result.holdOut.accuracy,
                              unsimplifiedHoldOutAccuracy: result.method == .tree ? result.tree?.unsimplifiedHoldOut.accuracy : nil,
                              trainingAccuracy: result.training.accuracy,
                              baselineAccuracy: result.holdOut.baselineAccuracy, pruningAlpha: result.tree?.pruning?.alpha,
                              trainRows: result.trainRows, testRows: result.testRows,
                              curve: result.curve, holdOut: result.holdOut, fitSeconds: seconds)
        try SummaryJSON.write(summary, to: folder.appendingPathComponent(OutputFileName.summary), protectedInputs: [inputURL])

        try output.commit(staged)
        try format.print(summary) {
            ["typing tool (\(result.method == .lda ? "golden questions" : "tree")): \(tool.questions.count) question(s) "
             + "[\(tool.questions.joined(separator: ", "))]" + (tree.map { ", \($0.leafCount) leaves" } ?? "")
             + "; hold-out accuracy \(Format.percent(result.holdOut.accuracy)) "
             + "(largest-segment baseline \(Format.percent(result.holdOut.baselineAccuracy))"
             + (summary.unsimplifiedHoldOutAccuracy.map { "; before rounding and merging \(Format.percent($0))" } ?? "")
             + ") on \(result.testRows) customers"]
            + (result.choice.map { ["chose \($0)"] } ?? [])
            + result.curve.map { step in
                "  \(step.questionCount) question(s): cv accuracy \(Format.percent(step.crossValidatedAccuracy))  + \(step.added)"
            }
            + ["wrote \(staged.destination.path)/"]
        }
    }

    struct Summary: Encodable {
        /// tree or lda: the method that built the tool.
        var method: String
        /// With --method best: which method was kept and why.
        @NullWhenAbsent var choice: String?
        var questions: [String]
        /// The tree's outcomes and depth (null for golden questions).
        @NullWhenAbsent var leaves: Int?
        @NullWhenAbsent var depth: Int?
        var holdOutAccuracy: Double
        /// The tree's hold-out accuracy before identical sides were removed and thresholds rounded
        /// (null for golden questions).
        @NullWhenAbsent var unsimplifiedHoldOutAccuracy: Double?
        var trainingAccuracy: Double
        var baselineAccuracy: Double
        var pruningAlpha: Double?
        var trainRows: Int
        var testRows: Int
        var curve: [QuestionBudgetStep]
        var holdOut: ClassificationReport
        var fitSeconds: Double
    }
}

extension TreeCriterion: ExpressibleByArgument {}
extension TypingToolMethod: ExpressibleByArgument {}

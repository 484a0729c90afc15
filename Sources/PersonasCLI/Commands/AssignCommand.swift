import ArgumentParser
import Foundation
import PersonasData
import PersonasFiles
import PersonasSegmentation

/// `personas assign model.json NEW.csv --out assigned.csv`: next year's customers into this
/// year's segments.
struct AssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Assign the rows of a table to the segments of a saved model.json.",
        discussion: """
            The table is prepared exactly as the training table was (same columns, imputations, \
            levels and scaling; missing or retyped columns are errors, unseen categories follow the \
            preparation's documented rule) and each row goes to its nearest segment center, or, with \
            a Gaussian mixture's or a latent class model (`segment --method gmm` or latent-class), to \
            its most probable segment, its probability in the probability and low_probability \
            columns (a latent class model leaves a missing cell out instead of filling it). The CSV \
            has the columns of assignments.csv from `personas segment`: each customer's own tier and \
            channel come from the model's targeting rules applied to this table's value and potential \
            columns (empty when the table lacks them).
            """)

    @Argument(help: "model.json written by `personas segment`.")
    var model: String

    @Argument(help: "The customers to assign (CSV).")
    var file: String

    @Option(help: ArgumentHelp("The assignments CSV to write.", valueName: "assigned.csv"))
    var out: String

    @Flag(help: "Assign with the model's typing tool (a few questions) instead of the nearest center.")
    var typingTool = false

    @OptionGroup var input: InputOptions

    @OptionGroup var format: FormatOption

    func run() throws {
        let saved = try SegmentationModel.load(from: URL(fileURLWithPath: model))
        var modelSchema = saved.inputSchema
        modelSchema.modelName = "the model (\(model))"
        let table = try input.readTable(file, schemaOverride: input.schema == nil ? modelSchema : nil)
        var warnings = table.warnings
        let assignments: [Assignment]
        if typingTool {
            assignments = try saved.type(table, warnings: &warnings).map {
                Assignment(segment: $0, distance: .nan, confidence: .nan)
            }
        } else {
            assignments = try saved.assign(table, warnings: &warnings)
        }
        for warning in warnings { Terminal.warn(warning) }
        let targets = try saved.customerTargets(table, labels: assignments.map(\.segment))
        try AssignmentsFile.write(assignments, of: table, model: saved, targets: targets, to: AtomicFileWriter(
            destination: URL(fileURLWithPath: out),
            protectedInputs: [model, file, input.schema].compactMap { $0 }.map { URL(fileURLWithPath: $0) }))
        let summary = AssignSummary(rows: table.rowCount, k: saved.k, typingTool: typingTool, out: out)
        try format.print(summary) { ["assign: \(Format.count(table.rowCount)) rows into \(saved.k) segments; wrote \(out)"] }
    }
}

/// What `assign --format json` prints.
struct AssignSummary: Encodable {
    var rows: Int
    /// The model's number of segments.
    var k: Int
    /// Whether the rows were assigned by the model's typing tool rather than the nearest center.
    var typingTool: Bool
    var out: String
}

import ArgumentParser
import Foundation
import PersonasData
import PersonasFiles
import PersonasProfiles

/// `personas type TREE.json NEW.csv --out assigned.csv`: applies a saved typing tool.
struct TypeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "type",
        abstract: "Assigns customers to segments with a saved typing tool (typing-tool.json from `personas segment` or `personas typing-tool`).",
        discussion: """
            Writes the identifier column (when the table has one) and the segment. A level the tool \
            never saw is treated as missing (it follows the tree's default path) unless --strict.
            """)

    @Argument(help: "The typing tool: typing-tool.json from `segment` or `typing-tool`, or the folder holding it.")
    var tree: String

    @Argument(help: "The customers to type (CSV).")
    var file: String

    @Option(help: ArgumentHelp("Output CSV.", valueName: "assigned.csv"))
    var out: String

    @Flag(help: "Fail on a level the tool never saw instead of treating it as missing.")
    var strict = false

    @OptionGroup var input: InputOptions

    @OptionGroup var format: FormatOption

    func run() throws {
        let treeURL = URL(fileURLWithPath: tree), inputURL = URL(fileURLWithPath: file)
        let model: TypingToolModel
        do { model = try TypingToolFile.read(treeURL) } catch let error as TypingToolError {
            throw CommandFailure(tree, error)
        } catch let error as FolderError {
            guard case .missingFile = error.kind else { throw error }
            throw CommandFailure("\(error); give the typing tool (typing-tool.json, or its folder) that `personas segment` "
                                 + "or `personas typing-tool` wrote")
        }
        let table = try input.readTable(file)
        for warning in table.warnings { Terminal.warn(warning) }
        let start = ContinuousClock.now
        let assigned = try model.predict(table, unseen: strict ? .error : .treatAsMissing)
        let seconds = (ContinuousClock.now - start) / .seconds(1)
        let id = table.identifierColumn
        var writer = CSVWriter(file: try AtomicFileWriter(destination: URL(fileURLWithPath: out),
                                                          protectedInputs: [treeURL, inputURL]),
                               verbatimColumns: id == nil ? [] : [0])
        try writer.writeRow((id.map { [$0.name] } ?? []) + ["segment"])
        for r in 0..<table.rowCount {
            try writer.writeRow((id.map { [$0.text(atRow: r)] } ?? []) + [model.classLabels[Int(assigned[r])]])
        }
        try writer.finish()
        var counts = [Int](repeating: 0, count: model.classLabels.count)
        for s in assigned { counts[Int(s)] += 1 }
        let summary = TypeSummary(
            customers: table.rowCount, seconds: seconds, out: out,
            segments: zip(model.classLabels, counts).map { TypeSummary.Segment(segment: $0, customers: $1) })
        try format.print(summary) {
            ["typed \(Format.count(table.rowCount)) customers in \(Format.seconds(seconds)): "
             + zip(model.classLabels, counts).map { "\($0) \(Format.count($1))" }.joined(separator: ", "),
             "wrote \(out)"]
        }
    }
}

/// What `type --format json` prints: each segment label (a value, never a key) with its customers.
struct TypeSummary: Encodable {
    struct Segment: Encodable {
        var segment: String
        var customers: Int
    }
    var customers: Int
    var seconds: Double
    var out: String
    var segments: [Segment]
}

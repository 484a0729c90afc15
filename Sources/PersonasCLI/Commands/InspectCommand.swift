import ArgumentParser
import Foundation
import PersonasData

/// `personas inspect FILE`: how a table reads — types, roles, missing values, distributions.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show the inferred schema, missing values and distributions of a table.")

    @Argument(help: "The customer table (CSV).")
    var file: String

    @OptionGroup var input: InputOptions

    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    @Option(name: .customLong("write-schema"), help: ArgumentHelp("Write the schema as read to this file, to edit and pass back with --schema.", valueName: "schema.json"))
    var writeSchema: String?

    func run() throws {
        let table = try input.readTable(file)
        let summaries = table.summaries()
        if let writeSchema {
            try AtomicFileWriter.write(table.inferredSchema.jsonData(), to: URL(fileURLWithPath: writeSchema),
                                       protectedInputs: [URL(fileURLWithPath: file)])
        }
        switch format {
        case .json:
            let report = InspectReport(file: file, rows: table.rowCount, columns: summaries, warnings: table.warnings)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        case .table:
            Terminal.printOutput("\(table.source): \(Format.count(table.rowCount)) rows × \(table.columns.count) columns\n")
            var rows = [["column", "type", "role", "missing", "distinct", "summary"]]
            for summary in summaries {
                rows.append([summary.name, summary.type.rawValue, summary.role.rawValue,
                             summary.missing == 0 ? "0" : "\(Format.count(summary.missing)) (\(Format.percent(Double(summary.missing) / Double(max(summary.count, 1)))))",
                             summary.distinct.map(Format.count) ?? "–", describe(summary)])
            }
            Terminal.printOutput(Format.table(rows))
            for warning in table.warnings { Terminal.printOutput("\nwarning: " + warning) }
        }
    }

    private func describe(_ summary: ColumnSummary) -> String {
        if summary.type == .text { return "free text: values not kept, never a feature" }
        if summary.type == .identifier { return "unique per customer, never a feature" }
        if let n = summary.numeric {
            if summary.type == .boolean {
                return "\(Format.percent(n.mean)) true"
            }
            if summary.type == .date {
                return "\(CivilDate(daysSinceEpoch: Int(n.minimum)).iso8601) … \(CivilDate(daysSinceEpoch: Int(n.maximum)).iso8601)"
            }
            var text = "min \(Format.number(n.minimum))  median \(Format.number(n.median))  mean \(Format.number(n.mean))  max \(Format.number(n.maximum))"
            if n.nonFinite > 0 { text += "  (\(n.nonFinite) non-finite)" }
            return text
        }
        if let levels = summary.topLevels {
            let present = max(summary.count - summary.missing, 1)
            return levels.prefix(4).map { "\($0.level) \(Format.percent(Double($0.count) / Double(present)))" }
                .joined(separator: ", ") + ((summary.distinct ?? 0) > 4 ? ", …" : "")
        }
        return ""
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

struct InspectReport: Codable {
    var file: String
    var rows: Int
    var columns: [ColumnSummary]
    var warnings: [String]
}

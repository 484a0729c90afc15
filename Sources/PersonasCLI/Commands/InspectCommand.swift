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

    @OptionGroup var batteryOption: BatteryOption

    @OptionGroup var format: FormatOption

    @Option(name: .customLong("write-schema"), help: ArgumentHelp("Write the schema as read to this file, to edit and pass back with --schema.", valueName: "schema.json"))
    var writeSchema: String?

    func run() throws {
        var table = try input.readTable(file)
        // --battery's batteries are declared in the table, so --write-schema saves them.
        table.declare(try batteryOption.batteries(in: table))
        // Straight-liners are counted, never listed: which respondents they are stays private.
        let batteries = try table.batteries().map { BatterySummary($0, table: table) }
        table.warnings += CodeLikeColumns.warnings(table, schema: try input.csvOptions().schema)
        let summaries = table.summaries()
        if let writeSchema {
            try AtomicFileWriter.write(table.inferredSchema.jsonData(), to: URL(fileURLWithPath: writeSchema),
                                       protectedInputs: [URL(fileURLWithPath: file)])
        }
        for warning in table.warnings { Terminal.warn(warning) }  // and in the JSON report's `warnings`
        try format.print(InspectReport(file: file, rows: table.rowCount, columns: summaries, batteries: batteries,
                                       warnings: table.warnings)) {
            var rows = [["column", "type", "role", "missing", "distinct", "summary"]]
            for summary in summaries {
                rows.append([summary.name, summary.type.rawValue, summary.role.rawValue,
                             summary.missing == 0 ? "0" : "\(Format.count(summary.missing)) (\(Format.percent(Double(summary.missing) / Double(max(summary.count, 1)))))",
                             summary.distinct.map(Format.count) ?? "–", describe(summary)])
            }
            return ["\(table.source): \(Format.count(table.rowCount)) rows × \(table.columns.count) columns", "",
                    Format.table(rows)] + skewAdvice(summaries) + batteryLines(batteries)
        }
    }

    /// One table of the attitude batteries: items, the scale range seen, straight-liners (a count
    /// and a share of the respondents who answered at least two items) and the mean spread of a
    /// respondent's own answers.
    private func batteryLines(_ batteries: [BatterySummary]) -> [String] {
        guard !batteries.isEmpty else { return [] }
        var rows = [["battery", "items", "scale seen", "straight-liners", "mean spread within respondents"]]
        for battery in batteries {
            let range = battery.minimum.flatMap { low in battery.maximum.map { "\(Format.number(low))–\(Format.number($0))" } }
            let flat = battery.straightLinerShare.map {
                "\(Format.count(battery.straightLiners)) of \(Format.count(battery.assessed)) (\(Format.percent($0)))"
            }
            rows.append([battery.name, "\(battery.items.count): \(battery.items.joined(separator: ", "))", range ?? "–",
                         flat ?? "–", battery.meanWithinSpread.map { Format.number($0) } ?? "–"])
        }
        return ["", "Attitude batteries (a straight-liner gives the same answer to every item it answered, "
                + "of at least 2):", Format.table(rows)]
    }

    /// One paragraph per column `inspect` suggests transforming (``ColumnSummary/suggestedTransform``):
    /// what its skew does to segments and the two ways to take its log.
    private func skewAdvice(_ summaries: [ColumnSummary]) -> [String] {
        let skewed = summaries.filter { $0.suggestedTransform == .log }
        guard !skewed.isEmpty else { return [] }
        let names = skewed.map { "\"\($0.name)\" (skewness \($0.numeric?.skewness.map { Format.number($0) } ?? "?"))" }
        let flags = "--transform " + skewed.map { "\($0.name)=log" }.joined(separator: ",")
        return ["", "Heavily skewed (no value below 0): \(names.joined(separator: ", ")). A few large customers "
                + "dominate such a column, so segments split them off in slivers and k = 2 tends to win; take the "
                + "log before scaling with \(flags), or \"transform\": \"log\" in the schema."]
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
            if let skew = n.skewness, skew > ColumnSummary.heavySkewness { text += "  skewness \(Format.number(skew))" }
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

/// What `inspect --format json` prints.
struct InspectReport: Codable {
    var file: String
    var rows: Int
    var columns: [ColumnSummary]
    /// The schema's and `--battery`'s attitude batteries; straight-liners as counts only.
    var batteries: [BatterySummary]
    var warnings: [String]
}

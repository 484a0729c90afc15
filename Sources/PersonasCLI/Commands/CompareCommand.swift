import ArgumentParser
import Foundation
import PersonasData
import PersonasFiles
import PersonasSegmentation

/// `personas compare OLD NEW`: who moved between last year's and this year's segments, each old
/// segment matched to the new one that kept most of its customers.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Match two segmentations' segments: retention, splits, merges and the adjusted Rand index.",
        discussion: """
            Each run is a folder `segment` wrote (its assignments.csv, named by its model.json) or an \
            assignments or labels file (from `segment`, `assign`, `kmeans`, `hclust` or `type`): an id \
            column (the first, or a 1-based `row` column) and a segment column, found by name (segment, \
            cluster, label, class or group), as the only other column, or named by --segment-column; \
            --old-model and --new-model name a file's segments. Customers are matched by id; those in one \
            file only are counted. Old and new segments are paired one to one so that the most customers \
            stay together (the Hungarian algorithm on the migration matrix), whatever their numbers; \
            retention is the share of an old segment's customers found in its match. A split is a segment \
            whose two largest destinations each hold at least 25% of it and together at least 80%; a merge \
            is the same read backwards.
            """)

    @Argument(help: ArgumentHelp("Last year's run: a folder `segment` wrote, or an assignments or labels CSV.",
                                 valueName: "old"))
    var old: String

    @Argument(help: ArgumentHelp("This year's run, as the old one.", valueName: "new"))
    var new: String

    @Option(name: .customLong("old-model"),
            help: ArgumentHelp("Name the old file's segments by this model.json's personas (or its folder's).",
                               valueName: "model.json"))
    var oldModel: String?

    @Option(name: .customLong("new-model"),
            help: ArgumentHelp("Name the new file's segments by this model.json's personas (or its folder's).",
                               valueName: "model.json"))
    var newModel: String?

    @Option(help: ArgumentHelp("Also write the migration matrix as CSV.", valueName: "matrix.csv"))
    var out: String?

    @OptionGroup var segmentColumn: SegmentColumnOption

    @OptionGroup var format: FormatOption

    func run() throws {
        let oldRun = try SegmentationRun(URL(fileURLWithPath: old), model: oldModel.map { URL(fileURLWithPath: $0) })
        let newRun = try SegmentationRun(URL(fileURLWithPath: new), model: newModel.map { URL(fileURLWithPath: $0) })
        let migration = try Migration(old: assignments(oldRun), new: assignments(newRun),
                                      oldName: oldRun.labelsFile.relativePath, newName: newRun.labelsFile.relativePath)
        let comparison = CompareSummary(
            old: old, new: new, migration: migration,
            oldNames: try oldRun.names(of: migration.oldSegments), newNames: try newRun.names(of: migration.newSegments))
        try format.print(comparison) { text(comparison) }
        if let out {
            var writer = CSVWriter(file: try AtomicFileWriter(
                destination: URL(fileURLWithPath: out),
                protectedInputs: [oldRun.labelsFile, newRun.labelsFile] + [oldRun.modelFile, newRun.modelFile].compactMap { $0 }))
            try writer.writeRow(["old_segment"] + migration.newSegments.map { "new_\($0)" } + ["match", "retention"])
            for (i, name) in migration.oldSegments.enumerated() {
                try writer.writeRow([name] + migration.counts[i].map(String.init)
                                    + [migration.matches[i].map { migration.newSegments[$0] } ?? "",
                                       migration.retention[i].map { "\($0)" } ?? ""])
            }
            try writer.finish()
        }
    }

    /// The comparison for people: the matrix, then the matched segments with their names, the
    /// segments without a match, the splits and merges, and the adjusted Rand index.
    private func text(_ summary: CompareSummary) -> [String] {
        var lines = ["Migration of \(Format.count(summary.matched)) customers (rows: \(old), columns: \(new))", ""]
        var rows = [["old \\ new"] + summary.newSegments + ["match", "retention"]]
        for (i, name) in summary.oldSegments.enumerated() {
            let match = summary.matches.first { $0.oldSegment == name }
            rows.append([name] + summary.counts[i].map { Format.count($0) }
                        + [match?.newSegment ?? "–", match.map { Self.percent($0.retention) } ?? "–"])
        }
        lines.append(Format.table(rows))
        func named(_ segment: String, _ name: String?) -> String { name.map { "\(segment) \($0)" } ?? segment }

        lines += ["", "Matched segments (the pairing that keeps the most customers together):"]
        var matched = [["  old", "new", "retention"]]
        for match in summary.matches {
            matched.append(["  " + named(match.oldSegment, match.oldName), named(match.newSegment, match.newName),
                            Self.percent(match.retention) + " (\(Format.count(match.customers)) of \(Format.count(match.oldCustomers)))"])
        }
        lines.append(Format.table(matched))
        for gone in summary.unmatchedOld {
            lines.append("Gone: \(named(gone.segment, gone.name)); most of its customers went to "
                         + "\(named(gone.largest.segment, gone.largest.name)) (\(Self.percent(gone.largest.share)))")
        }
        for appeared in summary.unmatchedNew {
            lines.append("New: \(named(appeared.segment, appeared.name)); most of its customers came from "
                         + "\(named(appeared.largest.segment, appeared.largest.name)) (\(Self.percent(appeared.largest.share)))")
        }
        func parts(_ flow: CompareSummary.Flow) -> String {
            flow.parts.map { "\(named($0.segment, $0.name)) (\(Self.percent($0.share)))" }.joined(separator: " and ")
        }
        if !summary.splits.isEmpty {
            lines += ["", "Splits (\(MigrationFlow.splitRule)):"]
            lines += summary.splits.map { "  \(named($0.segment, $0.name)) → \(parts($0))" }
        }
        if !summary.merges.isEmpty {
            lines += ["", "Merges (\(MigrationFlow.mergeRule)):"]
            lines += summary.merges.map { "  \(parts($0)) → \(named($0.segment, $0.name))" }
        }
        lines.append("")
        lines.append("Adjusted Rand index: " + String(format: "%.3f", summary.adjustedRandIndex)
                     + " (1 = the same segmentation, about 0 = unrelated)")
        if summary.onlyOld > 0 || summary.onlyNew > 0 {
            lines.append("Only in \(old): \(Format.count(summary.onlyOld)); only in \(new): \(Format.count(summary.onlyNew))")
        }
        return lines
    }

    /// A retention or share to one decimal, so 1,114 of 1,115 reads 99.9%, not 100%.
    private static func percent(_ share: Double) -> String { String(format: "%.1f%%", share * 100) }

    /// (id, segment) pairs, each exactly as written.
    private func assignments(_ run: SegmentationRun) throws -> [(id: String, segment: String)] {
        let labels = try segmentColumn.read(run.labelsFile.relativePath, identifierColumn: nil)
        return zip(labels.keys, labels.segments).map { ($0, $1) }
    }
}

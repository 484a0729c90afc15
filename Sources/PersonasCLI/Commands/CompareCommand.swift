import ArgumentParser
import Foundation
import PersonasData
import PersonasSegmentation

/// `personas compare OLD.csv NEW.csv`: who moved between last year's and this year's segments.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "The migration matrix, retention and adjusted Rand index between two assignment files.",
        discussion: """
            Both files are assignments (from `segment`, `assign`, `kmeans` or `hclust`): an id column \
            first and a `segment` column. Customers are matched by id; those in one file only are counted.
            """)

    @Argument(help: "Last year's assignments (CSV).")
    var old: String

    @Argument(help: "This year's assignments (CSV).")
    var new: String

    @Option(help: ArgumentHelp("Also write the migration matrix as CSV.", valueName: "matrix.csv"))
    var out: String?

    func run() throws {
        let before = try Self.assignments(old), after = try Self.assignments(new)
        let migration = try Migration(old: before, new: after)
        var lines = ["Migration of \(Format.count(migration.matched)) customers (rows: \(old), columns: \(new))", ""]
        let header = ["old \\ new"] + migration.newSegments + ["retention"]
        var rows = [header]
        let retention = migration.retention
        for (i, name) in migration.oldSegments.enumerated() {
            rows.append([name] + migration.counts[i].map { Format.count($0) }
                        + [retention[i].map { Format.percent($0) } ?? "–"])
        }
        lines.append(Format.table(rows))
        lines.append("")
        lines.append("Adjusted Rand index: " + String(format: "%.3f", migration.adjustedRandIndex)
                     + " (1 = the same segmentation, about 0 = unrelated)")
        if migration.onlyOld > 0 || migration.onlyNew > 0 {
            lines.append("Only in \(old): \(Format.count(migration.onlyOld)); only in \(new): \(Format.count(migration.onlyNew))")
        }
        Terminal.printOutput(lines.joined(separator: "\n"))
        if let out {
            var writer = CSVWriter(file: try AtomicFileWriter(
                destination: URL(fileURLWithPath: out),
                protectedInputs: [URL(fileURLWithPath: old), URL(fileURLWithPath: new)]))
            try writer.writeRow(["old_segment"] + migration.newSegments.map { "new_\($0)" } + ["retention"])
            for (i, name) in migration.oldSegments.enumerated() {
                try writer.writeRow([name] + migration.counts[i].map(String.init) + [retention[i].map { "\($0)" } ?? ""])
            }
            try writer.finish()
        }
    }

    /// (id, segment) pairs: the first column is the id, `segment` the segment.
    static func assignments(_ path: String) throws -> [(id: String, segment: String)] {
        var options = CSVOptions()
        options.missingValues = []
        let table = try CSVReader.read(contentsOf: URL(fileURLWithPath: path), options: options)
        guard let segment = table["segment"], let id = table.columns.first, id.name != "segment" else {
            throw ValidationError("\(path): expected an id column first and a `segment` column")
        }
        return (0..<table.rowCount).map { (id.text(atRow: $0), segment.text(atRow: $0)) }
    }
}

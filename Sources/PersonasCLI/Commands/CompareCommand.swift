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
            Both files are assignments or labels (from `segment`, `assign`, `kmeans`, `hclust` or `type`): \
            an id column (the first, or a 1-based `row` column) and a segment column, found by name \
            (segment, cluster, label, class or group), as the only other column, or named by \
            --segment-column. Segments are compared as labels. Customers are matched by id; those in one \
            file only are counted.
            """)

    @Argument(help: "Last year's assignments (CSV).")
    var old: String

    @Argument(help: "This year's assignments (CSV).")
    var new: String

    @Option(help: ArgumentHelp("Also write the migration matrix as CSV.", valueName: "matrix.csv"))
    var out: String?

    @OptionGroup var segmentColumn: SegmentColumnOption

    @OptionGroup var format: FormatOption

    func run() throws {
        let before = try assignments(old), after = try assignments(new)
        let migration = try Migration(old: before, new: after)
        let retention = migration.retention
        try format.print(CompareSummary(
            old: old, new: new, matched: migration.matched, oldSegments: migration.oldSegments,
            newSegments: migration.newSegments, counts: migration.counts, retention: retention,
            adjustedRandIndex: migration.adjustedRandIndex, onlyOld: migration.onlyOld, onlyNew: migration.onlyNew)
        ) { text(migration) }
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

    /// The matrix and its figures for people.
    private func text(_ migration: Migration) -> [String] {
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
        return lines
    }

    /// (id, segment) pairs, each exactly as written.
    private func assignments(_ path: String) throws -> [(id: String, segment: String)] {
        let labels = try segmentColumn.read(path, identifierColumn: nil)
        return zip(labels.keys, labels.segments).map { ($0, $1) }
    }
}

/// What `compare --format json` prints: segment labels are values (`old_segments`, `new_segments`),
/// and `counts[i][j]` is the customers that moved from `old_segments[i]` to `new_segments[j]`.
struct CompareSummary: Encodable {
    var old: String
    var new: String
    var matched: Int
    var oldSegments: [String]
    var newSegments: [String]
    var counts: [[Int]]
    /// The share of each old segment's matched customers whose new segment has the same label (null: no
    /// new segment has that label, or no customer of it matched).
    var retention: [Double?]
    var adjustedRandIndex: Double
    var onlyOld: Int
    var onlyNew: Int
}

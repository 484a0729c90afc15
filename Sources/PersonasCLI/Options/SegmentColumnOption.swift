import ArgumentParser
import Foundation
import PersonasData

/// `--segment-column`, and reading a labels file by the library's one rule
/// (``SegmentLabelsFile``): shared by every command that reads a labels file.
struct SegmentColumnOption: ParsableArguments {
    @Option(name: .customLong("segment-column"),
            help: ArgumentHelp("The labels file's segment column (default: the column named segment, cluster, label, "
                               + "class or group, or the only column besides the identifier or row).",
                               valueName: "name"))
    var segmentColumn: String?

    /// Reads the labels at `path`, keyed by `identifierColumn` (the table's) when the file has it.
    func read(_ path: String, identifierColumn: String?, encoding: CSVOptions.TextEncoding = .utf8) throws
        -> SegmentLabelsFile {
        do {
            return try SegmentLabelsFile.read(contentsOf: URL(fileURLWithPath: path), segmentColumn: segmentColumn,
                                              identifierColumn: identifierColumn, encoding: encoding)
        } catch {
            throw Self.failure(error)
        }
    }

    /// The segment label of every row of `table`, from the labels at `path`.
    func segments(_ path: String, for table: DataTable, encoding: CSVOptions.TextEncoding = .utf8) throws -> [String] {
        try aligned(path, to: table, encoding: encoding) { labels, table throws(SegmentLabelsError) in
            try labels.segments(for: table)
        }
    }

    /// The segment number of every row of `table`, from the labels at `path`.
    func segmentNumbers(_ path: String, for table: DataTable, encoding: CSVOptions.TextEncoding = .utf8) throws -> [Int32] {
        try aligned(path, to: table, encoding: encoding) { labels, table throws(SegmentLabelsError) in
            try labels.segmentNumbers(for: table)
        }
    }

    /// Reads the labels at `path` keyed by the table's identifier, then matches them with `match`.
    private func aligned<T>(
        _ path: String, to table: DataTable, encoding: CSVOptions.TextEncoding,
        _ match: (SegmentLabelsFile, DataTable) throws(SegmentLabelsError) -> T
    ) throws -> T {
        let labels = try read(path, identifierColumn: table.identifierColumn?.name, encoding: encoding)
        do {
            return try match(labels, table)
        } catch {
            throw Self.failure(error)
        }
    }

    /// The library's error on one line, with the option that resolves it where there is one
    /// (``ErrorAdvice``).
    static func failure(_ error: SegmentLabelsError) -> CommandFailure {
        CommandFailure(ErrorAdvice.line(for: error))
    }
}

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
        try advised { () throws(SegmentLabelsError) in
            try SegmentLabelsFile.read(contentsOf: URL(fileURLWithPath: path), segmentColumn: segmentColumn,
                                       identifierColumn: identifierColumn, encoding: encoding)
        }
    }

    /// The segment label of every row of `table`, from the labels at `path` (the library's labels join).
    func segments(_ path: String, for table: DataTable, encoding: CSVOptions.TextEncoding = .utf8) throws -> [String] {
        try advised { () throws(SegmentLabelsError) in
            try SegmentLabelsFile.segments(contentsOf: URL(fileURLWithPath: path), for: table,
                                           segmentColumn: segmentColumn, encoding: encoding)
        }
    }

    /// The segment number of every row of `table`, from the labels at `path` (the library's labels join).
    func segmentNumbers(_ path: String, for table: DataTable, encoding: CSVOptions.TextEncoding = .utf8) throws -> [Int32] {
        try advised { () throws(SegmentLabelsError) in
            try SegmentLabelsFile.segmentNumbers(contentsOf: URL(fileURLWithPath: path), for: table,
                                                 segmentColumn: segmentColumn, encoding: encoding)
        }
    }

    /// Runs a labels-file call, its error turned into the CLI's advice (``failure(_:)``).
    private func advised<T>(_ call: () throws(SegmentLabelsError) -> T) throws -> T {
        do {
            return try call()
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

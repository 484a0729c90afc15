import Foundation
import PersonasData

/// `labels.csv`: each row's segment, as `kmeans`, `hclust` and `choose-k` write it and `profile`,
/// `typing-tool` and `compare` read it back (through `SegmentLabelsFile`).
///
/// Columns: the table's identifier column under its own name, written exactly as read (the join
/// key), or `row` (1-based) when the table has none; then one column per labelling: `segment`
/// for one segmentation, `k2`, `k3`, … for `choose-k`'s candidates.
public struct LabelsFile: ~Copyable {
    private var csv: CSVWriter
    private let identifiers: [String]?

    /// Starts the file with its header.
    /// - Parameters:
    ///   - file: where to write.
    ///   - identifierName: the identifier column's name (`id` if the table's has none).
    ///   - identifiers: each row's identifier as read, or nil to number the rows.
    ///   - columns: the name of each labelling column.
    public init(file: AtomicFileWriter, identifierName: String?, identifiers: [String]?,
                columns: [String] = ["segment"]) throws(OutputError) {
        csv = CSVWriter(file: file, verbatimColumns: [0])
        self.identifiers = identifiers
        try csv.writeRow([identifiers == nil ? "row" : (identifierName ?? "id")] + columns)
    }

    /// Appends row `row` (0-based) with one label per column.
    public mutating func append(row: Int, labels: [Int32]) throws(OutputError) {
        try csv.writeRow([identifiers?[row] ?? String(row + 1)] + labels.map { String($0) })
    }

    /// Puts the file in place.
    public consuming func finish() throws(OutputError) {
        try csv.finish()
    }

    /// Writes a whole labelling at once.
    /// - Parameters:
    ///   - labels: each row's segment.
    ///   - identifierName: the identifier column's name.
    ///   - identifiers: each row's identifier as read, or nil to number the rows.
    ///   - file: where to write.
    public static func write(_ labels: [Int32], identifierName: String?, identifiers: [String]?,
                             to file: AtomicFileWriter) throws(OutputError) {
        var writer = try LabelsFile(file: file, identifierName: identifierName, identifiers: identifiers)
        for (row, label) in labels.enumerated() { try writer.append(row: row, labels: [label]) }
        try writer.finish()
    }
}

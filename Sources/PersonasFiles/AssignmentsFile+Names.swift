import Foundation
import PersonasData
import PersonasSegmentation

extension AssignmentsFile {
    /// Writes `source`, an `assignments.csv` written for the segments of `model` (by `segment`
    /// or `assign`), again with `model`'s segment names, tiers and channels; every other cell comes
    /// out byte for byte as it was (the identifier, the segment, the figures, each customer's own
    /// tier and channel).
    /// - Throws: ``FolderError`` `.system` when `source` cannot be read or is not such a file (its
    ///   header, a row's width, a segment that is not one of the model's), `OutputError` when
    ///   writing fails.
    public static func rename(_ source: URL, model: SegmentationModel, to file: AtomicFileWriter) throws {
        let data: Data
        do { data = try Data(contentsOf: source) } catch {
            throw FolderError(path: source.path, kind: .system(error.localizedDescription))
        }
        let records = CSVRecords.split(data)
        func refuse(_ line: Int, _ problem: String) -> FolderError {
            FolderError(path: source.path, kind: .system("line \(line): \(problem); it is not an assignments.csv personas wrote"))
        }
        let expected = Self.header(identifier: "id", probabilities: model.hasProbabilities)
        guard let header = records.first, header.count == expected.count,
              Array(header.dropFirst().map(\.text)) == Array(expected.dropFirst()) else {
            throw refuse(1, "the header is not \(expected.joined(separator: ","))")
        }
        var csv = CSVWriter(file: file, verbatimColumns: [0])
        for (line, record) in records.enumerated() {
            guard record.count == expected.count else {
                throw refuse(line + 1, "\(record.count) fields where the header has \(expected.count)")
            }
            var fields = record.enumerated().map { column, cell in
                column == 0 ? cell.text : CSVWriter.field(ofWritten: cell.text, quoted: cell.quoted)
            }
            if line > 0 {
                guard let j = Int(fields[1]), model.segmentNames.indices.contains(j) else {
                    throw refuse(line + 1, "segment \"\(fields[1])\" is not one of the model's \(model.k) segments")
                }
                fields[2] = model.segmentNames[j]
                fields[7] = model.segmentTiers[j] ?? ""
                fields[8] = model.segmentChannels[j] ?? ""
            }
            try csv.writeRow(fields)
        }
        try csv.finish()
    }
}

/// The records of a comma-separated file as written by `CSVWriter` (RFC 4180: fields quoted with
/// `"`, a quote inside doubled, line breaks inside quotes kept), each field's text without its
/// quotes and whether it had them.
enum CSVRecords {
    struct Cell: Equatable {
        var text: String
        var quoted: Bool
    }

    static func split(_ data: Data) -> [[Cell]] {
        var records: [[Cell]] = [], record: [Cell] = []
        var field: [UInt8] = [], quoted = false, inQuotes = false
        let bytes = [UInt8](data)
        var i = 0
        func endField() {
            record.append(Cell(text: String(decoding: field, as: UTF8.self), quoted: quoted))
            field = []
            quoted = false
        }
        while i < bytes.count {
            let byte = bytes[i]
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\"") { field.append(byte); i += 1 } else { inQuotes = false }
                } else {
                    field.append(byte)
                }
            } else if byte == UInt8(ascii: "\"") && field.isEmpty {
                inQuotes = true
                quoted = true
            } else if byte == UInt8(ascii: ",") {
                endField()
            } else if byte == 10 {
                endField()
                records.append(record)
                record = []
            } else {
                field.append(byte)
            }
            i += 1
        }
        if !field.isEmpty || !record.isEmpty || quoted { endField(); records.append(record) }
        return records
    }
}

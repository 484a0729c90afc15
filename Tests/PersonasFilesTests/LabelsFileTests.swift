import Foundation
import PersonasData
import PersonasFiles
import PersonasTestSupport
import Testing

/// `labels.csv`, the one writer `kmeans`, `hclust` and `choose-k` share.
@Suite("labels.csv")
struct LabelsFileTests {
    @Test("Identifiers are written as read, formula-like or zero-padded, and read back as the same keys")
    func identifiersVerbatim() throws {
        let directory = try TemporaryDirectory()
        let url = directory.file("labels.csv")
        let ids = ["00042", "=C9", "-C7", "A,1"]
        try LabelsFile.write([1, 0, 2, 0], identifierName: "hcp_id", identifiers: ids, to: AtomicFileWriter(destination: url))
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text == "hcp_id,segment\n00042,1\n=C9,0\n-C7,2\n\"A,1\",0\n")
        let table = try CSVReader.read(contentsOf: url)
        #expect(table.identifierColumn.map { c in (0..<table.rowCount).map { c.text(atRow: $0) } } == ids)
    }

    @Test("Without identifiers the rows are numbered from 1 under `row`; choose-k's columns follow in order")
    func numberedRowsAndCandidates() throws {
        let directory = try TemporaryDirectory()
        let url = directory.file("labels.csv")
        var writer = try LabelsFile(file: AtomicFileWriter(destination: url), identifierName: nil, identifiers: nil,
                                    columns: ["k2", "k3"])
        try writer.append(row: 0, labels: [0, 2])
        try writer.append(row: 1, labels: [1, 0])
        try writer.finish()
        #expect(try String(contentsOf: url, encoding: .utf8) == "row,k2,k3\n1,0,2\n2,1,0\n")
    }
}

import Foundation
import PersonasData
import PersonasTestSupport
import Testing

/// Issue 17, items 2 and 3: one rule for reading a labels file, with segments kept as labels.
@Suite("Labels files")
struct SegmentLabelsFileTests {
    private let table: DataTable = {
        let schema = Schema(columns: [ColumnSchema(name: "id", type: .identifier)])
        return try! CSVReader.read(text: "id,x\n00001,1\n00002,2\n00003,3\n", name: "t.csv",
                                   options: CSVOptions(schema: schema))
    }()

    private func labels(_ text: String, segmentColumn: String? = nil, identifier: String? = "id")
        throws(SegmentLabelsError) -> SegmentLabelsFile {
        try SegmentLabelsFile.read(text: text, name: "l.csv", segmentColumn: segmentColumn, identifierColumn: identifier)
    }

    private func kind(_ body: () throws -> Void) -> SegmentLabelsError.Kind? {
        do { try body() } catch { return (error as? SegmentLabelsError)?.kind }
        return nil
    }

    /// Fails on main before this change: `profile` only took a column named `segment`.
    @Test("the segment column is found by name, in any case",
          arguments: ["segment", "cluster", "Label", "CLASS", "group"])
    func byName(name: String) throws {
        let file = try labels("id,\(name),score\n00003,b,9\n00001,a,8\n00002,a,7\n")
        #expect(file.segmentColumn == name && file.key == .identifier("id"))
        #expect(try file.segments(for: table) == ["a", "a", "b"])
    }

    /// Issue 18, part 5 (the labels join in the library): fails on main before this change, where
    /// the CLI read the file keyed by the table's identifier and matched it itself (no
    /// `segments(contentsOf:for:)`: a compile error).
    @Test("the labels join reads a file keyed by the table's identifier and labels every row, in one call")
    func joinInOneCall() throws {
        let directory = try TemporaryDirectory()
        let url = directory.file("labels.csv")
        try "id,segment\n00003,2\n00001,0\n00002,1\n".write(to: url, atomically: true, encoding: .utf8)
        #expect(try SegmentLabelsFile.segments(contentsOf: url, for: table) == ["0", "1", "2"])
        #expect(try SegmentLabelsFile.segmentNumbers(contentsOf: url, for: table) == [0, 1, 2])
        try "row,segment\n1,a\n2,b\n3,a\n".write(to: url, atomically: true, encoding: .utf8)
        #expect(try SegmentLabelsFile.segments(contentsOf: url, for: table) == ["a", "b", "a"])
        try "id,segment\n00001,a\n".write(to: url, atomically: true, encoding: .utf8)
        #expect(kind { _ = try SegmentLabelsFile.segments(contentsOf: url, for: table) } != nil)
    }

    @Test("in a two-column file the other column is the segment, whatever its name")
    func onlyOtherColumn() throws {
        let file = try labels("id,persona\n00001,x\n00002,y\n00003,x\n")
        #expect(file.segmentColumn == "persona")
        #expect(try file.segments(for: table) == ["x", "y", "x"])
    }

    @Test("a column named by the caller is the segment, even among others")
    func named() throws {
        let file = try labels("id,k2,k3\n00001,0,2\n00002,1,1\n00003,1,0\n", segmentColumn: "k3")
        #expect(try file.segments(for: table) == ["2", "1", "0"])
        #expect(kind { _ = try labels("id,k2\n00001,0\n", segmentColumn: "k9") }
                == .segmentColumnNotFound(name: "k9", columns: ["id", "k2"]))
    }

    /// Fails on main before this change: `typing-tool` silently took the last column.
    @Test("several candidate columns are refused with the candidates listed")
    func severalCandidates() throws {
        let chooseK = "id,k2,k3,k4\n00001,0,1,2\n00002,1,0,3\n00003,0,2,1\n"
        let error = try #require(throws: SegmentLabelsError.self) { try labels(chooseK) }
        #expect(error.kind == .ambiguousSegmentColumn(candidates: ["k2", "k3", "k4"]))
        #expect(error.description == "l.csv: more than one column could hold the segment (\"k2\", \"k3\", \"k4\") and "
                + "none is named segment, cluster, label, class or group; name the one to use")
        #expect(kind { _ = try labels("id,segment,cluster\n00001,0,1\n") }
                == .ambiguousSegmentColumn(candidates: ["segment", "cluster"]))
        #expect(kind { _ = try labels("id\n00001\n") } == .noSegmentColumn(keyColumn: "id"))
    }

    @Test("a 1-based row column matches rows by number")
    func rowColumn() throws {
        let file = try labels("row,segment\n3,2\n1,0\n2,0\n")
        #expect(file.key == .row)
        #expect(try file.segmentNumbers(for: table) == [0, 0, 2])
        let outside = try labels("row,segment\n1,0\n2,0\n4,1\n")
        let error = try #require(throws: SegmentLabelsError.self) { try outside.segments(for: table) }
        #expect(error.description == "l.csv:4: row \"4\" is not between 1 and 3")
    }

    /// Fails on main before this change: a 0/1 segment column read as a boolean (true/false).
    @Test("0/1 segments stay \"0\" and \"1\"; words are labels too")
    func labelsAreText() throws {
        #expect(try labels("id,segment\n00001,0\n00002,1\n00003,0\n").segments(for: table) == ["0", "1", "0"])
        let words = try labels("id,segment\n00001,one_and_done\n00002,loyal\n00003,NA\n")
        #expect(try words.segments(for: table) == ["one_and_done", "loyal", "NA"])
        let error = try #require(throws: SegmentLabelsError.self) { try words.segmentNumbers(for: table) }
        #expect(error.description == "l.csv:2: segment \"one_and_done\" is not a segment number (0, 1, …; -1 leaves a row out)")
    }

    /// Fails on main before this change: `00001` in a labels file read as the number 1.
    @Test("identifiers are matched by their exact text")
    func exactIdentifiers() throws {
        let file = try labels("id,segment\n00002,1\n00001,0\n00003,1\n")
        #expect(file.keys == ["00002", "00001", "00003"])
        #expect(try file.segments(for: table) == ["0", "1", "1"])
        let unpadded = try labels("id,segment\n1,0\n2,1\n3,1\n")
        let error = try #require(throws: SegmentLabelsError.self) { try unpadded.segments(for: table) }
        #expect(error.description == "l.csv:2: id \"1\" is not in t.csv; label the customers of this table")
    }

    @Test("without a table identifier the first column is the key (compare's files)")
    func firstColumnKey() throws {
        let file = try labels("hcp_id,segment,segment_name\nH1,0,Loyal\nH2,1,New\n", identifier: nil)
        #expect(file.key == .identifier("hcp_id") && file.segmentColumn == "segment")
        #expect(file.keys == ["H1", "H2"] && file.segments == ["0", "1"])
        let reversed = try labels("cluster,customer\n0,C1\n1,C2\n", identifier: nil)
        #expect(reversed.keyColumn == "customer" && reversed.segments == ["0", "1"])
    }

    @Test("a file that cannot label the table says why, at its line")
    func refusals() throws {
        #expect(kind { _ = try labels("customer,segment\n00001,0\n") }
                == .noKeyColumn(identifier: "id", columns: ["customer", "segment"]))
        let twice = try #require(throws: SegmentLabelsError.self) { try labels("id,segment\n00001,0\n00001,1\n") }
        #expect(twice.description == "l.csv:3: \"00001\" is labelled twice (first on line 2); give each customer one segment")
        let empty = try #require(throws: SegmentLabelsError.self) { try labels("id,segment\n00001,\n") }
        #expect(empty.description == "l.csv:2: the \"segment\" cell is empty; give every row a segment")
        let partial = try labels("id,segment\n00001,0\n00003,1\n")
        let missing = try #require(throws: SegmentLabelsError.self) { try partial.segments(for: table) }
        #expect(missing.description == "l.csv: no segment for row 2 of t.csv (line 3); label every row of the table")
        let broken = try #require(throws: SegmentLabelsError.self) { try labels("id,segment\n00001,0,9\n") }
        guard case .unreadable = broken.kind else { Issue.record("expected a reading error"); return }
        #expect(broken.description.hasPrefix("l.csv:2: expected 2 fields"))
    }
}

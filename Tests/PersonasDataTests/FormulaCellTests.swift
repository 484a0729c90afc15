import Foundation
@testable import PersonasData
import PersonasTestSupport
import Testing

/// Issue 18, escaping: no cell Personas writes becomes a formula in a spreadsheet, no number is
/// altered, and an identifier comes out byte for byte.
@Suite("CSV writer: formula cells")
struct FormulaCellTests {
    static let hyperlink = #"=HYPERLINK("http://x","click")"#

    /// Writes `rows` through a ``CSVWriter`` and returns the file's bytes as text.
    private func written(_ rows: [[String]], verbatimColumns: Set<Int> = [], in directory: TemporaryDirectory) throws -> String {
        let url = directory.file("out.csv")
        var writer = CSVWriter(file: try AtomicFileWriter(destination: url), verbatimColumns: verbatimColumns)
        for row in rows { try writer.writeRow(row) }
        try writer.finish()
        return String(decoding: try Data(contentsOf: url), as: UTF8.self)
    }

    // Fails on main before this change: every cell was written as given, so the first line's
    // level was `"=HYPERLINK(""http://x"",""click"")"`, a live link in LibreOffice and Excel.
    @Test("a cell starting with = + - @ tab or CR gets a quote in front and is quoted; the identifier column is not touched")
    func neutralised() throws {
        let directory = try TemporaryDirectory()
        let rows = [
            ["id", "level", "note"],
            [Self.hyperlink, Self.hyperlink, "@SUM(A1:A2)"],
            ["-C7", "+cmd|' /C calc'!A0", "-2+3"],
            ["@id", "\tTAB", "\rCR"],
        ]
        let text = try written(rows, verbatimColumns: [0], in: directory)
        #expect(text == """
            id,level,note
            "=HYPERLINK(""http://x"",""click"")","'=HYPERLINK(""http://x"",""click"")","'@SUM(A1:A2)"
            -C7,"'+cmd|' /C calc'!A0","'-2+3"
            @id,"'\tTAB","'\rCR"

            """)
        // Read back as RFC 4180 (Personas' reader; Python's csv module reads these bytes alike):
        // the neutralised cells are the values with a quote in front, the identifiers as written.
        let table = try CSVReader.read(text: text, name: "out.csv",
                                       options: CSVOptions(schema: Schema(columns: [ColumnSchema(name: "id", type: .identifier, role: .identifier)])))
        #expect(texts(table["id"]) == [Self.hyperlink, "-C7", "@id"])
        #expect(texts(table["level"]) == ["'" + Self.hyperlink, "'+cmd|' /C calc'!A0", "'\tTAB"])
    }

    // Fails on main before this change (the header cell was written as it is): a column name is
    // a cell like any other.
    @Test("a header cell is neutralised too, except in a verbatim column")
    func header() throws {
        let directory = try TemporaryDirectory()
        let text = try written([["=id", "=x"], ["1", "2"]], verbatimColumns: [0], in: directory)
        #expect(text == "=id,\"'=x\"\n1,2\n")
    }

    /// A guard (this passed on main too): numbers as Personas reads them keep their bytes, sign
    /// and all, so `-3.5` stays a number in the spreadsheet and on the way back.
    @Test("numbers are left alone: -3.5, +2, -1e-5, -0, -inf, +Infinity, -.5",
          arguments: ["-3.5", "+2", "-1e-5", "-0", "-inf", "+Infinity", "-.5", "-12345678901234567890.5", "-1E+300"])
    func numbers(_ number: String) throws {
        let directory = try TemporaryDirectory()
        #expect(try written([["x"], [number]], in: directory) == "x\n\(number)\n")
    }

    // Fails on main before this change: these were written as they are.
    @Test("sign-led text that is not a number is neutralised: -, -nan, -1-2, +1e, -3.5x, --1",
          arguments: ["-", "-nan", "-1-2", "+1e", "-3.5x", "--1", "-3.5 ", "-0x10"])
    func signedText(_ field: String) throws {
        let directory = try TemporaryDirectory()
        #expect(try written([["x"], [field]], in: directory) == "x\n\"'\(field)\"\n")
    }

    // Fails on main before this change: DataTable.writeCSV wrote the level as it is.
    @Test("DataTable.writeCSV keeps the identifier column verbatim and neutralises the levels")
    func dataTable() throws {
        let directory = try TemporaryDirectory()
        let table = try CSVReader.read(text: "customer_id,kind\n=1,\"=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\"\n-2,plain\n",
                                       name: "in.csv")
        #expect(table["customer_id"]?.role == .identifier)
        let url = directory.file("t.csv")
        try table.writeCSV(to: try AtomicFileWriter(destination: url))
        #expect(String(decoding: try Data(contentsOf: url), as: UTF8.self)
                == "customer_id,kind\n=1,\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\"\n-2,plain\n")
    }
}

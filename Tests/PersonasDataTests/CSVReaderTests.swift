import Foundation
@testable import PersonasData
import PersonasNumerics
import PersonasTestSupport
import Testing

private func read(_ path: String, options: CSVOptions = CSVOptions()) throws(DataError) -> DataTable {
    try CSVReader.read(contentsOf: Fixtures.url("csv/" + path), options: options)
}

func texts(_ column: Column?) -> [String] {
    guard let column else { return [] }
    return (0..<column.count).map { column.text(atRow: $0) }
}

@Suite("CSV reader: valid files")
struct CSVValidFileTests {
    @Test("custom missing markers replace the defaults")
    func customMissing() throws {
        let table = try CSVReader.read(text: "id,v\n1,-\n2,3\n3,NA\n", name: "m.csv",
                                       options: CSVOptions(missingValues: ["-", "NA"]))
        #expect(table["v"]?.missingCount == 2)
        #expect(table["v"]?.numbers?[1] == 3)
    }

    @Test("blank lines are skipped and later rows keep their true line numbers")
    func blankLines() throws {
        let table = try read("valid/blank_lines.csv")
        #expect(table.rowCount == 2)
        #expect(table.line(ofRow: 0) == 2)
        #expect(table.line(ofRow: 1) == 4)
    }

    @Test("a last line without a newline is read")
    func noFinalNewline() throws {
        let table = try read("valid/no_final_newline.csv")
        #expect(table["a"]?.numbers == [2, 3])
    }

    @Test("; files with decimal commas are detected")
    func decimalComma() throws {
        let table = try read("valid/decimal_comma.csv")
        #expect(table["price"]?.numbers == [3.5, 4.25])
        #expect(table["qty"]?.type == .integer)
    }

    @Test("types are inferred: identifier, integer, boolean, date, categorical")
    func inferredTypes() throws {
        let table = try read("valid/types.csv")
        #expect(table.columns.map(\.type) == [.identifier, .integer, .boolean, .date, .categorical])
        #expect(table["hcp_id"]?.role == .identifier)
        #expect(table["flag"]?.numbers == [1, 0, 1])
        #expect(table["when"]?.numbers == [19737, 19754, 19722])
        #expect(texts(table["when"]) == ["2024-01-15", "2024-02-01", "2023-12-31"])
        #expect(table.identifierColumn?.name == "hcp_id")
    }

    @Test("number forms parse exactly as the standard library parses them")
    func numberForms() throws {
        let table = try read("valid/number_forms.csv")
        let expected = ["1e3", "-2.5E-2", "+7", ".5", "123456789012345678901234", "0.1"].map { Double($0)! }
        #expect(table["rx"]?.numbers == expected)
    }

    @Test("a column that turns into text part-way is re-read as levels from its first row")
    func numbersThenText() throws {
        let table = try read("valid/numbers_then_text.csv")
        let code = try #require(table["code"])
        #expect(code.type == .categorical)
        #expect(code.text(atRow: 0) == "1")
        #expect(code.text(atRow: 299) == String(300 % 7))
        #expect(code.text(atRow: 300) == "K\(301 % 5)")
        #expect(Set(texts(code)).count == 12)
        #expect(table["amount"]?.type == .numeric)
    }

    @Test("free text is detected, withheld and announced")
    func freeText() throws {
        let table = try read("valid/free_text.csv")
        let note = try #require(table["note"])
        #expect(note.type == .text)
        #expect(note.role == .ignore)
        if case .withheld = note.values {} else { Issue.record("free text must not be kept") }
        #expect(table.warnings.contains { $0.contains("\"note\"") && $0.contains("free text") })
    }

    @Test("results do not depend on the block size", arguments: [64, 97, 1000])
    func blockSizes(blockSize: Int) throws {
        for file in ["../bad-input/quoted_fields.csv", "../bad-input/bom_crlf_semicolon.csv", "valid/numbers_then_text.csv",
                     "valid/blank_lines.csv", "valid/free_text.csv"] {
            let whole = try read(file)
            let small = try read(file, options: CSVOptions(blockSize: blockSize))
            #expect(whole.rowCount == small.rowCount, "\(file)")
            for (a, b) in zip(whole.columns, small.columns) {
                #expect(a.type == b.type && texts(a) == texts(b), "\(file) column \(a.name)")
            }
            #expect((0..<whole.rowCount).map(whole.line(ofRow:)) == (0..<small.rowCount).map(small.line(ofRow:)))
        }
    }

    @Test("twenty or more unique codes make an identifier; repeats make a category")
    func identifierByUniqueness() throws {
        let unique = "customer,segment\n" + (0..<25).map { "C\($0),s\($0 % 3)" }.joined(separator: "\n")
        let table = try CSVReader.read(text: unique, name: "u.csv")
        #expect(table["customer"]?.type == .identifier)
        #expect(table["segment"]?.type == .categorical)
    }
}

// Malformed files are the bad-input catalogue's (BadInputCatalogueTests.swift).
@Suite("CSV reader: unreadable input")
struct CSVUnreadableInputTests {
    @Test("a missing file is an error naming it")
    func missingFile() throws {
        let error = try #require(throws: DataError.self) {
            try CSVReader.read(contentsOf: URL(fileURLWithPath: "/nonexistent/customers.csv"))
        }
        #expect(error.file == "customers.csv")
        #expect(error.description.contains("No such file"))
    }

    @Test("an unterminated quote across a block boundary is still located")
    func unterminatedAcrossBlocks() throws {
        let error = try #require(throws: DataError.self) {
            try read("../bad-input/unterminated_quote.csv", options: CSVOptions(blockSize: 64))
        }
        #expect(error.line == 3)
    }
}

@Suite("CSV reader: field boundaries")
struct CSVFieldBoundaryTests {
    /// Unquoted fields of every length from 0 to 20 bytes (either side of the tokenizer's 8-byte
    /// steps), LF, CRLF and CR line ends, several 256-row blocks, and blocks that split records:
    /// every cell and every row's line must come back as written.
    @Test("random unquoted fields come back exactly", arguments: [64, 100, 1 << 22])
    func randomFields(blockSize: Int) throws {
        var rng = SeededGenerator(seed: UInt64(blockSize))
        let alphabet = Array("bcdgkqxz_-".utf8), endings = ["\n", "\r\n", "\r"]
        let columns = 5, rows = 700
        var expected = [[String]](repeating: [], count: columns)
        var text = (1...columns).map { "c\($0)" }.joined(separator: ",") + "\n"
        for _ in 0..<rows {
            for k in 0..<columns {
                let bytes = (0..<rng.nextInt(below: 21)).map { _ in alphabet[rng.nextInt(below: alphabet.count)] }
                let cell = String(decoding: bytes, as: UTF8.self)
                expected[k].append(cell)
                text += cell + (k + 1 < columns ? "," : endings[rng.nextInt(below: endings.count)])
            }
        }
        let table = try CSVReader.read(text: text, name: "fields.csv", options: CSVOptions(blockSize: blockSize))
        #expect(table.rowCount == rows)
        for k in 0..<columns {
            #expect(texts(table.columns[k]) == expected[k], "column \(k + 1)")
        }
        #expect((0..<rows).map(table.line(ofRow:)) == Array(2..<(rows + 2)))
    }
}

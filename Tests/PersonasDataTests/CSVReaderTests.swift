import Foundation
@testable import PersonasData
import PersonasTestSupport
import Testing

private func read(_ path: String, options: CSVOptions = CSVOptions()) throws(DataError) -> DataTable {
    try CSVReader.read(contentsOf: Fixtures.url("csv/" + path), options: options)
}

private func texts(_ column: Column?) -> [String] {
    guard let column else { return [] }
    return (0..<column.count).map { column.text(atRow: $0) }
}

@Suite("CSV reader: valid files")
struct CSVValidFileTests {
    @Test("quoted fields keep delimiters, doubled quotes and newlines")
    func quotedFields() throws {
        let table = try read("valid/quoted_fields.csv")
        #expect(table.rowCount == 3)
        #expect(table.columns.map(\.name) == ["id", "name", "score"])
        #expect(texts(table["name"]) == ["Smith, John", "She said \"hi\"", "two\nlines"])
        #expect(table["score"]?.numbers == [3.5, 4, 5])
        // The third record starts on line 4 and spans two lines.
        #expect(table.line(ofRow: 2) == 4)
    }

    @Test("a byte-order mark, CRLF line ends and ; are read as such")
    func bomCRLFSemicolon() throws {
        let table = try read("valid/bom_crlf_semicolon.csv")
        #expect(table.columns.map(\.name) == ["id", "region", "volume"])
        #expect(texts(table["region"]) == ["north", "south"])
        #expect(table["volume"]?.numbers == [10, 20])
    }

    @Test("tab-delimited files are detected")
    func tabs() throws {
        let table = try read("valid/tab_delimited.csv")
        #expect(table.columns.map(\.name) == ["id", "specialty", "volume"])
        #expect(table["volume"]?.numbers == [1.5, 2.5])
    }

    @Test("missing markers are recognised without regard to case")
    func missingMarkers() throws {
        let table = try read("valid/missing_markers.csv")
        let volume = try #require(table["volume"]?.numbers)
        #expect(volume[0] == 10)
        #expect(volume.dropFirst().allSatisfy { $0.isNaN })
        #expect(table["volume"]?.missingCount == 5)
        #expect(table["region"]?.missingCount == 1)
        #expect(table["region"]?.type == .categorical)
    }

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
        for file in ["valid/quoted_fields.csv", "valid/bom_crlf_semicolon.csv", "valid/numbers_then_text.csv",
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

    @Test("Latin-1 files read when asked")
    func latin1() throws {
        let table = try read("malformed/invalid_utf8.csv", options: CSVOptions(encoding: .latin1))
        #expect(texts(table["name"]) == ["café"])
    }

    @Test("twenty or more unique codes make an identifier; repeats make a category")
    func identifierByUniqueness() throws {
        let unique = "customer,segment\n" + (0..<25).map { "C\($0),s\($0 % 3)" }.joined(separator: "\n")
        let table = try CSVReader.read(text: unique, name: "u.csv")
        #expect(table["customer"]?.type == .identifier)
        #expect(table["segment"]?.type == .categorical)
    }
}

@Suite("CSV reader: malformed files")
struct CSVMalformedFileTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var file: String
        var line: Int?
        var field: Int?
        var column: String?
        var kind: DataError.Kind
        var testDescription: String { file }
    }

    static let cases: [Case] = [
        Case(file: "empty.csv", line: nil, field: nil, column: nil, kind: .emptyFile),
        Case(file: "header_only.csv", line: 1, field: nil, column: nil, kind: .headerOnly),
        Case(file: "ragged_short.csv", line: 3, field: nil, column: nil, kind: .raggedRow(expected: 3, found: 2)),
        Case(file: "ragged_long.csv", line: 3, field: nil, column: nil, kind: .raggedRow(expected: 3, found: 4)),
        Case(file: "unterminated_quote.csv", line: 3, field: 2, column: "a", kind: .unterminatedQuote),
        Case(file: "text_after_quote.csv", line: 2, field: 2, column: "a", kind: .unexpectedAfterQuote(found: "\"y\"")),
        Case(file: "invalid_utf8.csv", line: 2, field: 2, column: "name", kind: .invalidUTF8),
        Case(file: "duplicate_names.csv", line: 1, field: 3, column: "a", kind: .duplicateColumnName(firstField: 2)),
        Case(file: "empty_name.csv", line: 1, field: 2, column: nil, kind: .emptyColumnName),
        Case(file: "stray_text_in_numbers.csv", line: 9874, field: 2, column: "rx_volume",
             kind: .expectedNumber(found: "n/a?")),
    ]

    @Test("each malformed file reports its exact line, field and problem", arguments: cases)
    func malformed(expected: Case) throws {
        do {
            let table = try read("malformed/" + expected.file)
            Issue.record("read \(table.rowCount) rows; expected an error")
        } catch {
            #expect(error.file == expected.file)
            #expect(error.line == expected.line)
            #expect(error.field == expected.field)
            #expect(error.columnName == expected.column)
            #expect(error.kind == expected.kind)
        }
    }

    @Test("the message reads like a diagnostic and says what to do")
    func messageFormat() throws {
        let error = try #require(throws: DataError.self) { try read("malformed/stray_text_in_numbers.csv") }
        #expect(error.description.hasPrefix(
            "stray_text_in_numbers.csv:9874: column \"rx_volume\": expected a number, found \"n/a?\""))
        #expect(error.description.contains("missing-value markers"))
    }

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
            try read("malformed/unterminated_quote.csv", options: CSVOptions(blockSize: 64))
        }
        #expect(error.line == 3)
    }
}

import Foundation
@testable import PersonasData
import PersonasTestSupport
import Testing

/// Issue 17, item 1: an identifier comes out byte for byte as it went in.
@Suite("Identifiers keep their text")
struct IdentifierTextTests {
    private func table(_ text: String, schema: Schema? = nil, delimiter: UInt8? = nil) throws -> DataTable {
        try CSVReader.read(text: text, name: "ids.csv", options: CSVOptions(delimiter: delimiter, schema: schema))
    }

    /// Fails on main before this change: whole-number ids were stored as numbers and printed
    /// back as `1`, `1000`, `2`.
    @Test("numbers in a column named like an identifier read back as written (00001, 1e3, 2.0)")
    func numericLookingIdentifiers() throws {
        let ids = ["00001", "1e3", "2.0", "00042", "+7", "3"]
        let text = "customer_id,visits\n" + ids.enumerated().map { "\($1),\($0 * 3)" }.joined(separator: "\n") + "\n"
        let read = try table(text)
        let column = try #require(read["customer_id"])
        #expect(column.type == .identifier && column.role == .identifier)
        #expect(texts(column) == ids)
        #expect(texts(read.identifierColumn) == ids)
        #expect(read.warnings.isEmpty)
    }

    /// A guard (this passed on main too: one text makes the whole column text, re-read from its
    /// first row): the number-like ids beside it keep their spelling.
    @Test("a text identifier beside number-like ones keeps every spelling (A-1, 00001, 1e3, 1.0)")
    func mixedIdentifiers() throws {
        let ids = ["A-1", "00001", "1e3", "1.0"]
        let read = try table("id,x\n" + ids.map { "\($0),5" }.joined(separator: "\n") + "\n")
        #expect(read["id"]?.type == .identifier)
        #expect(texts(read["id"]) == ids)
    }

    /// Fails on main before this change: a column declared `text` was withheld, so every id was blank.
    @Test("declared type text with the identifier role is the identifier, never blank",
          arguments: [ColumnType.text, nil])
    func declaredTextIdentifier(type: ColumnType?) throws {
        let schema = Schema(columns: [ColumnSchema(name: "cust", type: type, role: .identifier)])
        let read = try table("cust,v\n00001,1\n00002,2\n00001,3\n", schema: schema)
        let column = try #require(read["cust"])
        #expect(column.type == .identifier && column.role == .identifier)
        #expect(texts(column) == ["00001", "00002", "00001"])
        #expect(read.identifierColumn?.name == "cust")
        // A repeat is a warning here, as for an inferred identifier (only type identifier refuses it).
        #expect(read.warnings == ["column \"cust\" is treated as an identifier but 1 value repeats; "
                                  + "identifiers should be unique"])
    }

    @Test("a schema giving the identifier role to a number type is refused with what to declare")
    func identifierRoleNeedsTextType() throws {
        let json = #"{"version": 1, "columns": [{"name": "cust", "type": "integer", "role": "identifier"}]}"#
        let error = try #require(throws: DataError.self) { try Schema.decode(Data(json.utf8), name: "s.json") }
        #expect(error.description == "s.json: column \"cust\" has role identifier but is integer; an identifier is "
                + "kept as the text it is written as: declare its type identifier (or leave the type out)")
    }

    @Test("a code column that repeats is still numbers, as before (region_code 01, 02 → 1, 2)")
    func repeatedCodesStayNumbers() throws {
        let codes = (0..<40).map { "0\($0 % 3 + 1)" }
        let read = try table("region_code,v\n" + codes.map { "\($0),1" }.joined(separator: "\n") + "\n")
        let column = try #require(read["region_code"])
        #expect(column.type == .integer && column.role == .feature)
        #expect(column.numbers == codes.map { Double(Int($0)!) })
    }

    @Test("a stray text in an id-named column of numbers is the same error at the same line")
    func strayTextInIdentifierNamedNumbers() throws {
        var text = "account_number,v\n"
        for i in 1...300 { text += "\(i % 50),1\n" }
        text += "n/a?,1\n"
        let error = try #require(throws: DataError.self) { try table(text) }
        #expect(error.description.hasPrefix("ids.csv:302: column \"account_number\": expected a number, found \"n/a?\""))
    }

    @Test("a decimal comma still reads numbers in an id-named column that is not an identifier")
    func decimalCommaInCodeColumn() throws {
        let read = try table("price_code;v\n3,5;1\n3,5;2\n4,25;3\n4,25;4\n", delimiter: UInt8(ascii: ";"))
        #expect(read["price_code"]?.type == .numeric)
        #expect(read["price_code"]?.numbers == [3.5, 3.5, 4.25, 4.25])
    }

    @Test("a model's identifier is read as written, and a file without it is still read")
    func modelSchemaIdentifier() throws {
        var schema = Schema(columns: [ColumnSchema(name: "v", type: .integer), ColumnSchema(name: "cust", role: .identifier)])
        schema.modelName = "the model (model.json)"
        let read = try table("cust,v\n00007,1\n00008,2\n", schema: schema)
        #expect(texts(read["cust"]) == ["00007", "00008"])
        let without = try table("v\n1\n2\n", schema: schema)
        #expect(without.identifierColumn == nil && without.rowCount == 2)
    }
}

import Foundation
@testable import PersonasData
import PersonasTestSupport
import Testing

/// The bad-input catalogue (`Tests/Fixtures/bad-input/`, one file per case, listed in README.md):
/// each case's exact outcome when the library reads and prepares it. The clustering, pipeline and
/// command-line outcomes of the same files are in the other targets' `BadInput*Tests.swift`.
private func catalogue(_ name: String) -> URL { Fixtures.url("bad-input/" + name) }

private func read(_ name: String, options: CSVOptions = CSVOptions()) throws(DataError) -> DataTable {
    try CSVReader.read(contentsOf: catalogue(name), options: options)
}

@Suite("Bad-input catalogue: files the reader refuses")
struct BadInputReadErrorTests {
    /// Where the reader stops and the one line an analyst reads.
    struct Case: Sendable, CustomTestStringConvertible {
        var file: String
        var line: Int?
        var field: Int?
        var column: String?
        var kind: DataError.Kind
        var message: String
        var testDescription: String { file }
    }

    static let cases: [Case] = [
        Case(file: "empty.csv", line: nil, field: nil, column: nil, kind: .emptyFile,
             message: "empty.csv: the file is empty; expected a header line and at least one row"),
        Case(file: "header_only.csv", line: 1, field: nil, column: nil, kind: .headerOnly,
             message: "header_only.csv:1: the file has a header but no rows; check that the export wrote the data"),
        Case(file: "ragged_short.csv", line: 3, field: nil, column: nil, kind: .raggedRow(expected: 3, found: 2),
             message: "ragged_short.csv:3: expected 3 fields (as in the header), found 2; check for an unquoted "
                + "delimiter or a missing field"),
        Case(file: "ragged_long.csv", line: 3, field: nil, column: nil, kind: .raggedRow(expected: 3, found: 4),
             message: "ragged_long.csv:3: expected 3 fields (as in the header), found 4; check for an unquoted "
                + "delimiter or a missing field"),
        Case(file: "unterminated_quote.csv", line: 3, field: 2, column: "a", kind: .unterminatedQuote,
             message: "unterminated_quote.csv:3: column \"a\": a quoted field opened on this line is never closed; "
                + "check for a stray \" character"),
        Case(file: "text_after_quote.csv", line: 2, field: 2, column: "a", kind: .unexpectedAfterQuote(found: "\"y\""),
             message: "text_after_quote.csv:2: column \"a\": unexpected \"y\" after a closing quote; a quote inside a "
                + "quoted field must be doubled (\"\")"),
        Case(file: "invalid_utf8.csv", line: 2, field: 2, column: "name", kind: .invalidUTF8,
             message: "invalid_utf8.csv:2: column \"name\": the text is not valid UTF-8; save the file as "
                + "UTF-8"),
        Case(file: "duplicate_names.csv", line: 1, field: 3, column: "a", kind: .duplicateColumnName(firstField: 2),
             message: "duplicate_names.csv:1: column \"a\": duplicate column name (also field 2); rename one of the "
                + "two columns"),
        Case(file: "empty_name.csv", line: 1, field: 2, column: nil, kind: .emptyColumnName,
             message: "empty_name.csv:1: field 2: the header has an empty column name; name every column"),
        Case(file: "stray_text_in_numbers.csv", line: 9874, field: 2, column: "rx_volume",
             kind: .expectedNumber(found: "n/a?"),
             message: "stray_text_in_numbers.csv:9874: column \"rx_volume\": expected a number, found \"n/a?\"; fix "
                + "the value, add it to the missing-value markers, or declare the column categorical in the schema"),
        Case(file: "inf_literal.csv", line: 4, field: 2, column: "volume", kind: .nonFiniteValue(found: "-Infinity"),
             message: "inf_literal.csv:4: column \"volume\": \"-Infinity\" is not a finite number; replace it, or leave "
                + "the cell empty (or add the text to the missing-value markers) to treat it as missing"),
    ]

    @Test("each is refused with its exact line, field, column and message", arguments: cases)
    func refused(_ expected: Case) throws {
        let error = try #require(throws: DataError.self) { try read(expected.file) }
        #expect(error.file == expected.file)
        #expect(error.line == expected.line)
        #expect(error.field == expected.field)
        #expect(error.columnName == expected.column)
        #expect(error.kind == expected.kind)
        #expect(error.description == expected.message)
    }

    @Test("the same errors whatever the block size (records cut across buffer refills)",
          arguments: ["ragged_short.csv", "unterminated_quote.csv", "stray_text_in_numbers.csv", "inf_literal.csv"])
    func blockIndependent(file: String) throws {
        let whole = try #require(throws: DataError.self) { try read(file) }
        let small = try #require(throws: DataError.self) { try read(file, options: CSVOptions(blockSize: 64)) }
        #expect(small == whole)
    }

    @Test("a number too large for a double (1e999) is refused like inf")
    func overflowingLiteral() throws {
        let error = try #require(throws: DataError.self) {
            try CSVReader.read(text: "id,v\nA,1\nB,1e999\n", name: "big.csv")
        }
        #expect(error.line == 3 && error.columnName == "v" && error.kind == .nonFiniteValue(found: "1e999"))
    }

    @Test("a declared identifier that repeats is refused with both lines")
    func declaredDuplicateIdentifier() throws {
        let schema = Schema(columns: [ColumnSchema(name: "customer_id", type: .identifier)])
        let error = try #require(throws: DataError.self) {
            try read("duplicate_ids.csv", options: CSVOptions(schema: schema))
        }
        #expect(error.line == 15 && error.field == 1 && error.columnName == "customer_id")
        #expect(error.description == "duplicate_ids.csv:15: column \"customer_id\": duplicate identifier \"C6\" "
                + "(first on line 7); identifiers must be unique")
    }
}

@Suite("Bad-input catalogue: files read with a documented interpretation")
struct BadInputInterpretationTests {
    @Test("embedded delimiters, doubled quotes and newlines in quoted fields are kept")
    func quotedFields() throws {
        let table = try read("quoted_fields.csv")
        #expect(table.rowCount == 3)
        #expect(table.columns.map(\.name) == ["id", "name", "score"])
        #expect(texts(table["name"]) == ["Smith, John", "She said \"hi\"", "two\nlines"])
        #expect(table["score"]?.numbers == [3.5, 4, 5])
        // The third record starts on line 4 and spans two lines.
        #expect(table.line(ofRow: 2) == 4)
    }

    @Test("a byte-order mark, CRLF line ends and ; are read as such")
    func bomCRLFSemicolon() throws {
        let bytes = try Data(contentsOf: catalogue("bom_crlf_semicolon.csv"))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]) && bytes.contains(0x0D))  // the case really has both
        let table = try read("bom_crlf_semicolon.csv")
        #expect(table.columns.map(\.name) == ["id", "region", "volume"])
        #expect(texts(table["region"]) == ["north", "south"])
        #expect(table["volume"]?.numbers == [10, 20])
    }

    @Test("tab-delimited files are detected, and --delimiter tab reads them the same")
    func tabs() throws {
        let table = try read("tab_delimited.csv")
        #expect(table.columns.map(\.name) == ["id", "specialty", "volume"])
        #expect(table["volume"]?.numbers == [1.5, 2.5])
        let declared = try read("tab_delimited.csv", options: CSVOptions(delimiter: UInt8(ascii: "\t")))
        #expect(declared["volume"]?.numbers == [1.5, 2.5])
        // Read with the wrong delimiter, the header is one column and the rows say so.
        let wrong = try read("tab_delimited.csv", options: CSVOptions(delimiter: UInt8(ascii: ",")))
        #expect(wrong.columns.count == 1)
    }

    @Test("NaN, NA, N/A, null and empty cells are missing (any case), and preparation imputes them")
    func nanLiterals() throws {
        let table = try read("missing_markers.csv")
        let volume = try #require(table["volume"]?.numbers)
        #expect(volume[0] == 10)
        #expect(volume.dropFirst().allSatisfy { $0.isNaN })
        #expect(table["volume"]?.missingCount == 5)
        #expect(table["region"]?.missingCount == 1)
        #expect(table["region"]?.type == .categorical)
        // Six rows: the privacy floor of customers per level would leave "region" out.
        let prepared = try Preparation.fit(table, spec: PreparationSpec(features: ["volume", "region"], minimumLevelCount: 1))
        let matrix = try prepared.apply(table).matrix
        #expect(matrix.elements.allSatisfy { $0.isFinite })
    }

    @Test("invalid UTF-8 reads as Latin-1 when asked")
    func latin1() throws {
        let table = try read("invalid_utf8.csv", options: CSVOptions(encoding: .latin1))
        #expect(texts(table["name"]) == ["café"])
    }

    @Test("a column with no values is kept in the table, announced, and left out of the features")
    func allMissing() throws {
        let table = try read("all_missing_column.csv")
        let column = try #require(table["survey_score"])
        #expect(column.missingCount == 20 && column.type == .numeric)
        #expect(table.warnings == ["column \"survey_score\" has no values"])
        let preparation = try Preparation.fit(table)
        #expect(preparation.droppedColumns == [DroppedColumn(name: "survey_score", reason: "it has no values")])
        #expect(preparation.warnings.contains("column \"survey_score\" is not used: it has no values"))
        #expect(preparation.featureNames == ["visits", "share"])
    }

    @Test("constant columns (a number, a level) are dropped with a warning, never divided by zero")
    func constantColumns() throws {
        let table = try read("constant_column.csv")
        let preparation = try Preparation.fit(table)
        #expect(preparation.droppedColumns == [
            DroppedColumn(name: "country", reason: "it has only one level (UK)"),
            DroppedColumn(name: "year", reason: "it is constant (every value is 2024)"),
        ])
        #expect(preparation.warnings.contains("column \"country\" is not used: it has only one level (UK)"))
        #expect(preparation.warnings.contains("column \"year\" is not used: it is constant (every value is 2024)"))
        #expect(preparation.featureNames == ["visits", "share"])
        #expect(try preparation.apply(table).matrix.elements.allSatisfy { $0.isFinite })
    }

    @Test("an id column with a repeat stays an identifier, with a warning, and never becomes a feature",
          arguments: ["duplicate_ids.csv", "duplicate_numeric_ids.csv"])
    func duplicateIdentifiers(file: String) throws {
        let table = try read(file)
        let ids = try #require(table["customer_id"])
        #expect(ids.type == .identifier && ids.role == .identifier)
        #expect(table.identifierColumn?.name == "customer_id")
        #expect(table.warnings == ["column \"customer_id\" is treated as an identifier but 1 value repeats; "
                                   + "identifiers should be unique"])
        // Row 14 (line 15) repeats row 6's id, as text either way.
        #expect(ids.text(atRow: 13) == ids.text(atRow: 5))
        #expect(Set(texts(ids)).count == 24)
        let preparation = try Preparation.fit(table)
        #expect(!preparation.featureNames.contains { $0.hasPrefix("customer_id") })
    }

    @Test("thousands of levels: all-rare columns are left out with the reason, others keep their large levels")
    func manyLevels() throws {
        let table = try read("many_levels.csv")
        // Independent counts from the file's text.
        let lines = try String(contentsOf: catalogue("many_levels.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        let postcodes = Set(lines.map { $0[1] }).count
        #expect(postcodes > 1000)
        #expect(table.warnings.contains("column \"postcode\" has \(postcodes) distinct levels; rare levels will be "
                                        + "pooled when it is encoded"))
        let preparation = try Preparation.fit(table)
        #expect(preparation.droppedColumns == [DroppedColumn(
            name: "postcode", reason: "none of its \(postcodes) levels is held by \(lines.count / 100) or more customers, so "
                + "it looks like free text or an identifier (names, comments, addresses) and is never a feature; group "
                + "its values into fewer, larger levels to use it")])
        // Practices: the five large groups get a feature each, the small ones share "other".
        let practices = Dictionary(grouping: lines.map { $0[2] }, by: { $0 }).mapValues(\.count)
        let large = practices.filter { Double($0.value) >= 0.01 * Double(lines.count) }.keys.sorted()
        #expect(large == ["P0", "P1", "P2", "P3", "P4"])
        let practiceFeatures = preparation.featureNames.filter { $0.hasPrefix("practice=") }
        #expect(Set(practiceFeatures) == Set(large.map { "practice=\($0)" } + ["practice=other"]))
        #expect(preparation.warnings.contains("column \"practice\": \(practices.count - 5) rare levels pooled into \"other\""))
    }

    @Test("one row reads, but fitting a preparation on it is refused; a fitted one applies to a single row")
    func oneRow() throws {
        let table = try read("one_row.csv")
        #expect(table.rowCount == 1)
        let error = try #require(throws: DataError.self) { try Preparation.fit(table) }
        #expect(error.description == "one_row.csv: the table has only one row; fitting a preparation needs at least "
                + "two customers (fill values and scales come from the spread of the rows)")
        // Next year's single new customer is prepared like the fitting table's rows.
        let base = try read("model_base.csv")
        let preparation = try Preparation.fit(base)
        let single = try CSVReader.read(text: "hcp_id,specialty,stage,visits,share\nH9,ONC,trial,7,0.4\n", name: "new.csv",
                                        options: CSVOptions(schema: preparation.inputSchema))
        let row = try preparation.apply(single).matrix
        #expect(row.rows == 1 && row.elements.allSatisfy { $0.isFinite })
        let same = try preparation.apply(base.selectingRows([0])).matrix
        #expect(same == (try preparation.apply(base).matrix).rows(at: [0]))
    }

    @Test("all rows identical: every column is left out and the preparation says there is nothing to segment")
    func identicalRows() throws {
        let table = try read("identical_rows.csv")
        let error = try #require(throws: DataError.self) { try Preparation.fit(table) }
        #expect(error.description == "identical_rows.csv: no column can be a feature, so there is nothing to segment "
                + "on (\"hcp_id\": the customer identifier; \"visits\": it is constant (every value is 4); \"share\": it is "
                + "constant (every value is 0.5)); give columns that describe and vary between customers")
    }

    @Test("values near the floating-point limits: scaled features are finite and of order one")
    func floatLimitsScaled() throws {
        let table = try read("float_limits.csv")
        let huge = try #require(table["huge"]?.numbers), tiny = try #require(table["tiny"]?.numbers)
        #expect(huge.allSatisfy { $0 > 1e299 } && tiny.allSatisfy { $0 > 1e-300 && $0 < 1e-299 })
        for scaling in [PreparationSpec.Scaling.zScore, .robust, .minMax] {
            let matrix = try Preparation.fit(table, spec: PreparationSpec(scaling: scaling)).apply(table).matrix
            #expect(matrix.elements.allSatisfy { $0.isFinite && abs($0) < 10 }, "\(scaling)")
            // Both extreme columns still separate the two planted groups (rows alternate).
            for column in 0..<2 {
                let odd = stride(from: 0, to: 40, by: 2).map { matrix[$0, column] }
                let even = stride(from: 1, to: 40, by: 2).map { matrix[$0, column] }
                #expect(odd.min()! > even.max()!, "\(scaling) column \(column)")
            }
        }
    }

    @Test("values near the floating-point limits, unscaled: squared distances would overflow or vanish, refused")
    func floatLimitsUnscaled() throws {
        let table = try read("float_limits.csv")
        let overflow = try #require(throws: DataError.self) {
            try Preparation.fit(table, spec: PreparationSpec(scaling: .none)).apply(table)
        }
        #expect(overflow.file == "float_limits.csv" && overflow.field == 2 && overflow.columnName == "huge")
        #expect(overflow.description.hasPrefix("float_limits.csv: column \"huge\": it spans "))
        #expect(overflow.description.hasSuffix("e299, so squared distances between rows overflow to infinity; scale "
                                               + "the features (z-score, robust or min-max) or rescale the column"))
        // The kind a caller switches on (before this change a `.preparation` text naming --scale).
        guard case .distanceRange(.overflow) = overflow.kind else {
            Issue.record("expected a distance-range overflow, got \(overflow.kind)")
            return
        }
        let underflow = try #require(throws: DataError.self) {
            try Preparation.fit(table, spec: PreparationSpec(features: ["tiny"], scaling: .none)).apply(table)
        }
        #expect(underflow.field == 3 && underflow.columnName == "tiny")
        #expect(underflow.description.hasPrefix("float_limits.csv: column \"tiny\": it spans only "))
        #expect(underflow.description.hasSuffix("e-300 (the widest of any column), so squared distances between rows "
                                                + "underflow to zero; scale the features (z-score, robust or "
                                                + "min-max) or rescale the column"))
    }

    @Test("free text and identifiers are never features: left out by default, refused when asked for")
    func freeTextAndIdentifiers() throws {
        let table = try read("free_text_and_ids.csv")
        #expect(table["note"]?.type == .text && table["hcp_id"]?.type == .identifier)
        #expect(table.warnings == ["column \"note\" looks like free text; its values are not kept and it is never "
                                   + "used as a feature"])
        #expect(try Preparation.fit(table).featureNames.filter { !$0.hasPrefix("region=") } == ["visits"])
        let text = try #require(throws: DataError.self) {
            try Preparation.fit(table, spec: PreparationSpec(features: ["visits", "note"]))
        }
        #expect(text.description == "free_text_and_ids.csv: column \"note\": it is free text, and free text never "
                + "becomes a feature or a question (its values are not even kept in memory)")
        let id = try #require(throws: DataError.self) {
            try Preparation.fit(table, spec: PreparationSpec(features: ["hcp_id"]))
        }
        #expect(id.description == "free_text_and_ids.csv: column \"hcp_id\": it is the customer identifier, and "
                + "identifiers never become features or questions (each customer would be its own segment); it is kept "
                + "to label the results")
    }
}

import Foundation
@testable import PersonasData
import PersonasTestSupport
import Testing

/// Inputs that trapped, or gave an unclear or silently wrong result, when the fuzzers in `Fuzz/` fed
/// them to the reader, the schema loader and the preparation; each now has the exact outcome below.
/// Minimised fuzzer inputs live in `Tests/Fixtures/fuzz-regressions/` (named after the fuzz target).
@Suite("Fuzz regressions: reading and preparing")
struct FuzzRegressionTests {
    @Test("Whole numbers beyond Int64 in an id column are identifiers kept as written, never converted",
          arguments: [("customer_id\n1\n1e300\n2\n", ["1", "1e300", "2"]), ("hcp_id\n-1e16\n1\n", ["-1e16", "1"])])
    func hugeIdentifiers(text: String, shown: [String]) throws {
        // These trapped converting to Int64 when identifiers were printed from their numbers; an
        // identifier is now its cells' text (issue 17), so nothing is converted.
        let table = try CSVReader.read(text: text, name: "ids.csv")
        let column = try #require(table.columns.first)
        #expect(column.type == .identifier)
        #expect((0..<table.rowCount).map { column.text(atRow: $0) } == shown)
    }

    @Test("inf in a 0/1 column or an id column is a located error (as a boolean or an identifier it trapped)",
          arguments: [("flag\n0\n1\ninf\n", "flag", 4), ("id\n1\ninf\n2\n", "id", 3)])
    func infinityInWholeNumbers(text: String, column: String, line: Int) throws {
        let error = try #require(throws: DataError.self) { try CSVReader.read(text: text, name: "flags.csv") }
        #expect(error == DataError(file: "flags.csv", line: line, field: 1, columnName: column, kind: .nonFiniteValue(found: "inf")))
    }

    @Test("A value whose scaled feature overflows is a located error, not an infinite feature")
    func overflowingFeature() throws {
        let training = try CSVReader.read(text: "v\n1e-300\n2e-300\n3e-300\n", name: "train.csv")
        let preparation = try Preparation.fit(training)
        let next = try CSVReader.read(text: "v\n1\n1e10\n", name: "next.csv")
        let error = try #require(throws: DataError.self) { try preparation.apply(next) }
        #expect(error == DataError(file: "next.csv", line: 3, field: 1, columnName: "v", kind: .preparation(
            "\"10000000000\" lies too far from the values the preparation was fitted on: its scaled feature overflows; "
            + "check the value or refit on data that includes it")))
    }

    @Test("Saved matrices with dimensions whose product overflows are refused")
    func overflowingMatrixDimensions() throws {
        let training = try CSVReader.read(text: "a,b\n1,2\n2,1\n3,5\n", name: "train.csv")
        var spec = PreparationSpec()
        spec.pca = .components(1)
        let json = String(decoding: try Preparation.fit(training, spec: spec).jsonData(), as: UTF8.self)
        let broken = try #require(json.range(of: "\"rows\" : 1")).lowerBound
        let edited = json.replacingCharacters(in: broken..<json.index(broken, offsetBy: 10), with: "\"rows\" : 4611686018427387904")
            .replacingOccurrences(of: "\"columns\" : 2", with: "\"columns\" : 4")
        let error = try #require(throws: DataError.self) { try Preparation.decode(Data(edited.utf8), name: "prep.json") }
        #expect(error == DataError(file: "prep.json", kind: .preparation(
            "not a valid saved preparation: pca.components.elements: 2 elements do not fill a 4611686018427387904 × 4 matrix")))
    }

    @Test("One text in two Unicode forms is one level (it trapped one-hot encoding as a duplicate key)")
    func canonicallyEquivalentLevels() throws {
        // "café" as é (U+00E9) on lines 2 and 4, as e + U+0301 on line 3: different bytes, equal Strings.
        let table = try CSVReader.read(contentsOf: Fixtures.url("fuzz-regressions/FuzzCSV-equivalent-levels.csv"))
        let city = try #require(table["city"]?.codedLevels)
        #expect(city.levels == ["caf\u{E9}", "bar"])
        #expect(city.levels[0].unicodeScalars.count == 4)  // the spelling seen first
        #expect(city.codes == [0, 0, 0, 1])
        // Four rows: every level is rare by the privacy floor, which is not what this case tests.
        let preparation = try Preparation.fit(table, spec: PreparationSpec(minimumLevelCount: 1))
        #expect(preparation.featureNames == ["city=caf\u{E9}", "city=bar", "visits"])
    }

    @Test("A column whose range overflows a Double is dropped for that reason, not as constant")
    func rangeBeyondDouble() throws {
        let table = try CSVReader.read(contentsOf: Fixtures.url("fuzz-regressions/FuzzCSV-range-beyond-double.csv"))
        var spec = PreparationSpec()
        spec.scaling = .minMax
        let error = try #require(throws: DataError.self) { try Preparation.fit(table, spec: spec) }
        #expect(error == DataError(file: "FuzzCSV-range-beyond-double.csv", kind: .preparation(
            "no column can be a feature, so there is nothing to segment on (\"id\": the customer identifier; \"value\": "
            + "its values (from -1.7e+308 to 1.7e+308) lie too near the floating-point limits to be scaled; rescale the "
            + "column (in thousands, say)); give columns that describe and vary between customers")))
    }

    @Test("A schema that is not JSON names the line and column where it breaks")
    func schemaSyntaxError() throws {
        let text = "{\n  \"version\": 1,\n  \"columns\": [,]\n}"
        let error = try #require(throws: DataError.self) { try Schema.decode(Data(text.utf8), name: "s.json") }
        #expect(error == DataError(file: "s.json", line: 3, kind: .schema("not valid JSON at column 15")))
        #expect(error.description == "s.json:3: not valid JSON at column 15")
    }
}

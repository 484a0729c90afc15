import Foundation
import PersonasData
import Testing

/// The survey-weight column (issue 23, respondent weights, item 1). Each test failed on main
/// before this change: there was no weight role and no `weights(column:)` (it did not compile).
@Suite("Survey weights")
struct SurveyWeightTests {
    private func table(_ weights: [String]) throws -> DataTable {
        var text = "hcp_id,visits,wt\n"
        for (i, w) in weights.enumerated() { text += "H\(i),\(i % 4),\(w)\n" }
        return try CSVReader.read(text: text, name: "survey.csv")
    }

    // On main: no `weights(column:)`.
    @Test("a column of positive numbers is read as one weight per row")
    func readsWeights() throws {
        let weights = try table(["1.5", "2", "0.25", "3"]).weights(column: "wt")
        #expect(weights == [1.5, 2, 0.25, 3])
    }

    // On main: no `weights(column:)` nor `DataError.Kind.invalidWeight`.
    @Test("a missing, zero, negative or non-number weight is refused at its file, line and column",
          arguments: [("", 3, "the weight is missing"), ("0", 3, "\"0\" is not a weight"),
                      ("-2", 3, "\"-2\" is not a weight"), ("heavy", 3, "\"heavy\" is not a weight")])
    func refusesBadCells(cell: String, line: Int, start: String) throws {
        let data = try table(["1", cell, "2", "1"])
        let error = try #require(throws: DataError.self) { try data.weights(column: "wt") }
        #expect(error.kind == .invalidWeight(found: cell))
        #expect(error.line == line)
        #expect(error.columnName == "wt")
        #expect(error.description == "survey.csv:\(line): column \"wt\": \(start); every respondent needs a survey weight "
                + "that is a finite number above 0: fix the cell, or leave the respondent out of the file")
    }

    // On main: no weight role to name in the error.
    @Test("an unknown weight column is refused with the table's columns")
    func unknownColumn() throws {
        let error = try #require(throws: DataError.self) { try table(["1"]).weights(column: "weight") }
        #expect(error.kind == .unknownColumn(role: .weight, columns: ["hcp_id", "visits", "wt"]))
    }

    // On main: there was no weight role, so the column was clustered like any number.
    @Test("the weight column is never a feature, and the schema may declare it")
    func neverAFeature() throws {
        var data = try table((0..<40).map { String(1 + $0 % 3) })
        try data.assignRole(.weight, toColumn: "wt")
        #expect(data["wt"]?.reasonItIsNeverAFeature?.hasPrefix("it is the survey weight") == true)
        #expect(data.weightColumn?.name == "wt")
        let preparation = try Preparation.fit(data)
        #expect(!preparation.featureNames.contains("wt"))
        let schema = try Schema.decode(Data(#"{"version": 1, "columns": [{"name": "wt", "role": "weight"}]}"#.utf8), name: "s.json")
        let declared = try CSVReader.read(text: "hcp_id,wt\nH1,2.5\nH2,1\n", name: "survey.csv",
                                          options: CSVOptions(schema: schema))
        #expect(declared.weightColumn?.name == "wt")
        #expect(try declared.weights(column: "wt") == [2.5, 1])
    }
}

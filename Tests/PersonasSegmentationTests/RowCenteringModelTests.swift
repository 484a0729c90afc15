import Foundation
import PersonasData
import PersonasSegmentation
import PersonasTestSupport
import Testing

/// A model segmented on a battery centred within respondents (issue 23, "Survey preparation"):
/// `assign` centres new rows as the fit did, and the SQL export computes the same features. Each
/// test fails on main before this change (no `RowCentering`, no `rowCentering` in the spec).
@Suite("Row-centred batteries in a saved model")
struct RowCenteringModelTests {
    /// The seeded survey written as CSV and read back.
    static func survey(in directory: TemporaryDirectory, seed: UInt64 = 4) throws -> (URL, DataTable) {
        let url = directory.file("survey-\(seed).csv")
        try SurveyAnswers.csv(respondents: 600, seed: seed).text.write(to: url, atomically: true, encoding: .utf8)
        return (url, try CSVReader.read(contentsOf: url))
    }

    static let centering = RowCentering(Battery(name: "attitudes", columns: SurveyAnswers.items))

    /// k = 3 on the centred items and the region, without a typing tool.
    static func segment(_ table: DataTable) throws -> SegmentationResult {
        var configuration = SegmentationConfiguration(
            ks: [3], preparation: PreparationSpec(features: SurveyAnswers.items + ["region"], rowCentering: [centering]),
            restarts: 2, seed: 5)
        configuration.typingTool = nil
        return try Segmentation.run(table, configuration)
    }

    // Fails on main: no `RowCentering`.
    @Test("assign on the training table, before and after a JSON round trip, gives the training segments")
    func assignReproducesTraining() throws {
        let directory = try TemporaryDirectory()
        let (_, table) = try Self.survey(in: directory)
        let result = try Self.segment(table)
        #expect(result.model.preparation.spec.rowCentering == [Self.centering])
        let reloaded = try SegmentationModel.load(from: try result.model.jsonData(), name: "model.json")
        #expect(try reloaded.assign(table).map(\.segment) == result.labels)
        // Centred features sum to 0 over a respondent's answered items (before scaling).
        let raw = try Preparation.fit(table, spec: PreparationSpec(features: SurveyAnswers.items, scaling: .none,
                                                                   rowCentering: [Self.centering]))
        let prepared = try raw.apply(table).matrix
        let answered = (0..<table.rowCount).filter { row in SurveyAnswers.items.allSatisfy { !(table[$0]?.numbers?[row].isNaN ?? true) } }
        #expect(answered.count > 400)
        for row in answered { #expect(abs((0..<6).map { prepared[row, $0] }.reduce(0, +)) < 1e-12) }
    }

    // Fails on main: no `RowCentering` and no centred SQL.
    @Test("SQLite scores every row of a new survey as assign does: same segment, same distance")
    func sqlEqualsAssign() throws {
        guard SQLite.isAvailable else {
            print("SKIPPED: the SQL export check needs \(SQLite.executable) (scripts/setup.sh installs it)")
            return
        }
        let directory = try TemporaryDirectory()
        let (_, training) = try Self.survey(in: directory)
        let model = try Self.segment(training).model
        let (csv, fresh) = try Self.survey(in: directory, seed: 9)
        #expect(fresh.columns.contains { $0.missingCount > 0 }, "missing answers must reach the SQL")
        let expected = try model.assign(fresh)
        let scored = try ModelSQLTests.score(model, csv: csv, table: fresh, in: directory)
        let segment = try #require(scored["segment"]?.numbers), distance = try #require(scored["distance"]?.numbers)
        #expect(scored.rowCount == fresh.rowCount)
        let wrongSegment = (0..<fresh.rowCount).filter { segment[$0] != Double(expected[$0].segment) }
        let wrongDistance = (0..<fresh.rowCount).filter {
            abs(distance[$0] - expected[$0].distance) > 1e-12 * max(1, expected[$0].distance)
        }
        #expect(wrongSegment.isEmpty)
        #expect(wrongDistance.isEmpty, "\(wrongDistance.count) distances differ")
    }
}

import Foundation
import PersonasData
import PersonasSegmentation
import PersonasTestSupport
import Testing

/// Rows left out of fitting (issue 23, "Survey preparation": straight-liners dropped from the
/// fit): the segments are those of the other rows, and every row is still assigned. Fails on main
/// before this change (no `SegmentationConfiguration.leftOutOfFitting`).
@Suite("Rows left out of fitting")
struct LeftOutRowsTests {
    // Fails on main: no `leftOutOfFitting`.
    @Test("straight-liners left out: the same centers as fitting the others alone, and each straight-liner at its nearest center")
    func straightLinersLeftOut() throws {
        let table = try CSVReader.read(text: SurveyAnswers.csv(respondents: 400, seed: 3).text, name: "survey.csv")
        let battery = Battery(name: "attitudes", columns: SurveyAnswers.items)
        let flat = battery.straightLiners(in: table)
        let leftOut = Set(flat.indices.filter { flat[$0] })
        #expect(leftOut.count >= 16)
        // A preparation that learns nothing from the rows, so both runs prepare alike.
        var configuration = SegmentationConfiguration(
            ks: [3], preparation: PreparationSpec(features: SurveyAnswers.items, numericImputation: .constant(3), scaling: .none),
            restarts: 2, seed: 4)
        configuration.typingTool = nil
        let others = try Segmentation.run(table.selectingRows(flat.indices.filter { !flat[$0] }), configuration)
        configuration.leftOutOfFitting = leftOut
        let result = try Segmentation.run(table, configuration)

        #expect(result.model.centers == others.model.centers)
        #expect(result.labels.count == table.rowCount)
        #expect(result.labels.enumerated().filter { !leftOut.contains($0.offset) }.map(\.element) == others.labels)
        let nearest = try result.model.assign(table)
        for row in leftOut { #expect(result.labels[row] == nearest[row].segment) }
        // The straight-liners (all 3s) would have pulled a center: fitting every row gives other centers.
        configuration.leftOutOfFitting = []
        #expect(try Segmentation.run(table, configuration).model.centers != result.model.centers)
    }
}

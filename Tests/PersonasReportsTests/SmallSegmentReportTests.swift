import Foundation
import PersonasData
import PersonasProfiles
import PersonasReports
import PersonasSegmentation
import PersonasTestSupport
import Testing

/// Issue 17, item 6: a small segment kept on request shows no figure in personas.md or the report.
@Suite("Reports of a kept small segment")
struct SmallSegmentReportTests {
    // Fails on main: the Pareto line begins "3: 2.3% of customers → 93.…% of value", and the
    // report's bars, table and value curve carry the same figures.
    @Test("personas.md's Pareto line and report.html name none of the small segment's figures")
    func paretoAndReport() throws {
        let directory = try TemporaryDirectory()
        let table = try CSVReader.read(contentsOf: BlobCustomers.write(BlobCustomers.withFarOutliers(7), in: directory))
        let result = try Segmentation.run(table, SegmentationConfiguration(
            ks: [4], profile: ProfileConfiguration(valueColumn: "value"), restarts: 3,
            keepSmallSegments: true, seed: 3))
        #expect(result.model.k == 4)
        let markdown = PersonasMarkdown.render(result.model.personas)
        let pareto = try #require(markdown.components(separatedBy: "\n").first { $0.hasPrefix("**Pareto view**") })
        #expect(!pareto.contains("3: ") && pareto.hasSuffix("100.0% of value."), "\(pareto)")
        let share = NarrativeFormat.percent(7.0 / 307)
        #expect(!markdown.contains(share) && !markdown.contains("7 customers"))
        #expect(markdown.contains("fewer than 10 customers"))
        let report = SegmentationReport(result, table: table)
        #expect(!report.html.contains(share) && !report.html.contains("307 customers"))
        // No bar for it in the segments chart, and no leaf of the typing tool counts its customers.
        #expect(!report.html.contains("class=\"bar customers\" data-segment=\"3\""))
        #expect(report.html.contains("class=\"bar customers\" data-segment=\"2\""))
        #expect(!report.html.contains("<g class=\"leaf\" data-segment=\"3\">"))

    }
}

import Foundation
import PersonasData
import PersonasFiles
import PersonasProfiles
import PersonasReports
import PersonasSegmentation
import PersonasTestSupport
import Testing

/// Issue 21, the analyst's last word: the report drawn again from its saved figures
/// (`report.json`) and an edited model, without the customer table or a refit.
@Suite("The report drawn again from its saved figures")
struct ReportRedrawTests {
    /// Fails on main before this change: the report could only be drawn from a fresh run and its
    /// table (there were no saved figures).
    @Test("saved and drawn again with edited names, the report is the run's with the same edits, byte for byte",
          arguments: [false, true])
    func redrawWithEdits(hostile: Bool) throws {
        let table = PlantedCustomers.table(hostile: hostile)
        let result = try PlantedCustomers.segmentation(table, ks: [2, 3], method: .ward)
        let directory = try TemporaryDirectory()
        let report = SegmentationReport(result, table: table)
        try SegmentationReportFiles.write(report, into: directory.url, protectedInputs: [])
        #expect(report[.chooseK] != nil && report[.dendrogram] != nil && report[.customerMap] != nil
                && report[.valueConcentration] != nil)

        // The same model: the same page and charts.
        let same = try SegmentationReportFiles.redraw(result.model, from: directory.url)
        #expect(same.html == report.html && same.charts == report.charts && same.figures == report.figures)

        // Edited names: what the run with the same edits draws.
        let edits = [PersonaEdit(segment: 0, name: "<script>alert(\"x\")</script> =1+1 & co"),
                     PersonaEdit(segment: 1, name: "Busy & loyal", description: "They answer \"every\" call.", tier: "Grow",
                                 channel: "webinars")]
        let edited = try result.applying(edits)
        let redrawn = try SegmentationReportFiles.redraw(edited.model, from: directory.url)
        let expected = SegmentationReport(edited, table: table)
        #expect(redrawn.html == expected.html && redrawn.charts == expected.charts)
        #expect(redrawn.html != report.html)
        #expect(redrawn.html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; =1+1 &amp; co")
                && !redrawn.html.contains("<script>"))
    }

    /// Fails on main before this change: there was nothing to read back.
    @Test("a folder without its figures, or with figures that are not Personas', is refused with the file named")
    func missingOrBrokenFigures() throws {
        let table = PlantedCustomers.table()
        let result = try PlantedCustomers.segmentation(table)
        let directory = try TemporaryDirectory()
        #expect(throws: FolderError(path: directory.url.relativePath, kind: .missingFile("report.json"))) {
            try SegmentationReportFiles.redraw(result.model, from: directory.url)
        }
        try Data("{\"rows\": 3,\n  \"source\": ".utf8).write(to: directory.file("report.json"))
        do {
            _ = try SegmentationReportFiles.redraw(result.model, from: directory.url)
            Issue.record("broken figures were read")
        } catch let error as FolderError {
            guard case .system(let reason) = error.kind else { Issue.record("\(error)"); return }
            #expect(reason.contains("report.json is not the report's figures") && reason.contains("line 2"), "\(reason)")
        }
    }
}

import Foundation
import PersonasData
import PersonasProfiles
import PersonasSegmentation
import PersonasTestSupport
import Testing

/// Issue 17, item 6: `personas segment --min-size` and `--keep-small-segments`.
@Suite("personas segment and small segments")
struct SmallSegmentCLITests {
    // Fails on main: segment has no --min-size (nor --keep-small-segments), so the run stops at
    // the unknown option.
    @Test("--min-size is accepted and validated, and a fixed k merges the segments under it")
    func minSize() throws {
        let directory = try TemporaryDirectory()
        let csv = try BlobCustomers.write(BlobCustomers.withFarOutliers(12), in: directory)
        let refused = try PersonasRun(["segment", csv.path, "--k", "4", "--min-size", "0", "--quiet",
                                       "--out", directory.file("none").path])
        #expect(refused.status != 0 && refused.stderr.contains("--min-size must be at least 1"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.file("none").path))

        // 12 far customers: a segment of their own, under 20 but not under the default 10.
        let out = directory.file("merged")
        let run = try PersonasRun(["segment", csv.path, "--k", "4", "--min-size", "20", "--no-typing-tool", "--quiet",
                                   "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("segment 3 of the 4") && run.stderr.contains("fewer than 20 customers"), "\(run.stderr)")
        let model = try SegmentationModel.load(from: out.appendingPathComponent("model.json"))
        #expect(model.k == 3 && model.personas.profiles.configuration.minimumSegmentSize == 20)
        let kept = try PersonasRun(["segment", csv.path, "--k", "4", "--no-typing-tool", "--quiet",
                                    "--out", directory.file("default").path])
        #expect(kept.status == 0 && !kept.stderr.contains("fewer than"), "\(kept.stderr)")
    }

    // Fails on main: there is no --keep-small-segments; without it main keeps the segment and
    // writes "7 customers", "2.3%" and its value share into personas.md, profile.csv, the report…
    @Test("With --keep-small-segments no file of the folder, nor the summary, holds the small segment's size, shares or value")
    func keptFiguresWithheld() throws {
        let directory = try TemporaryDirectory()
        let csv = try BlobCustomers.write(BlobCustomers.withFarOutliers(7), in: directory)
        let out = directory.file("kept")
        let run = try PersonasRun(["segment", csv.path, "--k", "4", "--value", "value", "--keep-small-segments",
                                   "--format", "json", "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("segment 3 of the 4") && run.stderr.contains("kept as asked"), "\(run.stderr)")

        // The figures a reader could take the small segment's size and value from.
        let table = try CSVReader.read(contentsOf: csv)
        let values = try #require(table["value"]?.numbers)
        let outliers = values[300...].reduce(0, +), all = values.reduce(0, +)
        let share = 7.0 / 307, valueShare = outliers / all
        let figures = [NarrativeFormat.percent(share), NarrativeFormat.percent(valueShare), "7 customers",
                       String(String(share).prefix(8)), String(String(valueShare).prefix(8)),
                       String(Int(outliers)), "307 customers", "\"customers\" : 7"]
        // Every file but assignments.csv, which lists each customer's segment by design.
        var files = ["personas.md", "personas.json", "model.json", "profile.csv", "notebook.ipynb", "report.html", "report.json",
                     "typing-tool.json", "typing-tool.md", "typing-tool.csv", "typing-tool.sql"]
        files += try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("charts").path).map { "charts/" + $0 }
        var texts = try files.map { ($0, try String(contentsOf: out.appendingPathComponent($0), encoding: .utf8)) }
        texts.append(("the summary", run.stdout))
        // The workbook a rep receives: its sheets and shared strings.
        texts.append(("typing-tool.xlsx", try unzipText(out.appendingPathComponent("typing-tool.xlsx"), "xl/*.xml")
                      + unzipText(out.appendingPathComponent("typing-tool.xlsx"), "xl/worksheets/*.xml")))
        // The profile workbook beside profile.csv (issue 21; fails on main before this change, which writes none).
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("profile.xlsx").path))
        texts.append(("profile.xlsx", try unzipText(out.appendingPathComponent("profile.xlsx"), "xl/*.xml")
                      + unzipText(out.appendingPathComponent("profile.xlsx"), "xl/worksheets/*.xml")))
        for (name, text) in texts {
            for figure in figures { #expect(!text.contains(figure), "\(name) holds \(figure)") }
        }
        // The report's saved figures have no point of it on the map (issue 21: report.json, which
        // `rename` draws the report from, is new with it).
        let saved = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json")))
                                   as? [String: Any])
        let mapped = try #require((saved["customer_map"] as? [String: Any])?["segments"] as? [Int])
        #expect(mapped.count == 300 && !mapped.contains(3))
        // The summary names the segment but withholds its size.
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let segments = try #require(summary["segments"] as? [[String: Any]])
        #expect(segments.count == 4 && segments[3]["customers"] is NSNull && segments[2]["customers"] as? Int == 100)
        // The model still places the far customers in their own segment (the analyst's choice).
        let model = try SegmentationModel.load(from: out.appendingPathComponent("model.json"))
        #expect(try model.assign(table)[300...].allSatisfy { $0.segment == 3 })
    }
}

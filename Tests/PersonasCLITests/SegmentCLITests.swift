import Foundation
import PersonasData
import PersonasReports
import PersonasSegmentation
import PersonasTestSupport
import Testing

@Suite("personas segment and assign")
struct SegmentCLITests {
    private let sample = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/hcp-sample.csv")
    private var schema: URL { sample.deletingPathExtension().appendingPathExtension("schema.json") }

    @Test("The pipeline on the bundled sample writes its files, and they hold the library's results")
    func sampleFolder() throws {
        let directory = try TemporaryDirectory()
        let out = directory.file("segments")
        let run = try PersonasRun(["segment", sample.path, "--schema", schema.path, "--k", "5", "--seed", "2",
                                   "--quiet", "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(files == [".personas-manifest.json", "assignments.csv", "charts", "model.json", "notebook.ipynb",
                          "personas.json", "personas.md", "profile.csv", "profile.xlsx", "report.html", "report.json",
                          "typing-tool.csv", "typing-tool.json", "typing-tool.md",
                          "typing-tool.sql", "typing-tool.xlsx"])

        var options = CSVOptions()
        options.schema = try Schema.load(from: schema)
        let table = try CSVReader.read(contentsOf: sample, options: options)
        let library = try Segmentation.run(table, SegmentationConfiguration(ks: [5], seed: 2))
        let assignments = try CSVReader.read(contentsOf: out.appendingPathComponent("assignments.csv"))
        let segments = try #require(assignments["segment"]?.numbers)
        #expect(segments.map { Int32($0) } == library.labels)
        let names = try #require(assignments["segment_name"])
        #expect((0..<table.rowCount).allSatisfy { names.text(atRow: $0) == library.model.segmentNames[Int(library.labels[$0])] })

        // The report and its charts are the library's, byte for byte (the page up to the model's
        // creation time), each chart drawn and embedded in the page.
        let report = SegmentationReport(library, table: table)
        let charts = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("charts").path).sorted()
        #expect(charts == ["customer-map.svg", "index-heatmap.svg", "segments.svg", "typing-tool.svg", "value-concentration.svg"])
        let page = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        for chart in report.charts {
            let written = try String(contentsOf: out.appendingPathComponent(chart.path), encoding: .utf8)
            #expect(written == chart.svg, "\(chart.path)")
            #expect(written.count > 2_000 && page.contains(written), "\(chart.path)")
        }
        #expect(page == report.html)
        for name in library.model.segmentNames { #expect(page.contains(name)) }

        // The saved model reassigns the same customers to the same segments.
        let assigned = directory.file("assigned.csv")
        let apply = try PersonasRun(["assign", out.appendingPathComponent("model.json").path, sample.path,
                                     "--out", assigned.path])
        #expect(apply.status == 0, "\(apply.stderr)")
        let reassigned = try CSVReader.read(contentsOf: assigned)
        #expect(try #require(reassigned["segment"]?.numbers) == segments)

        // The typing tool inside model.json types the customers from its few questions, mostly into
        // their segments (the library's hold-out accuracy says how often).
        let typed = directory.file("typed.csv")
        let byTool = try PersonasRun(["assign", out.appendingPathComponent("model.json").path, sample.path,
                                      "--typing-tool", "--out", typed.path])
        #expect(byTool.status == 0, "\(byTool.stderr)")
        let toolSegments = try #require(try CSVReader.read(contentsOf: typed)["segment"]?.numbers)
        let expected = try library.model.type(table)
        #expect(toolSegments.map { Int32($0) } == expected)
        let agreement = Double(zip(expected, library.labels).filter { $0 == $1 }.count) / Double(expected.count)
        #expect(agreement > 0.8)

        // export-sql writes the saved model's query; a missing model is a clear error.
        let modelURL = out.appendingPathComponent("model.json")
        let sqlURL = directory.file("scoring.sql")
        let export = try PersonasRun(["export-sql", modelURL.path, "--dialect", "sqlite", "--table", "hcps", "--out", sqlURL.path])
        #expect(export.status == 0, "\(export.stderr)")
        let saved = try SegmentationModel.load(from: modelURL)
        #expect(try String(contentsOf: sqlURL, encoding: .utf8) == saved.sql(table: "hcps", dialect: .sqlite))
        let toStdout = try PersonasRun(["export-sql", modelURL.path])
        #expect(toStdout.stdout == saved.sql(table: "customers", dialect: .ansi))
        let missing = try PersonasRun(["export-sql", directory.file("nope.json").path])
        #expect(missing.status != 0 && missing.stderr.contains("nope.json"))

        // An existing folder is not overwritten without --force.
        let again = try PersonasRun(["segment", sample.path, "--k", "3", "--quiet", "--out", out.path])
        #expect(again.status != 0 && again.stderr.contains("--force"))
    }
}

extension SegmentCLITests {
    @Test("Ward over a range of k: the choose-k curves and the dendrogram join the report and charts/")
    func wardRangeReport() throws {
        let directory = try TemporaryDirectory()
        // The sample's first 400 customers keep Ward and its bootstrap quick.
        let lines = try String(contentsOf: sample, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let small = directory.file("small.csv")
        try (lines.prefix(401).joined(separator: "\n") + "\n").write(to: small, atomically: true, encoding: .utf8)
        let out = directory.file("ward")
        let run = try PersonasRun(["segment", small.path, "--schema", schema.path, "--method", "ward", "--k", "2...4",
                                   "--bootstrap", "3", "--seed", "1", "--quiet", "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let charts = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("charts").path).sorted()
        #expect(charts == ["choose-k.svg", "customer-map.svg", "dendrogram.svg", "index-heatmap.svg", "segments.svg",
                           "typing-tool.svg", "value-concentration.svg"])
        let page = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        for name in ["choose-k.svg", "dendrogram.svg"] {
            // The top-level file is kept, and is the same drawing as in charts/ and the page.
            let top = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
            let chart = try String(contentsOf: out.appendingPathComponent("charts/" + name), encoding: .utf8)
            #expect(top == chart && page.contains(chart))
        }
        #expect(page.contains("id=\"choose-k\"") && page.contains("id=\"dendrogram\""))
    }
}

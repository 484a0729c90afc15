import Foundation
import PersonasData
import PersonasFiles
@testable import PersonasReports
import PersonasSegmentation
import PersonasTestSupport
import Testing

@Suite("Jupyter notebook")
struct NotebookTests {
    /// A folder like `personas segment`'s: model.json plus a chart and the typing tool's page.
    static func folder(in directory: TemporaryDirectory) throws -> (URL, SegmentationModel) {
        let sample = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples/hcp-sample.csv")
        var options = CSVOptions()
        options.schema = try Schema.load(from: sample.deletingPathExtension().appendingPathExtension("schema.json"))
        let table = try CSVReader.read(contentsOf: sample, options: options)
        var configuration = SegmentationConfiguration(ks: [4], restarts: 1, seed: 5)
        configuration.typingTool = nil
        let model = try Segmentation.run(table, configuration).model
        let folder = directory.file("segments")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("charts"), withIntermediateDirectories: true)
        try model.jsonData().write(to: folder.appendingPathComponent("model.json"))
        try "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"3\" height=\"4\"/></svg>\n"
            .write(to: folder.appendingPathComponent("charts/segments.svg"), atomically: true, encoding: .utf8)
        try "# Typing tool\n\n## Tree\n\n- Ask this → **Segment 1**\n"
            .write(to: folder.appendingPathComponent("typing-tool.md"), atomically: true, encoding: .utf8)
        return (folder, model)
    }

    @Test("nbformat 4.5 layout, every persona told, charts embedded as the files' exact SVG")
    func story() throws {
        let directory = try TemporaryDirectory()
        let (folder, model) = try Self.folder(in: directory)
        let notebook = try SegmentationNotebook.build(SegmentationFolder.read(folder), dataPath: "../segments")
        let json = try #require(try JSONSerialization.jsonObject(with: notebook.jsonData()) as? [String: Any])
        #expect(json["nbformat"] as? Int == 4 && json["nbformat_minor"] as? Int == 5)
        let kernel = (json["metadata"] as? [String: Any])?["kernelspec"] as? [String: String]
        #expect(kernel?["name"] == "python3")
        let cells = try #require(json["cells"] as? [[String: Any]])
        #expect(cells.count == notebook.cells.count)

        var ids = Set<String>(), markdown = "", code = "", svgs: [String] = []
        for cell in cells {
            let id = try #require(cell["id"] as? String)
            #expect(id.range(of: "^[A-Za-z0-9_-]{1,64}$", options: .regularExpression) != nil)
            ids.insert(id)
            let source = try #require(cell["source"] as? [String])
            #expect(source.dropLast().allSatisfy { $0.hasSuffix("\n") } && source.allSatisfy { $0.dropLast().contains("\n") == false })
            switch cell["cell_type"] as? String {
            case "markdown":
                markdown += source.joined()
                #expect(cell["outputs"] == nil)
            case "code":
                code += source.joined()
                #expect(cell["execution_count"] is NSNull)
                for output in try #require(cell["outputs"] as? [[String: Any]]) {
                    #expect(output["output_type"] as? String == "display_data")
                    let data = try #require(output["data"] as? [String: [String]])
                    svgs.append(try #require(data["image/svg+xml"]).joined())
                }
            default:
                Issue.record("unexpected cell \(cell)")
            }
        }
        #expect(ids.count == cells.count, "cell ids must be unique")
        for name in model.segmentNames { #expect(markdown.contains(name)) }
        #expect(markdown.contains("## The typing tool") && markdown.contains("**Segment 1**"))
        #expect(markdown.contains("personas assign ../segments/model.json"))
        #expect(code.contains("SEGMENTS = Path(\"../segments\")") && code.contains("pd.read_csv(SEGMENTS / \"assignments.csv\", dtype={\"hcp_id\": str})"))
        // The one chart in the folder, embedded byte for byte; charts not in the folder are skipped.
        let chart = try String(contentsOf: folder.appendingPathComponent("charts/segments.svg"), encoding: .utf8)
        #expect(svgs == [chart])
        #expect(!code.contains("customer-map.svg"))
        // The same folder gives the same bytes.
        #expect(try SegmentationNotebook.build(SegmentationFolder.read(folder), dataPath: "../segments").jsonData() == notebook.jsonData())
    }

    @Test("A folder without model.json is refused, naming the missing file")
    func missingModel() throws {
        let directory = try TemporaryDirectory()
        let error = #expect(throws: FolderError.self) { try SegmentationFolder.read(directory.url) }
        #expect(error?.kind == .missingFile("model.json"))
        #expect(error?.description.contains("has no model.json") == true)
    }

    // Before this change the identifier column was read as numbers (00001 became 1, so the ids no
    // longer joined back) and a newline in a name ended the Python string literal and its line.
    @Test("the code cells read identifiers as text, and names become Python literals that cannot end early")
    func pythonLiterals() throws {
        let directory = try TemporaryDirectory()
        let (folder, _) = try Self.folder(in: directory)
        let notebook = try SegmentationNotebook.build(SegmentationFolder.read(folder), dataPath: "../segments")
        let code = String(decoding: try notebook.jsonData(), as: UTF8.self)
        #expect(code.contains(#"pd.read_csv(SEGMENTS / \"assignments.csv\", dtype={\"hcp_id\": str})"#))
        #expect(SegmentationNotebook.python("a\"b\\c") == #""a\"b\\c""#)
        #expect(SegmentationNotebook.python("x\nimport os\u{1B}\u{2028}") == #""x\u000aimport os\u001b\u2028""#)
    }

    @Test("Relative paths from the notebook's folder to the data", arguments: [
        ("/a/b/segments", "/a/b/notebooks", "../segments"),
        ("/a/b/segments", "/a/b/segments", "."),
        ("/a/b/out/x/segments", "/a/b", "out/x/segments"),
        ("/x/y", "/a/b/c", "../../../x/y"),
    ])
    func relativePaths(destination: String, base: String, expected: String) {
        #expect(SegmentationNotebook.relativePath(to: URL(fileURLWithPath: destination), from: URL(fileURLWithPath: base)) == expected)
    }
}

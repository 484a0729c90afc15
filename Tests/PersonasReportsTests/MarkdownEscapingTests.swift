import Foundation
import PersonasData
import PersonasProfiles
import PersonasFiles
import PersonasReports
import PersonasSegmentation
import PersonasTestSupport
import Testing

/// Issue 18, escaping: a level or a column name holding HTML, script or Markdown stays text in
/// every Markdown Personas writes (personas.md, typing-tool.md, choose-k.md, the notebook's cells).
@Suite("Markdown outputs keep data text inert")
struct MarkdownEscapingTests {
    static let script = "<script>alert(1)</script>"
    static let image = "<img src=x onerror=alert(1)>"

    /// The planted customers with `kind` named `<script>…` and its levels (no labels) holding an
    /// image handler, a line break with Markdown in it, and a heading.
    static func table() -> DataTable {
        let planted = PlantedCustomers.table()
        let columns = planted.columns.map { column in
            var column = column
            guard column.name == "kind", case .levels(let codes, _) = column.values else { return column }
            column = Column(name: column.name, type: column.type, role: column.role,
                            values: .levels(codes: codes, levels: [image, "line\nbreak | *b* [l](javascript:x)", "# heading"]),
                            displayName: script)
            return column
        }
        return DataTable(source: planted.source, columns: columns, rowCount: planted.rowCount)
    }

    /// No HTML tag of any kind: every `<` of the data is `&lt;` (the documents' own `<` are
    /// comparisons like `< 0.001`, followed by a space).
    static func tags(_ markdown: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: "<[A-Za-z/!?]")
        return regex.matches(in: markdown, range: NSRange(markdown.startIndex..., in: markdown)).map {
            String(markdown[Range($0.range, in: markdown)!])
        }
    }

    /// Table rows that a line break in the data broke: a line of a table (it starts with `|`)
    /// must end with `|`, and no line may start with the text after the break.
    static func brokenRows(_ markdown: String) -> [String] {
        markdown.components(separatedBy: "\n").filter {
            ($0.hasPrefix("|") && !$0.hasSuffix("|")) || $0.hasPrefix("break")
        }
    }

    // Fails on main before this change: personas.md and typing-tool.md held `<script>` and
    // `<img … onerror=…>` as they are, and the level's line break split a table row.
    @Test("personas.md, typing-tool.md, choose-k.md and the notebook's Markdown cells: no tag, no broken row, no heading from data")
    func everyMarkdown() throws {
        let table = Self.table()
        let result = try PlantedCustomers.segmentation(table, ks: [2, 3])
        let model = result.model
        // The payloads reach the names, so the documents carry them.
        #expect(model.segmentNames.contains { $0.contains(Self.image) || $0.contains("# heading") || $0.contains("line\nbreak") })
        // The delivered tool need not ask about `kind` (issue 20 drops splits with identical sides), so
        // typing-tool.md is written for a tool asking only that column, its leaves named by the personas.
        var tree = try TypingTool.build(TreeDataset(table: table, columns: ["kind"]),
                                        labels: TreeLabels(segments: result.labels.map { Int($0) })).tree
        tree.segmentNames = tree.classLabels.map { model.segmentNames[Int($0)!] }
        let choice = try #require(result.chooseK)
        var documents = [
            "personas.md": PersonasMarkdown.render(model.personas),
            "typing-tool.md": tree.markdown(),
            "choose-k.md": ChooseKMarkdown.render(choice),
        ]

        let directory = try TemporaryDirectory()
        let folder = directory.file("segments")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try model.jsonData().write(to: folder.appendingPathComponent("model.json"))
        try Data(documents["typing-tool.md"]!.utf8).write(to: folder.appendingPathComponent("typing-tool.md"))
        try Data(documents["choose-k.md"]!.utf8).write(to: folder.appendingPathComponent("choose-k.md"))
        let notebook = SegmentationNotebook.build(try SegmentationFolder.read(folder), dataPath: ".")
        documents["notebook"] = notebook.cells.compactMap {
            if case .markdown(let text) = $0 { return text } else { return nil }
        }.joined(separator: "\n\n")

        for (name, markdown) in documents {
            #expect(Self.tags(markdown).isEmpty, "\(name): \(Self.tags(markdown))")
            #expect(!markdown.contains("onerror=alert(1)>"), "\(name)")
            #expect(Self.brokenRows(markdown).isEmpty, "\(name): \(Self.brokenRows(markdown))")
            #expect(!markdown.components(separatedBy: "\n").contains { $0.range(of: "^#+ # heading", options: .regularExpression) != nil },
                    "\(name): a level opened a heading")
            #expect(!markdown.contains("[l](javascript:x)"), "\(name): a level made a link")
        }
        for name in ["personas.md", "typing-tool.md", "notebook"] {
            #expect(documents[name]!.contains("&lt;img src=x onerror=alert(1)&gt;"), "\(name) shows the level as text")
            #expect(documents[name]!.contains(#"line break \| \*b\* \[l\](javascript:x)"#), "\(name)")
        }
        // The column name is a trait of a segment (personas.md) and a question (typing-tool.md).
        #expect(documents["personas.md"]!.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(documents["typing-tool.md"]!.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }
}

import Foundation
import PersonasData
import PersonasSegmentation
import PersonasTestSupport
import Testing

@Suite("personas rename: the analyst's last word")
struct RenameCLITests {
    private let sample = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/hcp-sample.csv")
    private var schema: URL { sample.deletingPathExtension().appendingPathExtension("schema.json") }

    private func segment(_ out: URL, _ extra: [String] = []) throws {
        let run = try PersonasRun(["segment", sample.path, "--schema", schema.path, "--k", "4", "--seed", "3", "--quiet",
                                   "--out", out.path] + extra)
        #expect(run.status == 0, "\(run.stderr)")
    }

    /// Every file under `folder` (relative path → bytes), the manifest included.
    private func files(_ folder: URL) throws -> [String: Data] {
        var found: [String: Data] = [:]
        let enumerator = try #require(FileManager.default.enumerator(atPath: folder.path))
        while let path = enumerator.nextObject() as? String {
            var isFolder: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
                found[path] = try Data(contentsOf: url)
            }
        }
        return found
    }

    /// `data` with `names` (quoted, Markdown- and XML-escaped too) and then every word of `wordsOf`
    /// masked, a word cut short by a chart ("man…") masked, and every ISO 8601 time masked (before the words). Masking
    /// the words, not only whole names, reaches a name a chart wrapped over two lines; both sides of
    /// a comparison mask the words of the old and the new names alike.
    private func masked(_ data: Data, names: [String], wordsOf: [String] = []) -> String {
        // Times first: a name's word may also be a run of digits ("50"), and masking it inside a
        // time would leave the time unmatched and the comparison at the mercy of the clock.
        var text = String(decoding: data, as: UTF8.self)
            .replacingOccurrences(of: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"#, with: "⟦time⟧", options: .regularExpression)
        for name in names.sorted(by: { $0.count > $1.count }) {
            let xml = name.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;")
            for form in ["\"\(name)\"", name, MarkdownText.escaped(name), xml] {
                text = text.replacingOccurrences(of: form, with: "⟦name⟧")
            }
        }
        let words = Set(wordsOf.flatMap { $0.split(separator: " ").map(String.init) }).sorted { $0.count > $1.count }
        for word in words {
            text = text.replacingOccurrences(of: "(?<![\\w,()])" + NSRegularExpression.escapedPattern(for: word) + "(?![\\w,()])",
                                             with: "⟦word⟧", options: .regularExpression)
        }
        return text.replacingOccurrences(of: "[^\\s>\"]*…", with: "⟦cut⟧", options: .regularExpression)
    }

    /// The recorded edit (`"edited"`, `"originalName"`) taken out of a JSON file.
    private func withoutEditRecord(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains(#""edited" : true"#) && !$0.contains(#""originalName" : "#) }.joined(separator: "\n")
    }

    /// The worksheets of a workbook (its core properties hold the time it was written), or nil without unzip.
    private func sheets(_ data: Data, in directory: TemporaryDirectory) throws -> String? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/unzip") else { return nil }
        let file = directory.file("\(UUID().uuidString).xlsx")
        try data.write(to: file)
        let process = Process(), out = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        process.arguments = ["-p", file.path, "xl/*"]
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text
    }

    /// Issue 21, the analyst's last word. Fails on main before this change: there was no `rename`
    /// command and no `segment --names`.
    @Test("renaming then rebuilding changes the names in every document and nothing else")
    func renameThenRebuild() throws {
        let directory = try TemporaryDirectory()
        let original = directory.file("original")
        try segment(original)
        let names = try SegmentationModel.load(from: original.appendingPathComponent("model.json")).segmentNames
        #expect(names.count == 4)
        // Each new name is the old one with every word reversed: the same characters and word
        // lengths, so every chart lays out and wraps it the same, and any difference left after
        // masking the names is a real one.
        let renamed = names.map { $0.split(separator: " ").map { String($0.reversed()) }.joined(separator: " ") }
        #expect(Set(renamed).isDisjoint(with: names))
        let edits = directory.file("names.json")
        try JSONSerialization.data(withJSONObject: renamed.enumerated().map { ["segment": $0, "name": $1] as [String: Any] })
            .write(to: edits)

        // The rebuild: the same segmentation with the edits.
        let rebuilt = directory.file("rebuilt")
        try segment(rebuilt, ["--names", edits.path])
        let before = try files(original), after = try files(rebuilt)
        #expect(before.keys.sorted() == after.keys.sorted())
        #expect(before.count >= 14)
        for (path, old) in before {
            let new = try #require(after[path])
            // Every document showing the names changed (the workbook is compressed: it only has to change).
            if path != ".personas-manifest.json" && path != "typing-tool.sql" { #expect(new != old, "\(path) is unchanged") }
            if path.hasSuffix(".xlsx") { continue }
            // The edit is recorded in model.json and personas.json, and nothing else differs.
            #expect(masked(old, names: names, wordsOf: names + renamed)
                    == withoutEditRecord(masked(new, names: renamed, wordsOf: names + renamed)),
                    "\(path) differs beyond names and times")
        }

        // rename: the same edits on a copy of the original, without refitting. What it rebuilds is
        // the rebuild's byte for byte (model.json up to its creation time); report.html and the
        // charts are left as they were.
        let copy = directory.file("copy")
        try FileManager.default.copyItem(at: original, to: copy)
        let run = try PersonasRun(["rename", copy.path, "--names", edits.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("report.html"))
        let renamedFiles = try files(copy)
        #expect(renamedFiles.keys.sorted() == before.keys.sorted())
        for (path, data) in renamedFiles {
            if path == "report.html" || path.hasPrefix("charts/") {
                #expect(data == before[path], "\(path)")
            } else if path.hasSuffix(".xlsx") {
                #expect(try sheets(data, in: directory) == sheets(after[path]!, in: directory), "\(path)")
            } else if path != "notebook.ipynb" {
                #expect(masked(data, names: []) == masked(after[path]!, names: []), "\(path): rename and rebuild differ")
            }
        }
        let model = try SegmentationModel.load(from: copy.appendingPathComponent("model.json"))
        #expect(model.segmentNames == renamed && model.typingTool?.segmentNames == renamed)
        #expect(model.personas.personas.allSatisfy { $0.edited == true && $0.originalName == names[$0.segment] })
    }

    /// Issue 21, the analyst's last word. Fails on main before this change: there was no `rename`.
    @Test("rename edits one persona's description and tier, and a later rename keeps the earlier edit")
    func editsAddUp() throws {
        let directory = try TemporaryDirectory()
        let folder = directory.file("seg")
        try segment(folder, ["--no-typing-tool"])
        let first = try PersonasRun(["rename", folder.path, "--segment", "1", "--name", "Busy & loyal",
                                     "--description", "Our best friends.", "--tier", "Grow"])
        #expect(first.status == 0, "\(first.stderr)")
        let second = try PersonasRun(["rename", folder.path, "--segment", "2", "--channel", "webinars"])
        #expect(second.status == 0, "\(second.stderr)")
        let model = try SegmentationModel.load(from: folder.appendingPathComponent("model.json"))
        #expect(model.segmentNames[1] == "Busy & loyal" && model.segmentTiers[1] == "Grow" && model.segmentChannels[2] == "webinars")
        #expect(model.personas.personas[1].narrative == "Our best friends." && model.personas.personas[2].edited == true)
        let assignments = try CSVReader.read(contentsOf: folder.appendingPathComponent("assignments.csv"))
        let segments = try #require(assignments["segment"]), tiers = try #require(assignments["segment_tier"])
        let namesColumn = try #require(assignments["segment_name"])
        for row in 0..<assignments.rowCount where segments.text(atRow: row) == "1" {
            #expect(namesColumn.text(atRow: row) == "Busy & loyal" && tiers.text(atRow: row) == "Grow")
        }
        let markdown = try String(contentsOf: folder.appendingPathComponent("personas.md"), encoding: .utf8)
        #expect(markdown.contains("Our best friends.") && markdown.contains("webinars"))
        // The folder's manifest still lists exactly what it holds: segment --force may replace it.
        let again = try PersonasRun(["segment", sample.path, "--k", "2", "--quiet", "--no-typing-tool", "--force",
                                     "--out", folder.path])
        #expect(again.status == 0, "\(again.stderr)")
    }

    /// Issue 21, the analyst's last word. Fails on main before this change: there was no `rename`.
    @Test("rename refuses bad edits and foreign folders with a clear message, leaving the folder as it was")
    func badInput() throws {
        let directory = try TemporaryDirectory()
        let folder = directory.file("seg")
        try segment(folder, ["--no-typing-tool"])
        let before = try files(folder)
        let names = try SegmentationModel.load(from: folder.appendingPathComponent("model.json")).segmentNames
        func refused(_ arguments: [String], _ message: String) throws {
            let run = try PersonasRun(["rename"] + arguments)
            #expect(run.status != 0 && run.stderr.contains(message) && !run.stderr.contains("Fatal error"),
                    "\(arguments): \(run.stderr)")
        }
        try refused([folder.path, "--segment", "9", "--name", "X"], "segment 9 is not one of the personas")
        try refused([folder.path, "--segment", "0", "--name", names[1]], "would both be named")
        try refused([folder.path, "--segment", "0", "--name", "  "], "the name of segment 0 is empty")
        try refused([folder.path, "--segment", "0"], "give --name, --description, --tier or --channel")
        let twice = directory.file("twice.json")
        try Data(#"[{"segment": 0, "name": "A"}, {"segment": 0, "tier": "Grow"}]"#.utf8).write(to: twice)
        try refused([folder.path, "--names", twice.path], "segment 0 is edited twice")
        let broken = directory.file("broken.json")
        try Data(#"[{"segment": 0, "name": "A"},"#.utf8).write(to: broken)
        try refused([folder.path, "--names", broken.path], "broken.json: not a names file")
        try refused([directory.file("nowhere").path, "--segment", "0", "--name", "A"], "has no model.json")
        #expect(try files(folder) == before)
        // A file Personas did not write: refused, never deleted.
        try Data("mine".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        try refused([folder.path, "--segment", "0", "--name", "A"], "notes.txt, which personas did not write")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("notes.txt").path))
    }
}

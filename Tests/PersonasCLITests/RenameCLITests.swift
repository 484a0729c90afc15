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

    /// Every form `text` takes in the folder's files: as it is, escaped for XML (the report and the
    /// charts; the typing tool's page escapes only `&`, `<` and `>`) and for Markdown (at the start
    /// of a line or within it), in a CSV field (a formula neutralised, quotes doubled), and each of
    /// these inside a JSON string (the notebook holds the Markdown and the charts).
    private func forms(_ text: String) -> [String] {
        let minimal = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
        let xml = minimal.replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&apos;")
        let csv = (text.first.map { "=+-@".contains($0) } == true ? "'" + text : text).replacingOccurrences(of: "\"", with: "\"\"")
        let plain = [text, minimal, xml, MarkdownText.escaped(text), String(MarkdownText.escaped("a" + text).dropFirst()), csv,
                     text.replacingOccurrences(of: "\"", with: "\"\"")]
        return plain + plain.map { $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") }
    }

    /// `data` with every form of `texts` (names, descriptions, tiers, channels: the old and the new
    /// alike on both sides of a comparison) and then of each word of `names` masked, a word cut
    /// short by a chart ("man…") masked, each tier's and channel's share of the members (which an
    /// edited tier or channel changes) masked, and every ISO 8601 time masked (first). Masking the
    /// words, not only whole names, reaches a name a chart wrapped over two lines.
    private func masked(_ data: Data, texts: [String], names: [String] = []) -> String {
        // Times first: a name's word may be a number ("25 to 34 years") found in a time too.
        var text = String(decoding: data, as: UTF8.self)
            .replacingOccurrences(of: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"#, with: "⟦time⟧", options: .regularExpression)
        for form in Set(texts.flatMap(forms)).sorted(by: { ($0.count, $0) > ($1.count, $1) }) where !form.isEmpty {
            text = text.replacingOccurrences(of: form, with: "⟦text⟧")
        }
        let words = Set(names.flatMap { $0.split(separator: " ").map(String.init) }.flatMap(forms))
            .sorted { ($0.count, $0) > ($1.count, $1) }
        for word in words {
            text = text.replacingOccurrences(of: "(?<![\\w,()])" + NSRegularExpression.escapedPattern(for: word) + "(?![\\w,()])",
                                             with: "⟦word⟧", options: .regularExpression)
        }
        return text.replacingOccurrences(of: "[^\\s>\"]*…", with: "⟦cut⟧", options: .regularExpression)
            .replacingOccurrences(of: #"\(\d+(\.\d+)?% of members\)"#, with: "⟦share⟧", options: .regularExpression)
            .replacingOccurrences(of: #""(tier|channel)Share" : [-0-9.e]+"#, with: "⟦share⟧", options: .regularExpression)
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
    /// command and no `segment --names`; then (changed with rename drawing the report again) rename
    /// left report.html and the charts as they were, and warned that it did.
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
            if ![".personas-manifest.json", "typing-tool.sql", "report.json"].contains(path) { #expect(new != old, "\(path) is unchanged") }
            if path.hasSuffix(".xlsx") { continue }
            // The edit is recorded in model.json and personas.json, and nothing else differs.
            #expect(masked(old, texts: names + renamed, names: names + renamed)
                    == withoutEditRecord(masked(new, texts: names + renamed, names: names + renamed)),
                    "\(path) differs beyond names and times")
        }

        // rename: the same edits on a copy of the original, without refitting, give the rebuild.
        let copy = directory.file("copy")
        try FileManager.default.copyItem(at: original, to: copy)
        let run = try PersonasRun(["rename", copy.path, "--names", edits.path])
        #expect(run.status == 0 && run.stderr.isEmpty, "\(run.stderr)")
        try expectSame(copy, rebuilt, in: directory)
        let model = try SegmentationModel.load(from: copy.appendingPathComponent("model.json"))
        #expect(model.segmentNames == renamed && model.typingTool?.segmentNames == renamed)
        #expect(model.personas.personas.allSatisfy { $0.edited == true && $0.originalName == names[$0.segment] })
    }

    /// Expects `folder` to hold what `reference` holds, file by file, times aside (a workbook's
    /// worksheets, since its properties hold the time it was written), the manifest included.
    private func expectSame(_ folder: URL, _ reference: URL, in directory: TemporaryDirectory) throws {
        let found = try files(folder), expected = try files(reference)
        #expect(found.keys.sorted() == expected.keys.sorted())
        for (path, data) in found {
            guard let wanted = expected[path] else { continue }
            if path.hasSuffix(".xlsx") {
                #expect(try sheets(data, in: directory) == sheets(wanted, in: directory), "\(path)")
            } else {
                #expect(masked(data, texts: []) == masked(wanted, texts: []), "\(path): rename and rebuild differ")
            }
        }
    }

    /// A segmentation over a range of k (so the choice of k is in the report too), kept small.
    private func segmentRange(_ out: URL, _ extra: [String] = []) throws {
        let run = try PersonasRun(["segment", sample.path, "--schema", schema.path, "--k", "3...4", "--bootstrap", "2",
                                   "--gap-refs", "0", "--seed", "5", "--quiet", "--out", out.path] + extra)
        #expect(run.status == 0, "\(run.stderr)")
    }

    /// A name of the same word lengths as `name` (so every chart lays it out the same) made of
    /// `=1+1`, `<script>`, a quote and an ampersand, padded with "x"; nil when `name` is too short
    /// to hold them all.
    private func hostileName(shaped name: String) -> String? {
        var pieces = ["=1+1", "<script>", "\"", "&"]
        let words = name.split(separator: " ").map { word -> String in
            var out = ""
            while let next = pieces.first, out.count + next.count <= word.count {
                out += next
                pieces.removeFirst()
            }
            return out + String(repeating: "x", count: word.count - out.count)
        }
        return pieces.isEmpty ? words.joined(separator: " ") : nil
    }

    /// The edits of the two tests below, written to names.json: a hostile name for the segment
    /// whose name can hold it, and another segment's name (its words reversed), description, tier
    /// and channel. Returns the file, every text the edits replace or bring, the old and new names
    /// among them, and the hostile name.
    private func hostileEdits(_ folder: URL, in directory: TemporaryDirectory)
    throws -> (file: URL, texts: [String], names: [String], hostile: String) {
        let model = try SegmentationModel.load(from: folder.appendingPathComponent("model.json"))
        let (hostileSegment, hostile) = try #require(model.segmentNames.enumerated().lazy.compactMap { j, name in
            self.hostileName(shaped: name).map { (j, $0) }
        }.first)
        let other = hostileSegment == 0 ? 1 : 0
        let otherName = model.segmentNames[other].split(separator: " ").map { String($0.reversed()) }.joined(separator: " ")
        let tier = model.segmentTiers[other] == "Grow" ? "Keep" : "Grow"
        let edits: [[String: Any]] = [
            ["segment": hostileSegment, "name": hostile],
            ["segment": other, "name": otherName, "description": "Loyal & busy: they answer \"every\" call.", "tier": tier,
             "channel": "webinars & <b>events</b>"],
        ]
        let file = directory.file("names.json")
        try JSONSerialization.data(withJSONObject: edits).write(to: file)
        let persona = try #require(model.personas.personas.first { $0.segment == other })
        let names = [model.segmentNames[hostileSegment], hostile, model.segmentNames[other], otherName]
        let texts = names + [persona.narrative, "Loyal & busy: they answer \"every\" call.", tier, "webinars & <b>events</b>"]
            + [model.segmentTiers[other], model.segmentChannels[other]].compactMap { $0 }
        return (file, texts, names, hostile)
    }

    /// Issue 21, the analyst's last word. Fails on main before this change: report.html and the
    /// charts kept the earlier names (rename did not draw them again).
    @Test("rename changes the names, description, tier and channel in every document and nothing else")
    func renameChangesOnlyTheEdits() throws {
        let directory = try TemporaryDirectory()
        let folder = directory.file("seg")
        try segmentRange(folder)
        let before = try files(folder)
        let (edits, texts, names, hostile) = try hostileEdits(folder, in: directory)
        let run = try PersonasRun(["rename", folder.path, "--names", edits.path])
        #expect(run.status == 0 && run.stderr.isEmpty, "\(run.stderr)")
        let after = try files(folder)
        #expect(after.keys.sorted() == before.keys.sorted())
        // Only what shows no persona name, tier or channel is left as it was.
        let unchanged = Set(before.keys.filter { before[$0] == after[$0] })
        #expect(unchanged == [".personas-manifest.json", "choose-k.md", "choose-k.svg", "charts/choose-k.svg",
                              "report.json", "typing-tool.sql"])
        for (path, old) in before where !path.hasSuffix(".xlsx") {
            #expect(masked(old, texts: texts, names: names) == withoutEditRecord(masked(after[path]!, texts: texts, names: names)),
                    "\(path) differs beyond the edits and times")
        }
        // The page shows the hostile name as text, escaped, never as markup.
        let html = String(decoding: try #require(after["report.html"]), as: UTF8.self)
        let escaped = hostile.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        #expect(html.contains(escaped) && !html.contains("<script>") && !html.contains("<b>events"))
        for path in after.keys where path.hasSuffix(".svg") || path == "notebook.ipynb" {
            #expect(!String(decoding: after[path]!, as: UTF8.self).contains("<script>"), "\(path)")
        }
    }

    /// Issue 21, the analyst's last word. Fails on main before this change: rename left report.html,
    /// the charts and the notebook's charts as they were, unlike `segment --names`.
    @Test("the folder after rename is what segment --names writes with the same options and seed")
    func renameEqualsSegmentWithNames() throws {
        let directory = try TemporaryDirectory()
        let folder = directory.file("seg")
        try segmentRange(folder)
        let (edits, _, _, _) = try hostileEdits(folder, in: directory)
        let run = try PersonasRun(["rename", folder.path, "--names", edits.path])
        #expect(run.status == 0 && run.stderr.isEmpty, "\(run.stderr)")
        let fresh = directory.file("fresh")
        try segmentRange(fresh, ["--names", edits.path])
        try expectSame(folder, fresh, in: directory)
    }

    /// Issue 21, the analyst's last word. Fails on main before this change: rename did not draw
    /// the report, so it neither needed nor checked its figures.
    @Test("rename refuses a folder whose report has no figures (an earlier version's), leaving it as it was")
    func reportWithoutFigures() throws {
        let directory = try TemporaryDirectory()
        let folder = directory.file("seg")
        try segment(folder, ["--no-typing-tool"])
        try FileManager.default.removeItem(at: folder.appendingPathComponent("report.json"))
        let manifest = folder.appendingPathComponent(".personas-manifest.json")
        var listed = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: manifest)) as? [String: Any])
        listed["files"] = (listed["files"] as? [String])?.filter { $0 != "report.json" }
        try JSONSerialization.data(withJSONObject: listed).write(to: manifest)
        let before = try files(folder)
        let run = try PersonasRun(["rename", folder.path, "--segment", "0", "--name", "A"])
        #expect(run.status != 0 && run.stderr.contains("has no report.json, the figures report.html is drawn from")
                && run.stderr.contains("personas segment FILE --names names.json --force"), "\(run.stderr)")
        #expect(try files(folder) == before)
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

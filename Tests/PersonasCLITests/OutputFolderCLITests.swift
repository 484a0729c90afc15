import Foundation
import PersonasData
import PersonasTestSupport
import Testing

/// Every command that writes a folder stages it, refuses an existing one without --force, and
/// with --force replaces only a folder holding nothing but its own earlier output.
@Suite("Output folders: staging, --force, lock and file names")
struct OutputFolderCLITests {
    static let sample = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/hcp-sample.csv")
    static let schema = sample.deletingPathExtension().appendingPathExtension("schema.json")

    /// The sample's first 400 customers (quick for every command) and a labels file for them.
    static func smallInputs(_ directory: TemporaryDirectory) throws -> (table: URL, labels: URL) {
        let lines = try String(contentsOf: sample, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let table = directory.file("small.csv")
        try (lines.prefix(401).joined(separator: "\n") + "\n").write(to: table, atomically: true, encoding: .utf8)
        let kmeans = try PersonasRun(["kmeans", table.path, "--schema", schema.path, "--k", "3", "--out",
                                      directory.file("labelled").path])
        #expect(kmeans.status == 0, "\(kmeans.stderr)")
        return (table, directory.file("labelled/labels.csv"))
    }

    /// Each folder-writing command on the small inputs, writing to `out`.
    static func commands(_ table: URL, _ labels: URL, _ out: URL) -> [String: [String]] {
        let input = [table.path, "--schema", schema.path]
        return [
            "kmeans": ["kmeans"] + input + ["--k", "3", "--out", out.path],
            "kmeans minibatch": ["kmeans"] + input + ["--k", "3", "--algorithm", "minibatch", "--out", out.path],
            "hclust": ["hclust"] + input + ["--k", "3", "--out", out.path],
            "choose-k": ["choose-k"] + input + ["--k", "2...3", "--bootstrap", "2", "--gap-refs", "0", "--out", out.path],
            "profile": ["profile"] + input + ["--labels", labels.path, "--out", out.path],
            "typing-tool": ["typing-tool"] + input + ["--labels", labels.path, "--out", out.path],
            "segment": ["segment"] + input + ["--k", "3", "--bootstrap", "2", "--quiet", "--out", out.path],
        ]
    }

    // Fails on main before this change: kmeans, hclust, choose-k, profile and typing-tool wrote
    // into an existing folder silently and had no --force.
    @Test("Every folder-writing command refuses an existing folder without --force and replaces its own with it")
    func refuseAndForce() throws {
        let directory = try TemporaryDirectory()
        let (table, labels) = try Self.smallInputs(directory)
        for (name, arguments) in Self.commands(table, labels, directory.file("out")).sorted(by: { $0.key < $1.key }) {
            let out = directory.file("out")
            try? FileManager.default.removeItem(at: out)
            let first = try PersonasRun(arguments)
            #expect(first.status == 0, "\(name): \(first.stderr)")
            let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent(".personas-manifest.json")))
            #expect((manifest as? [String: Any])?["command"] as? String == name.components(separatedBy: " ")[0])

            let again = try PersonasRun(arguments)
            #expect(again.status != 0 && again.stderr.contains("already holds files") && again.stderr.contains("--force"),
                    "\(name): \(again.stderr)")
            let forced = try PersonasRun(arguments + ["--force"])
            #expect(forced.status == 0, "\(name): \(forced.stderr)")
            #expect(try InterruptionCLITests.hidden(directory.url).isEmpty, "\(name) left a hidden file")
        }
    }

    // Fails on main before this change: segment --force wiped a folder holding thesis.tex because
    // it also held a model.json, and the other commands had no --force.
    @Test("--force refuses a folder holding a file personas did not write, naming it, and leaves it intact")
    func foreignFile() throws {
        let directory = try TemporaryDirectory()
        let (table, labels) = try Self.smallInputs(directory)
        let out = directory.file("out")
        for (name, arguments) in Self.commands(table, labels, out).sorted(by: { $0.key < $1.key }) {
            try? FileManager.default.removeItem(at: out)
            #expect(try PersonasRun(arguments).status == 0, "\(name)")
            try "\\documentclass{article}".write(to: out.appendingPathComponent("thesis.tex"), atomically: true, encoding: .utf8)
            let before = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
            let refused = try PersonasRun(arguments + ["--force"])
            #expect(refused.status != 0 && refused.stderr.contains("thesis.tex") && refused.stderr.contains("did not write"),
                    "\(name): \(refused.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == before)
        }
        // A folder from before the manifest (model.json, no manifest) is refused too, with advice.
        let old = directory.file("old")
        try FileManager.default.createDirectory(at: old, withIntermediateDirectories: true)
        try "{}".write(to: old.appendingPathComponent("model.json"), atomically: true, encoding: .utf8)
        let refused = try PersonasRun(["segment", table.path, "--k", "3", "--quiet", "--force", "--out", old.path])
        #expect(refused.status != 0 && refused.stderr.contains(".personas-manifest.json")
                && refused.stderr.contains("remove it yourself"), "\(refused.stderr)")
        #expect(FileManager.default.fileExists(atPath: old.appendingPathComponent("model.json").path))
    }

    // Fails on main before this change: segment --force deleted the --schema file it was reading
    // from inside the output folder.
    @Test("--force never deletes an input: a --schema file inside the output folder refuses the run")
    func inputInside() throws {
        let directory = try TemporaryDirectory()
        let (table, _) = try Self.smallInputs(directory)
        let out = directory.file("out")
        #expect(try PersonasRun(["segment", table.path, "--schema", Self.schema.path, "--k", "3", "--quiet",
                                 "--out", out.path]).status == 0)
        let inside = out.appendingPathComponent("my-schema.json")
        try FileManager.default.copyItem(at: Self.schema, to: inside)
        let refused = try PersonasRun(["segment", table.path, "--schema", inside.path, "--k", "3", "--quiet", "--force",
                                       "--out", out.path])
        #expect(refused.status != 0 && refused.stderr.contains("my-schema.json, an input of this run"), "\(refused.stderr)")
        #expect(FileManager.default.fileExists(atPath: inside.path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("model.json").path))
    }

    // Fails on main before this change: both runs wrote the folder, the later one replacing the first's.
    @Test("Two runs writing one folder at once: one fails at once naming the other run, the other's output is whole")
    func concurrentRuns() throws {
        let directory = try TemporaryDirectory()
        let data = directory.file("large.csv"), schema = directory.file("large.schema.json")
        let generated = try PersonasRun(["generate", "--rows", "200000", "--seed", "4", "--out", data.path,
                                         "--schema-out", schema.path])
        #expect(generated.status == 0, "\(generated.stderr)")
        let out = directory.file("out")
        func start(_ seed: String, _ stderr: URL) throws -> Process {
            let process = Process()
            process.executableURL = PersonasRun.executable
            process.arguments = ["kmeans", data.path, "--schema", schema.path, "--k", "8", "--seed", seed, "--out", out.path]
            var environment = ProcessInfo.processInfo.environment
            environment["PERSONAS_NO_REEXEC"] = "1"
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            FileManager.default.createFile(atPath: stderr.path, contents: nil)
            process.standardError = try FileHandle(forWritingTo: stderr)
            try process.run()
            return process
        }
        let errors = [directory.file("a.err"), directory.file("b.err")]
        let runs = [try start("1", errors[0]), try start("2", errors[1])]
        for run in runs { run.waitUntilExit() }
        let statuses = runs.map(\.terminationStatus)
        #expect(statuses.filter { $0 == 0 }.count == 1, "\(statuses)")
        guard let loser = statuses.firstIndex(where: { $0 != 0 }), let winner = statuses.firstIndex(of: 0) else { return }
        let message = try String(contentsOf: errors[loser], encoding: .utf8)
        #expect(message.contains("another personas run is writing") && message.contains("wait for it to finish"), "\(message)")
        // The winner's folder is whole: its manifest lists exactly what is there, its summary its seed.
        let manifest = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: out.appendingPathComponent(".personas-manifest.json"))) as? [String: Any])
        #expect(manifest["files"] as? [String] == ["centers.csv", "labels.csv", "summary.json"])
        let summary = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as? [String: Any])
        #expect((summary["seed"] as? Int).map(String.init) == ["1", "2"][winner])
        let labels = try String(contentsOf: out.appendingPathComponent("labels.csv"), encoding: .utf8)
        #expect(labels.split(separator: "\n").count == 200_001)
        #expect(try InterruptionCLITests.hidden(directory.url).isEmpty)
    }

    // Fails on main before this change: the set-aside folder of a killed run was deleted although
    // the destination was missing, losing the previous output.
    @Test("A .replaced folder left by a killed run is restored when the destination is missing")
    func restoresReplaced() throws {
        let directory = try TemporaryDirectory()
        let (table, _) = try Self.smallInputs(directory)
        let out = directory.file("out")
        #expect(try PersonasRun(["kmeans", table.path, "--schema", Self.schema.path, "--k", "3", "--out", out.path]).status == 0)
        let centers = try Data(contentsOf: out.appendingPathComponent("centers.csv"))
        try FileManager.default.moveItem(at: out, to: directory.file(".out.replaced-\(try deadProcessIdentifier())-9"))
        // The run is refused (the restored folder holds files), and the previous output is back.
        let again = try PersonasRun(["kmeans", table.path, "--schema", Self.schema.path, "--k", "4", "--out", out.path])
        #expect(again.status != 0 && again.stderr.contains("already holds files"), "\(again.stderr)")
        #expect(try Data(contentsOf: out.appendingPathComponent("centers.csv")) == centers)
        #expect(try InterruptionCLITests.hidden(directory.url).isEmpty)
    }

    // Fails on main before this change: `typing-tool` wrote tree.json, tree.md and scoring-sheet.csv.
    @Test("segment and typing-tool write the typing tool under the same file names")
    func typingToolNames() throws {
        let directory = try TemporaryDirectory()
        let (table, _) = try Self.smallInputs(directory)
        let segment = directory.file("segment"), tool = directory.file("tool")
        #expect(try PersonasRun(["segment", table.path, "--schema", Self.schema.path, "--k", "3", "--quiet",
                                 "--out", segment.path]).status == 0)
        let built = try PersonasRun(["typing-tool", table.path, "--schema", Self.schema.path, "--labels",
                                     segment.appendingPathComponent("assignments.csv").path, "--out", tool.path])
        #expect(built.status == 0, "\(built.stderr)")
        func names(_ folder: URL) throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("typing-tool.") }.sorted()
        }
        #expect(try names(segment) == ["typing-tool.csv", "typing-tool.json", "typing-tool.md", "typing-tool.sql", "typing-tool.xlsx"])
        #expect(try names(tool) == names(segment))
    }

    // Fails on main before this change: segment wrote tier,channel (the customer's) and assign
    // segment_tier,segment_channel (the segment's).
    @Test("assignments.csv has the same columns from segment and assign, and the same rows for the training table")
    func assignmentColumns() throws {
        let directory = try TemporaryDirectory()
        let out = directory.file("segments"), assigned = directory.file("assigned.csv")
        #expect(try PersonasRun(["segment", Self.sample.path, "--schema", Self.schema.path, "--k", "4", "--no-typing-tool",
                                 "--quiet", "--out", out.path]).status == 0)
        let assign = try PersonasRun(["assign", out.appendingPathComponent("model.json").path, Self.sample.path,
                                      "--out", assigned.path])
        #expect(assign.status == 0, "\(assign.stderr)")
        let fromSegment = try String(contentsOf: out.appendingPathComponent("assignments.csv"), encoding: .utf8)
        let fromAssign = try String(contentsOf: assigned, encoding: .utf8)
        let header = "hcp_id,segment,segment_name,distance,confidence,tier,channel,segment_tier,segment_channel"
        #expect(fromSegment.prefix { $0 != "\n" } == header)
        #expect(fromAssign.prefix { $0 != "\n" } == header)
        // The customer's own tier is filled in both, from the same rules.
        let rows = fromAssign.split(separator: "\n").dropFirst()
        #expect(rows.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false)[5] != "" })
        #expect(fromAssign == fromSegment)
    }

    @Test("notebook reads a segment folder through the folder reader: the same notebook as segment's own")
    func notebookFromFolder() throws {
        let directory = try TemporaryDirectory()
        let (table, _) = try Self.smallInputs(directory)
        let out = directory.file("segments")
        #expect(try PersonasRun(["segment", table.path, "--schema", Self.schema.path, "--k", "2...3", "--bootstrap", "2",
                                 "--quiet", "--out", out.path]).status == 0)
        let again = out.appendingPathComponent("again.ipynb")
        let run = try PersonasRun(["notebook", out.path, "--out", again.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Data(contentsOf: again) == Data(contentsOf: out.appendingPathComponent("notebook.ipynb")))
        let missing = try PersonasRun(["notebook", directory.url.path, "--out", directory.file("x.ipynb").path])
        #expect(missing.status != 0 && missing.stderr.contains("has no model.json")
                && missing.stderr.contains("run `personas segment FILE --out"), "\(missing.stderr)")
    }

    // Fails on main before this change: `profile` wrote a byte-order mark and `segment` none.
    @Test("profile.csv from profile has no byte-order mark")
    func noByteOrderMark() throws {
        let directory = try TemporaryDirectory()
        let (table, labels) = try Self.smallInputs(directory)
        let out = directory.file("profile")
        #expect(try PersonasRun(["profile", table.path, "--schema", Self.schema.path, "--labels", labels.path,
                                 "--out", out.path]).status == 0)
        let bytes = try Data(contentsOf: out.appendingPathComponent("profile.csv"))
        #expect(Array(bytes.prefix(3)) != [0xEF, 0xBB, 0xBF])
        #expect(bytes.starts(with: Data("segment,".utf8)), "\(String(decoding: bytes.prefix(40), as: UTF8.self))")
    }
}

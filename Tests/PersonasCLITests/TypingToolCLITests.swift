import Foundation
import PersonasData
import PersonasTestSupport
import Testing

@Suite("personas typing-tool and type")
struct TypingToolCLITests {
    private let sample = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/hcp-sample.csv")

    @Test("A five-question typing tool for the sample's k-means segments, applied back with `type`")
    func sampleTypingTool() throws {
        let directory = try TemporaryDirectory()
        let out = directory.file("tool")
        let labels = Fixtures.url("typing-tool/hcp-sample-kmeans-k6-labels.csv")
        let run = try PersonasRun(["typing-tool", sample.path, "--schema",
                                   sample.deletingPathExtension().appendingPathExtension("schema.json").path,
                                   "--labels", labels.path, "--max-questions", "5", "--seed", "1", "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(files == [".personas-manifest.json", "curve.csv", "summary.json", "typing-tool.csv", "typing-tool.json",
                          "typing-tool.md", "typing-tool.sql", "typing-tool.xlsx"])
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json")))
            as! [String: Any]
        let curve = try #require(summary["curve"] as? [[String: Any]])
        #expect(curve.count <= 5 && !curve.isEmpty)

        // `type` applies typing-tool.json; on the training rows it must mostly reproduce the segments.
        let typed = directory.file("typed.csv")
        let apply = try PersonasRun(["type", out.appendingPathComponent("typing-tool.json").path, sample.path, "--out", typed.path])
        #expect(apply.status == 0, "\(apply.stderr)")
        let assigned = try #require(try CSVReader.read(contentsOf: typed)["segment"]?.numbers)
        let truth = try #require(try CSVReader.read(contentsOf: labels)["segment"]?.numbers)
        let agreement = Double(zip(assigned, truth).filter { $0 == $1 }.count) / Double(truth.count)
        #expect(agreement >= 0.8, "the typing tool agrees with \(agreement) of the segments")

        // A table without one of the tree's questions is refused, naming the column.
        let tree = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("typing-tool.json")))
            as! [String: Any]
        let question = try #require((tree["features"] as? [[String: Any]])?.first?["name"] as? String)
        let lines = try String(contentsOf: sample, encoding: .utf8).split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let drop = try #require(lines[0].firstIndex(of: question))
        let reduced = directory.file("reduced.csv")
        try lines.map { fields in fields.enumerated().filter { $0.offset != drop }.map(\.element).joined(separator: ",") }
            .joined(separator: "\n").write(to: reduced, atomically: true, encoding: .utf8)
        let refused = try PersonasRun(["type", out.appendingPathComponent("typing-tool.json").path, reduced.path,
                                       "--out", directory.file("x.csv").path])
        #expect(refused.status != 0 && refused.stderr.contains(question))
        #expect(!FileManager.default.fileExists(atPath: directory.file("x.csv").path))

        // The folder stands for its typing-tool.json.
        let byFolder = try PersonasRun(["type", out.path, sample.path, "--out", directory.file("by-folder.csv").path])
        #expect(byFolder.status == 0, "\(byFolder.stderr)")
        #expect(try Data(contentsOf: directory.file("by-folder.csv")) == Data(contentsOf: typed))
    }

    // Fails on main before this change: a missing typing tool gave Foundation's
    // `Error Domain=NSCocoaErrorDomain Code=260 …` text instead of a sentence naming the file.
    @Test("A missing typing tool is named on one line, with what to give instead")
    func missingTypingTool() throws {
        let directory = try TemporaryDirectory()
        for path in [directory.file("tree.json").path, directory.url.path] {
            let run = try PersonasRun(["type", path, sample.path, "--out", directory.file("x.csv").path])
            #expect(run.status != 0)
            #expect(run.stderr.hasPrefix("Error: ") && run.stderr.contains("has no ") && !run.stderr.contains("NSCocoaErrorDomain")
                    && run.stderr.contains("`personas typing-tool`"), "\(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        }
    }

    // Fails on main before this change: there was no --method (the tree was the only tool) and
    // no golden questions.
    @Test("--method lda and best: the golden questions through every file, applied back with `type`")
    func methods() throws {
        let directory = try TemporaryDirectory()
        let labels = Fixtures.url("typing-tool/hcp-sample-kmeans-k6-labels.csv")
        let schema = sample.deletingPathExtension().appendingPathExtension("schema.json").path
        for method in ["lda", "best"] {
            let out = directory.file(method)
            let run = try PersonasRun(["typing-tool", sample.path, "--schema", schema, "--labels", labels.path,
                                       "--method", method, "--out", out.path])
            #expect(run.status == 0, "\(run.stderr)")
            let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json")))
                as! [String: Any]
            let built = try #require(summary["method"] as? String)
            let tool = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("typing-tool.json")))
                as! [String: Any]
            if method == "lda" {
                #expect(built == "lda" && tool["method"] as? String == "lda" && summary["leaves"] is NSNull)
                #expect(try String(contentsOf: out.appendingPathComponent("typing-tool.md"), encoding: .utf8)
                    .contains("the highest total wins"))
            } else {
                // best says which method it kept and why, with both accuracies.
                let choice = try #require(summary["choice"] as? String)
                #expect(["tree", "lda"].contains(built) && choice.contains("for the golden questions")
                        && choice.contains("for the tree"), "\(choice)")
                #expect(run.stdout.contains("chose "))
            }
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("typing-tool.xlsx").path))
            let typed = directory.file("typed-\(method).csv")
            let apply = try PersonasRun(["type", out.path, sample.path, "--out", typed.path])
            #expect(apply.status == 0, "\(apply.stderr)")
            let assigned = try #require(try CSVReader.read(contentsOf: typed)["segment"]?.numbers)
            let truth = try #require(try CSVReader.read(contentsOf: labels)["segment"]?.numbers)
            let agreement = Double(zip(assigned, truth).filter { $0 == $1 }.count) / Double(truth.count)
            #expect(agreement >= 0.85, "\(method) agrees with \(agreement) of the segments")
        }
    }

    // Fails on main before this change: segment had no --typing-tool-method, no typing-tool.xlsx,
    // and its tool's outcomes read "Segment 3" instead of the persona.
    @Test("segment --typing-tool-method lda: the model, assign --typing-tool, type and the files agree; outcomes name the personas")
    func segmentWithGoldenQuestions() throws {
        let directory = try TemporaryDirectory()
        let out = directory.file("segments")
        let schema = sample.deletingPathExtension().appendingPathExtension("schema.json").path
        let run = try PersonasRun(["segment", sample.path, "--schema", schema, "--k", "5", "--typing-tool-method", "lda",
                                   "--quiet", "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let model = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("model.json")))
            as! [String: Any]
        let tool = try #require(model["typingTool"] as? [String: Any])
        #expect(tool["method"] as? String == "lda")
        let names = try #require(model["segmentNames"] as? [String])
        #expect(tool["segmentNames"] as? [String] == names)
        let markdown = try String(contentsOf: out.appendingPathComponent("typing-tool.md"), encoding: .utf8)
        #expect(names.allSatisfy { markdown.contains(MarkdownText.escaped($0)) }, "\(markdown.prefix(400))")
        #expect(try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8).contains("golden questions"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("typing-tool.xlsx").path))
        let byModel = directory.file("by-model.csv"), byTool = directory.file("by-tool.csv")
        let assign = try PersonasRun(["assign", out.appendingPathComponent("model.json").path, sample.path, "--typing-tool",
                                      "--out", byModel.path])
        #expect(assign.status == 0, "\(assign.stderr)")
        let type = try PersonasRun(["type", out.path, sample.path, "--schema", schema, "--out", byTool.path])
        #expect(type.status == 0, "\(type.stderr)")
        let fromModel = try #require(try CSVReader.read(contentsOf: byModel)["segment"]?.numbers)
        let fromTool = try #require(try CSVReader.read(contentsOf: byTool)["segment"]?.numbers)
        #expect(fromModel == fromTool && fromModel.count == 5_000)
    }
}

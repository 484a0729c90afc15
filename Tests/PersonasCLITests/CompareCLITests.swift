import Foundation
import PersonasData
import PersonasTestSupport
import Testing

/// `personas compare` (issue 21, `compare`): segments matched by their customers, persona names
/// from each run's model, retention per match, and clear refusals.
@Suite("personas compare")
struct CompareCLITests {
    static let root = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
    static let sample = root.appendingPathComponent("examples/hcp-sample.csv").path
    static let schema = root.appendingPathComponent("examples/hcp-sample.schema.json").path

    /// `segment` on the bundled sample with `k` and `seed`, into `folder`.
    static func segment(k: Int = 5, seed: Int, into folder: URL) throws {
        let run = try PersonasRun(["segment", sample, "--schema", schema, "--k", String(k), "--seed", String(seed), "--quiet",
                                   "--out", folder.path])
        try #require(run.status == 0, "\(run.stderr)")
    }

    /// Runs `compare arguments --format json`, which must succeed.
    static func json(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let run = try PersonasRun(["compare"] + arguments + ["--format", "json"])
        try #require(run.status == 0, "\(run.stderr)", sourceLocation: sourceLocation)
        return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any],
                            sourceLocation: sourceLocation)
    }

    /// The persona names in `folder`'s model.json.
    static func names(_ folder: URL) throws -> [String] {
        let model = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("model.json")))
        return try #require((model as? [String: Any])?["segmentNames"] as? [String])
    }

    // Fails on main before this change: retention compared segment labels, so every renumbered
    // segment showed 0% (`retention` [0, 0, 0, 0, 0]) and nothing was matched.
    @Test("A run against its renumbered twin: every segment matched, 100% retention each")
    func renumberedTwin() throws {
        let directory = try TemporaryDirectory()
        let folder = directory.file("seg")
        try Self.segment(seed: 1, into: folder)
        let labels = try SegmentLabelsFile.read(contentsOf: folder.appendingPathComponent("assignments.csv"))
        // Renumbered: segment j becomes 4 − j.
        let twin = "hcp_id,segment\n" + zip(labels.keys, labels.segments).map { "\($0),\(4 - Int($1)!)\n" }.joined()
        try Data(twin.utf8).write(to: directory.file("twin.csv"))

        let assignments = folder.appendingPathComponent("assignments.csv").path
        let summary = try Self.json([assignments, directory.file("twin.csv").path])
        #expect(summary["retention"] as? [Double] == [1, 1, 1, 1, 1], "\(summary["retention"] ?? "")")
        let matches = try #require(summary["matches"] as? [[String: Any]])
        #expect(matches.map { $0["old_segment"] as? String } == ["0", "1", "2", "3", "4"])
        #expect(matches.map { $0["new_segment"] as? String } == ["4", "3", "2", "1", "0"])
        #expect((summary["splits"] as? [Any])?.isEmpty == true && (summary["merges"] as? [Any])?.isEmpty == true)
        #expect((summary["unmatched_old"] as? [Any])?.isEmpty == true && (summary["unmatched_new"] as? [Any])?.isEmpty == true)
        #expect(summary["adjusted_rand_index"] as? Double == 1)

        // The folder instead of its assignments.csv: the old side named by its model.
        let named = try Self.json([folder.path, directory.file("twin.csv").path])
        let namedMatches = try #require(named["matches"] as? [[String: Any]])
        #expect(namedMatches.map { $0["old_name"] as? String } == (try Self.names(folder)))
        #expect(namedMatches.allSatisfy { $0["new_name"] is NSNull }, "the twin has no model")
        let text = try PersonasRun(["compare", folder.path, directory.file("twin.csv").path])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.components(separatedBy: "100.0% (").count == 6, "\(text.stdout)")
    }

    // Fails on main before this change: compare took no folder and printed no name.
    @Test("A refit with another seed (and k = 6, as the sample refits alike at k = 5): both runs' persona names on every matched pair, from folders or --old-model/--new-model")
    func refitShowsNames() throws {
        let directory = try TemporaryDirectory()
        let first = directory.file("seed1"), second = directory.file("seed2")
        try Self.segment(seed: 1, into: first)
        try Self.segment(k: 6, seed: 2, into: second)
        let oldNames = try Self.names(first), newNames = try Self.names(second)

        let summary = try Self.json([first.path, second.path])
        #expect(summary["old_names"] as? [String] == oldNames && summary["new_names"] as? [String] == newNames)
        let matches = try #require(summary["matches"] as? [[String: Any]])
        #expect(!matches.isEmpty)
        for match in matches {
            let old = try #require(Int(match["old_segment"] as? String ?? "")), new = try #require(Int(match["new_segment"] as? String ?? ""))
            #expect(match["old_name"] as? String == oldNames[old] && match["new_name"] as? String == newNames[new])
            let retention = try #require(match["retention"] as? Double)
            #expect(retention > 0 && retention <= 1)
        }
        #expect(matches.contains { $0["old_segment"] as? String != $0["new_segment"] as? String },
                "the refit numbers its segments otherwise: \(matches)")
        let appeared = try #require(summary["unmatched_new"] as? [[String: Any]])
        #expect(!appeared.isEmpty && appeared.allSatisfy { newNames.contains($0["name"] as? String ?? "") })
        let text = try PersonasRun(["compare", first.path, second.path])
        #expect(text.status == 0, "\(text.stderr)")
        for match in matches {
            let pair = "\(match["old_segment"]!) \(match["old_name"]!)"
            #expect(text.stdout.contains(pair), "\(pair) in \(text.stdout)")
            #expect(text.stdout.contains("\(match["new_segment"]!) \(match["new_name"]!)"))
        }

        // The same files as CSVs, named by their models.
        let named = try Self.json([first.appendingPathComponent("assignments.csv").path,
                                   second.appendingPathComponent("assignments.csv").path,
                                   "--old-model", first.appendingPathComponent("model.json").path, "--new-model", second.path])
        #expect(named["old_names"] as? [String] == oldNames && named["new_names"] as? [String] == newNames)
        let unnamed = try Self.json([first.appendingPathComponent("assignments.csv").path,
                                     second.appendingPathComponent("assignments.csv").path])
        #expect(unnamed["old_names"] is NSNull && unnamed["new_names"] is NSNull)
    }

    // The folder and model cases fail on main before this change (compare took neither); the
    // other refusals read the same on main.
    @Test("Bad input: labels of other customers, empty files, a folder without assignments, labels not of the model")
    func badInput() throws {
        let directory = try TemporaryDirectory()
        func file(_ name: String, _ text: String) throws -> String {
            try Data(text.utf8).write(to: directory.file(name))
            return directory.file(name).path
        }
        let a = try file("a.csv", "id,segment\nA1,0\nA2,1\n")
        let b = try file("b.csv", "id,segment\nB1,0\nB2,1\n")
        let empty = try file("empty.csv", "")
        let headerOnly = try file("header.csv", "id,segment\n")
        let words = try file("words.csv", "id,segment\nA1,loyal\nA2,1\n")
        let nine = try file("nine.csv", "id,segment\nA1,9\nA2,1\n")
        try FileManager.default.createDirectory(at: directory.file("folder"), withIntermediateDirectories: true)
        let matrix = directory.file("matrix.csv")
        try FileManager.default.createDirectory(at: directory.file("seg"), withIntermediateDirectories: true)
        try Self.segment(seed: 1, into: directory.file("seg"))

        try expectRefusal(["compare", a, b, "--out", matrix.path], output: matrix, ExpectedError(
            "Error: no customer id of \(a) is in \(b); compare assignments of the same customers (ids are matched as written)"))
        try expectRefusal(["compare", empty, a, "--out", matrix.path], output: matrix, ExpectedError(
            "Error: empty.csv: the file is empty; expected a header line and at least one row"))
        try expectRefusal(["compare", a, headerOnly, "--out", matrix.path], output: matrix, ExpectedError(
            "Error: header.csv:1: the file has a header but no rows; check that the export wrote the data"))
        try expectRefusal(["compare", directory.file("folder").path, a, "--out", matrix.path], output: matrix, ExpectedError(
            prefix: "Error: ", suffix: "folder has no assignments.csv: it is not a folder `personas segment` wrote; run "
                + "`personas segment FILE --out \(directory.file("folder").path)` first"))
        try expectRefusal(["compare", a, words, "--new-model", directory.file("seg").path, "--out", matrix.path],
                          output: matrix, ExpectedError(
                            prefix: "Error: ", suffix: "words.csv: segment \"loyal\" is not one of the 5 segments of "
                                + directory.file("seg/model.json").path + " (0 to 4); give the model these assignments came from"))
        try expectRefusal(["compare", nine, a, "--old-model", directory.file("seg/model.json").path, "--out", matrix.path],
                          output: matrix, ExpectedError(prefix: "Error: ", suffix: "segment \"9\" is not one of the 5 segments of "
                                + directory.file("seg/model.json").path + " (0 to 4); give the model these assignments came from"))
    }
}

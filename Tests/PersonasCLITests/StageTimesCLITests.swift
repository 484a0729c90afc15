import Foundation
import PersonasTestSupport
@testable import PersonasCLI
import Testing

/// Issue 22: each stage's wall time in the summaries, and progress on stderr stage by stage.
@Suite("Stage times and progress: personas segment and choose-k")
struct StageTimesCLITests {
    /// 240 customers in three well-separated groups on three measures (so no weak-structure
    /// warning joins the progress on stderr), with an identifier.
    static func groupsCSV(in directory: TemporaryDirectory) throws -> URL {
        var text = "id,visits,spend,tenure\n"
        for i in 0..<240 {
            let group = Double(i % 3) * 10, wobble = Double((i * 7) % 11) / 10
            text += "C\(i),\(group + wobble),\(group * 2 + Double((i * 5) % 7) / 10),\(group + Double((i * 3) % 13) / 10)\n"
        }
        let url = directory.file("groups.csv")
        try Data(text.utf8).write(to: url)
        return url
    }

    /// The stage list of a summary: (stage, k, seconds), with the summary's wall time.
    static func stages(_ summary: [String: Any]) throws -> (stages: [(String, Int?, Double)], wall: Double) {
        let list = try #require(summary["stage_seconds"] as? [[String: Any]])
        let stages = try list.map { entry in
            (try #require(entry["stage"] as? String), entry["k"] as? Int, try #require(entry["seconds"] as? Double))
        }
        for entry in list { #expect(entry.keys.sorted() == ["k", "seconds", "stage"], "every key, k null when none") }
        return (stages, try #require(summary["wall_seconds"] as? Double))
    }

    // Issue 22, item 1. Fails on main: segment's JSON summary had no stage_seconds or wall_seconds.
    @Test("segment --format json lists every stage in order, each with seconds ≥ 0 summing to at most the wall time")
    func segmentJSON() throws {
        let directory = try TemporaryDirectory()
        let csv = try Self.groupsCSV(in: directory)
        let run = try PersonasRun(["segment", csv.path, "--k", "2...4", "--bootstrap", "3", "--gap-refs", "2", "--seed", "1",
                                   "--format", "json", "--out", directory.file("seg").path])
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let (stages, wall) = try Self.stages(summary)
        let names = stages.map { stage, k, _ in k.map { "\(stage)@\($0)" } ?? stage }
        #expect(names == ["reading", "preparing",
                          "segmenting_and_indices@2", "segmenting_and_indices@3", "segmenting_and_indices@4",
                          "gap_statistic", "bootstrap_stability",
                          "final_fit", "profiling", "typing_tool", "targeting", "sql", "writing", "workbook", "report",
                          "notebook"])
        #expect(stages.allSatisfy { $0.2 >= 0 && $0.2.isFinite })
        #expect(stages.map(\.2).reduce(0, +) <= wall)
        #expect(run.stderr.isEmpty, "JSON output keeps progress off stderr: \(run.stderr)")
    }

    // Issue 22, item 1. Fails on main: choose-k.json had no stage_seconds or wall_seconds.
    @Test("choose-k.json and choose-k --format json carry the same stages, consistent with the wall time")
    func chooseKJSON() throws {
        let directory = try TemporaryDirectory()
        let csv = try Self.groupsCSV(in: directory)
        let out = directory.file("k")
        let run = try PersonasRun(["choose-k", csv.path, "--k", "2...3", "--bootstrap", "2", "--gap-refs", "0", "--seed", "1",
                                   "--format", "json", "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let printed = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let written = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: out.appendingPathComponent("choose-k.json"))) as? [String: Any])
        for summary in [printed, written] {
            let (stages, wall) = try Self.stages(summary)
            #expect(stages.map(\.0) == ["reading", "segmenting_and_indices", "segmenting_and_indices",
                                        "bootstrap_stability", "report", "writing"],
                    "no gap statistic with --gap-refs 0")
            #expect(stages.map(\.1) == [nil, 2, 3, nil, nil, nil])
            #expect(stages.allSatisfy { $0.2 >= 0 } && stages.map(\.2).reduce(0, +) <= wall)
        }
    }

    // Issue 22, item 2. Fails on main: stderr showed one "[time] stage" line per progress report
    // (a stage name with its running k), not one line per stage with its time.
    @Test("With stderr not a terminal, segment writes one line per stage, its title and seconds; --quiet nothing")
    func plainLines() throws {
        let directory = try TemporaryDirectory()
        let csv = try Self.groupsCSV(in: directory)
        let arguments = ["segment", csv.path, "--k", "2...3", "--bootstrap", "2", "--gap-refs", "1", "--seed", "1"]
        let run = try PersonasRun(arguments + ["--out", directory.file("a").path])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stderr.split(separator: "\n").map(String.init)
        let titles = ["reading", "preparing", "segmenting and indices, k = 2", "segmenting and indices, k = 3",
                      "gap statistic", "bootstrap stability", "final fit",
                      "profiling", "typing tool", "targeting", "SQL", "writing", "workbook", "report and charts", "notebook"]
        #expect(lines.map { $0.components(separatedBy: ": ").first ?? "" } == titles, "\(lines)")
        #expect(lines.allSatisfy { $0.hasSuffix(" ms") || $0.hasSuffix(" s") }, "\(lines)")
        #expect(!run.stderr.contains("\r") && !run.stderr.contains("\u{1B}"), "no bar or escape off a terminal")

        let quiet = try PersonasRun(arguments + ["--quiet", "--out", directory.file("b").path])
        #expect(quiet.status == 0, "\(quiet.stderr)")
        #expect(quiet.stderr.isEmpty, "\(quiet.stderr)")
    }

    // Issue 22, item 2. Fails on main: the bar estimated the time left from the run's fixed
    // stage shares, and this renderer did not exist.
    @Test("The bar: its fill, percent and estimate for known, finished and unknown fractions, at several widths")
    func barText() {
        for width in [40, 80, 120] {
            let start = ProgressBar.line("gap statistic", fraction: 0, elapsed: 1.5, remaining: nil, width: width)
            let half = ProgressBar.line("gap statistic", fraction: 0.5, elapsed: 10, remaining: 10, width: width)
            let done = ProgressBar.line("gap statistic", fraction: 1, elapsed: 20, remaining: 0, width: width)
            let unknown = ProgressBar.line("final fit", fraction: nil, elapsed: 3.2, remaining: nil, width: width)
            let bar = max(10, min(30, width / 4))
            for line in [start, half, done, unknown] {
                #expect(line.count <= width - 1, "never reaches the last column: \(line)")
                #expect(line.hasPrefix("[") && line.dropFirst(bar + 1).hasPrefix("]"), "\(line)")
            }
            #expect(start.hasPrefix("[" + String(repeating: " ", count: bar) + "]   0%"))
            #expect(!start.contains("left"), "no estimate before any of the stage is done")
            #expect(half.hasPrefix("[" + String(repeating: "#", count: bar / 2)
                                   + String(repeating: " ", count: bar - bar / 2) + "]  50%"))
            #expect(done.hasPrefix("[" + String(repeating: "#", count: bar) + "] 100%") && !done.contains("left"))
            #expect(unknown.hasPrefix("[" + String(repeating: " ", count: bar) + "]   ?%") && !unknown.contains("left"))
        }
        #expect(ProgressBar.line("gap statistic", fraction: 0.5, elapsed: 10, remaining: 10, width: 120)
                == "[" + String(repeating: "#", count: 15) + String(repeating: " ", count: 15)
                + "]  50%  gap statistic  10 s, about 10 s left")
        #expect(ProgressBar.line("final fit", fraction: nil, elapsed: 3.25, remaining: nil, width: 80)
                == "[" + String(repeating: " ", count: 20) + "]   ?%  final fit  3.25 s")
        #expect(ProgressBar.line("x", fraction: 0.5, elapsed: 10, remaining: 10, width: 40).count == 39)
        #expect(ProgressBar.finished("bootstrap stability, k = 4", seconds: 12.5) == "bootstrap stability, k = 4: 12.5 s")
    }
}

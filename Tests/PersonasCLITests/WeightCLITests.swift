import Foundation
import PersonasNumerics
import PersonasTestSupport
import Testing

/// `--weight` on `profile`, `typing-tool` and `segment` (issue 23, respondent weights, item 5).
/// Each test failed on main before this change, which had no `--weight` option (exit status 64).
@Suite("personas --weight")
struct WeightCLITests {
    static let root = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()

    /// The bundled sample with a seeded survey weight (0.2 to 4, three decimals) as a last column
    /// `wt`, written into `directory`, and the weights.
    static func weightedSample(in directory: TemporaryDirectory) throws -> (URL, [Double]) {
        let text = try String(contentsOf: root.appendingPathComponent("examples/hcp-sample.csv"), encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        var rng = SeededGenerator(seed: 2323)
        var weights: [Double] = []
        for i in lines.indices {
            if i == 0 { lines[i] += ",wt"; continue }
            let w = ((0.2 + 3.8 * rng.nextUnitDouble()) * 1000).rounded() / 1000
            weights.append(w)
            lines[i] += "," + String(format: "%.3f", w)
        }
        let url = directory.file("weighted.csv")
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return (url, weights)
    }

    private struct Document: Decodable {
        struct Profiles: Decodable {
            struct Segment: Decodable {
                struct Projection: Decodable { var size, lower, upper: Double }
                var segment: Int
                var share: Double?
                var effectiveSize: Double?
                var projection: Projection?
            }
            var effectiveRows: Double?
            var weightColumn: String?
            var segments: [Segment]
        }
        var profiles: Profiles
    }

    // On main: "Unknown option '--weight'".
    @Test("profile --weight: weighted shares, Kish's n_eff per segment and overall, and the projection, in every file")
    func profileWeighted() throws {
        let directory = try TemporaryDirectory()
        let (sample, weights) = try Self.weightedSample(in: directory)
        let labelsURL = Fixtures.url("typing-tool/hcp-sample-kmeans-k6-labels.csv")
        let labels = try String(contentsOf: labelsURL, encoding: .utf8).split(separator: "\n").dropFirst()
            .map { Int($0.split(separator: ",")[1])! }
        let out = directory.file("personas")
        let run = try PersonasRun(["profile", sample.path, "--labels", labelsURL.path, "--weight", "wt", "--min-size", "1",
                                   "--out", out.path])
        try #require(run.status == 0, "\(run.stderr)")
        let document = try JSONDecoder().decode(Document.self, from: Data(contentsOf: out.appendingPathComponent("personas.json")))
        #expect(document.profiles.weightColumn == "wt")
        // By hand: Σw per segment over Σw, and (Σw)² ÷ Σw².
        let total = weights.reduce(0, +), squares = weights.reduce(0) { $0 + $1 * $1 }
        let overall = try #require(document.profiles.effectiveRows)
        #expect(abs(overall - total * total / squares) <= 1e-9 * overall)
        #expect(overall < Double(weights.count))
        for segment in document.profiles.segments {
            let mine = zip(labels, weights).filter { $0.0 == segment.segment }.map(\.1)
            let w = mine.reduce(0, +), w2 = mine.reduce(0) { $0 + $1 * $1 }
            #expect(abs(try #require(segment.share) - w / total) <= 1e-12)
            #expect(abs(try #require(segment.effectiveSize) - w * w / w2) <= 1e-9 * w * w / w2)
            let projection = try #require(segment.projection)
            #expect(abs(projection.size - w) <= 1e-9 * w, "the universe defaults to the sum of the weights")
            #expect(projection.lower < projection.size && projection.size < projection.upper)
        }
        let markdown = try String(contentsOf: out.appendingPathComponent("personas.md"), encoding: .utf8)
        #expect(markdown.contains("Weighted by wt"))
        #expect(markdown.contains("| effective n | projected (95% CI) |"))
        let csv = try String(contentsOf: out.appendingPathComponent("profile.csv"), encoding: .utf8)
        #expect(csv.contains(",effective_size,") && csv.contains(",projected_lower,"))
        #expect(!csv.contains(",wt,"), "the weight column itself is not profiled")
        // The universe given: each projection is the weighted share times it.
        let scaled = directory.file("scaled")
        let again = try PersonasRun(["profile", sample.path, "--labels", labelsURL.path, "--weight", "wt", "--universe", "100000",
                                     "--min-size", "1", "--out", scaled.path])
        try #require(again.status == 0, "\(again.stderr)")
        let projected = try JSONDecoder().decode(Document.self, from: Data(contentsOf: scaled.appendingPathComponent("personas.json")))
        for segment in projected.profiles.segments {
            #expect(abs(segment.projection!.size - segment.share! * 100_000) <= 1e-6)
        }
    }

    // On main: "Unknown option '--weight'".
    @Test("a bad weight cell stops profile, typing-tool and segment at its file, line and column")
    func badWeight() throws {
        let directory = try TemporaryDirectory()
        let (sample, _) = try Self.weightedSample(in: directory)
        var lines = try String(contentsOf: sample, encoding: .utf8).split(separator: "\n").map(String.init)
        lines[41] = lines[41].split(separator: ",", omittingEmptySubsequences: false).dropLast().joined(separator: ",") + ",0"
        let bad = directory.file("bad.csv")
        try (lines.joined(separator: "\n") + "\n").write(to: bad, atomically: true, encoding: .utf8)
        let labels = Fixtures.url("typing-tool/hcp-sample-kmeans-k6-labels.csv").path
        for arguments in [["profile", bad.path, "--labels", labels], ["typing-tool", bad.path, "--labels", labels],
                          ["segment", bad.path, "--k", "3"]] {
            let run = try PersonasRun(arguments + ["--weight", "wt", "--out", directory.file("out-\(arguments[0])").path])
            #expect(run.status != 0)
            #expect(run.stderr.contains("bad.csv:42: column \"wt\": \"0\" is not a weight"), "\(run.stderr)")
        }
        let unweighted = try PersonasRun(["profile", sample.path, "--labels", labels, "--universe", "1000",
                                          "--out", directory.file("none").path])
        #expect(unweighted.status != 0)
        #expect(unweighted.stderr.contains("--universe projects weighted segments"), "\(unweighted.stderr)")
    }

    // On main: "Unknown option '--weight'".
    @Test("typing-tool and segment take --weight; segment's personas and report carry the projection")
    func typingToolAndSegment() throws {
        let directory = try TemporaryDirectory()
        let (sample, _) = try Self.weightedSample(in: directory)
        let labels = Fixtures.url("typing-tool/hcp-sample-kmeans-k6-labels.csv").path
        let tool = try PersonasRun(["typing-tool", sample.path, "--labels", labels, "--weight", "wt", "--questions",
                                    "specialty,monthly_rx,decile", "--out", directory.file("tool").path])
        #expect(tool.status == 0, "\(tool.stderr)")
        let out = directory.file("segment")
        let segment = try PersonasRun(["segment", sample.path, "--k", "4", "--weight", "wt", "--quiet", "--out", out.path])
        try #require(segment.status == 0, "\(segment.stderr)")
        let document = try JSONDecoder().decode(Document.self, from: Data(contentsOf: out.appendingPathComponent("personas.json")))
        #expect(document.profiles.weightColumn == "wt")
        #expect(document.profiles.segments.allSatisfy { $0.projection != nil })
        // The report's persona cards carry the weighted size and the projection.
        let report = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("weighted, effective n") && report.contains("(95% CI "))
    }
}

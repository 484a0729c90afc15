import Foundation
import PersonasNumerics
import PersonasTestSupport
import Testing

/// Issue 21, "Skew and weak structure", at the command line: a table with no structure is warned
/// about in words on stderr, in the JSON's `warnings`, in choose-k.md and in the segment report.
@Suite("personas choose-k and segment on a structureless table")
struct WeakStructureCLITests {
    /// 2,000 customers with 5 uniform random numbers each: no groups to find.
    static func uniform(in directory: TemporaryDirectory) throws -> String {
        var generator = SeededGenerator(seed: 7)
        var text = "id,a,b,c,d,e\n"
        for i in 0..<2_000 {
            text += "C\(i)," + (0..<5).map { _ in String(Double.random(in: 0..<1, using: &generator)) }
                .joined(separator: ",") + "\n"
        }
        let url = directory.file("uniform.csv")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    // Fails on main: neither command said anything about the structure, and choose-k.json had no
    // warnings.
    @Test("The warning reaches stderr, the JSON, choose-k.md and report.html; the headline is never 0 of N")
    func warned() throws {
        let directory = try TemporaryDirectory()
        let csv = try Self.uniform(in: directory)
        let out = directory.file("ck").path
        let run = try PersonasRun(["choose-k", csv, "--k", "2...4", "--bootstrap", "0", "--gap-refs", "0", "--out", out,
                                   "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("warning: no substantial structure: the best average silhouette is "), "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let warnings = try #require(json["warnings"] as? [String])
        #expect(warnings.count == 1 && warnings[0].contains("Kaufman and Rousseeuw"))
        let summary = try #require(json["summary"] as? String)
        #expect(summary.range(of: #"\b0 of \d+ criteri"#, options: .regularExpression) == nil, "\(summary)")
        #expect(summary.hasSuffix("The gap statistic and bootstrap stability were not run."), "\(summary)")
        #expect(["criteria", "minimum share"].contains(json["decided_by"] as? String))
        let markdown = try String(contentsOf: directory.file("ck/choose-k.md"), encoding: .utf8)
        #expect(markdown.contains("> **Warning:** no substantial structure"))

        let segment = try PersonasRun(["segment", csv, "--k", "2...4", "--bootstrap", "0", "--gap-refs", "0",
                                       "--no-typing-tool", "--out", directory.file("seg").path, "--format", "json"])
        #expect(segment.status == 0, "\(segment.stderr)")
        #expect(segment.stderr.contains("warning: no substantial structure"), "\(segment.stderr)")
        let segmentJSON = try #require(try JSONSerialization.jsonObject(with: Data(segment.stdout.utf8)) as? [String: Any])
        #expect((segmentJSON["warnings"] as? [String])?.contains { $0.hasPrefix("no substantial structure") } == true)
        let page = try String(contentsOf: directory.file("seg/report.html"), encoding: .utf8)
        #expect(page.contains("no substantial structure"))
    }
}

import Foundation
import PersonasData
import PersonasTestSupport
import Testing

@Suite("personas: one targeting rule, two levels")
struct TargetingCLITests {
    private let sample = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/hcp-sample.csv")
    private var schema: URL { sample.deletingPathExtension().appendingPathExtension("schema.json") }

    /// Expects every segment's `segment_tier` and `segment_channel` in `file` to be among the most
    /// common of its members' own `tier` and `channel` (a tie may go either way).
    private func expectMajorities(in file: URL) throws {
        let table = try CSVReader.read(contentsOf: file)
        let segments = try #require(table["segment"]), rows = 0..<table.rowCount
        for (own, ofSegment) in [("tier", "segment_tier"), ("channel", "segment_channel")] {
            let members = try #require(table[own]), segmentValue = try #require(table[ofSegment])
            var counts: [String: [String: Int]] = [:], stated: [String: Set<String>] = [:]
            for row in rows {
                let s = segments.text(atRow: row)
                counts[s, default: [:]][members.text(atRow: row), default: 0] += 1
                stated[s, default: []].insert(segmentValue.text(atRow: row))
            }
            #expect(counts.count >= 3)
            for (s, mix) in counts {
                let top = mix.values.max()!
                let value = try #require(stated[s]?.first)
                #expect(stated[s]?.count == 1 && !value.isEmpty, "\(file.lastPathComponent) segment \(s)")
                #expect(mix[value] == top, "\(file.lastPathComponent) segment \(s): \(ofSegment) \(value), members \(mix)")
            }
        }
    }

    /// Issue 21, one targeting rule. Fails on main before this change: the segment's tier came from
    /// its mean value and potential, so on the sample a segment was "Maintain" while most of its
    /// members were Monitor, in both `segment`'s and `assign`'s assignments.csv.
    @Test("segment_tier and segment_channel are the majority of the members' own, from segment and from assign")
    func segmentTierIsMembersMajority() throws {
        let directory = try TemporaryDirectory()
        let out = directory.file("seg")
        let run = try PersonasRun(["segment", sample.path, "--schema", schema.path, "--k", "5", "--seed", "2",
                                   "--no-typing-tool", "--quiet", "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        try expectMajorities(in: out.appendingPathComponent("assignments.csv"))
        let assigned = directory.file("assigned.csv")
        let apply = try PersonasRun(["assign", out.appendingPathComponent("model.json").path, sample.path,
                                     "--out", assigned.path])
        #expect(apply.status == 0, "\(apply.stderr)")
        try expectMajorities(in: assigned)

        // personas.md shows each segment's tier with its share of members.
        let markdown = try String(contentsOf: out.appendingPathComponent("personas.md"), encoding: .utf8)
        #expect(markdown.contains("% of members)"))
    }
}

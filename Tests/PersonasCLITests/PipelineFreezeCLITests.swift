import Foundation
import PersonasClustering
import PersonasTestSupport
import Testing

/// Issue 22: the pipeline made faster keeps its statistics' meaning. `segment` with every default
/// on customers from the planted-segment generator, and on the bundled sample, recommends the k it
/// recommended before the changes, with the same segments (adjusted Rand index ≥ 0.99), frozen in
/// `Tests/Fixtures/pipeline/` by `make_frozen_choice.sh` with the binary of the commit named in
/// each file. The generated table is above every sample size the faster pipeline uses (the
/// silhouette's and the resamples' 5,000 rows, the k-means restarts' 20,000), so each shortcut is
/// on the path tested; the sample (5,000 rows) is measured exactly, on resamples now shared by
/// every k.
@Suite("The pipeline's choice, frozen before it was made faster")
struct PipelineFreezeCLITests {
    struct Frozen: Decodable {
        let commit: String
        let rows: Int
        let seed: Int
        let recommended_k: Int
        let segments: String
        /// The repository's table the choice was made on (the bundled sample); nil for generated customers.
        let input: String?
    }

    /// 30,000 planted customers (every shortcut of the faster pipeline on the path) and the sample
    /// (the exact path). Each runs the debug binary for minutes, so `frozen-choice-20000-seed22.json`,
    /// frozen first and matched (ARI 1.0) by the release binary, is not rerun here: the 30,000-row
    /// table takes every path it takes and the restart sample besides.
    static let fixtures = ["frozen-choice-30000-seed22.json", "frozen-choice-hcp-sample-seed1.json"]

    @Test("segment with every default: the frozen k and segments on planted customers and on the sample",
          arguments: fixtures)
    func frozenChoice(_ name: String) throws {
        let frozen = try JSONDecoder().decode(
            Frozen.self, from: Data(contentsOf: Fixtures.root.appendingPathComponent("pipeline/\(name)")))
        let directory = try TemporaryDirectory()
        var data = directory.file("customers.csv"), schema = directory.file("schema.json")
        let out = directory.file("segments")
        if let input = frozen.input {
            data = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(input)
            schema = data.deletingPathExtension().appendingPathExtension("schema.json")
        } else {
            let generated = try PersonasRun(["generate", "--rows", String(frozen.rows), "--seed", String(frozen.seed),
                                             "--out", data.path, "--schema-out", schema.path])
            try #require(generated.status == 0, "\(generated.stderr)")
        }
        let run = try PersonasRun(["segment", data.path, "--schema", schema.path, "--seed", String(frozen.seed), "--quiet",
                                   "--format", "json", "--out", out.path])
        try #require(run.status == 0, "\(run.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(summary["k"] as? Int == frozen.recommended_k, "recommended k before the change: \(frozen.recommended_k)")

        let lines = try String(contentsOf: out.appendingPathComponent("assignments.csv"), encoding: .utf8)
            .split(separator: "\n")
        let column = try #require(lines[0].split(separator: ",").firstIndex(of: "segment"))
        let segments = lines.dropFirst().map { Int32($0.split(separator: ",", omittingEmptySubsequences: false)[column])! }
        let before = frozen.segments.map { Int32(String($0))! }
        try #require(segments.count == before.count)
        let agreement = adjustedRandIndex(before, segments)
        #expect(agreement >= 0.99, "adjusted Rand index against the frozen segments: \(agreement)")
    }
}

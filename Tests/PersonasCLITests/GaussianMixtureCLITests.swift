import Foundation
import PersonasClustering
import PersonasData
import PersonasNumerics
import PersonasSegmentation
import PersonasTestSupport
import Testing

/// `--method gmm` through the binary on the bundled sample: the mixture's segments, their
/// probabilities in assignments.csv, model.json's mixture scored again by `assign` and by the SQL
/// export, and k chosen by BIC.
@Suite("personas segment, choose-k, assign and export-sql with --method gmm")
struct GaussianMixtureCLITests {
    static let sample = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/hcp-sample.csv")
    static var schema: URL { sample.deletingPathExtension().appendingPathExtension("schema.json") }

    /// The sample's first 1,000 customers, which keep EM and its restarts quick in a debug build.
    static func smallSample(in directory: TemporaryDirectory) throws -> URL {
        let lines = try String(contentsOf: sample, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let small = directory.file("sample-1000.csv")
        try (lines.prefix(1_001).joined(separator: "\n") + "\n").write(to: small, atomically: true, encoding: .utf8)
        return small
    }

    /// Every column read as text, each cell as written.
    static var asText: CSVOptions {
        var options = CSVOptions()
        options.undeclaredType = .categorical
        return options
    }

    /// The rows of a CSV as dictionaries by header, every cell as written.
    static func records(_ url: URL) throws -> (header: [String], rows: [[String: String]]) {
        let table = try CSVReader.read(contentsOf: url, options: asText)
        let header = table.columns.map(\.name)
        let rows = (0..<table.rowCount).map { row in
            Dictionary(uniqueKeysWithValues: table.columns.map { ($0.name, $0.text(atRow: row)) })
        }
        return (header, rows)
    }

    // Issue 23 (CLI and pipeline): fails on main before this change, where `--method gmm` is not a method.
    @Test("segment --method gmm at one k: probabilities in assignments.csv, assign gives the training labels, SQLite the same segments")
    func fixedK() throws {
        let directory = try TemporaryDirectory()
        let csv = try Self.smallSample(in: directory)
        let out = directory.file("gmm")
        let run = try PersonasRun(["segment", csv.path, "--schema", Self.schema.path, "--k", "4", "--method", "gmm",
                                   "--seed", "1", "--quiet", "--out", out.path])
        try #require(run.status == 0, "\(run.stderr)")

        // The mixture is saved (format 2, diagonal covariances by default), one component per segment.
        let modelURL = out.appendingPathComponent("model.json")
        let model = try SegmentationModel.load(from: modelURL)
        let mixture = try #require(model.mixture)
        #expect(model.formatVersion == 2 && model.method == .gmm)
        #expect(mixture.covarianceType == .diagonal && mixture.k == model.k && model.k == 4)

        // Two columns at the end; each probability in [0, 1], the flag exactly when under 0.5.
        let written = try Self.records(out.appendingPathComponent("assignments.csv"))
        #expect(written.header.suffix(2) == ["probability", "low_probability"] && written.header.count == 11)
        #expect(written.rows.count == 1_000)
        for row in written.rows {
            let p = try #require(Double(row["probability"] ?? ""))
            #expect(p >= 0 && p <= 1 && p >= 1 / Double(model.k) - 1e-12)
            #expect(row["low_probability"] == (p < 0.5 ? "1" : "0"))
        }

        // assign scores the training table with the saved mixture: the same file, byte for byte.
        let assigned = directory.file("assigned.csv")
        let apply = try PersonasRun(["assign", modelURL.path, csv.path, "--out", assigned.path])
        #expect(apply.status == 0, "\(apply.stderr)")
        #expect(try Data(contentsOf: assigned) == Data(contentsOf: out.appendingPathComponent("assignments.csv")))

        // The SQL export's Gaussian log-densities in SQLite give every row assign's segment.
        guard SQLite.isAvailable else {
            print("SKIPPED: the SQL check needs \(SQLite.executable) (scripts/setup.sh installs it)")
            return
        }
        let scored = try SQLiteScoring.segments(modelURL, csv, in: directory)
        #expect(scored == written.rows.map { [$0["hcp_id"]!, $0["segment"]!] })

        // rename rewrites the names and keeps the probabilities.
        let rename = try PersonasRun(["rename", out.path, "--segment", "0", "--name", "Renamed one"])
        #expect(rename.status == 0, "\(rename.stderr)")
        let renamed = try Self.records(out.appendingPathComponent("assignments.csv"))
        #expect(renamed.header == written.header)
        #expect(zip(renamed.rows, written.rows).allSatisfy { $0["probability"] == $1["probability"] })
        #expect(renamed.rows.contains { $0["segment_name"] == "Renamed one" })
    }

    // Issue 23 (CLI and pipeline): fails on main before this change, where choose-k has no BIC.
    @Test("choose-k --method gmm recommends the lowest BIC, shows AIC, ICL and mclust's BIC beside it, and segment agrees")
    func chooseKByBIC() throws {
        let directory = try TemporaryDirectory()
        let csv = try Self.smallSample(in: directory)
        let out = directory.file("choose")
        let common = ["--schema", Self.schema.path, "--k", "2...5", "--method", "gmm", "--bootstrap", "0", "--gap-refs", "0",
                      "--seed", "3", "--quiet"]
        let run = try PersonasRun(["choose-k", csv.path] + common + ["--out", out.path])
        try #require(run.status == 0, "\(run.stderr)")
        struct Summary: Decodable {
            struct Candidate: Decodable { var k: Int; var bic: Double; var aic: Double; var icl: Double; var mclustBic: Double; var smallestShare: Double }
            struct Vote: Decodable { var criterion: String; var k: Int? }
            var recommendedK: Int
            var decidedBy: String
            var summary: String
            var candidates: [Candidate]
            var votes: [Vote]
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let summary = try decoder.decode(Summary.self, from: Data(contentsOf: out.appendingPathComponent("choose-k.json")))
        let lowest = try #require(summary.candidates.filter { $0.smallestShare >= 0.03 }.min { $0.bic < $1.bic })
        #expect(summary.recommendedK == lowest.k)
        #expect(summary.decidedBy == "lowest BIC" && summary.summary.contains("lowest BIC"))
        #expect(summary.candidates.allSatisfy { $0.mclustBic == -$0.bic && $0.aic.isFinite && $0.icl >= $0.bic })
        #expect(Array(summary.votes.prefix(3).map(\.criterion)) == ["BIC", "AIC", "ICL"])
        let markdown = try String(contentsOf: out.appendingPathComponent("choose-k.md"), encoding: .utf8)
        #expect(markdown.contains("| k | BIC ↓ | mclust BIC ↑ | AIC ↓ | ICL ↓ |"))

        // segment over the same range makes the k that choose-k recommends.
        let folder = directory.file("segments")
        let segment = try PersonasRun(["segment", csv.path] + common + ["--no-typing-tool", "--out", folder.path])
        try #require(segment.status == 0, "\(segment.stderr)")
        #expect(try SegmentationModel.load(from: folder.appendingPathComponent("model.json")).k == summary.recommendedK)
    }

    // Issue 23 (CLI and pipeline): fails on main before this change, where --covariance does not exist.
    @Test("--covariance is refused without --method gmm; k-means keeps its nine assignments columns and model format 1")
    func otherMethodsUnchanged() throws {
        let directory = try TemporaryDirectory()
        let csv = try Self.smallSample(in: directory)
        let refused = try PersonasRun(["segment", csv.path, "--k", "3", "--covariance", "full", "--out", directory.file("x").path])
        #expect(refused.status != 0 && refused.stderr.contains("--covariance applies to --method gmm only"))
        let out = directory.file("kmeans")
        let run = try PersonasRun(["segment", csv.path, "--schema", Self.schema.path, "--k", "3", "--no-typing-tool",
                                   "--seed", "1", "--quiet", "--out", out.path])
        try #require(run.status == 0, "\(run.stderr)")
        #expect(try Self.records(out.appendingPathComponent("assignments.csv")).header.count == 9)
        let model = try String(contentsOf: out.appendingPathComponent("model.json"), encoding: .utf8)
        #expect(model.contains("\"formatVersion\" : 1") && !model.contains("mixture"))
    }

    // Issue 23 (CLI and pipeline): fails on main before this change, where no assignment has a probability.
    @Test("Overlapping segments: customers under 0.5 are flagged, and only they")
    func lowProbabilityFlag() throws {
        let directory = try TemporaryDirectory()
        // Three round clouds a unit apart with unit spread: many customers sit between them.
        var generator = SeededGenerator(seed: 5)
        var lines = ["id,a,b"]
        for i in 0..<600 {
            let angle = 2 * Double.pi * Double(i % 3) / 3
            let (u, v) = (Double.random(in: 0.001..<1, using: &generator), Double.random(in: 0..<1, using: &generator))
            let radius = (-2 * log(u)).squareRoot()
            lines.append("C\(i),\(cos(angle) + 0.9 * radius * cos(2 * .pi * v)),\(sin(angle) + 0.9 * radius * sin(2 * .pi * v))")
        }
        let csv = directory.file("clouds.csv")
        try (lines.joined(separator: "\n") + "\n").write(to: csv, atomically: true, encoding: .utf8)
        let out = directory.file("clouds")
        let run = try PersonasRun(["segment", csv.path, "--k", "3", "--method", "gmm", "--min-size", "1", "--no-typing-tool",
                                   "--seed", "1", "--quiet", "--out", out.path])
        try #require(run.status == 0, "\(run.stderr)")
        let rows = try Self.records(out.appendingPathComponent("assignments.csv")).rows
        let flagged = rows.filter { $0["low_probability"] == "1" }
        #expect(!flagged.isEmpty)
        #expect(rows.allSatisfy { ($0["low_probability"] == "1") == (Double($0["probability"]!)! < 0.5) })
    }
}

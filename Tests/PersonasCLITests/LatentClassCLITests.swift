import Foundation
import PersonasClustering
import PersonasData
import PersonasNumerics
import PersonasSegmentation
import PersonasTestSupport
import Testing

/// `--method latent-class` through the binary on the bundled sample: the columns read as items
/// (missing cells left missing), the classes' probabilities in assignments.csv, model.json's latent
/// class model scored again by `assign` and by the SQL export's points, and k chosen by BIC.
@Suite("personas segment, choose-k, assign and export-sql with --method latent-class")
struct LatentClassCLITests {
    private typealias Sample = GaussianMixtureCLITests

    /// Segments `csv` at `k` with a latent class model into `out`; its model.json and assignments.csv.
    private static func segment(_ csv: URL, k: String, out: URL, extra: [String] = []) throws
        -> (model: SegmentationModel, header: [String], rows: [[String: String]]) {
        let run = try PersonasRun(["segment", csv.path, "--schema", Sample.schema.path, "--k", k, "--method", "latent-class",
                                   "--seed", "1", "--quiet", "--out", out.path] + extra)
        try #require(run.status == 0, "\(run.stderr)")
        let model = try SegmentationModel.load(from: out.appendingPathComponent("model.json"))
        let written = try Sample.records(out.appendingPathComponent("assignments.csv"))
        return (model, written.header, written.rows)
    }

    /// `assign` on the training table writes assignments.csv again, byte for byte.
    private static func expectAssignReproduces(_ out: URL, _ csv: URL, in directory: TemporaryDirectory) throws {
        let assigned = directory.file("assigned-\(out.lastPathComponent).csv")
        let apply = try PersonasRun(["assign", out.appendingPathComponent("model.json").path, csv.path, "--out", assigned.path])
        #expect(apply.status == 0, "\(apply.stderr)")
        #expect(try Data(contentsOf: assigned) == Data(contentsOf: out.appendingPathComponent("assignments.csv")))
    }


    // Issue 23 (CLI and pipeline): fails on main before this change, where `--method latent-class` is not a method.
    @Test("segment --method latent-class at one k: items from the columns, probabilities, assign and SQLite give the training segments")
    func fixedK() throws {
        let directory = try TemporaryDirectory()
        let csv = try Sample.smallSample(in: directory)
        let out = directory.file("lc")
        let (model, header, rows) = try Self.segment(csv, k: "4", out: out)

        // The latent class model is saved (format 2): one class per segment, one item per column,
        // categorical columns with their kept levels (and "other" when rare ones were pooled).
        let latentClass = try #require(model.latentClass)
        #expect(model.formatVersion == 2 && model.method == .latentClass && model.mixture == nil)
        #expect(latentClass.k == 4 && model.k == 4 && latentClass.items.count == model.preparation.columns.count)
        for (column, item) in zip(model.preparation.columns, latentClass.items) {
            switch (column.encoding, item) {
            case (.oneHot(let levels, let other, _), .categorical(let p)): #expect(p.columns == levels.count + (other == nil ? 0 : 1))
            case (.ordinal(let levels, _, _, _), .categorical(let p)): #expect(p.columns == levels.count)
            case (.scaled, .categorical(let p)): #expect(column.type == .boolean && p.columns == 2)
            case (.scaled, .continuous): #expect(column.type != .boolean)
            default: Issue.record("column \(column.name) has item \(item)")
            }
        }

        // Probabilities of the assigned segment: the most probable, so at least 1/k; flagged under 0.5.
        #expect(header.suffix(2) == ["probability", "low_probability"] && rows.count == 1_000)
        let sizes = (0..<model.k).map { j in rows.filter { $0["segment"] == String(j) }.count }
        #expect(sizes == sizes.sorted(by: >) && sizes.allSatisfy { $0 > 0 })
        for row in rows {
            let p = try #require(Double(row["probability"] ?? ""))
            #expect(p <= 1 && p >= 1 / Double(model.k) - 1e-12)
            #expect(row["low_probability"] == (p < 0.5 ? "1" : "0"))
        }
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("charts/membership.svg").path))
        try Self.expectAssignReproduces(out, csv, in: directory)

        guard SQLite.isAvailable else {
            print("SKIPPED: the SQL check needs \(SQLite.executable) (scripts/setup.sh installs it)")
            return
        }
        let scored = try SQLiteScoring.segments(out.appendingPathComponent("model.json"), csv, in: directory)
        #expect(scored == rows.map { [$0["hcp_id"]!, $0["segment"]!] })
    }

    // Issue 23 (CLI and pipeline): fails on main before this change, where `--method latent-class` is not a method.
    @Test("choose-k --method latent-class recommends the lowest BIC with AIC and ICL beside it, and segment agrees")
    func chooseKByBIC() throws {
        let directory = try TemporaryDirectory()
        let csv = try Sample.smallSample(in: directory)
        let out = directory.file("choose")
        let common = ["--schema", Sample.schema.path, "--k", "2...4", "--method", "latent-class", "--seed", "3", "--quiet"]
        let run = try PersonasRun(["choose-k", csv.path] + common + ["--out", out.path])
        try #require(run.status == 0, "\(run.stderr)")
        struct Summary: Decodable {
            struct Candidate: Decodable { var k: Int; var bic: Double; var aic: Double; var icl: Double; var smallestShare: Double }
            struct Vote: Decodable { var criterion: String }
            var recommendedK: Int
            var decidedBy: String
            var candidates: [Candidate]
            var votes: [Vote]
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let summary = try decoder.decode(Summary.self, from: Data(contentsOf: out.appendingPathComponent("choose-k.json")))
        let lowest = try #require(summary.candidates.filter { $0.smallestShare >= 0.03 }.min { $0.bic < $1.bic })
        #expect(summary.recommendedK == lowest.k && summary.decidedBy == "lowest BIC")
        #expect(summary.candidates.allSatisfy { $0.aic.isFinite && $0.icl >= $0.bic })
        #expect(Array(summary.votes.prefix(3).map(\.criterion)) == ["BIC", "AIC", "ICL"])
        // Neither the gap statistic nor bootstrap stability, which refit on resampled features, votes.
        #expect(!summary.votes.contains { $0.criterion.lowercased().contains("gap") || $0.criterion.lowercased().contains("stab") })

        let folder = directory.file("segments")
        let segment = try PersonasRun(["segment", csv.path] + common + ["--no-typing-tool", "--out", folder.path])
        try #require(segment.status == 0, "\(segment.stderr)")
        #expect(try SegmentationModel.load(from: folder.appendingPathComponent("model.json")).k == summary.recommendedK)
    }

    // Issue 23 (CLI and pipeline): fails on main before this change, where every method fills a missing cell.
    @Test("Missing cells stay missing: a row with every item blank gets the class weights, the rest still match assign and SQLite")
    func missingCells() throws {
        let directory = try TemporaryDirectory()
        let small = try Sample.smallSample(in: directory)
        var lines = try String(contentsOf: small, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0]
        let features = ["specialty", "region", "practice_type", "practice_size", "age_band", "years_in_practice", "monthly_rx",
                        "product_share", "adoption_stage", "emails_opened", "webinars_attended", "portal_visits",
                        "rep_access_restricted", "content_preference", "calls_received"]
        let columns = features.map { header.firstIndex(of: $0)! }
        // Row 1 loses every feature; every 7th row one cell, in turn.
        for c in columns { lines[1][c] = "" }
        for row in stride(from: 3, to: lines.count, by: 7) { lines[row][columns[row % columns.count]] = "" }
        let csv = directory.file("blanks.csv")
        try (lines.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n").write(to: csv, atomically: true, encoding: .utf8)

        let out = directory.file("blanks")
        let (model, _, rows) = try Self.segment(csv, k: "3", out: out, extra: ["--no-typing-tool"])
        let weights = try #require(model.latentClass).weights
        let blank = rows[0]
        let segment = try #require(Int(blank["segment"] ?? ""))
        // The first most probable class: the largest weight (the first on ties), with that weight as its probability.
        #expect(segment == weights.indices.max { weights[$0] < weights[$1] || (weights[$0] == weights[$1] && $0 > $1) })
        #expect(abs(try #require(Double(blank["probability"] ?? "")) - weights[segment]) < 1e-9)
        try Self.expectAssignReproduces(out, csv, in: directory)

        guard SQLite.isAvailable else { return }
        #expect(try SQLiteScoring.segments(out.appendingPathComponent("model.json"), csv, in: directory) == rows.map { [$0["hcp_id"]!, $0["segment"]!] })
    }

    // Issue 23 (CLI and pipeline): fails on main before this change, where `--method latent-class` is not a method.
    @Test("latent-class refuses a .npy matrix and --covariance, with what to do")
    func refusals() throws {
        let directory = try TemporaryDirectory()
        let npy = directory.file("x.npy")
        try NPY.write(Matrix<Double>(rows: 4, columns: 1, elements: [0, 1, 2, 3]), to: npy)
        let matrix = try PersonasRun(["choose-k", npy.path, "--k", "2...3", "--method", "latent-class", "--out", directory.file("a").path])
        #expect(matrix.status != 0 && matrix.stderr.contains("reads a CSV table's columns as items"))
        let csv = try Sample.smallSample(in: directory)
        let covariance = try PersonasRun(["segment", csv.path, "--k", "3", "--method", "latent-class", "--covariance", "full",
                                          "--out", directory.file("b").path])
        #expect(covariance.status != 0 && covariance.stderr.contains("--covariance applies to --method gmm only"))
    }
}

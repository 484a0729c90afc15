import Foundation
import PersonasData
import PersonasNumerics
import PersonasTestSupport
import Testing

@Suite("personas hclust")
struct HClustCLITests {
    private func lines(_ url: URL) throws -> [String] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    @Test("A .npy matrix: SciPy's linkage layout, labels, dendrogram and summary")
    func npy() throws {
        let directory = try TemporaryDirectory()
        let fixture = try Fixtures.json("hierarchical/linkage_reference.json", as: Reference.self)
        let set = fixture.datasets[0]
        let input = directory.file("x.npy")
        try NPY.write(Matrix(set.X), to: input)
        let out = directory.file("out")
        let run = try PersonasRun(["hclust", input.path, "--method", "average", "--k", "3", "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let linkage = try lines(out.appendingPathComponent("linkage.csv"))
        #expect(linkage.first == "cluster_a,cluster_b,height,size")
        #expect(linkage.count == set.n)
        let scipy = set.linkages.first { $0.method == "average" && $0.metric == "euclidean" }!
        for (line, row) in zip(linkage.dropFirst(), scipy.Z) {
            let fields = line.split(separator: ",").map { Double($0)! }
            #expect(fields[0] == row[0] && fields[1] == row[1] && fields[3] == row[3])
            #expect(abs(fields[2] - row[2]) <= 1e-10 * row[2])
        }
        let labels = try lines(out.appendingPathComponent("labels.csv"))
        #expect(labels.first == "row,segment" && labels.count == set.n + 1)
        let svg = try String(contentsOf: out.appendingPathComponent("dendrogram.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<svg") || svg.hasPrefix("<?xml"))
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json")))
            as! [String: Any]
        #expect(summary["clusters"] as? Int == 3)
        #expect((summary["fit_seconds"] as? Double ?? -1) >= 0)
        #expect((summary["segment_sizes"] as? [Int])?.reduce(0, +) == set.n)
    }

    @Test("A CSV with Gower: the id column labels the rows; identifiers are not features")
    func gowerCSV() throws {
        let directory = try TemporaryDirectory()
        let out = directory.file("gower")
        let run = try PersonasRun(["hclust", Fixtures.url("hierarchical/gower_mixed.csv").path, "--metric", "gower",
                                   "--method", "average", "--k", "4", "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let labels = try lines(out.appendingPathComponent("labels.csv"))
        #expect(labels.first == "row_id,segment")
        #expect(labels.dropFirst().first?.hasPrefix("R00,") == true)
        let summary = try String(contentsOf: out.appendingPathComponent("summary.json"), encoding: .utf8)
        #expect(summary.contains("\"features\" : 5"))
    }

    @Test("Hybrid on the bundled sample; bad requests fail with a message and write nothing")
    func hybridAndErrors() throws {
        let directory = try TemporaryDirectory()
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/hcp-sample.csv")
        let out = directory.file("hybrid")
        let run = try PersonasRun(["hclust", sample.path, "--hybrid", "50", "--k", "6", "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try lines(out.appendingPathComponent("labels.csv")).count == 5_001)
        #expect(try String(contentsOf: out.appendingPathComponent("summary.json"), encoding: .utf8)
            .contains("\"leaf_kind\" : \"micro-clusters\""))

        let noCut = try PersonasRun(["hclust", sample.path, "--out", directory.file("x").path])
        #expect(noCut.status != 0 && noCut.stderr.contains("--k"))
        let badHybrid = try PersonasRun(["hclust", sample.path, "--method", "average", "--hybrid", "20", "--k", "3",
                                         "--out", directory.file("y").path])
        #expect(badHybrid.status != 0 && badHybrid.stderr.contains("Ward"))
        #expect(!FileManager.default.fileExists(atPath: directory.file("y").path))
    }
}

private struct Reference: Decodable {
    struct Dataset: Decodable {
        let n: Int
        let X: [[Double]]
        let linkages: [Linkage]
    }
    struct Linkage: Decodable {
        let method: String
        let metric: String
        let Z: [[Double]]
    }
    let datasets: [Dataset]
}

@Suite("personas choose-k")
struct ChooseKCLITests {
    @Test("Blobs in a .npy: the report files, a recommendation of the planted k, labels for every k")
    func blobs() throws {
        let directory = try TemporaryDirectory()
        var rng = SeededGenerator(seed: 5)
        let centers: [[Double]] = [[0, 0, 0], [8, 0, 0], [0, 8, 0]]
        let rows = (0..<600).map { i in centers[i % 3].map { $0 + 0.7 * rng.nextStandardNormal() } }
        let input = directory.file("blobs.npy")
        try NPY.write(Matrix(rows), to: input)
        let out = directory.file("ck")
        let run = try PersonasRun(["choose-k", input.path, "--k", "2...6", "--bootstrap", "8", "--gap-refs", "4",
                                   "--seed", "2", "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Recommendation: k = 3"), "the result is on stdout: \(run.stdout)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("choose-k.json")))
            as! [String: Any]
        #expect(json["recommended_k"] as? Int == 3)
        #expect((json["candidates"] as? [[String: Any]])?.count == 5)
        let markdown = try String(contentsOf: out.appendingPathComponent("choose-k.md"), encoding: .utf8)
        #expect(markdown.contains("| **3** |"))
        let svg = try String(contentsOf: out.appendingPathComponent("choose-k.svg"), encoding: .utf8)
        #expect(svg.contains("Recommended k = 3") && !svg.contains("NaN"))
        let labels = try String(contentsOf: out.appendingPathComponent("labels.csv"), encoding: .utf8)
            .split(separator: "\n")
        #expect(labels.first == "row,k2,k3,k4,k5,k6" && labels.count == 601)
    }

    @Test("A malformed range is refused before any work")
    func badRange() throws {
        let directory = try TemporaryDirectory()
        let run = try PersonasRun(["choose-k", "missing.csv", "--k", "2..x", "--out", directory.file("o").path])
        #expect(run.status != 0 && run.stderr.contains("--k"))
    }
}

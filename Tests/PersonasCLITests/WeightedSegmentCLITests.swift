import Foundation
import PersonasData
import PersonasTestSupport
import Testing

/// `segment --weight` weighs the segmentation itself, not only the profiles: the final k-means,
/// Gaussian mixture and latent class fits count each respondent by its weight. Before this change
/// the fit ignored the weights (the weighted and unweighted segments were the same).
@Suite("personas segment --weight: the fit")
struct WeightedSegmentCLITests {
    /// The sample with a weight column `wt`: seeded weights (`varying`) or one weight for all.
    private static func sample(in directory: TemporaryDirectory, equalWeight: Double?) throws -> URL {
        if equalWeight == nil { return try WeightCLITests.weightedSample(in: directory).0 }
        let text = try String(contentsOf: WeightCLITests.root.appendingPathComponent("examples/hcp-sample.csv"), encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        for i in lines.indices { lines[i] += i == 0 ? ",wt" : ",\(equalWeight!)" }
        let url = directory.file("equal.csv")
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// assignments.csv's segment and distance columns.
    private static func segments(_ folder: URL) throws -> [[String]] {
        let table = try CSVReader.read(contentsOf: folder.appendingPathComponent("assignments.csv"))
        let columns = ["segment", "distance"].map { name in table.columns.first { $0.name == name }! }
        return (0..<table.rowCount).map { row in columns.map { $0.text(atRow: row) } }
    }

    private static func run(_ file: URL, _ method: String, weighted: Bool, into out: URL) throws -> [[String]] {
        var arguments = ["segment", file.path, "--k", "4", "--method", method, "--seed", "3", "--no-typing-tool", "--quiet",
                         "--out", out.path]
        // Unweighted runs leave the column out, so it is neither a weight nor a feature.
        arguments += weighted ? ["--weight", "wt"] : ["--exclude", "wt"]
        let run = try PersonasRun(arguments)
        try #require(run.status == 0, "\(run.stderr)")
        return try segments(out)
    }

    @Test("the same weight for everyone gives the unweighted segments; varying weights move them",
          arguments: ["kmeans", "gmm", "latent-class"])
    func weightsReachTheFit(method: String) throws {
        let directory = try TemporaryDirectory()
        let equal = try Self.sample(in: directory, equalWeight: 2.5)
        let unweighted = try Self.run(equal, method, weighted: false, into: directory.file("u"))
        // Weights are rescaled to sum to the rows, so 2.5 for all is 1 for all: the same fit, bit for bit.
        #expect(try Self.run(equal, method, weighted: true, into: directory.file("e")) == unweighted)
        let varying = try Self.sample(in: directory, equalWeight: nil)
        let weighted = try Self.run(varying, method, weighted: true, into: directory.file("w"))
        #expect(weighted != unweighted)
    }

    @Test("Ward says its segments are the unweighted rows' when the table is weighted")
    func wardSaysUnweighted() throws {
        let directory = try TemporaryDirectory()
        let varying = try Self.sample(in: directory, equalWeight: nil)
        let run = try PersonasRun(["segment", varying.path, "--k", "3", "--method", "ward", "--weight", "wt", "--no-typing-tool",
                                   "--out", directory.file("w").path])
        try #require(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("Ward's clustering does not weigh rows"))
    }
}

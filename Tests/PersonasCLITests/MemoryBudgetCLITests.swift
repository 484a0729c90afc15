import Foundation
import PersonasTestSupport
import Testing

/// A run whose memory estimate does not fit is refused before it starts, with the figures and
/// what to do instead, and writes nothing (PERSONAS_MEMORY_LIMIT stands in for a small machine).
@Suite("Memory budget")
struct MemoryBudgetCLITests {
    let sample = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/hcp-sample.csv")

    @Test("Reading a file larger than the budget allows is refused before reading")
    func reading() throws {
        let directory = try TemporaryDirectory()
        let run = try PersonasRun(["kmeans", sample.path, "--k", "3", "--out", directory.file("km").path],
                                  environment: ["PERSONAS_MEMORY_LIMIT": "1M"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("reading \(sample.path)") && run.stderr.contains("but only 1 MB is available"))
        #expect(run.stderr.contains("--schema"))
        #expect(!FileManager.default.fileExists(atPath: directory.file("km").path))
    }

    @Test("k-means and the pipeline check their working set once the table is read", arguments: ["kmeans", "segment"])
    func working(command: String) throws {
        let directory = try TemporaryDirectory()
        let out = directory.file("out")
        let run = try PersonasRun([command, sample.path, "--k", "3", "--out", out.path],
                                  environment: ["PERSONAS_MEMORY_LIMIT": "40M"])
        #expect(run.status != 0)
        let task = command == "kmeans" ? "k-means on 5,000 rows × " : "segmenting 5000 rows × "
        #expect(run.stderr.contains(task), "\(run.stderr)")
        #expect(run.stderr.contains("but only 40 MB is available"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).isEmpty)
        // The same run fits a realistic budget.
        let fits = try PersonasRun([command, sample.path, "--k", "3", "--out", out.path] + (command == "segment" ? ["--no-typing-tool"] : []),
                                   environment: ["PERSONAS_MEMORY_LIMIT": "2G"])
        #expect(fits.status == 0, "\(fits.stderr)")
    }
}

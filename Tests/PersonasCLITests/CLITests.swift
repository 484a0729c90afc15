import Foundation
import PersonasData
import PersonasNumerics
import PersonasTestSupport
import Testing

/// Runs the built `personas` binary, as an analyst would, and checks files, exit codes and messages.
struct PersonasRun {
    var status: Int32
    var stdout: String
    var stderr: String

    /// The executable next to the test bundle (`swift build --build-tests` builds every product).
    static var executable: URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // Swift Testing may run from inside the .xctest bundle on some platforms.
        while !FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("personas").path),
              folder.pathComponents.count > 1 {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("personas")
    }

    /// Runs `personas arguments`, with `environment` added to the test's own (PERSONAS_THREADS, …).
    init(_ arguments: [String], environment extra: [String: String] = [:]) throws {
        let process = Process()
        process.executableURL = PersonasRun.executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment.merging(extra) { _, new in new }
        environment["PERSONAS_NO_REEXEC"] = "1"
        process.environment = environment
        // Standard error goes to a file, so a run that fills one pipe while the test drains the
        // other cannot block.
        let out = Pipe()
        let errURL = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("personas-stderr-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errURL) }
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errData = try Data(contentsOf: errURL)
        status = process.terminationStatus
        stdout = String(decoding: outData, as: UTF8.self)
        stderr = String(decoding: errData, as: UTF8.self)
    }
}

@Suite("personas command line")
struct CLITests {
    @Test("generate writes the same file for the same seed and refuses to overwrite without --force")
    func generate() throws {
        let directory = try TemporaryDirectory()
        let a = directory.file("a.csv").path, b = directory.file("b.csv").path
        #expect(try PersonasRun(["generate", "--rows", "1500", "--seed", "9", "--out", a]).status == 0)
        #expect(try PersonasRun(["generate", "--rows", "1500", "--seed", "9", "--out", b]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)))
        let again = try PersonasRun(["generate", "--rows", "10", "--out", a])
        #expect(again.status != 0)
        #expect(again.stderr.contains("--force") && !again.stderr.contains("Usage:"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)))
    }

    @Test("inspect reports a malformed cell with file, line and column on stderr and fails")
    func inspectError() throws {
        let directory = try TemporaryDirectory()
        let file = directory.file("customers.csv")
        var text = "hcp_id,rx_volume,specialty\n"
        for i in 1...300 { text += "H\(i),\(i * 3),GP\n" }
        text += "H301,n/a?,GP\n"
        try Data(text.utf8).write(to: file)
        let schema = directory.file("schema.json")
        try Data(#"{"version": 1, "columns": [{"name": "rx_volume", "type": "numeric"}]}"#.utf8).write(to: schema)
        let run = try PersonasRun(["inspect", file.path, "--schema", schema.path])
        #expect(run.status != 0)
        #expect(run.stderr.contains(#"customers.csv:302: column "rx_volume": expected a number, found "n/a?""#),
                "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test("inspect --format json lists every column with its type")
    func inspectJSON() throws {
        let run = try PersonasRun(["inspect", Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples/hcp-sample.csv").path, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let columns = try #require(report?["columns"] as? [[String: Any]])
        #expect(columns.count == HCPUniverse.columnNames.count)
        #expect(columns.first?["type"] as? String == "identifier")
    }

    @Test("kmeans --init first-k --tol 0 --max-iter 20 runs exactly 20 Lloyd iterations on a .npy")
    func kmeansProtocol() throws {
        let directory = try TemporaryDirectory()
        let npy = directory.file("x.npy")
        // Uniform data has no clusters to settle into: 20 iterations do not converge.
        try NPY.write(randomMatrix(20_000, 4, seed: 3), to: npy)
        let out = directory.file("out").path
        let run = try PersonasRun(["kmeans", npy.path, "--k", "16", "--init", "first-k", "--tol", "0",
                                   "--max-iter", "20", "--out", out])
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: out).appendingPathComponent("summary.json"))) as? [String: Any]
        #expect(summary?["iterations"] as? Int == 20)
        #expect(summary?["converged"] as? Bool == false)
        #expect((summary?["fit_seconds"] as? Double ?? -1) >= 0)
        let labels = try String(contentsOf: URL(fileURLWithPath: out).appendingPathComponent("labels.csv"), encoding: .utf8)
        #expect(labels.split(separator: "\n").count == 20_001)
    }

    @Test("kmeans on a CSV labels customers by their identifier and never clusters on it")
    func kmeansCSV() throws {
        let root = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
        let directory = try TemporaryDirectory()
        let out = directory.file("segments").path
        let run = try PersonasRun(["kmeans", root.appendingPathComponent("examples/hcp-sample.csv").path,
                                   "--schema", root.appendingPathComponent("examples/hcp-sample.schema.json").path,
                                   "--k", "6", "--seed", "1", "--out", out])
        #expect(run.status == 0, "\(run.stderr)")
        let labels = try CSVReader.read(contentsOf: URL(fileURLWithPath: out).appendingPathComponent("labels.csv"))
        #expect(labels.columns.map(\.name) == ["hcp_id", "segment"])
        #expect(labels.rowCount == 5_000)
        let centers = try CSVReader.read(contentsOf: URL(fileURLWithPath: out).appendingPathComponent("centers.csv"))
        #expect(centers.rowCount == 6)
        #expect(!centers.columns.contains { $0.name.hasPrefix("hcp_id") || $0.name.hasPrefix("value") })
    }

    @Test("kmeans says which columns it left out and why (the warnings were lost on the way to the terminal)")
    func kmeansDroppedColumnWarning() throws {
        let directory = try TemporaryDirectory()
        let file = directory.file("flat.csv")
        // Twelve rows, so that "north" is held by enough customers to be a level at all.
        let rows = (1...12).map { "\($0),\([3, 5, 8, 1][$0 % 4]),north\n" }.joined()
        try Data(("id,volume,region\n" + rows).utf8).write(to: file)
        let run = try PersonasRun(["kmeans", file.path, "--k", "2", "--seed", "1", "--out", directory.file("out").path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("warning: column \"region\" is not used: it has only one level (north)"), "\(run.stderr)")
    }
}

import Foundation
import PersonasTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A failed, interrupted or killed `personas segment` leaves no partial output folder and no
/// temporary file, and an existing folder it was replacing stays as it was.
@Suite("Interrupted and failed runs leave nothing behind", .serialized)
struct InterruptionCLITests {
    static let sample = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/hcp-sample.csv")

    /// Entries of `folder` whose names start with a dot (staged folders, temporary files).
    static func hidden(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
    }

    /// Starts `personas segment`, waits until its staged folder exists, then sends `signal`.
    static func interruptedSegment(_ arguments: [String], parent: URL, signal: Int32) throws -> Process {
        let process = Process()
        process.executableURL = PersonasRun.executable
        process.arguments = ["segment"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["PERSONAS_NO_REEXEC"] = "1"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while try !hidden(parent).contains(where: { $0.contains(".partial-") }), process.isRunning, Date() < deadline {
            usleep(20_000)
        }
        #expect(process.isRunning, "the run ended before it could be interrupted")
        usleep(300_000)
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        return process
    }

    @Test("Ctrl-C mid-run: no output folder, no staged folder, exit by SIGINT")
    func interrupt() throws {
        let directory = try TemporaryDirectory()
        let out = directory.file("segments")
        let process = try Self.interruptedSegment([Self.sample.path, "--k", "2...6", "--quiet", "--out", out.path],
                                                  parent: directory.url, signal: SIGINT)
        #expect(process.terminationReason == .exit && process.terminationStatus == 128 + SIGINT)
        #expect(!FileManager.default.fileExists(atPath: out.path))
        #expect(try Self.hidden(directory.url).isEmpty)
    }

    @Test("kill while replacing with --force: the previous folder stays whole and unchanged")
    func killDuringReplacement() throws {
        let directory = try TemporaryDirectory()
        let out = directory.file("segments")
        let first = try PersonasRun(["segment", Self.sample.path, "--k", "3", "--no-typing-tool", "--quiet", "--out", out.path])
        #expect(first.status == 0, "\(first.stderr)")
        let before = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        let model = try Data(contentsOf: out.appendingPathComponent("model.json"))

        let process = try Self.interruptedSegment([Self.sample.path, "--k", "2...6", "--force", "--quiet", "--out", out.path],
                                                  parent: directory.url, signal: SIGTERM)
        #expect(process.terminationReason == .exit && process.terminationStatus == 128 + SIGTERM)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == before)
        #expect(try Data(contentsOf: out.appendingPathComponent("model.json")) == model)
        #expect(try Self.hidden(directory.url).isEmpty)
    }

    @Test("A run that fails after starting leaves no folder; --force never replaces a folder segment did not write")
    func failuresAndForeignFolders() throws {
        let directory = try TemporaryDirectory()
        let sample = Self.sample
        let out = directory.file("segments")
        let failed = try PersonasRun(["segment", sample.path, "--k", "3", "--columns", "no_such_column", "--quiet",
                                      "--out", out.path])
        #expect(failed.status != 0 && failed.stderr.contains("no_such_column"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
        #expect(try Self.hidden(directory.url).isEmpty)

        // A staged folder left by a run killed outright (its process is gone) is cleared by the next run.
        let stale = directory.file(".segments.partial-\(try deadProcessIdentifier())-42")
        try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
        let cleared = try PersonasRun(["segment", sample.path, "--k", "2", "--no-typing-tool", "--quiet", "--out", out.path])
        #expect(cleared.status == 0, "\(cleared.stderr)")
        #expect(try Self.hidden(directory.url).isEmpty)
        try FileManager.default.removeItem(at: out)

        let foreign = directory.file("documents")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        try "keep me".write(to: foreign.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let refused = try PersonasRun(["segment", sample.path, "--k", "3", "--force", "--quiet", "--out", foreign.path])
        #expect(refused.status != 0 && refused.stderr.contains("--force replaces only a folder personas wrote"))
        #expect(try String(contentsOf: foreign.appendingPathComponent("notes.txt"), encoding: .utf8) == "keep me")
        #expect(try Self.hidden(directory.url).isEmpty)
    }
}

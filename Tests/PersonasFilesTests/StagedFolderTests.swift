import Foundation
import PersonasData
import PersonasFiles
import PersonasTestSupport
import Testing

/// The staged output folder: written whole or not at all, replaced only when Personas wrote all of it.
@Suite("Staged output folders")
struct StagedFolderTests {
    /// Stages `out` for `command`, writes `files` (relative path → text) and commits.
    static func write(_ out: URL, _ files: [String: String], replacing: Bool = false, inputs: [URL] = []) throws {
        let staged = try StagedFolder(destination: out, command: "test", replacing: replacing, inputs: inputs)
        for (name, text) in files {
            let url = staged.staging.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try AtomicFileWriter.write(text, to: url)
        }
        try staged.commit()
    }

    /// The kind of `FolderError` `body` throws, or nil when it throws none.
    static func refusal(_ body: () throws -> Void) -> FolderError.Kind? {
        do { try body() } catch let error as FolderError { return error.kind } catch { return .system("\(error)") }
        return nil
    }

    @Test("A committed folder holds what was staged and its manifest; nothing hidden is left beside it")
    func commit() throws {
        let directory = try TemporaryDirectory()
        let out = directory.file("out")
        try Self.write(out, ["a.txt": "hello", "charts/b.svg": "<svg/>"])
        #expect(try String(contentsOf: out.appendingPathComponent("a.txt"), encoding: .utf8) == "hello")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
                == [OutputFileName.manifest, "a.txt", "charts"])
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent(OutputFileName.manifest)))
            as? [String: Any]
        #expect(manifest?["command"] as? String == "test")
        #expect(manifest?["files"] as? [String] == ["a.txt", "charts/", "charts/b.svg"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["out"])
    }

    // Fails on main before this change: StagedFolder had no manifest and replaced any folder
    // holding its marker file, whatever else it held.
    @Test("Replacing: refused without permission, refused with a foreign entry or no manifest, allowed on its own output")
    func replacing() throws {
        let directory = try TemporaryDirectory()
        let out = directory.file("out")
        try Self.write(out, ["model.json": "1"])
        #expect(Self.refusal { try Self.write(out, ["model.json": "2"]) } == .exists)
        try Self.write(out, ["model.json": "2"], replacing: true)
        #expect(try String(contentsOf: out.appendingPathComponent("model.json"), encoding: .utf8) == "2")

        try "my thesis".write(to: out.appendingPathComponent("thesis.tex"), atomically: true, encoding: .utf8)
        #expect(Self.refusal { try Self.write(out, ["model.json": "3"], replacing: true) } == .foreignFile("thesis.tex"))
        #expect(try String(contentsOf: out.appendingPathComponent("thesis.tex"), encoding: .utf8) == "my thesis")
        #expect(try String(contentsOf: out.appendingPathComponent("model.json"), encoding: .utf8) == "2")

        let old = directory.file("old")
        try FileManager.default.createDirectory(at: old, withIntermediateDirectories: true)
        try "1".write(to: old.appendingPathComponent("model.json"), atomically: true, encoding: .utf8)
        #expect(Self.refusal { try Self.write(old, ["model.json": "3"], replacing: true) } == .noManifest)
        #expect(FileManager.default.fileExists(atPath: old.appendingPathComponent("model.json").path))
    }

    // Fails on main before this change: a destination holding an input was checked only when it
    // also held the marker, and the check's error had no kind.
    @Test("A folder holding an input of the run is refused, with or without replacing, and keeps the input")
    func holdsInput() throws {
        let directory = try TemporaryDirectory()
        let out = directory.file("out")
        try Self.write(out, ["model.json": "1"])
        let schema = out.appendingPathComponent("schema.json")
        try "{}".write(to: schema, atomically: true, encoding: .utf8)
        #expect(Self.refusal { try Self.write(out, ["model.json": "2"], replacing: true, inputs: [schema]) }
                == .holdsInput("schema.json"))
        #expect(FileManager.default.fileExists(atPath: schema.path))
    }

    // Fails on main before this change: two StagedFolders of one destination both succeeded.
    @Test("A second staging of the same destination fails at once while the first holds it")
    func locked() throws {
        let directory = try TemporaryDirectory()
        let out = directory.file("out")
        let first = try StagedFolder(destination: out, command: "test", replacing: false)
        #expect(Self.refusal { _ = try StagedFolder(destination: out, command: "test", replacing: true) } == .locked)
        try first.commit()
        let second = try StagedFolder(destination: out, command: "test", replacing: true)
        second.abandon()
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["out"])
    }

    // Fails on main before this change: the set-aside folder of a dead run was deleted even when
    // the destination was missing, losing the only copy of the previous output.
    @Test("A set-aside folder left by a killed run is restored when the destination is missing, removed otherwise")
    func restoresReplaced() throws {
        let directory = try TemporaryDirectory()
        let out = directory.file("out")
        try Self.write(out, ["model.json": "previous"])
        let aside = directory.file(".out.replaced-\(try deadProcessIdentifier())-7")
        try FileManager.default.moveItem(at: out, to: aside)

        let staged = try StagedFolder(destination: out, command: "test", replacing: true)
        staged.abandon()
        #expect(try String(contentsOf: out.appendingPathComponent("model.json"), encoding: .utf8) == "previous")
        #expect(!FileManager.default.fileExists(atPath: aside.path))

        try FileManager.default.createDirectory(at: aside, withIntermediateDirectories: true)
        try Self.write(out, ["model.json": "new"], replacing: true)
        #expect(!FileManager.default.fileExists(atPath: aside.path))
        #expect(try String(contentsOf: out.appendingPathComponent("model.json"), encoding: .utf8) == "new")
    }

    // Fails on main before this change: the error was the system's text (or NSCocoaErrorDomain's)
    // with no kind.
    @Test("A read-only parent is reported as read-only")
    func readOnly() throws {
        let directory = try TemporaryDirectory()
        var parent = directory.file("locked")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: parent.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: parent.path) }
        // Root writes through permissions; Linux's /sys is a read-only file system even for root.
        if getuid() == 0 { parent = URL(fileURLWithPath: "/sys/personas-test") }
        let error = #expect(throws: FolderError.self) {
            _ = try StagedFolder(destination: parent.appendingPathComponent("out"), command: "test", replacing: false)
        }
        #expect(error?.kind == .readOnly)
        #expect(error?.description.contains("read-only") == true)
        #expect(error?.description.contains("--") == false)
    }
}

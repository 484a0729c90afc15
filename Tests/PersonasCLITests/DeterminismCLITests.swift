import Foundation
import PersonasTestSupport
import Testing

/// Every file `personas segment` writes, as bytes by path relative to the folder (recursively, so
/// files that later versions add are compared too).
private func folderContents(_ folder: URL) throws -> [String: Data] {
    var contents: [String: Data] = [:]
    let root = folder.resolvingSymlinksInPath().path + "/"
    let enumerator = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]))
    for case let url as URL in enumerator {
        guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
        let path = url.resolvingSymlinksInPath().path
        contents[path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path] = try Data(contentsOf: url)
    }
    return contents
}

/// model.json with its creation time blanked: the one field allowed to differ between runs.
private func withoutCreationTime(_ data: Data) -> Data {
    let text = String(decoding: data, as: UTF8.self)
    let masked = text.replacingOccurrences(of: #""(createdAt|created_at)" : "[^"]*""#, with: #""$1" : """#,
                                           options: .regularExpression)
    return Data(masked.utf8)
}

@Suite("personas segment: determinism")
struct DeterminismCLITests {
    @Test("the same seed gives byte-identical folders on 1, 2 and 4 threads and on a repeated run")
    func identicalFolders() throws {
        let root = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
        let sample = root.appendingPathComponent("examples/hcp-sample.csv").path
        let schema = root.appendingPathComponent("examples/hcp-sample.schema.json").path
        let directory = try TemporaryDirectory()
        // A range of k keeps choose-k (indices, gap statistic, bootstrap) in the run; few reference
        // sets and resamples keep it to seconds in a debug build. The four runs go at once, each a
        // process of its own.
        let runs: [(name: String, threads: String)] = [("one", "1"), ("two", "2"), ("four", "4"), ("again", "2")]
        var processes: [Process] = []
        for run in runs {
            let process = Process()
            process.executableURL = PersonasRun.executable
            process.arguments = ["segment", sample, "--schema", schema, "--k", "2...4", "--bootstrap", "5",
                                 "--gap-refs", "2", "--seed", "11",
                                 "--quiet", "--out", directory.file(run.name).path]
            process.environment = ProcessInfo.processInfo.environment.merging(
                ["PERSONAS_THREADS": run.threads, "PERSONAS_NO_REEXEC": "1"]) { _, new in new }
            let log = directory.file(run.name + ".log")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            let handle = try FileHandle(forWritingTo: log)
            process.standardOutput = handle
            process.standardError = handle
            process.standardInput = FileHandle.nullDevice
            try process.run()
            processes.append(process)
        }
        for (process, run) in zip(processes, runs) {
            process.waitUntilExit()
            let log = (try? String(contentsOf: directory.file(run.name + ".log"), encoding: .utf8)) ?? ""
            #expect(process.terminationStatus == 0, "\(run.name): \(log)")
        }

        let reference = try folderContents(directory.file("one"))
        #expect(["model.json", "assignments.csv", "personas.json", "choose-k.md", "typing-tool.json"]
            .allSatisfy { reference[$0] != nil }, "\(reference.keys.sorted())")
        for run in runs.dropFirst() {
            let other = try folderContents(directory.file(run.name))
            #expect(other.keys.sorted() == reference.keys.sorted(), "\(run.name)")
            for (path, bytes) in reference.sorted(by: { $0.key < $1.key }) {
                let same: Bool
                if path == "model.json" {
                    same = other[path].map(withoutCreationTime) == withoutCreationTime(bytes)
                } else if path.hasSuffix(".xlsx") {
                    // Every sheet and part of the workbook but its creation time (docProps/core.xml).
                    let parts = { (run: String) in
                        try unzipText(directory.file(run).appendingPathComponent(path), "*", excluding: ["docProps/core.xml"])
                    }
                    same = try parts(run.name) == parts("one") && !parts("one").isEmpty
                } else {
                    same = other[path] == bytes
                }
                #expect(same, "\(run.name) (PERSONAS_THREADS=\(run.threads)): \(path) differs")
            }
        }
        // The masked field exists: the comparison above really covered the rest of model.json.
        let model = String(decoding: try #require(reference["model.json"]), as: UTF8.self)
        #expect(model.contains("\"createdAt\" : \"") || model.contains("\"created_at\" : \""))
    }
}

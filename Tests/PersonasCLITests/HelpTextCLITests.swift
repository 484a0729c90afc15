import Foundation
import PersonasTestSupport
import Testing

/// The `--help` of `personas` and of each subcommand, pinned byte for byte by the committed files
/// in Tests/Fixtures/help/ (`personas.txt` for the root, `<command>.txt` for each subcommand), at
/// a fixed width of 100 columns. A change to an option or its help shows here as a diff to review;
/// `make help-fixtures` (PERSONAS_UPDATE_HELP=1 for this suite) rewrites the files from the binary.
@Suite("personas --help")
struct HelpTextCLITests {
    static let folder = Fixtures.url("help")
    static let update = ProcessInfo.processInfo.environment["PERSONAS_UPDATE_HELP"] == "1"

    static func help(_ command: String?) throws -> String {
        let run = try PersonasRun((command.map { [$0] } ?? []) + ["--help"], environment: ["COLUMNS": "100"])
        #expect(run.status == 0, "\(run.stderr)")
        return run.stdout
    }

    /// The subcommands the root help lists (the two-space-indented names under each SUBCOMMANDS heading).
    static func subcommands(_ rootHelp: String) -> [String] {
        var names: [String] = [], inList = false
        for line in rootHelp.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasSuffix("SUBCOMMANDS:") { inList = true; continue }
            if line.isEmpty || !line.hasPrefix(" ") { inList = false; continue }
            if inList, line.hasPrefix("  "), !line.hasPrefix("   "), let name = line.split(separator: " ").first {
                names.append(String(name))
            }
        }
        return names
    }

    // Fails on main: there are no pinned help files and the subcommands are one ungrouped list.
    @Test("The root help groups the subcommands, and every help text equals its committed file")
    func pinned() throws {
        let root = try Self.help(nil)
        let commands = Self.subcommands(root)
        for group in ["PIPELINE SUBCOMMANDS:", "STEPS SUBCOMMANDS:", "MODEL USE SUBCOMMANDS:", "DATA SUBCOMMANDS:"] {
            #expect(root.contains(group), "\(root)")
        }
        #expect(commands.count == 14, "\(commands)")
        var texts = ["personas": root]
        for command in commands { texts[command] = try Self.help(command) }

        if Self.update {
            try? FileManager.default.removeItem(at: Self.folder)
            try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            for (name, text) in texts {
                try Data(text.utf8).write(to: Self.folder.appendingPathComponent("\(name).txt"))
            }
            return
        }
        let committed = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
            .filter { $0.hasSuffix(".txt") }.sorted()
        #expect(committed == texts.keys.map { "\($0).txt" }.sorted(), "a help file per command and no other")
        for (name, text) in texts.sorted(by: { $0.key < $1.key }) {
            let pinned = try? String(contentsOf: Self.folder.appendingPathComponent("\(name).txt"), encoding: .utf8)
            #expect(pinned == text, "\(name) --help changed; review it and run `make help-fixtures`:\n\(text)")
        }
    }

    // Fails on main: --seed defaulted to 1 in typing-tool and 20251122 in generate.
    @Test("--seed defaults to 0 in every command that clusters or samples")
    func seedDefaults() throws {
        for command in ["kmeans", "hclust", "choose-k", "segment", "typing-tool", "generate"] {
            let text = try Self.help(command)
            let line = text.split(separator: "\n").first { $0.hasPrefix("  --seed <seed>") }
            #expect(line?.contains("(default: 0)") == true, "\(command): \(line ?? "no --seed")")
        }
    }
}

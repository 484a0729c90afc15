import Foundation
import PersonasTestSupport
import Testing

/// Column names, levels and cells reach the terminal as text to read, never as instructions: the
/// control characters in them are printed escaped (`\u{1B}`), on stdout and stderr alike, while
/// JSON output keeps its encoder's own escaping.
@Suite("Terminal escaping: personas commands")
struct TerminalEscapeCLITests {
    /// Renames the terminal window (OSC 0, ended by BEL).
    static let retitle = "\u{1B}]0;pwned\u{7}"
    /// Turns the text red (CSI 31 m).
    static let red = "\u{1B}[31m"

    /// 60 customers whose second column is named with an OSC sequence and whose `colour` levels
    /// hold a CSI sequence, a C1 CSI (U+009B), DEL, a carriage return and a right-to-left override.
    static func hostileCSV(in directory: TemporaryDirectory) throws -> URL {
        let levels = [red + "red", "\u{9B}32mgreen", "blue\u{7F}", "gr\rey", "\u{202E}der"]
        var text = "id,\(retitle),colour,visits\n"
        for i in 0..<60 {
            text += "C\(1000 + i),\(i % 7 + (i < 30 ? 0 : 20)),\"\(levels[i % levels.count])\",\((i * 13) % 17)\n"
        }
        let url = directory.file("hostile.csv")
        try Data(text.utf8).write(to: url)
        return url
    }

    /// The characters a terminal would act on, found in `text` (none is the promise).
    static func rawControls(_ text: String) -> [String] {
        text.unicodeScalars.filter { scalar in
            (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
                || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
        }.map { String(format: "U+%04X", $0.value) }
    }

    // Issue 17, item 8. Fails on main: the column name and the levels were printed as they are,
    // so the terminal retitled its window and turned the table red.
    @Test("inspect shows hostile names and levels escaped, and its JSON keeps the encoder's escaping")
    func inspect() throws {
        let directory = try TemporaryDirectory()
        let csv = try Self.hostileCSV(in: directory)
        let run = try PersonasRun(["inspect", csv.path])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(Self.rawControls(run.stdout + run.stderr).isEmpty, "\(Self.rawControls(run.stdout + run.stderr))")
        #expect(run.stdout.contains(#"\u{1B}]0;pwned\u{7}"#))
        #expect(run.stdout.contains(#"\u{1B}[31mred"#) && run.stdout.contains(#"\u{9B}32mgreen"#))

        let json = try PersonasRun(["inspect", csv.path, "--format", "json"])
        #expect(json.status == 0, "stderr: \(json.stderr)")
        #expect(!json.stdout.unicodeScalars.contains("\u{1B}") && !json.stdout.unicodeScalars.contains("\u{7}"))
        let decoded = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let names = (decoded?["columns"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        #expect(names?.contains(Self.retitle) == true, "JSON keeps the exact name")
    }

    // Issue 17, item 8. Fails on main: segment's summary and the error naming an unknown column
    // printed the names and levels raw.
    @Test("segment's summary and an error quoting column names carry no raw control characters")
    func segmentAndErrors() throws {
        let directory = try TemporaryDirectory()
        let csv = try Self.hostileCSV(in: directory)
        let run = try PersonasRun(["segment", csv.path, "--k", "2", "--seed", "1", "--out", directory.file("seg").path])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(Self.rawControls(run.stdout + run.stderr).isEmpty, "\(Self.rawControls(run.stdout + run.stderr))")

        let missing = try PersonasRun(["kmeans", csv.path, "--k", "2", "--columns", Self.red + "visits",
                                       "--out", directory.file("km").path])
        #expect(missing.status != 0)
        #expect(Self.rawControls(missing.stdout + missing.stderr).isEmpty, "\(Self.rawControls(missing.stderr))")
        #expect(missing.stderr.hasPrefix(#"Error: hostile.csv: column "\u{1B}[31mvisits": there is no such column"#),
                "stderr: \(missing.stderr)")
        #expect(missing.stderr.contains(#"\u{1B}]0;pwned\u{7}"#), "the error lists the columns, escaped")
    }
}

import Foundation
import PersonasTestSupport
import Testing

/// The CLI's output contract (issue 18, "CLI conventions"): every summary JSON and every
/// `--format json` comes from one encoder with snake_case keys; results go to stdout, warnings and
/// progress to stderr; column lists have one syntax and unknown names are refused up front.
@Suite("personas output contract")
struct OutputContractCLITests {
    /// A small table: an identifier, two numbers, a category and an empty column (a warning).
    static func customers(in directory: TemporaryDirectory) throws -> URL {
        var text = "customer_id,visits,spend,region,survey\n"
        for i in 0..<90 {
            let group = i % 3
            text += "C\(i),\(group * 10 + i % 4),\(Double(group) * 100 + Double(i % 5) * 1.5),"
                + "\(["north", "south", "east"][group]),\n"
        }
        let url = directory.file("customers.csv")
        try Data(text.utf8).write(to: url)
        return url
    }

    /// Every key of a parsed JSON document, however deep.
    static func keys(_ value: Any) -> [String] {
        if let object = value as? [String: Any] {
            return object.keys.map { $0 } + object.values.flatMap(keys)
        }
        if let array = value as? [Any] { return array.flatMap(keys) }
        return []
    }

    static func nonSnakeKeys(_ data: Data) throws -> [String] {
        let json = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        return keys(json).filter { $0.range(of: "^[a-z0-9_]+$", options: .regularExpression) == nil }
    }

    /// Runs `arguments` with `--format json`, which must succeed with stdout one JSON document whose
    /// keys are all snake_case.
    @discardableResult
    static func json(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let run = try PersonasRun(arguments + ["--format", "json"])
        #expect(run.status == 0, "\(arguments[0]): \(run.stderr)", sourceLocation: sourceLocation)
        let data = Data(run.stdout.utf8)
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect(object != nil, "\(arguments[0]) --format json: stdout is not one JSON object: \(run.stdout)",
                sourceLocation: sourceLocation)
        let keys = (try? nonSnakeKeys(data)) ?? []
        #expect(keys.isEmpty, "\(arguments[0]): \(keys)", sourceLocation: sourceLocation)
        return object ?? [:]
    }

    // Fails on main: only segment and inspect have --format (the others refuse the option), inspect's
    // keys are camelCase (topLevels), and typing-tool's summary.json has camelCase keys (holdOutAccuracy).
    @Test("Every --format json prints one JSON document, and every summary file has snake_case keys only")
    func snakeCaseEverywhere() throws {
        let directory = try TemporaryDirectory()
        let csv = try Self.customers(in: directory).path
        func out(_ name: String) -> String { directory.file(name).path }

        try Self.json(["inspect", csv])
        try Self.json(["kmeans", csv, "--k", "3", "--out", out("km")])
        try Self.json(["kmeans", csv, "--k", "3", "--algorithm", "minibatch", "--out", out("mb")])
        try Self.json(["hclust", csv, "--k", "3", "--out", out("hc")])
        try Self.json(["choose-k", csv, "--k", "2...3", "--bootstrap", "2", "--gap-refs", "2", "--out", out("ck")])
        let segment = try Self.json(["segment", csv, "--k", "3", "--bootstrap", "2", "--gap-refs", "2", "--min-size", "5",
                                     "--out", out("seg")])
        #expect(segment["segments"] is [Any], "segment names are values in a list, never keys")
        try Self.json(["assign", out("seg") + "/model.json", csv, "--out", out("assigned.csv")])
        try Self.json(["profile", csv, "--labels", out("km") + "/labels.csv", "--min-size", "5", "--out", out("pr")])

        // Segment labels that are not snake_case: they must come out as values only.
        let kmeansLabels = try String(contentsOf: directory.file("km/labels.csv"), encoding: .utf8)
        let named = kmeansLabels.replacingOccurrences(of: ",0\n", with: ",Big Spenders\n")
            .replacingOccurrences(of: ",1\n", with: ",Rural-GPs\n").replacingOccurrences(of: ",2\n", with: ",Ärzte\n")
        try Data(named.utf8).write(to: directory.file("named.csv"))
        try Self.json(["typing-tool", csv, "--labels", out("named.csv"), "--folds", "2", "--min-samples-leaf", "2",
                       "--out", out("tt")])
        let typed = try Self.json(["type", out("tt") + "/typing-tool.json", csv, "--out", out("typed.csv")])
        #expect((typed["segments"] as? [[String: Any]])?.compactMap { $0["segment"] as? String }.sorted()
                == ["Big Spenders", "Rural-GPs", "Ärzte"])
        let compare = try Self.json(["compare", out("named.csv"), out("typed.csv")])
        #expect((compare["old_segments"] as? [String])?.sorted() == ["Big Spenders", "Rural-GPs", "Ärzte"])

        for file in ["km/summary.json", "mb/summary.json", "hc/summary.json", "ck/choose-k.json", "tt/summary.json"] {
            let keys = try Self.nonSnakeKeys(Data(contentsOf: directory.file(file)))
            #expect(keys.isEmpty, "\(file): \(keys)")
        }
    }

    // Fails on main: kmeans prints its result line on stderr and inspect its warnings on stdout.
    @Test("Results go to stdout, warnings only to stderr, in text and in JSON")
    func streams() throws {
        let directory = try TemporaryDirectory()
        let csv = try Self.customers(in: directory).path
        let warning = #"warning: column "survey""#
        for arguments in [["inspect", csv], ["kmeans", csv, "--k", "3", "--out", directory.file("km").path],
                          ["profile", csv, "--labels", directory.file("km/labels.csv").path, "--min-size", "5",
                           "--out", directory.file("pr").path]] {
            let text = try PersonasRun(arguments)
            #expect(text.status == 0, "\(text.stderr)")
            #expect(text.stderr.contains(warning), "\(arguments[0]): \(text.stderr)")
            #expect(!text.stdout.contains("warning"), "\(arguments[0]): \(text.stdout)")
            #expect(!text.stdout.isEmpty && !text.stderr.contains(text.stdout.split(separator: "\n")[0]),
                    "\(arguments[0]): the result is on stdout: \(text.stdout)")

            // The same run again into the same folder: --force replaces what the first one wrote.
            let json = try PersonasRun(arguments + ["--format", "json"] + (arguments[0] == "inspect" ? [] : ["--force"]))
            #expect(json.stderr.contains(warning), "\(arguments[0]): \(json.stderr)")
            #expect((try? JSONSerialization.jsonObject(with: Data(json.stdout.utf8))) != nil, "\(json.stdout)")
        }
    }

    // Fails on main: `--columns visits,spend` read one column named "visits,spend", and repeating
    // --columns or giving --exclude was refused.
    @Test("One list syntax: repeated or comma-separated names, unknown names refused with the table's columns")
    func columnLists() throws {
        let directory = try TemporaryDirectory()
        let csv = try Self.customers(in: directory).path
        let repeated = try Self.json(["kmeans", csv, "--k", "2", "--columns", "visits", "--columns", "spend",
                                      "--out", directory.file("a").path])
        #expect(repeated["features"] as? Int == 2)
        let commas = try Self.json(["kmeans", csv, "--k", "2", "--columns", "visits, spend", "--out", directory.file("a2").path])
        #expect(commas["features"] as? Int == 2)
        let excluded = try Self.json(["kmeans", csv, "--k", "2", "--exclude", "region", "--out", directory.file("b").path])
        #expect(excluded["features"] as? Int == 2)

        for arguments in [["kmeans", csv, "--k", "2", "--columns", "visits,nosuch", "--out", directory.file("c").path],
                          ["hclust", csv, "--k", "2", "--metric", "gower", "--exclude", "nosuch", "--out", directory.file("d").path],
                          ["segment", csv, "--k", "2", "--questions", "visits, nosuch", "--out", directory.file("e").path],
                          ["typing-tool", csv, "--labels", directory.file("a/labels.csv").path, "--questions", "nosuch",
                           "--out", directory.file("f").path]] {
            let run = try PersonasRun(arguments)
            #expect(run.status != 0)
            #expect(run.stderr.contains(#"column "nosuch": there is no such column; the columns are customer_id, visits, "#
                                        + "spend, region, survey"), "\(arguments[0]): \(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: arguments.last!))
        }
    }
}

import Foundation
import PersonasNumerics
import PersonasTestSupport
import Testing

/// The cells of a CSV file as written (no quoting in these files), header first.
private func cells(_ url: URL) throws -> [[String]] {
    try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
        $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
}

/// A column of a CSV file as written, by header name.
private func column(_ name: String, of url: URL) throws -> [String] {
    let rows = try cells(url)
    let index = try #require(rows.first?.firstIndex(of: name), "\(url.lastPathComponent) has no column \(name)")
    return rows.dropFirst().map { $0[index] }
}

/// 300 customers in two clear groups, identified by zero-padded numbers (`00001`).
/// A temporary folder holding `customers.csv` (see ``writeCustomers(to:idName:)``), and its ids.
private func customersFile(idName: String = "customer_id") throws -> (TemporaryDirectory, URL, [String]) {
    let directory = try TemporaryDirectory()
    let table = directory.file("customers.csv")
    return (directory, table, try writeCustomers(to: table, idName: idName))
}

private func writeCustomers(to url: URL, idName: String = "customer_id") throws -> [String] {
    var rng = SeededGenerator(seed: 17)
    var text = "\(idName),visits,share,specialty\n"
    var ids: [String] = []
    for i in 1...300 {
        let group = i % 2
        let id = String(format: "%05d", i)
        ids.append(id)
        let visits = Int(Double(group == 0 ? 3 : 20) + 4 * rng.nextUnitDouble())
        let share = (group == 0 ? 0.1 : 0.7) + 0.2 * rng.nextUnitDouble()
        text += "\(id),\(visits),\(String(format: "%.3f", share)),\(group == 0 ? "GP" : "ONC")\n"
    }
    try text.write(to: url, atomically: true, encoding: .utf8)
    return ids
}

/// Runs `personas arguments` and expects it to succeed.
@discardableResult
private func succeed(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> PersonasRun {
    let run = try PersonasRun(arguments)
    #expect(run.status == 0, "\(arguments.first ?? ""): \(run.stderr)", sourceLocation: sourceLocation)
    return run
}

@Suite("personas: identifiers and labels files")
struct LabelsCLITests {
    /// Runs kmeans, segment and assign on `table` (with `options`) and expects each output's
    /// identifier column to be `ids` exactly.
    private func expectIdentifiersKept(_ ids: [String], column name: String, table: URL, options: [String] = [],
                                       in directory: TemporaryDirectory) throws {
        try succeed(["kmeans", table.path, "--k", "2", "--seed", "1", "--out", directory.file("km").path] + options)
        #expect(try column(name, of: directory.file("km/labels.csv")) == ids)
        try succeed(["segment", table.path, "--k", "2", "--seed", "1", "--quiet", "--out", directory.file("seg").path]
                    + options)
        #expect(try column(name, of: directory.file("seg/assignments.csv")) == ids)
        // `assign` reads with the model's schema, which declares the identifier.
        try succeed(["assign", directory.file("seg/model.json").path, table.path,
                     "--out", directory.file("assigned.csv").path])
        #expect(try column(name, of: directory.file("assigned.csv")) == ids)
    }

    /// Issue 17, item 1. Fails on main before this change: labels.csv and assignments.csv wrote
    /// `1, 2, …` for `00001, 00002, …`, and `assign` and `type` did the same.
    @Test("an id written 00001 comes out as 00001 from kmeans, hclust, segment, assign and type")
    func zeroPaddedIdentifiers() throws {
        let (directory, table, ids) = try customersFile()
        try expectIdentifiersKept(ids, column: "customer_id", table: table, in: directory)
        try succeed(["hclust", table.path, "--k", "2", "--out", directory.file("hc").path])
        #expect(try column("customer_id", of: directory.file("hc/labels.csv")) == ids)
        try succeed(["typing-tool", table.path, "--labels", directory.file("km/labels.csv").path,
                     "--out", directory.file("tool").path])
        try succeed(["type", directory.file("tool/typing-tool.json").path, table.path,
                     "--out", directory.file("typed.csv").path])
        #expect(try column("customer_id", of: directory.file("typed.csv")) == ids)
    }

    /// Issue 17, item 1. Fails on main before this change: a column declared `text` was withheld,
    /// so every identifier came out blank.
    @Test("an id declared text with the identifier role comes out exact, also through assign")
    func declaredTextIdentifier() throws {
        let (directory, table, ids) = try customersFile(idName: "cust")   // not named like an identifier
        let schema = directory.file("schema.json")
        try #"{"version": 1, "columns": [{"name": "cust", "type": "text", "role": "identifier"}]}"#
            .write(to: schema, atomically: true, encoding: .utf8)
        try expectIdentifiersKept(ids, column: "cust", table: table, options: ["--schema", schema.path], in: directory)
    }

    /// Issue 17, item 2. Fails on main before this change: the segments read as booleans and came
    /// out as true/false ("Segment true").
    @Test("k = 2 labels stay 0 and 1 through compare, typing-tool and type")
    func twoSegmentsStayLabels() throws {
        let (directory, table, _) = try customersFile()
        let labels = directory.file("km/labels.csv")
        try succeed(["kmeans", table.path, "--k", "2", "--seed", "1", "--out", directory.file("km").path])
        #expect(Set(try column("segment", of: labels)) == ["0", "1"])

        let compare = try succeed(["compare", labels.path, labels.path])
        let rows = compare.stdout.split(separator: "\n").map { $0.split(separator: " ").first.map(String.init) ?? "" }
        #expect(rows.contains("0") && rows.contains("1"), "\(compare.stdout)")
        #expect(!compare.stdout.contains("true") && !compare.stdout.contains("false"), "\(compare.stdout)")

        try succeed(["typing-tool", table.path, "--labels", labels.path, "--out", directory.file("tool").path])
        let markdown = try String(contentsOf: directory.file("tool/typing-tool.md"), encoding: .utf8)
        #expect(markdown.contains("Segment 0") && markdown.contains("Segment 1"))
        #expect(!markdown.contains("Segment true") && !markdown.contains("Segment false"))

        let typed = try succeed(["type", directory.file("tool/typing-tool.json").path, table.path,
                                 "--out", directory.file("typed.csv").path])
        #expect(Set(try column("segment", of: directory.file("typed.csv"))) == ["0", "1"])
        #expect(!typed.stdout.contains("true"), "\(typed.stdout)")
    }

    /// Issue 17, item 3. Fails on main before this change: `profile` refused `id,cluster`.
    @Test("profile and typing-tool both read id,cluster")
    func idAndCluster() throws {
        let (directory, table, ids) = try customersFile(idName: "id")
        let labels = directory.file("labels.csv")
        try ("id,cluster\n" + ids.enumerated().map { "\($1),\($0 % 2)" }.joined(separator: "\n") + "\n")
            .write(to: labels, atomically: true, encoding: .utf8)
        try succeed(["profile", table.path, "--labels", labels.path, "--out", directory.file("p").path])
        try succeed(["typing-tool", table.path, "--labels", labels.path, "--out", directory.file("t").path])
    }

    /// Issue 17, item 3. Fails on main before this change: `typing-tool` silently took the last
    /// column (k4) and `profile` printed its usage text.
    @Test("choose-k's labels (a column per k) are refused with the candidates unless --segment-column names one")
    func chooseKLabels() throws {
        let (directory, table, _) = try customersFile()
        try succeed(["choose-k", table.path, "--k", "2...4", "--seed", "1", "--out",
                     directory.file("k").path])
        let labels = directory.file("k/labels.csv")
        let refusal = ExpectedError("Error: labels.csv: more than one column could hold the segment (\"k2\", \"k3\", "
                                    + "\"k4\") and none is named segment, cluster, label, class or group; name the "
                                    + "one to use with --segment-column")
        try expectRefusal(["profile", table.path, "--labels", labels.path, "--out", directory.file("p").path],
                          output: directory.file("p/personas.json"), refusal)
        try expectRefusal(["typing-tool", table.path, "--labels", labels.path, "--out", directory.file("t").path],
                          output: directory.file("t/typing-tool.json"), refusal)
        try expectRefusal(["compare", labels.path, labels.path], output: directory.file("none"), refusal)

        try succeed(["profile", table.path, "--labels", labels.path, "--segment-column", "k3",
                     "--out", directory.file("p").path])
        try succeed(["typing-tool", table.path, "--labels", labels.path, "--segment-column", "k2",
                     "--out", directory.file("t").path])
        let compare = try PersonasRun(["compare", labels.path, labels.path, "--segment-column", "k4"])
        #expect(compare.status == 0 && compare.stdout.contains("Adjusted Rand index: 1.000"), "\(compare.stderr)")
    }

    /// Issue 17, item 3. Fails on main before this change: `profile` printed the usage text after
    /// a data error.
    @Test("a labels file that does not fit the table is one Error: line, with no usage text")
    func dataErrorIsOneLine() throws {
        let (directory, table, _) = try customersFile()
        let wrong = directory.file("wrong.csv")
        try "customer_id,segment\n00001,0\nNOPE-1,1\n".write(to: wrong, atomically: true, encoding: .utf8)
        let expected = ExpectedError("Error: wrong.csv:3: customer_id \"NOPE-1\" is not in customers.csv; label the "
                                     + "customers of this table")
        try expectRefusal(["profile", table.path, "--labels", wrong.path, "--out", directory.file("p").path],
                          output: directory.file("p/personas.json"), expected)
        try expectRefusal(["typing-tool", table.path, "--labels", wrong.path, "--out", directory.file("t").path],
                          output: directory.file("t/typing-tool.json"), expected)
    }
}

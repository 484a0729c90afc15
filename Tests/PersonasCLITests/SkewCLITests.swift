import Foundation
import PersonasTestSupport
import Testing

/// Skewed data through the binary (issue 21): `generate --skewed`, `inspect`'s skew flag in text
/// and JSON, `--transform COLUMN=log` on the feature commands and its refusals, and a model that
/// keeps the transform for `assign`. Each test fails on main before this change (no `--skewed`,
/// no `--transform`, no skew flag).
@Suite("Skewed data: inspect's flag and --transform")
struct SkewCLITests {
    /// A generated skewed table (3,000 rows, seed 7) with its schema, in `directory`.
    static func skewed(in directory: TemporaryDirectory) throws -> (csv: String, schema: String) {
        let csv = directory.file("skewed.csv").path, schema = directory.file("skewed.schema.json").path
        let run = try PersonasRun(["generate", "--skewed", "--rows", "3000", "--seed", "7", "--out", csv,
                                   "--schema-out", schema])
        #expect(run.status == 0, "\(run.stderr)")
        return (csv, schema)
    }

    /// A small table with a negative spend on line 3 and a categorical column.
    static func negative(in directory: TemporaryDirectory) throws -> String {
        let url = directory.file("negative.csv")
        try "customer_id,orders,spend,region\nA1,3,10,N\nA2,4,-2.5,S\nA3,5,30,N\nA4,1,7,S\n"
            .write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test("inspect flags the skewed columns and suggests --transform, in text and as suggested_transform in JSON")
    func inspectFlagsSkew() throws {
        let directory = try TemporaryDirectory()
        let (csv, schema) = try Self.skewed(in: directory)
        let text = try PersonasRun(["inspect", csv, "--schema", schema])
        #expect(text.status == 0)
        #expect(text.stdout.contains("Heavily skewed (no value below 0): \"orders\" (skewness "))
        #expect(text.stdout.contains("--transform orders=log,spend=log,web_visits=log,support_calls=log"))
        let json = try PersonasRun(["inspect", csv, "--schema", schema, "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let columns = try #require(report["columns"] as? [[String: Any]])
        let spend = try #require(columns.first { $0["name"] as? String == "spend" })
        #expect(spend["suggested_transform"] as? String == "log")
        #expect(((spend["numeric"] as? [String: Any])?["skewness"] as? Double ?? 0) > 2)
        #expect(columns.first { $0["name"] as? String == "customer_id" }?["suggested_transform"] == nil)
    }

    @Test("choose-k: k = 2 on the raw skewed table, more segments with --transform, each over 3% of the customers")
    func chooseKWithTransform() throws {
        let directory = try TemporaryDirectory()
        let (csv, schema) = try Self.skewed(in: directory)
        func recommended(_ extra: [String]) throws -> (k: Int, smallest: Double) {
            let run = try PersonasRun(["choose-k", csv, "--schema", schema, "--k", "2...8", "--bootstrap", "0",
                                       "--gap-refs", "0", "--seed", "5", "--format", "json",
                                       "--out", directory.file("choose-\(extra.count)").path] + extra)
            #expect(run.status == 0, "\(run.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            let k = try #require(report["recommended_k"] as? Int)
            let candidates = try #require(report["candidates"] as? [[String: Any]])
            let chosen = try #require(candidates.first { $0["k"] as? Int == k })
            return (k, try #require(chosen["smallest_share"] as? Double))
        }
        #expect(try recommended([]).k == 2)
        let logged = try recommended(["--transform", "orders=log,spend=log", "--transform", "web_visits=log,support_calls=log"])
        #expect(logged.k > 2)
        #expect(logged.smallest >= 0.03)
    }

    @Test("a model segmented with --transform applies it in assign, and refuses a negative value with its line")
    func assignKeepsTransform() throws {
        let directory = try TemporaryDirectory()
        let (csv, schema) = try Self.skewed(in: directory)
        let out = directory.file("segments").path
        let segment = try PersonasRun(["segment", csv, "--schema", schema, "--k", "4", "--seed", "1", "--quiet",
                                       "--transform", "orders=log,spend=log,web_visits=log,support_calls=log",
                                       "--out", out])
        #expect(segment.status == 0, "\(segment.stderr)")
        let model = try String(contentsOfFile: out + "/model.json", encoding: .utf8)
        #expect(model.components(separatedBy: "\"transform\" : \"log\"").count - 1 == 4)
        let assigned = directory.file("assigned.csv").path
        #expect(try PersonasRun(["assign", out + "/model.json", csv, "--out", assigned]).status == 0)
        let written = try String(contentsOfFile: out + "/assignments.csv", encoding: .utf8)
        let again = try String(contentsOfFile: assigned, encoding: .utf8)
        func segments(_ text: String) -> [String] {
            let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            let column = lines[0].firstIndex(of: "segment") ?? 1
            return lines.dropFirst().map { String($0[column]) }
        }
        #expect(segments(written) == segments(again))

        let bad = directory.file("bad.csv")
        try "customer_id,orders,spend,web_visits,support_calls\nC1,3,10,2,1\nC2,4,-2.5,3,0\n"
            .write(to: bad, atomically: true, encoding: .utf8)
        try expectRefusal(["assign", out + "/model.json", bad.path, "--out", directory.file("bad-out.csv").path],
                          output: directory.file("bad-out.csv"), ExpectedError(
            "Error: bad.csv:3: column \"spend\": \"-2.5\" is negative, but the column is log-transformed (log(1 + x)), "
            + "which takes values of 0 or more only; fix the value or mark it missing, or leave the column "
            + "untransformed (drop it from --transform, or remove its \"transform\" from the schema)"))
    }

    @Test("--transform refusals: an unknown column, a categorical column, a negative value, a malformed or unknown transform, gower")
    func refusals() throws {
        let directory = try TemporaryDirectory()
        let file = try Self.negative(in: directory)
        let out = directory.file("out")
        try expectRefusal(["kmeans", file, "--k", "2", "--transform", "spnd=log", "--out", out.path], output: out,
                          ExpectedError("Error: negative.csv: column \"spnd\": there is no such column; the columns are "
                                        + "customer_id, orders, spend, region"))
        try expectRefusal(["kmeans", file, "--k", "2", "--transform", "region=log", "--out", out.path], output: out,
                          ExpectedError("Error: negative.csv: column \"region\": a categorical column cannot take the log "
                                        + "transform (only numeric and integer columns can); declare the column numeric "
                                        + "or leave it untransformed"))
        try expectRefusal(["segment", file, "--k", "2", "--quiet", "--transform", "spend=log", "--out", out.path], output: out,
                          ExpectedError(prefix: "Error: negative.csv:3: column \"spend\": \"-2.5\" is negative",
                                        suffix: "(drop it from --transform, or remove its \"transform\" from the schema)"))
        try expectRefusal(["choose-k", file, "--k", "2...3", "--transform", "orders=log,spend=log", "--out", out.path],
                          output: out, ExpectedError(prefix: "Error: negative.csv:3: column \"spend\": \"-2.5\" is negative",
                                                     suffix: "from the schema)"))
        for (value, message) in [("spend", "Error: --transform takes COLUMN=log, not \"spend\""),
                                 ("spend=sqrt", "Error: --transform spend=sqrt: unknown transform \"sqrt\" (known: log)")] {
            let run = try PersonasRun(["kmeans", file, "--k", "2", "--transform", value, "--out", out.path])
            #expect(run.status != 0)
            #expect(run.stderr.hasPrefix(message + "\n"), "\(run.stderr)")
        }
        let gower = try PersonasRun(["hclust", file, "--metric", "gower", "--k", "2", "--transform", "spend=log",
                                     "--out", out.path])
        #expect(gower.stderr.hasPrefix("Error: --transform changes prepared features; --metric gower ranges the raw columns"))
        // In the schema: a transform on a categorical column.
        let schema = directory.file("schema.json")
        try #"{"version": 1, "columns": [{"name": "region", "type": "categorical", "transform": "log"}]}"#
            .write(to: schema, atomically: true, encoding: .utf8)
        try expectRefusal(["segment", file, "--schema", schema.path, "--k", "2", "--out", out.path], output: out,
                          ExpectedError("Error: schema.json: column \"region\" is categorical and cannot take a transform; "
                                        + "only numeric and integer columns can be log-transformed (remove \"transform\" "
                                        + "or declare the column numeric)"))
    }
}

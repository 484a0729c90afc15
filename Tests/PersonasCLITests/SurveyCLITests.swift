import Foundation
import PersonasData
import PersonasNumerics
import PersonasTestSupport
import Testing

/// Survey preparation through the binary (issue 23, "Survey preparation"): `--battery` and the
/// schema's batteries in `inspect` (straight-liners counted, never listed), `segment`'s warning
/// and summary, `--center-rows` kept in model.json for `assign` and `export-sql`, and the
/// refusals. Each test fails on main before this change (no `--battery`, no `--center-rows`).
@Suite("Survey preparation: --battery, straight-liners and --center-rows")
struct SurveyCLITests {
    static let battery = "attitudes=" + SurveyAnswers.items.joined(separator: ",")

    /// The seeded survey (300 respondents, every 25th a straight-liner) in `directory`, and the
    /// straight-liners the library counts in it.
    static func survey(in directory: TemporaryDirectory) throws -> (csv: String, straightLiners: Int) {
        let url = directory.file("survey.csv")
        let survey = SurveyAnswers.csv()
        try survey.text.write(to: url, atomically: true, encoding: .utf8)
        let table = try CSVReader.read(contentsOf: url)
        let summary = BatterySummary(Battery(name: "attitudes", columns: SurveyAnswers.items), table: table)
        #expect(summary.straightLiners >= survey.straightLiners)
        return (url.path, summary.straightLiners)
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("inspect --battery reports items, scale, straight-liners and spread in text and JSON, with no respondent id")
    func inspectReportsBattery() throws {
        let directory = try TemporaryDirectory()
        let (csv, flat) = try Self.survey(in: directory)
        let text = try PersonasRun(["inspect", csv, "--battery", Self.battery])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("Attitude batteries"))
        #expect(text.stdout.contains("6: q1, q2, q3, q4, q5, q6"))
        #expect(text.stdout.contains("\(flat) of 300"))
        #expect(!text.stdout.contains("R0025"), "a straight-liner's id must not be shown")
        #expect(!text.stderr.contains("looks like a code"), "a battery's items are scale answers, not codes")
        let run = try PersonasRun(["inspect", csv, "--battery", Self.battery, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let batteries = try #require(try Self.json(run.stdout)["batteries"] as? [[String: Any]])
        #expect(batteries.count == 1)
        #expect(batteries.first?["name"] as? String == "attitudes")
        #expect(batteries.first?["straight_liners"] as? Int == flat)
        #expect(batteries.first?["assessed"] as? Int == 300)
        #expect(batteries.first?["minimum"] as? Double == 1 && batteries.first?["maximum"] as? Double == 5)
        #expect((batteries.first?["mean_within_spread"] as? Double ?? 0) > 0.5)
        #expect(!run.stdout.contains("R0025"))
        // --write-schema saves the battery, and the schema alone then gives it again.
        let schema = directory.file("survey.schema.json").path
        #expect(try PersonasRun(["inspect", csv, "--battery", Self.battery, "--write-schema", schema]).status == 0)
        let saved = try Schema.load(from: URL(fileURLWithPath: schema))
        #expect(SurveyAnswers.items.allSatisfy { saved.column(named: $0)?.battery == "attitudes" })
        let again = try PersonasRun(["inspect", csv, "--schema", schema])
        #expect(again.stdout.contains("\(flat) of 300"))
    }

    @Test("segment warns with the straight-liner count, and a --center-rows model centres new rows in assign and export-sql")
    func segmentCentersRows() throws {
        let directory = try TemporaryDirectory()
        let (csv, flat) = try Self.survey(in: directory)
        let out = directory.file("segments").path
        let run = try PersonasRun(["segment", csv, "--battery", Self.battery, "--center-rows", "attitudes", "--k", "3",
                                   "--seed", "2", "--no-typing-tool", "--format", "json", "--out", out])
        #expect(run.status == 0, "\(run.stderr)")
        let warning = "battery \"attitudes\": \(flat) of 300 respondents"
        #expect(run.stderr.contains(warning))
        let summary = try Self.json(run.stdout)
        #expect((summary["warnings"] as? [String] ?? []).contains { $0.hasPrefix(warning) })
        let batteries = try #require(summary["batteries"] as? [[String: Any]])
        #expect(batteries.first?["straight_liners"] as? Int == flat)
        let model = try String(contentsOfFile: out + "/model.json", encoding: .utf8)
        #expect(model.contains("\"rowCentering\""))
        // assignments.csv keeps its columns: no per-respondent straight-liner flag travels.
        let written = try String(contentsOfFile: out + "/assignments.csv", encoding: .utf8)
        #expect(written.hasPrefix("respondent_id,segment,segment_name,distance,confidence,"))
        #expect(!written.contains("straight"))
        let assigned = directory.file("assigned.csv").path
        let assign = try PersonasRun(["assign", out + "/model.json", csv, "--out", assigned])
        #expect(assign.status == 0, "\(assign.stderr)")
        #expect(try String(contentsOfFile: assigned, encoding: .utf8) == written)
        let sql = try PersonasRun(["export-sql", out + "/model.json", "--table", "survey", "--dialect", "sqlite"])
        #expect(sql.status == 0, "\(sql.stderr)")
        #expect(sql.stdout.contains("NULLIF("))
    }

    @Test("segment --drop-straight-liners reports how many were left out, and assignments.csv still has every respondent")
    func dropStraightLiners() throws {
        let directory = try TemporaryDirectory()
        let (csv, flat) = try Self.survey(in: directory)
        let out = directory.file("dropped").path
        let run = try PersonasRun(["segment", csv, "--battery", Self.battery, "--drop-straight-liners", "--k", "3",
                                   "--seed", "2", "--no-typing-tool", "--format", "json", "--out", out])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Self.json(run.stdout)["straight_liners_left_out"] as? Int == flat)
        #expect(run.stderr.contains("\(flat) straight-liners left out of fitting the segments"))
        let rows = try String(contentsOfFile: out + "/assignments.csv", encoding: .utf8).split(separator: "\n")
        #expect(rows.count == 301)
        let without = try PersonasRun(["segment", csv, "--drop-straight-liners", "--k", "3", "--out", directory.file("c").path])
        #expect(without.status != 0)
        #expect(without.stderr.contains("--drop-straight-liners needs an attitude battery"))
    }

    @Test("kmeans --center-rows fits the centred items: other centers than without")
    func kmeansCentersRows() throws {
        let directory = try TemporaryDirectory()
        let (csv, _) = try Self.survey(in: directory)
        func centers(_ extra: [String]) throws -> String {
            let out = directory.file("kmeans-\(extra.count)").path
            let run = try PersonasRun(["kmeans", csv, "--k", "3", "--seed", "1", "--columns",
                                       SurveyAnswers.items.joined(separator: ","), "--out", out] + extra)
            #expect(run.status == 0, "\(run.stderr)")
            return try String(contentsOfFile: out + "/centers.csv", encoding: .utf8)
        }
        #expect(try centers(["--battery", Self.battery, "--center-rows", "attitudes"]) != centers([]))
    }

    @Test("an unknown battery for --center-rows, a one-item battery, or --center-rows on a .npy is refused with one line")
    func refusals() throws {
        let directory = try TemporaryDirectory()
        let (csv, _) = try Self.survey(in: directory)
        let unknown = try PersonasRun(["segment", csv, "--center-rows", "needs", "--k", "3",
                                       "--out", directory.file("a").path])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("--center-rows needs: there is no such battery; the table has none"))
        let one = try PersonasRun(["inspect", csv, "--battery", "solo=q1"])
        #expect(one.status != 0)
        #expect(one.stderr.contains("battery \"solo\" has only one item"))
        let npy = directory.file("x.npy")
        try NPY.write(Matrix<Double>(rows: 3, columns: 2, elements: [1, 2, 3, 4, 5, 7]), to: npy)
        let matrix = try PersonasRun(["kmeans", npy.path, "--k", "2", "--center-rows", "attitudes",
                                      "--out", directory.file("b").path])
        #expect(matrix.status != 0)
        #expect(matrix.stderr.contains("x.npy: --battery and --center-rows name columns"))
    }
}

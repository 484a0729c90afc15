import Foundation
import PersonasData
import PersonasTestSupport
import Testing

/// The bad-input catalogue as an analyst meets it through `personas segment`, `personas kmeans` and
/// `personas assign` (README.md's data section): a refusal is a non-zero exit status, one `Error:`
/// line on stderr naming the file (and line and column where there is one) and what to do next, no
/// crash report, and nothing written at the output path.
private func catalogue(_ name: String) -> String { Fixtures.url("bad-input/" + name).path }

/// What stderr must say: the whole error line, or its beginning and end when a figure in between
/// depends on the data (a range, a count).
struct ExpectedError: Sendable {
    var prefix: String
    var suffix: String

    init(_ line: String) {
        prefix = line
        suffix = ""
    }

    init(prefix: String, suffix: String) {
        self.prefix = prefix
        self.suffix = suffix
    }

    func matches(_ line: String) -> Bool {
        suffix.isEmpty ? line == prefix : line.hasPrefix(prefix) && line.hasSuffix(suffix)
    }
}

/// Runs `personas` and checks that it refused cleanly: the status, the single error line, no crash
/// output, no file or folder at `output`.
func expectRefusal(_ arguments: [String], output: URL, _ expected: ExpectedError,
                   sourceLocation: SourceLocation = #_sourceLocation) throws {
    let run = try PersonasRun(arguments)
    #expect(run.status != 0, "\(arguments)", sourceLocation: sourceLocation)
    let lines = run.stderr.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("warning: ") }
    #expect(lines.count == 1 && expected.matches(lines.first ?? ""), "stderr: \(run.stderr)",
            sourceLocation: sourceLocation)
    for crash in ["Fatal error", "Precondition failed", "Backtrac", "Program crashed", "Usage:"] {
        #expect(!run.stderr.contains(crash), "stderr: \(run.stderr)", sourceLocation: sourceLocation)
    }
    #expect(!FileManager.default.fileExists(atPath: output.path), "\(output.lastPathComponent) was written",
            sourceLocation: sourceLocation)
    #expect(run.stdout.isEmpty, sourceLocation: sourceLocation)
}

@Suite("Bad-input catalogue: personas segment and kmeans")
struct BadInputCLITests {
    struct Case: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var expected: ExpectedError
        var testDescription: String { arguments.prefix(2).joined(separator: " ") }

        init(_ command: String, _ file: String, _ options: [String] = [], _ expected: ExpectedError) {
            arguments = [command, catalogue(file)] + options
            self.expected = expected
        }
    }

    static let cases: [Case] = [
        Case("segment", "empty.csv", [], ExpectedError(
            "Error: empty.csv: the file is empty; expected a header line and at least one row")),
        Case("kmeans", "header_only.csv", ["--k", "2"], ExpectedError(
            "Error: header_only.csv:1: the file has a header but no rows; check that the export wrote the data")),
        Case("segment", "ragged_short.csv", [], ExpectedError(
            "Error: ragged_short.csv:3: expected 3 fields (as in the header), found 2; check for an unquoted delimiter "
            + "or a missing field")),
        Case("kmeans", "ragged_long.csv", ["--k", "2"], ExpectedError(
            "Error: ragged_long.csv:3: expected 3 fields (as in the header), found 4; check for an unquoted delimiter "
            + "or a missing field")),
        Case("kmeans", "unterminated_quote.csv", ["--k", "2"], ExpectedError(
            "Error: unterminated_quote.csv:3: column \"a\": a quoted field opened on this line is never closed; check "
            + "for a stray \" character")),
        Case("segment", "text_after_quote.csv", [], ExpectedError(
            "Error: text_after_quote.csv:2: column \"a\": unexpected \"y\" after a closing quote; a quote inside a "
            + "quoted field must be doubled (\"\")")),
        Case("segment", "invalid_utf8.csv", [], ExpectedError(
            "Error: invalid_utf8.csv:2: column \"name\": the text is not valid UTF-8; save the file as UTF-8 or read "
            + "it with --encoding latin1")),
        Case("kmeans", "duplicate_names.csv", ["--k", "2"], ExpectedError(
            "Error: duplicate_names.csv:1: column \"a\": duplicate column name (also field 2); rename one of the two "
            + "columns")),
        Case("kmeans", "empty_name.csv", ["--k", "2"], ExpectedError(
            "Error: empty_name.csv:1: field 2: the header has an empty column name; name every column")),
        Case("segment", "stray_text_in_numbers.csv", [], ExpectedError(
            "Error: stray_text_in_numbers.csv:9874: column \"rx_volume\": expected a number, found \"n/a?\"; fix the "
            + "value, add it to the missing-value markers, or declare the column categorical in the schema; "
            + "missing-value markers are given with --na")),
        Case("kmeans", "inf_literal.csv", ["--k", "2"], ExpectedError(
            "Error: inf_literal.csv:4: column \"volume\": \"-Infinity\" is not a finite number; replace it, or leave "
            + "the cell empty (or add the text to the missing-value markers) to treat it as missing; missing-value "
            + "markers are given with --na")),
        Case("segment", "one_row.csv", ["--k", "2"], ExpectedError(
            "Error: one_row.csv: the table has only one row; fitting a preparation needs at least two customers (fill "
            + "values and scales come from the spread of the rows)")),
        Case("kmeans", "identical_rows.csv", ["--k", "2"], ExpectedError(
            "Error: identical_rows.csv: no column can be a feature, so there is nothing to segment on (\"hcp_id\": the "
            + "customer identifier; \"visits\": it is constant (every value is 4); \"share\": it is constant (every value "
            + "is 0.5)); give columns that describe and vary between customers")),
        Case("segment", "few_distinct_rows.csv", ["--k", "3"], ExpectedError(
            "Error: few_distinct_rows.csv: k = 3 needs at least 3 distinct customers, but the 30 rows of features "
            + "take only 2 distinct values; ask for at most 2 segments (--k 2)")),
        Case("segment", "few_distinct_rows.csv", ["--k", "2...4"], ExpectedError(
            "Error: few_distinct_rows.csv: choosing among k = 2…4 needs more than 4 distinct customers, but the 30 "
            + "rows of features take only 2 distinct values; ask for at most 2 segments (--k 2)")),
        Case("kmeans", "few_distinct_rows.csv", ["--k", "3"], ExpectedError(
            "Error: few_distinct_rows.csv: k = 3 needs at least 3 distinct customers, but the 30 rows of features "
            + "take only 2 distinct values; ask for at most 2 segments (--k 2)")),
        Case("segment", "float_limits.csv", ["--k", "2", "--scale", "none"], ExpectedError(
            prefix: "Error: float_limits.csv: column \"huge\": it spans ",
            suffix: "e299, so squared distances between rows overflow to infinity; scale the features (z-score, "
                + "robust or min-max) or rescale the column; choose the scaling with --scale zscore, robust or minmax")),
        Case("kmeans", "float_limits.csv", ["--k", "2", "--scale", "none", "--columns", "tiny"], ExpectedError(
            prefix: "Error: float_limits.csv: column \"tiny\": it spans only ",
            suffix: "e-300 (the widest of any column), so squared distances between rows underflow to zero; scale the "
                + "features (z-score, robust or min-max) or rescale the column; choose the scaling with --scale zscore, "
                + "robust or minmax")),
        Case("segment", "free_text_and_ids.csv", ["--columns", "visits,note"], ExpectedError(
            "Error: free_text_and_ids.csv: column \"note\": it is free text, and free text never becomes a feature "
            + "or a question (its values are not even kept in memory)")),
        Case("kmeans", "free_text_and_ids.csv", ["--k", "2", "--columns", "hcp_id"], ExpectedError(
            "Error: free_text_and_ids.csv: column \"hcp_id\": it is the customer identifier, and identifiers never "
            + "become features or questions (each customer would be its own segment); it is kept to label the results")),
    ]

    @Test("each bad file is refused on one line, with nothing written", arguments: cases)
    func refused(_ refusal: Case) throws {
        let directory = try TemporaryDirectory()
        let out = directory.file("out")
        let quiet = refusal.arguments[0] == "segment" ? ["--quiet"] : []
        try expectRefusal(refusal.arguments + quiet + ["--out", out.path], output: out, refusal.expected)
    }

    @Test("documented interpretations: the run succeeds and the warnings say what was decided")
    func interpretations() throws {
        let directory = try TemporaryDirectory()
        // Constant and empty columns are left out with a warning each.
        let constant = try PersonasRun(["segment", catalogue("constant_column.csv"), "--k", "2", "--quiet",
                                        "--out", directory.file("constant").path])
        #expect(constant.status == 0, "\(constant.stderr)")
        #expect(constant.stderr.contains("warning: column \"country\" is not used: it has only one level (UK)\n"))
        #expect(constant.stderr.contains("warning: column \"year\" is not used: it is constant (every value is 2024)\n"))
        let empty = try PersonasRun(["kmeans", catalogue("all_missing_column.csv"), "--k", "2",
                                     "--out", directory.file("empty").path])
        #expect(empty.status == 0, "\(empty.stderr)")
        #expect(empty.stderr.contains("warning: column \"survey_score\" is not used: it has no values\n"))
        // A repeated id: a warning, and the ids still label the rows (never a feature).
        let ids = try PersonasRun(["kmeans", catalogue("duplicate_numeric_ids.csv"), "--k", "2",
                                   "--out", directory.file("ids").path])
        #expect(ids.status == 0, "\(ids.stderr)")
        #expect(ids.stderr.contains("warning: column \"customer_id\" is treated as an identifier but 1 value repeats; "
                                    + "identifiers should be unique\n"))
        let centers = try CSVReader.read(contentsOf: directory.file("ids/centers.csv"))
        #expect(!centers.columns.contains { $0.name.hasPrefix("customer_id") })
        let labels = try CSVReader.read(contentsOf: directory.file("ids/labels.csv"))
        #expect(labels.columns.first?.name == "customer_id")
        // Other delimiters, named or detected.
        let tabs = try PersonasRun(["kmeans", catalogue("tab_delimited.csv"), "--delimiter", "tab", "--k", "2",
                                    "--out", directory.file("tabs").path])
        #expect(tabs.status == 0, "\(tabs.stderr)")
        // Values near the floating-point limits, scaled (the default): segments, and no NaN in any file.
        let limits = directory.file("limits")
        let scaled = try PersonasRun(["segment", catalogue("float_limits.csv"), "--k", "2", "--quiet",
                                      "--out", limits.path])
        #expect(scaled.status == 0, "\(scaled.stderr)")
        // Every file, charts/ included.
        // (typing-tool.xlsx is a zip of XML, read by the workbook's own tests.)
        let names = (FileManager.default.subpaths(atPath: limits.path) ?? [])
            .filter { !$0.hasSuffix("charts") && !$0.hasSuffix(".xlsx") }
        #expect(names.contains("report.html") && names.contains("charts/segments.svg"))
        for name in names {
            var text = try String(contentsOf: limits.appendingPathComponent(name), encoding: .utf8).lowercased()
            // The SQL spells the reader's missing markers ('NaN' among them) as string literals to
            // recognise in the warehouse's text; a value would be a bare word.
            if name.hasSuffix(".sql") { text = text.replacingOccurrences(of: "'nan'", with: "''") }
            #expect(text.range(of: #"\b(nan|inf|infinity)\b"#, options: .regularExpression) == nil, "\(name)")
        }
    }

    @Test("personas assign: damaged models and files that do not match the model are refused; unseen categories warn")
    func assign() throws {
        let directory = try TemporaryDirectory()
        let modelFolder = directory.file("model")
        let fit = try PersonasRun(["segment", catalogue("model_base.csv"), "--schema", catalogue("model_base.schema.json"),
                                   "--k", "3", "--seed", "4", "--quiet", "--out", modelFolder.path])
        #expect(fit.status == 0, "\(fit.stderr)")
        let model = modelFolder.appendingPathComponent("model.json")
        let out = directory.file("assigned.csv")
        let modelText = "the model (\(model.path))"

        try expectRefusal(["assign", model.path, catalogue("model_missing_column.csv"), "--out", out.path], output: out,
                          ExpectedError("Error: model_missing_column.csv:1: \(modelText) was fitted with column \"visits\", "
                                        + "but the header has no such column; add it to the file (same name and meaning)"))
        try expectRefusal(["assign", model.path, catalogue("model_retyped_column.csv"), "--out", out.path], output: out,
                          ExpectedError(prefix: "Error: model_retyped_column.csv:7: column \"share\": expected a number, found \"",
                                        suffix: "\": \(modelText) was fitted on numbers in this column; fix the value or "
                                            + "mark it missing; missing-value markers are given with --na"))
        try expectRefusal(["assign", model.path, catalogue("model_unseen_ordinal.csv"), "--out", out.path], output: out,
                          ExpectedError("Error: model_unseen_ordinal.csv:5: column \"stage\": \"advocate\" is not one of "
                                        + "the levels \(modelText) was fitted with (\"unaware\", \"aware\", \"trial\", "
                                        + "\"adopter\"); use one of them or leave the cell empty"))

        // Damaged model files.
        let bytes = try Data(contentsOf: model)
        let truncated = directory.file("truncated.json")
        try bytes.prefix(2_000).write(to: truncated)
        let lines = bytes.prefix(2_000).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).count
        try expectRefusal(["assign", truncated.path, catalogue("model_base.csv"), "--out", out.path], output: out,
                          ExpectedError("Error: \(truncated.path): the file ends before its JSON does (after line \(lines)): "
                                        + "it looks truncated; it is not a model.json as `personas segment` writes it "
                                        + "(write it again)"))
        let corrupted = directory.file("corrupted.json")
        try Data(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\"centers\" : {", with: "\"centers\" : {!")
            .utf8).write(to: corrupted)
        try expectRefusal(["assign", corrupted.path, catalogue("model_base.csv"), "--out", out.path], output: out,
                          ExpectedError(prefix: "Error: \(corrupted.path): line 2, column ",
                                        suffix: ": not valid JSON; it is not a model.json as `personas segment` writes it "
                                            + "(write it again)"))
        let absent = directory.file("absent.json")
        try expectRefusal(["assign", absent.path, catalogue("model_base.csv"), "--out", out.path], output: out,
                          ExpectedError("Error: \(absent.path): there is no such file; give the model.json that "
                                        + "`personas segment` wrote"))

        // Unseen categories: assigned by the documented rule, with a warning.
        let unseen = try PersonasRun(["assign", model.path, catalogue("model_unseen_category.csv"), "--out", out.path])
        #expect(unseen.status == 0, "\(unseen.stderr)")
        #expect(unseen.stderr.contains("warning: column \"specialty\": 2 rows (5%) have levels the model does not keep, "
                                       + "so they get no level feature (0% when it was prepared); check whether the "
                                       + "column's levels were recoded\n"))
        let assigned = try CSVReader.read(contentsOf: out)
        #expect(assigned.rowCount == 40)
        // A single new customer is assigned like any other.
        let single = directory.file("single.csv")
        try Data("hcp_id,specialty,stage,visits,share\nH9,ONC,trial,7,0.4\n".utf8).write(to: single)
        let one = try PersonasRun(["assign", model.path, single.path, "--out", directory.file("one.csv").path])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(try CSVReader.read(contentsOf: directory.file("one.csv")).rowCount == 1)
    }
}

import Foundation
import PersonasData
import PersonasTestSupport
import Testing

/// A model's `export-sql --dialect sqlite` run in SQLite over a CSV imported with every column as
/// text (a plain CSV load), for the tests that hold the SQL against `assign`.
enum SQLiteScoring {
    /// The SQL export of `model` (a model.json) run in SQLite over `csv` imported as text: each
    /// row's (id, segment).
    static func segments(_ model: URL, _ csv: URL, in directory: TemporaryDirectory) throws -> [[String]] {
        let sqlURL = directory.file("score-\(UUID().uuidString).sql")
        let export = try PersonasRun(["export-sql", model.path, "--dialect", "sqlite",
                                      "--table", "customers", "--out", sqlURL.path])
        try #require(export.status == 0, "\(export.stderr)")
        let header = try String(contentsOf: csv, encoding: .utf8).prefix { $0 != "\n" }.split(separator: ",")
        let output = try SQLite.run("""
            CREATE TABLE customers (\(header.map { "\"\($0)\" TEXT" }.joined(separator: ", ")));
            .mode csv
            .import --skip 1 \(csv.path) customers
            .headers on
            \(try String(contentsOf: sqlURL, encoding: .utf8))
            """, in: directory)
        let scored = try CSVReader.read(text: output, name: "sqlite output", options: GaussianMixtureCLITests.asText)
        let ids = try #require(scored["hcp_id"]), segments = try #require(scored["segment"])
        return (0..<scored.rowCount).map { [ids.text(atRow: $0), segments.text(atRow: $0)] }
    }
}

import Foundation
import PersonasData
import PersonasProfiles
import PersonasSegmentation
import PersonasTestSupport
import Testing

/// The SQL export, run in SQLite on raw generated customers, against the library's own assignment.
@Suite("Model as SQL")
struct ModelSQLTests {
    /// A generated universe written as CSV and read back with its schema.
    static func universe(rows: Int, seed: UInt64, in directory: TemporaryDirectory) throws -> (URL, DataTable) {
        let url = directory.file("customers-\(rows)-\(seed).csv")
        try HCPUniverse.write(HCPUniverse.Configuration(rows: rows, seed: seed, missingRate: 0.03), to: url)
        return (url, try CSVReader.read(contentsOf: url, options: CSVOptions(schema: HCPUniverse.schema())))
    }

    /// How the raw CSV is loaded into SQLite: numbers as REAL with empty cells as NULL (a typed
    /// table), or every column as TEXT with empty cells as '' (a plain `.import`).
    enum Loading { case typed, text }

    /// Loads the raw CSV into a SQLite table as `loading` says, runs `query` on it (by default the
    /// model's) and reads its result back as a table keyed like the input.
    static func score(_ model: SegmentationModel, csv: URL, table: DataTable, loading: Loading = .typed,
                      query: String? = nil, in directory: TemporaryDirectory) throws -> DataTable {
        let sqlite = SQLDialect.sqlite
        let columns = table.columns.map { column in
            "\(sqlite.identifier(column.name)) \(loading == .typed && [.numeric, .integer].contains(column.type) ? "REAL" : "TEXT")"
        }
        let nullify = loading == .text ? [] : table.columns.map {
            "UPDATE customers SET \(sqlite.identifier($0.name)) = NULL WHERE \(sqlite.identifier($0.name)) = '';"
        }
        let script = """
            CREATE TABLE customers (\(columns.joined(separator: ", ")));
            .mode csv
            .import --skip 1 \(csv.path) customers
            \(nullify.joined(separator: "\n"))
            .headers on
            \(query ?? model.sql(table: "customers", dialect: .sqlite))
            """
        let output = try SQLite.run(script, in: directory)
        var options = CSVOptions()
        if query == nil { options.schema = Schema(columns: [ColumnSchema(name: "segment_name", type: .categorical)]) }
        return try CSVReader.read(text: output, name: "sqlite output", options: options)
    }

    @Test("On 100,000 raw rows, SQLite assigns every row to the library's segment, distance and typing-tool segment")
    func sameAssignmentsOn100kRows() throws {
        guard SQLite.isAvailable else {
            print("SKIPPED: the SQL export check needs \(SQLite.executable) (scripts/setup.sh installs it)")
            return
        }
        let directory = try TemporaryDirectory()
        let (_, training) = try Self.universe(rows: 4_000, seed: 11, in: directory)
        var configuration = SegmentationConfiguration(ks: [6], restarts: 2, seed: 3)
        configuration.typingTool?.maxQuestions = 4
        let model = try Segmentation.run(training, configuration).model
        let tree = try #require(model.typingTool)
        #expect(tree.questions.contains { training[$0]?.type == .boolean || training[$0]?.type == .categorical },
                "the tool should ask about a level or boolean column, not only numbers")

        let (csv, customers) = try Self.universe(rows: 100_000, seed: 12, in: directory)
        #expect(customers.columns.contains { $0.missingCount > 0 }, "missing cells must reach the SQL")
        let expected = try model.assign(customers)
        let typed = try model.type(customers)
        let scored = try Self.score(model, csv: csv, table: customers, in: directory)

        #expect(scored.rowCount == customers.rowCount)
        let ids = try #require(scored["hcp_id"]), segment = try #require(scored["segment"]?.numbers)
        let names = try #require(scored["segment_name"]), distance = try #require(scored["distance"]?.numbers)
        let tool = try #require(scored["typing_tool_segment"]?.numbers)
        let inputIDs = try #require(customers.identifierColumn)
        var wrongSegment = 0, wrongName = 0, wrongDistance = 0, wrongTool = 0, wrongOrder = 0
        for row in 0..<customers.rowCount {
            if ids.text(atRow: row) != inputIDs.text(atRow: row) { wrongOrder += 1 }
            let j = Int(expected[row].segment)
            if segment[row] != Double(j) { wrongSegment += 1 }
            if names.text(atRow: row) != model.segmentNames[j] { wrongName += 1 }
            if abs(distance[row] - expected[row].distance) > 1e-12 * max(1, expected[row].distance) { wrongDistance += 1 }
            if tool[row] != Double(typed[row]) { wrongTool += 1 }
        }
        #expect(wrongOrder == 0)
        #expect(wrongSegment == 0)
        #expect(wrongName == 0)
        #expect(wrongDistance == 0)
        #expect(wrongTool == 0)
    }

    @Test("Robust scaling, weights, missing indicators and PCA: SQL and library agree up to ties within rounding")
    func everyEncoding() throws {
        guard SQLite.isAvailable else { return }
        let directory = try TemporaryDirectory()
        let (csv, table) = try Self.universe(rows: 6_000, seed: 21, in: directory)
        for pca in [PreparationSpec.PCAReduction.none, .components(5)] {
            let preparation = PreparationSpec(missingIndicators: true, scaling: .robust, rareLevelShare: 0.05, maxLevels: 6,
                                              weights: ["monthly_rx": 2.5, "specialty": 0.5], pca: pca)
            var configuration = SegmentationConfiguration(ks: [5], preparation: preparation, restarts: 1, seed: 8)
            configuration.typingTool = nil
            let model = try Segmentation.run(table, configuration).model
            #expect(model.preparation.columns.contains { if case .oneHot(_, let other, _) = $0.encoding { other != nil } else { false } },
                    "rare levels should be pooled into other")
            let expected = try model.assign(table)
            let scored = try Self.score(model, csv: csv, table: table, in: directory)
            let segment = try #require(scored["segment"]?.numbers), distance = try #require(scored["distance"]?.numbers)
            let prepared = try model.preparation.apply(table).matrix
            var mismatches = 0
            for row in 0..<table.rowCount where segment[row] != Double(expected[row].segment) {
                // Only a near tie may differ: the two centers' distances equal to rounding.
                let other = Int(segment[row])
                var dOther = 0.0
                for q in 0..<prepared.columns { dOther += pow(prepared[row, q] - model.centers[other, q], 2) }
                #expect(abs(dOther.squareRoot() - expected[row].distance) < 1e-9 * max(1, expected[row].distance))
                mismatches += 1
            }
            #expect(mismatches <= 2, "\(pca): \(mismatches) rows differ")
            let far = (0..<table.rowCount).filter { abs(distance[$0] - expected[$0].distance) > 1e-9 * max(1, expected[$0].distance) }
            #expect(far.isEmpty, "\(pca): \(far.count) distances differ")
        }
    }

    @Test("An unseen ordinal level gives a NULL segment; an unseen category counts as other, as in the library")
    func unseenLevels() throws {
        guard SQLite.isAvailable else { return }
        let directory = try TemporaryDirectory()
        let (csv, table) = try Self.universe(rows: 3_000, seed: 31, in: directory)
        var configuration = SegmentationConfiguration(ks: [4], preparation: PreparationSpec(rareLevelShare: 0.08),
                                                      restarts: 1, seed: 2)
        configuration.typingTool = nil
        let model = try Segmentation.run(table, configuration).model

        // Rewrite two rows of the raw file: a new specialty on row 1, a new age band on row 2.
        var lines = try String(contentsOf: csv, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        let specialty = try #require(header.firstIndex(of: "specialty")), age = try #require(header.firstIndex(of: "age_band"))
        var first = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        first[specialty] = "XENOBIOLOGY"
        lines[1] = first.joined(separator: ",")
        var second = lines[2].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        second[age] = "90+"
        lines[2] = second.joined(separator: ",")
        let edited = directory.file("edited.csv")
        try lines.joined(separator: "\n").write(to: edited, atomically: true, encoding: .utf8)

        var options = CSVOptions(schema: HCPUniverse.schema())
        let scored = try Self.score(model, csv: edited, table: table, in: directory)
        let segment = try #require(scored["segment"]?.numbers)
        #expect(segment[1].isNaN, "the unseen age band cannot be prepared, so the segment is NULL")
        // The library refuses the unseen ordinal level, and pools the unseen specialty.
        options.schema = model.preparation.inputSchema
        #expect(throws: DataError.self) { try model.assign(CSVReader.read(contentsOf: edited, options: options)) }
        let withoutOrdinal = directory.file("specialty-only.csv")
        lines[2] = try String(contentsOf: csv, encoding: .utf8).split(separator: "\n")[2].description
        try lines.joined(separator: "\n").write(to: withoutOrdinal, atomically: true, encoding: .utf8)
        let library = try model.assign(CSVReader.read(contentsOf: withoutOrdinal, options: CSVOptions(schema: HCPUniverse.schema())))
        let scoredAgain = try Self.score(model, csv: withoutOrdinal, table: table, in: directory)
        #expect(scoredAgain["segment"]?.numbers?[0] == Double(library[0].segment))
        #expect(scoredAgain["segment"]?.numbers?.enumerated().allSatisfy { $1 == Double(library[$0].segment) } == true)
    }

    // Fails on main before this change: a plain `.import` leaves every cell TEXT and empty cells
    // '', which the query read as values (NULL segments, wrong segments), and typing-tool.sql
    // compared text with numbers ('11' <= 8.5 is true in SQLite).
    @Test("On a table whose every column is text, with empty cells as '', both queries give assign's and type's rows")
    func textTypedTable() throws {
        guard SQLite.isAvailable else { return }
        let directory = try TemporaryDirectory()
        let (_, training) = try Self.universe(rows: 3_000, seed: 41, in: directory)
        var configuration = SegmentationConfiguration(ks: [5], restarts: 1, seed: 4)
        configuration.typingTool?.maxQuestions = 5
        let model = try Segmentation.run(training, configuration).model
        let tree = try #require(model.typingTool)
        let (csv, customers) = try Self.universe(rows: 5_000, seed: 42, in: directory)
        #expect(customers.columns.contains { $0.missingCount > 0 }, "empty cells must reach the SQL")
        let expected = try model.assign(customers)
        let typed = try model.type(customers)

        let scored = try Self.score(model, csv: csv, table: customers, loading: .text, in: directory)
        let segment = try #require(scored["segment"]?.numbers), distance = try #require(scored["distance"]?.numbers)
        let tool = try #require(scored["typing_tool_segment"]?.numbers)
        #expect(scored.rowCount == customers.rowCount)
        #expect((0..<customers.rowCount).filter { segment[$0] != Double(expected[$0].segment) }.isEmpty)
        #expect((0..<customers.rowCount).filter {
            abs(distance[$0] - expected[$0].distance) > 1e-12 * max(1, expected[$0].distance)
        }.isEmpty)
        #expect((0..<customers.rowCount).filter { tool[$0] != Double(typed[$0]) }.isEmpty)

        let toolQuery = tree.sqlSelect(from: "customers", keyColumns: ["hcp_id"], columnTypes: model.questionTypes ?? [:],
                                       dialect: .sqlite)
        for loading in [Loading.text, .typed] {
            let alone = try Self.score(model, csv: csv, table: customers, loading: loading, query: toolQuery, in: directory)
            let segments = try #require(alone["segment"]?.numbers)
            #expect((0..<customers.rowCount).filter { segments[$0] != Double(typed[$0]) }.isEmpty, "\(loading)")
        }
    }

    // Fails on main before this change: SQLite's CAST('abc' AS REAL) is 0, so a cell that is not a
    // number was scored as 0 instead of giving the row no segment.
    @Test("A cell that is not a number in a number column gives that row a NULL segment; assign refuses the file")
    func notANumber() throws {
        guard SQLite.isAvailable else { return }
        let directory = try TemporaryDirectory()
        let (csv, table) = try Self.universe(rows: 1_500, seed: 51, in: directory)
        var configuration = SegmentationConfiguration(ks: [3], restarts: 1, seed: 5)
        configuration.typingTool = nil
        let model = try Segmentation.run(table, configuration).model
        var lines = try String(contentsOf: csv, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let column = try #require(lines[0].split(separator: ",").map(String.init).firstIndex(of: "monthly_rx"))
        var first = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        first[column] = "lots"
        lines[1] = first.joined(separator: ",")
        let edited = directory.file("not-a-number.csv")
        try lines.joined(separator: "\n").write(to: edited, atomically: true, encoding: .utf8)
        let scored = try Self.score(model, csv: edited, table: table, loading: .text, in: directory)
        let segment = try #require(scored["segment"]?.numbers)
        #expect(segment[0].isNaN)
        #expect(segment[1...].allSatisfy { !$0.isNaN })
        let options = CSVOptions(schema: model.preparation.inputSchema)
        #expect(throws: (any Error).self) { try model.assign(CSVReader.read(contentsOf: edited, options: options)) }
    }
}

import Foundation
import Testing
@testable import PersonasProfiles
import PersonasData
import PersonasNumerics
import PersonasTestSupport

/// `Tests/Fixtures/typing-tool/lda.json`, written by `make_lda_fixtures.py` (scikit-learn).
struct LDAFixture: Decodable {
    struct Feature: Decodable {
        var name: String
        var kind: String
        var levels: [String]?
    }

    struct Case: Decodable {
        var name: String
        var features: [Feature]
        var design_columns: [String]
        var classes: [Int]
        var lsqr_predictions: [Int]
        var eigen_predictions: [Int]
        var lsqr_coef: [[Double]]
        var lsqr_intercept: [Double]
        var train_rows: [Int]
        var test_rows: [Int]
        var holdout_predictions: [Int]
        var holdout_accuracy: Double
        var X: [[Double]]?
        var y: [Int]?
    }

    var sklearn_version: String
    var cases: [Case]

    static func load() throws -> LDAFixture { try Fixtures.json("typing-tool/lda.json") }

    /// The sample read with its schema, every column askable: the fixture's question set includes
    /// the product share (a number the schema marks not askable), which conformance needs only as
    /// a numeric column.
    static func sampleTable() throws -> DataTable {
        var schema = try Schema.load(from: TypingToolSamples.repository.appendingPathComponent("examples/hcp-sample.schema.json"))
        for i in schema.columns.indices { schema.columns[i].askable = nil }
        return try CSVReader.read(contentsOf: TypingToolSamples.repository.appendingPathComponent("examples/hcp-sample.csv"),
                                  options: CSVOptions(schema: schema))
    }

    /// The case's data set and labels: the sample's question columns, or the stored matrix.
    static func data(_ c: Case) throws -> (TreeDataset, TreeLabels) {
        if let x = c.X, let y = c.y {
            let columns = (0..<x[0].count).map { j in x.map { $0[j] } }
            return (TreeDataset(numericColumns: columns, names: c.features.map(\.name)), TreeLabels(segments: y))
        }
        let (_, labels) = try TypingToolSamples.hcpSample()
        return (try TreeDataset(table: sampleTable(), columns: c.features.map(\.name)), labels)
    }
}

/// Points sheet weights laid out as scikit-learn's `coef_` (class × design column), by column name.
private func designCoefficients(_ model: DiscriminantTypingTool, columns: [String]) -> [[Double]] {
    model.classLabels.indices.map { k in
        columns.map { name in
            if let f = model.features.firstIndex(where: { $0.name == name }) { return model.terms[f].pointsPerUnit![k] }
            let parts = name.split(separator: "=", maxSplits: 1).map(String.init)
            let f = model.features.firstIndex { $0.name == parts[0] }!
            let l = model.features[f].levels!.firstIndex(of: parts[1])!
            return model.terms[f].levelPoints![l]![k]
        }
    }
}

@Suite("Discriminant typing tool")
struct DiscriminantTypingToolTests {
    // Fails on main before this change: there is no discriminant (golden-question) typing tool.
    @Test("Predictions equal scikit-learn's LDA (lsqr and eigen) on every row; lsqr's coefficients to 1e-9", arguments: ["hcp-sample", "wine"])
    func conformance(name: String) throws {
        let fixture = try LDAFixture.load()
        let c = try #require(fixture.cases.first { $0.name == name })
        let (data, labels) = try LDAFixture.data(c)
        #expect(labels.classLabels == c.classes.map(String.init))
        // The fixture's level order is the library's code order (the reference level is the first).
        for (feature, expected) in zip(data.features, c.features) {
            #expect(feature.name == expected.name)
            if let levels = expected.levels { #expect(feature.levels == levels) }
        }
        let model = try DiscriminantTypingTool.fit(data, labels: labels)
        let predicted = model.predict(data).map { Int(labels.classLabels[Int($0)])! }
        #expect(predicted == c.lsqr_predictions)
        #expect(predicted == c.eigen_predictions)
        let coefficients = designCoefficients(model, columns: c.design_columns)
        for k in c.lsqr_coef.indices {
            let scale = c.lsqr_coef[k].map(abs).max()!
            for j in c.lsqr_coef[k].indices {
                #expect(abs(coefficients[k][j] - c.lsqr_coef[k][j]) <= 1e-9 * max(abs(c.lsqr_coef[k][j]), 1e-3 * scale),
                        "class \(k), column \(c.design_columns[j]): \(coefficients[k][j]) vs \(c.lsqr_coef[k][j])")
            }
            #expect(abs(model.constant[k] - c.lsqr_intercept[k]) <= 1e-9 * max(1, abs(c.lsqr_intercept[k])))
        }
    }

    // Fails on main before this change: there is no discriminant typing tool.
    @Test("Fitted on the fixture's training rows, it predicts scikit-learn's held-out segments", arguments: ["hcp-sample", "wine"])
    func holdOutMatchesScikitLearn(name: String) throws {
        let fixture = try LDAFixture.load()
        let c = try #require(fixture.cases.first { $0.name == name })
        let (data, labels) = try LDAFixture.data(c)
        let model = try DiscriminantTypingTool.fit(data.selectingRows(c.train_rows), labels: labels.selectingRows(c.train_rows))
        let predicted = model.predict(data.selectingRows(c.test_rows)).map { Int(labels.classLabels[Int($0)])! }
        let truth = c.test_rows.map { Int(labels.classLabels[Int(labels.classes[$0])])! }
        let accuracy = Double(zip(predicted, truth).filter { $0 == $1 }.count) / Double(truth.count)
        #expect(abs(accuracy - c.holdout_accuracy) <= 0.02, "Personas \(accuracy), scikit-learn \(c.holdout_accuracy)")
        #expect(predicted == c.holdout_predictions)
    }

    // Fails on main before this change: there is no points sheet.
    @Test("predict is the argmax of the CSV points sheet, added up in question order")
    func predictIsThePointsSheet() throws {
        let fixture = try LDAFixture.load()
        let c = fixture.cases[0]
        let (data, labels) = try LDAFixture.data(c)
        let model = try DiscriminantTypingTool.fit(data, labels: labels)
        let rows = model.scoringSheetRows
        #expect(rows[0] == ["question", "answer"] + labels.classLabels)
        // An independent reading of the sheet: find each answer's row, add the numbers as written.
        var lookup: [String: [Double]] = [:]
        for row in rows.dropFirst() { lookup[row[0] + "\u{1}" + row[1]] = row[2...].map { Double($0)! } }
        var mismatches = 0, missingAnswers = 0
        let predicted = model.predict(data)
        for r in 0..<data.rowCount {
            var totals = lookup["\u{1}(start)"]!
            for (f, feature) in data.features.enumerated() {
                let points: [Double]
                switch data.columns[f] {
                case .numbers(let v):
                    if v[r].isNaN { points = lookup[feature.name + "\u{1}(missing)"]!; missingAnswers += 1 } else {
                        points = lookup[feature.name + "\u{1}(per unit)"]!.map { v[r] * $0 }
                    }
                case .codes(let codes):
                    let level = codes[r] < 0 ? nil : feature.levels![Int(codes[r])]
                    if level == nil { missingAnswers += 1 }
                    points = level.flatMap { lookup[feature.name + "\u{1}" + $0] } ?? lookup[feature.name + "\u{1}(missing or other)"]!
                }
                for k in totals.indices { totals[k] += points[k] }
            }
            var best = 0
            for k in totals.indices where totals[k] > totals[best] { best = k }
            if best != Int(predicted[r]) { mismatches += 1 }
        }
        #expect(missingAnswers > 0, "the sample's questions have missing answers")
        #expect(mismatches == 0)
        let markdown = model.markdown(title: "HCP typing tool")
        #expect(markdown.contains("add up, the highest total wins"))
        #expect(markdown.components(separatedBy: "\n## ").count - 1 == 1 + model.features.count)
    }

    // Fails on main before this change: there is no points-sheet file nor a model over both methods.
    @Test("JSON round trip, through the model over both methods; a tree file without a method key still loads")
    func jsonRoundTrip() throws {
        let (data, labels) = try LDAFixture.data(LDAFixture.load().cases[0])
        var model = try DiscriminantTypingTool.fit(data, labels: labels)
        model.segmentNames = ["Loyalists", "Sceptics", "Digital | natives", "Busy", "Starters", "Specialists"]
        let json = try model.jsonData()
        #expect(try DiscriminantTypingTool.load(json: json) == model)
        let wrapped = try TypingToolModel.load(json: json)
        #expect(wrapped == .discriminant(model))
        #expect(wrapped.method == "lda")
        #expect(try wrapped.jsonData() == json)
        #expect(try DiscriminantTypingTool.load(json: JSONEncoder().encode(wrapped)) == model)
        #expect(try JSONDecoder().decode(TypingToolModel.self, from: json) == wrapped)
        #expect(wrapped.predict(data) == model.predict(data))
        #expect(wrapped.questions == model.questions)
        #expect(wrapped.markdown().contains("Digital \\| natives"))

        let tree = try DecisionTree.fit(data, labels: labels, parameters: TreeParameters(maxDepth: 3))
        let treeJSON = try tree.jsonData()
        #expect(!String(decoding: treeJSON, as: UTF8.self).contains("\"method\""))
        let loadedTree = try TypingToolModel.load(json: treeJSON)
        #expect(loadedTree == .tree(tree))
        #expect(loadedTree.method == "tree")
        #expect(try loadedTree.jsonData() == treeJSON)
        #expect(try JSONDecoder().decode(TypingToolModel.self, from: treeJSON) == .tree(tree))
        #expect(loadedTree.sqlCaseExpression(dialect: .sqlite) == tree.sqlCaseExpression(dialect: .sqlite))
    }

    // Fails on main before this change: there is no points-sheet file to load.
    @Test("Loading refuses an inconsistent points sheet with a clear error")
    func loadRefusesBadFiles() throws {
        let wine = try LDAFixture.load().cases[1]
        let (data, labels) = try LDAFixture.data(wine)
        let model = try DiscriminantTypingTool.fit(data.selectingFeatures([0, 1]), labels: labels)
        let levels = try DiscriminantTypingTool.fit(
            TreeDataset(features: [TreeFeature(name: "spec", kind: .categorical, levels: ["a", "b", "c"])],
                        columns: [.codes((0..<30).map { Int32($0 % 2) })], rowCount: 30),
            labels: TreeLabels(segments: (0..<30).map { $0 % 3 }))
        #expect(levels.terms[0].levelPoints?[2] == nil, "a level without training rows scores as missing")
        func refused(_ edit: (inout DiscriminantTypingTool) -> Void, from base: DiscriminantTypingTool? = nil) throws -> TypingToolError? {
            var copy = base ?? model
            edit(&copy)
            do { _ = try DiscriminantTypingTool.load(json: copy.jsonData()) } catch { return error }
            return nil
        }
        func inconsistent(_ error: TypingToolError?) -> Bool { if case .invalidTree? = error { true } else { false } }
        #expect(try refused { $0.formatVersion = 2 } == .unsupportedFormat(2))
        #expect(inconsistent(try refused { $0.method = "tree" }))
        #expect(inconsistent(try refused { $0.constant.removeLast() }))
        #expect(inconsistent(try refused { $0.terms.removeLast() }))
        #expect(inconsistent(try refused { $0.terms[1].missingPoints.append(0) }))
        #expect(inconsistent(try refused { $0.terms[0].pointsPerUnit = nil }))
        #expect(inconsistent(try refused { $0.segmentNames = ["one"] }))
        #expect(inconsistent(try refused({ $0.features[0].levels = ["a", "a", "c"] }, from: levels)))
        #expect(inconsistent(try refused({ $0.terms[0].levelPoints?.removeLast() }, from: levels)))
        #expect(inconsistent(try refused({ $0.terms[0].levelPoints?[0]?[1] = 0.5 }, from: levels)))
        #expect(inconsistent(try refused({ $0.terms[0].pointsPerUnit = [1, 2, 3] }, from: levels)))
        // Non-finite points cannot be written as JSON numbers; a huge literal reads back as infinity.
        let text = String(decoding: try model.jsonData(), as: UTF8.self)
        let huge = text.replacingOccurrences(of: "\"constant\" : [\n    ", with: "\"constant\" : [\n    1e999, ")
        #expect(huge != text)
        #expect(throws: TypingToolError.self) { try DiscriminantTypingTool.load(json: Data(huge.utf8)) }
        #expect(throws: TypingToolError.self) { try TypingToolModel.load(json: Data(#"{"formatVersion": 1, "method": "qda"}"#.utf8)) }
        #expect(throws: TypingToolError.self) { try TypingToolModel.load(json: Data("[1, 2]".utf8)) }
    }

    // Fails on main before this change: there is no discriminant typing tool to select questions for.
    @Test("Forward selection on the sample: a rising curve, never value, potential or an identifier, better than the baseline")
    func forwardSelectionOnTheSample() throws {
        let (data, labels) = try TypingToolSamples.hcpSample()
        var configuration = TypingToolConfiguration()
        configuration.maxQuestions = 5
        let result = try DiscriminantTypingTool.build(data, labels: labels, configuration: configuration)
        #expect(result.curve.count == 5)
        #expect(result.curve.map(\.questionCount) == [1, 2, 3, 4, 5])
        let asked = Set(result.curve.flatMap(\.questions))
        #expect(asked.isDisjoint(with: ["value", "potential", "hcp_id"]))
        let best = result.curve.map(\.crossValidatedAccuracy).max()!
        #expect(result.model.questions == result.curve.first { $0.crossValidatedAccuracy == best }!.questions)
        #expect(result.curve[4].crossValidatedAccuracy > result.curve[0].crossValidatedAccuracy)
        #expect(result.holdOut.rows == result.testRows.count)
        #expect(result.holdOut.accuracy > result.holdOut.baselineAccuracy + 0.3,
                "hold-out \(result.holdOut.accuracy), curve \(result.curve.map(\.crossValidatedAccuracy))")
        // The same hold-out split as the tree's.
        let (train, test) = StratifiedSplit.holdOut(labels, testFraction: configuration.testFraction, seed: configuration.seed)
        #expect(result.trainRows == train && result.testRows == test)
        // configuration.questions narrows the candidates.
        configuration.questions = ["specialty", "monthly_rx", "rep_access_restricted"]
        configuration.maxQuestions = 2
        let narrowed = try DiscriminantTypingTool.build(data, labels: labels, configuration: configuration)
        #expect(Set(narrowed.curve.flatMap(\.questions)).isSubset(of: ["specialty", "monthly_rx", "rep_access_restricted"]))
        configuration.questions = ["value"]
        #expect(throws: TypingToolError.missingColumn("value")) {
            try DiscriminantTypingTool.build(data, labels: labels, configuration: configuration)
        }
    }

    // Fails on main before this change: there is no discriminant typing tool.
    @Test("On a generated 20,000-row table, hold-out accuracy far above the largest-segment baseline")
    func generatedTable() throws {
        let directory = try TemporaryDirectory()
        let (table, labels) = try TypingToolSamples.universe(rows: 20_000, seed: 5, in: directory)
        var configuration = TypingToolConfiguration()
        configuration.maxQuestions = 4
        let result = try DiscriminantTypingTool.build(try TreeDataset(table: table), labels: labels, configuration: configuration)
        #expect(result.holdOut.accuracy > result.holdOut.baselineAccuracy + 0.2,
                "hold-out \(result.holdOut.accuracy), baseline \(result.holdOut.baselineAccuracy)")
        #expect(try result.model.predict(table) == result.model.predict(TreeDataset(table: table).selectingFeatures(
            result.model.questions.map { q in try TreeDataset(table: table).features.firstIndex { $0.name == q }! })))
    }

    // Fails on main before this change: there is no points-sheet SQL.
    @Test("The SQL, run by SQLite on the sample loaded as text, gives predict's segment on every row and its totals to the bit")
    func sqlOnSQLite() throws {
        guard SQLite.isAvailable else { print("SKIPPED: needs /usr/bin/sqlite3"); return }
        let c = try LDAFixture.load().cases[0]
        let (data, labels) = try LDAFixture.data(c)
        let model = try DiscriminantTypingTool.fit(data, labels: labels)
        let table = try LDAFixture.sampleTable()
        let expected = try model.predict(table).map { model.classLabels[Int($0)] }
        let types = Dictionary(uniqueKeysWithValues: table.columns.map { ($0.name, $0.type) })
        let columns = model.questionColumns(types: types)
        let typed = columns.map { "\(Preparation.typedColumnSQL($0.name, type: $0.type, dialect: .sqlite)) AS \"\($0.name)\"" }
        let directory = try TemporaryDirectory()
        let csv = TypingToolSamples.repository.appendingPathComponent("examples/hcp-sample.csv").path
        let output = try SQLite.run("""
            .mode csv
            .import \(csv) customers
            .mode list
            .separator ,
            \(model.sqlSelect(from: "customers", keyColumns: ["hcp_id"], columnTypes: types, dialect: .sqlite))
            SELECT '#', hcp_id, \(model.sqlCaseExpression(indent: "  ", dialect: .sqlite))
            FROM (SELECT hcp_id, \(typed.joined(separator: ", ")) FROM customers);
            """, in: directory)
        let lines = output.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let select = lines.filter { $0[0] != "#" }, expression = lines.filter { $0[0] == "#" }
        #expect(select.map { $0[1] } == expected)
        #expect(select.map { $0[0] } == (0..<table.rowCount).map { table["hcp_id"]!.text(atRow: $0) })
        #expect(expression.map { $0[2] } == expected)

        // Every segment's total, as SQLite adds it, is the library's to the bit.
        let totals = model.scores(try model.encode(table))
        let k = model.classLabels.count
        let printed = model.classLabels.indices.map { "printf('%!.20e', \(model.sqlScore($0, dialect: .sqlite)))" }
        let sqliteTotals = try SQLite.run("""
            .mode csv
            .import \(csv) customers
            .mode list
            .separator ,
            SELECT \(printed.joined(separator: ", ")) FROM (SELECT \(typed.joined(separator: ", ")) FROM customers);
            """, in: directory).split(separator: "\n").map { $0.split(separator: ",").map { Double($0)! } }
        #expect(sqliteTotals.count == table.rowCount)
        #expect(sqliteTotals.enumerated().filter { r, row in (0..<k).contains { row[$0] != totals[r * k + $0] } }.isEmpty)

        // A level the sheet never saw scores as missing (as predict's treatAsMissing); a cell that is
        // not a number gives the row no segment.
        var encoded = try model.encode(table)
        guard case .codes(var specialty) = encoded.columns[0] else { Issue.record("specialty is a level question"); return }
        specialty[1] = -2
        encoded.columns[0] = .codes(specialty)
        let unseen = model.classLabels[Int(model.predict(encoded)[1])]
        let edited = try SQLite.run("""
            .mode csv
            .import \(csv) customers
            UPDATE customers SET practice_size = 'lots' WHERE hcp_id = \(SQLDialect.sqlite.text(table["hcp_id"]!.text(atRow: 0)));
            UPDATE customers SET specialty = 'Astrology' WHERE hcp_id = \(SQLDialect.sqlite.text(table["hcp_id"]!.text(atRow: 1)));
            .mode list
            .separator ,
            \(model.sqlSelect(from: "customers", keyColumns: ["hcp_id"], columnTypes: types, dialect: .sqlite))
            """, in: directory).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(edited[0] == [table["hcp_id"]!.text(atRow: 0), ""])
        #expect(edited[1] == [table["hcp_id"]!.text(atRow: 1), unseen])
        #expect(edited[2...].map { $0[1] } == Array(expected[2...]))
        // Every dialect spells a query (engines other than SQLite run in scripts/sql-engines).
        for dialect in SQLDialect.allCases {
            #expect(model.sqlSelect(from: "t", dialect: dialect).contains("personas_points_5"))
        }
    }

    // Fails on main before this change: there is no points sheet.
    @Test("Equal totals go to the first of them, in predict and in the SQL's triangular CASE")
    func tiesGoToTheFirstSegment() throws {
        let model = DiscriminantTypingTool(
            features: [TreeFeature(name: "x", kind: .numeric)], classLabels: ["a", "b", "c", "d"],
            constant: [1, 2, 0, 2], terms: [DiscriminantTerm(pointsPerUnit: [0, 1, 0, 1], missingPoints: [5, 0, 0, 0], trainingMean: 0)])
        try model.validate()
        // Totals (a, b, c, d): x = 0 → (1, 2, 0, 2); x = 1 → (1, 3, 0, 3); missing → (6, 2, 0, 2); x = −1 → (1, 1, 0, 1).
        let data = TreeDataset(numericColumns: [[0, 1, .nan, -1]], names: ["x"])
        #expect(model.predict(data) == [1, 1, 0, 0])
        guard SQLite.isAvailable else { return }
        let rows = try SQLite.run("""
            SELECT \(model.sqlCaseExpression(dialect: .sqlite)) FROM (
              SELECT 1 AS k, CAST(0 AS REAL) AS "x" UNION ALL SELECT 2, 1.0 UNION ALL SELECT 3, NULL UNION ALL SELECT 4, -1.0
            ) ORDER BY k;
            """, in: TemporaryDirectory())
        #expect(rows.split(separator: "\n") == ["b", "b", "a", "a"])
    }

    // Fails on main before this change: there is no discriminant typing tool.
    @Test("The points sheet does not depend on the thread count")
    func threadCountIndependent() throws {
        let (data, labels) = try LDAFixture.data(LDAFixture.load().cases[0])
        let models = try [1, 2, 3].map { threads in
            try ParallelFor.$threadLimit.withValue(threads) { try DiscriminantTypingTool.fit(data, labels: labels) }
        }
        #expect(models[0] == models[1])
        #expect(models[0] == models[2])
    }
}

import Foundation
import Testing
@testable import PersonasProfiles
import PersonasData
import PersonasTestSupport

/// Reads a scoring sheet back and assigns rows with it, as a spreadsheet user would: the one rule
/// whose every answer the row gives. It parses the printed answers ("up to 35", "36–95",
/// "over 0.57, up to 1.2", "Yes", level labels joined by ", ", "… (or unknown)", "Unknown"), so it
/// checks the text a rep reads, not the library's structures.
struct ScoringSheetEvaluator {
    let header: [String]
    let rules: [[String]]
    /// The sheet's columns before "segment": "rule", then one per question (by title).
    var questionColumns: Range<Int> { 1..<(header.firstIndex(of: "segment") ?? header.count) }

    init(rows: [[String]]) {
        header = rows[0]
        rules = Array(rows.dropFirst())
    }

    /// Whether `text`, one printed answer, covers the row's value of `feature`.
    static func matches(_ text: String, feature: TreeFeature, number: Double?, level: String?, isMissing: Bool) -> Bool {
        if text.isEmpty { return true }
        if text == "Unknown" { return isMissing }
        var answer = text
        let unknownToo = answer.hasSuffix(" (or unknown)")
        if unknownToo { answer = String(answer.dropLast(" (or unknown)".count)) }
        if isMissing { return unknownToo }
        if let level {
            let label = feature.label(forLevel: level)
            return answer == label || answer.hasPrefix(label + ", ") || answer.hasSuffix(", " + label)
                || answer.contains(", " + label + ", ")
        }
        guard let v = number else { return false }
        if feature.isYesNo { return answer == "Yes or no" || (answer == "Yes" ? v == 1 : v == 0) }
        if answer == "Any value" { return true }
        let whole = feature.columnType == .integer
        if answer.hasPrefix("up to ") { return v <= Double(answer.dropFirst(6))! }
        if answer.hasPrefix("over ") {
            let parts = answer.dropFirst(5).components(separatedBy: ", up to ")
            return v > Double(parts[0])! && (parts.count == 1 || v <= Double(parts[1])!)
        }
        if whole {
            let bounds = answer.components(separatedBy: "–").map { Double($0)! }
            return v >= bounds[0] && v <= bounds[bounds.count - 1]
        }
        Issue.record("unreadable answer \(text)")
        return false
    }

    func assign(_ tree: DecisionTree, _ data: TreeDataset, row: Int) -> String {
        var found: [String] = []
        for rule in rules {
            var ok = true
            for j in questionColumns {
                let f = tree.features.firstIndex { $0.title == header[j] }!
                let feature = tree.features[f]
                switch data.columns[f] {
                case .numbers(let v):
                    ok = Self.matches(rule[j], feature: feature, number: v[row], level: nil, isMissing: v[row].isNaN)
                case .codes(let c):
                    let code = Int(c[row])
                    ok = Self.matches(rule[j], feature: feature, number: nil, level: code >= 0 ? feature.levels![code] : nil,
                                      isMissing: code < 0)
                }
                if !ok { break }
            }
            if ok { found.append(rule[questionColumns.upperBound]) }
        }
        return found.count == 1 ? found[0] : "ambiguous \(found)"
    }
}

@Suite("Typing tool exports")
struct TypingToolExportTests {
    @Test func exportsAssignIdenticallyOn100kRows() throws {
        let directory = try TemporaryDirectory()
        let (table, labels) = try TypingToolSamples.universe(rows: 100_000, seed: 5, in: directory)
        let data = try TreeDataset(table: table)
        let tree = try DecisionTree.fit(data, labels: labels, parameters: TreeParameters(maxDepth: 6, minSamplesLeaf: 20))
        #expect(tree.leafCount > 8)
        let inMemory = try tree.predict(table).map { tree.classLabels[Int($0)] }

        // JSON: written, loaded back, applied to the table.
        let loaded = try DecisionTree.load(json: try tree.jsonData())
        #expect(loaded == tree)
        #expect(try loaded.predict(table).map { tree.classLabels[Int($0)] } == inMemory)

        // CSV scoring sheet: exactly one rule per row, the same segment.
        let encoded = try tree.encode(table)
        let sheet = ScoringSheetEvaluator(rows: tree.scoringSheetRows)
        var sheetMismatches = 0
        for r in 0..<table.rowCount where sheet.assign(tree, encoded, row: r) != inMemory[r] { sheetMismatches += 1 }
        #expect(tree.nodes.contains { $0.leftLevels != nil }, "the tree should ask at least one level question")
        #expect(sheetMismatches == 0)

        // Markdown: one flow entry per question of the questionnaire.
        let markdown = tree.markdown()
        #expect(markdown.components(separatedBy: ". Ask: ").count - 1 == tree.questionnaire.questions.count)
        #expect(markdown.contains("## Question by question"))

        // SQL on SQLite.
        let sqlite = "/usr/bin/sqlite3"
        guard FileManager.default.isExecutableFile(atPath: sqlite) else {
            print("SKIPPED: SQL export check needs /usr/bin/sqlite3 (apt-get install sqlite3)")
            return
        }
        let used = tree.usedFeatures
        let csvURL = directory.file("typed.csv")
        var writer = CSVWriter(file: try AtomicFileWriter(destination: csvURL))
        try writer.writeRow(["row_id"] + used.map { tree.features[$0].name })
        for r in 0..<table.rowCount {
            var fields = ["\(r)"]
            for f in used {
                switch encoded.columns[f] {
                case .numbers(let v): fields.append(v[r].isNaN ? "" : "\(v[r])")
                case .codes(let c): fields.append(c[r] < 0 ? "" : tree.features[f].levels![Int(c[r])])
                }
            }
            try writer.writeRow(fields)
        }
        try writer.finish()
        let columnsSQL = used.map { "\"\(tree.features[$0].name)\" \(tree.features[$0].kind == .numeric ? "REAL" : "TEXT")" }
        let nullify = used.map { "UPDATE customers SET \"\(tree.features[$0].name)\" = NULL WHERE \"\(tree.features[$0].name)\" = '';" }
        let script = """
            CREATE TABLE customers (row_id INTEGER, \(columnsSQL.joined(separator: ", ")));
            .mode csv
            .import --skip 1 \(csvURL.path) customers
            \(nullify.joined(separator: "\n"))
            .mode list
            .output \(directory.file("assigned.txt").path)
            SELECT row_id || ',' || (\(tree.sqlCaseExpression(dialect: .sqlite))) FROM customers ORDER BY row_id;
            """
        let scriptURL = directory.file("assign.sql")
        try script.write(to: scriptURL, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sqlite)
        process.arguments = [":memory:"]
        process.standardInput = try FileHandle(forReadingFrom: scriptURL)
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let lines = try String(contentsOf: directory.file("assigned.txt"), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == table.rowCount)
        var sqlMismatches = 0
        for line in lines {
            let parts = line.split(separator: ",", maxSplits: 1)
            if String(parts[1]) != inMemory[Int(parts[0])!] { sqlMismatches += 1 }
        }
        #expect(sqlMismatches == 0)
    }
}

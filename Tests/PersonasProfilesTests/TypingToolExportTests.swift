import Foundation
import Testing
@testable import PersonasProfiles
import PersonasData
import PersonasTestSupport

/// Reads a scoring sheet back and assigns rows with it, as a spreadsheet user would: the one rule
/// whose every condition the row meets.
struct ScoringSheetEvaluator {
    let header: [String]
    let rules: [[String]]

    init(rows: [[String]]) {
        header = rows[0]
        rules = Array(rows.dropFirst())
    }

    /// A cell parsed once: alternatives joined by " or ".
    struct Cell {
        var any = false
        var missing = false
        var intervals: [(Double, Double)] = []
        var levels: Set<String> = []

        init(_ text: String) {
            if text.isEmpty { any = true; return }
            for option in text.components(separatedBy: " or ") {
                if option == "missing" { missing = true; continue }
                if option.hasPrefix(">") || option.hasPrefix("<=") {
                    var lo = -Double.infinity, hi = Double.infinity
                    for bound in option.components(separatedBy: " and ") {
                        if bound.hasPrefix("> ") { lo = Double(bound.dropFirst(2))! }
                        if bound.hasPrefix("<= ") { hi = Double(bound.dropFirst(3))! }
                    }
                    intervals.append((lo, hi))
                } else {
                    levels.formUnion(option.components(separatedBy: " | "))
                }
            }
        }

        func matches(number: Double?, level: String?, isMissing: Bool) -> Bool {
            if any { return true }
            if isMissing { return missing }
            if let number { return intervals.contains { number > $0.0 && number <= $0.1 } }
            return level.map { levels.contains($0) } ?? false
        }
    }

    func assign(_ tree: DecisionTree, _ data: TreeDataset, row: Int, cells: [[Cell]]) -> String {
        var found: [String] = []
        for (i, rule) in rules.enumerated() {
            var ok = true
            for (j, question) in header.enumerated().dropFirst() where j < header.count - 3 {
                let f = tree.features.firstIndex { $0.name == question }!
                switch data.columns[f] {
                case .numbers(let v):
                    ok = cells[i][j].matches(number: v[row], level: nil, isMissing: v[row].isNaN)
                case .codes(let c):
                    let code = Int(c[row])
                    ok = cells[i][j].matches(number: nil, level: code >= 0 ? tree.features[f].levels![code] : nil,
                                             isMissing: code < 0)
                }
                if !ok { break }
            }
            if ok { found.append(rule[header.count - 3]) }
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
        let cells = sheet.rules.map { $0.map(ScoringSheetEvaluator.Cell.init) }
        var sheetMismatches = 0
        for r in 0..<table.rowCount where sheet.assign(tree, encoded, row: r, cells: cells) != inMemory[r] { sheetMismatches += 1 }
        #expect(tree.nodes.contains { $0.leftLevels != nil }, "the tree should ask at least one level question")
        #expect(sheetMismatches == 0)

        // Markdown: one flow entry per question node, one outcome per leaf.
        let markdown = tree.markdown()
        #expect(markdown.components(separatedBy: ". Ask: ").count - 1 == tree.nodes.count - tree.leafCount)
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

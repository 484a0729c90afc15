import Foundation
@testable import PersonasProfiles
import PersonasData
import PersonasNumerics
import PersonasTestSupport
import Testing

/// Level names that exercise quoting in SQL (', ") and in CSV (,), spaces, non-ASCII and digits.
private let levelPool = ["GP", "O'Brien", "A, B", "x y", "Ω", "\"q\"", "onc", "10"]

/// A number as the tables and thresholds draw it: whole numbers, quarters and tenths, so that values
/// equal to thresholds (the `<=` boundary) are common and every literal reads back exactly.
private func randomNumber(_ random: inout SeededGenerator) -> Double {
    switch random.nextInt(below: 3) {
    case 0: Double(random.nextInt(below: 21) - 5)
    case 1: Double(random.nextInt(below: 41) - 10) / 4
    default: Double(random.nextInt(below: 101)) / 10
    }
}

/// A random valid tree: up to four questions of every kind, depth up to four, random thresholds,
/// level sets (empty ones included) and missing-value directions.
private func randomTree(_ random: inout SeededGenerator) -> DecisionTree {
    let features: [TreeFeature] = (0..<(1 + random.nextInt(below: 4))).map { f in
        let kinds: [TreeFeature.Kind] = [.numeric, .categorical, .ordinal]
        let kind = kinds[random.nextInt(below: 3)]
        let name = ["volume", "rep \"access\"", "specialty", "stage o'clock"][f]
        guard kind != .numeric else { return TreeFeature(name: name, kind: .numeric) }
        var levels = levelPool
        random.shuffle(&levels)
        return TreeFeature(name: name, kind: kind, levels: Array(levels.prefix(2 + random.nextInt(below: 4))))
    }
    let classes = 2 + random.nextInt(below: 3)
    var nodes: [TreeNode] = []
    func build(_ depth: Int, _ random: inout SeededGenerator) -> Int {
        let index = nodes.count
        let segment = random.nextInt(below: classes)
        nodes.append(TreeNode(feature: -1, threshold: nil, leftLevels: nil, left: -1, right: -1, missingGoesLeft: false,
                              segment: segment, distribution: [Double](repeating: 1, count: classes), samples: 1,
                              weight: Double(classes), impurity: 0))
        guard depth < 4, random.nextInt(below: 4) != 0 else { return index }
        let f = random.nextInt(below: features.count)
        if features[f].kind == .numeric {
            nodes[index].threshold = randomNumber(&random)
        } else if features[f].kind == .ordinal {
            // An ordinal split sends the lower rungs left, as CART grows them.
            nodes[index].leftLevels = Array(0..<random.nextInt(below: features[f].levels!.count + 1))
        } else {
            let count = features[f].levels!.count
            nodes[index].leftLevels = (0..<count).filter { _ in random.nextInt(below: 2) == 0 }
        }
        nodes[index].feature = f
        nodes[index].missingGoesLeft = random.nextInt(below: 2) == 0
        let left = build(depth + 1, &random)
        let right = build(depth + 1, &random)
        nodes[index].left = left
        nodes[index].right = right
        return index
    }
    _ = build(0, &random)
    return DecisionTree(features: features, classLabels: (0..<classes).map(String.init), nodes: nodes,
                        criterion: .gini)
}

/// A random table holding the tree's questions: about 15% missing cells, and levels the tree never
/// saw (which every form treats as missing).
private func randomTable(for tree: DecisionTree, rows n: Int, _ random: inout SeededGenerator) -> DataTable {
    let columns = tree.features.map { feature -> Column in
        if feature.kind == .numeric {
            let values = (0..<n).map { _ in random.nextInt(below: 7) == 0 ? Double.nan : randomNumber(&random) }
            return Column(name: feature.name, type: .numeric, role: .feature, values: .numbers(values))
        }
        let levels = feature.levels! + ["unseen level"]
        let codes = (0..<n).map { _ -> Int32 in
            random.nextInt(below: 7) == 0 ? -1 : Int32(random.nextInt(below: levels.count))
        }
        return Column(name: feature.name, type: .categorical, role: .feature, values: .levels(codes: codes, levels: levels))
    }
    return DataTable(source: "random.csv", columns: columns, rowCount: n)
}

/// `value` as an SQL literal that reads back as the same number or text.
private func sqlLiteral(_ column: Column, row: Int) -> String {
    switch column.values {
    case .numbers(let values): values[row].isNaN ? "NULL" : "\(values[row])"
    case .levels(let codes, let levels):
        codes[row] < 0 ? "NULL" : "'" + levels[Int(codes[row])].replacingOccurrences(of: "'", with: "''") + "'"
    case .withheld: "NULL"
    }
}

@Suite("Typing tool: every form assigns alike, on random trees and tables")
struct TypingToolPropertyTests {
    @Test("in memory, after a JSON round trip, from the scoring sheet and in SQLite: the same segment for every row")
    func formsAgree() throws {
        struct Case {
            var seed: UInt64
            var tree: DecisionTree
            var table: DataTable
            var expected: [String]
        }
        var cases: [Case] = []
        try forEachRandomCase(250, firstSeed: 4_000) { seed, random in
            let tree = randomTree(&random)
            try tree.validate()
            let table = randomTable(for: tree, rows: 20 + random.nextInt(below: 60), &random)
            let expected = try tree.predict(table).map { tree.classLabels[Int($0)] }

            let loaded = try DecisionTree.load(json: try tree.jsonData())
            #expect(loaded == tree, "seed \(seed)")
            #expect(try loaded.predict(table).map { tree.classLabels[Int($0)] } == expected, "seed \(seed): JSON")

            let encoded = try tree.encode(table)
            let sheet = ScoringSheetEvaluator(rows: tree.scoringSheetRows)
            let fromSheet = (0..<table.rowCount).map { sheet.assign(tree, encoded, row: $0) }
            #expect(fromSheet == expected, "seed \(seed): scoring sheet")
            cases.append(Case(seed: seed, tree: tree, table: table, expected: expected))
        }

        // SQL: every case's table and CASE expression in one SQLite session.
        let sqlite = "/usr/bin/sqlite3"
        guard FileManager.default.isExecutableFile(atPath: sqlite) else {
            print("SKIPPED: the SQL form needs /usr/bin/sqlite3 (apt-get install sqlite3)")
            return
        }
        var script = ""
        for (index, c) in cases.enumerated() {
            let columns = c.table.columns.map { column in
                "\"\(column.name.replacingOccurrences(of: "\"", with: "\"\""))\" \(column.numbers != nil ? "REAL" : "TEXT")"
            }
            script += "CREATE TABLE t\(index) (row_id INTEGER, \(columns.joined(separator: ", ")));\n"
            let rows = (0..<c.table.rowCount).map { r in
                "(\(r), " + c.table.columns.map { sqlLiteral($0, row: r) }.joined(separator: ", ") + ")"
            }
            script += "INSERT INTO t\(index) VALUES \(rows.joined(separator: ", "));\n"
            script += "SELECT \(index) || '|' || row_id || '|' || (\(c.tree.sqlCaseExpression(dialect: .sqlite))) FROM t\(index) ORDER BY row_id;\n"
        }
        let directory = try TemporaryDirectory()
        let scriptURL = directory.file("cases.sql"), outputURL = directory.file("assigned.txt")
        try script.write(to: scriptURL, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sqlite)
        process.arguments = [":memory:"]
        process.standardInput = try FileHandle(forReadingFrom: scriptURL)
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: outputURL)
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        var fromSQL = cases.map { [String](repeating: "", count: $0.table.rowCount) }
        for line in try String(contentsOf: outputURL, encoding: .utf8).split(separator: "\n") {
            let parts = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3, let index = Int(parts[0]), let row = Int(parts[1]) else {
                Issue.record("unexpected SQLite output: \(line)")
                continue
            }
            fromSQL[index][row] = parts[2]
        }
        for (index, c) in cases.enumerated() where fromSQL[index] != c.expected {
            let rows = (0..<c.table.rowCount).filter { fromSQL[index][$0] != c.expected[$0] }
            Issue.record("seed \(c.seed): SQL assigns rows \(rows) differently from the tree")
        }
    }
}

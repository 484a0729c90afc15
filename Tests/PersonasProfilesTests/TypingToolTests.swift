import Foundation
import Testing
@testable import PersonasProfiles
import PersonasData
import PersonasNumerics
import PersonasTestSupport

enum TypingToolSamples {
    static let repository = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()

    /// The bundled sample and its 6-segment k-means labels (committed fixture, produced by
    /// `personas kmeans examples/hcp-sample.csv --schema examples/hcp-sample.schema.json --k 6 --n-init 10 --seed 1`).
    static func hcpSample() throws -> (TreeDataset, TreeLabels) {
        let schema = try Schema.load(from: repository.appendingPathComponent("examples/hcp-sample.schema.json"))
        let table = try CSVReader.read(contentsOf: repository.appendingPathComponent("examples/hcp-sample.csv"),
                                       options: CSVOptions(schema: schema))
        let labels = try CSVReader.read(contentsOf: Fixtures.url("typing-tool/hcp-sample-kmeans-k6-labels.csv"))
        let ids = labels["hcp_id"]!, segments = labels["segment"]!.numbers!
        #expect(ids.text(atRow: 0) == table["hcp_id"]!.text(atRow: 0))
        #expect(labels.rowCount == table.rowCount)
        return (try TreeDataset(table: table), TreeLabels(segments: segments.map { Int($0) }))
    }

    /// A generated 100,000-row HCP universe with its planted segments.
    static func universe(rows: Int, seed: UInt64, in directory: TemporaryDirectory) throws -> (DataTable, TreeLabels) {
        let data = directory.file("universe.csv"), truth = directory.file("truth.csv")
        try HCPUniverse.write(.init(rows: rows, seed: seed), to: data, plantedSegmentsTo: truth)
        let table = try CSVReader.read(contentsOf: data, options: CSVOptions(schema: HCPUniverse.schema()))
        let planted = try CSVReader.read(contentsOf: truth)
        let column = planted.columns[1]
        let names = (0..<planted.rowCount).map { column.text(atRow: $0) }
        return (table, TreeLabels(names: names))
    }
}

@Suite("Typing tool")
struct TypingToolTests {
    @Test func hcpSampleFiveQuestionsReachEightyPercent() throws {
        let (data, labels) = try TypingToolSamples.hcpSample()
        var configuration = TypingToolConfiguration()
        configuration.maxQuestions = 5
        let result = try TypingTool.build(data, labels: labels, configuration: configuration)
        #expect(result.tree.questions.count <= 5)
        #expect(result.curve.count == 5)
        #expect(result.holdOut.accuracy >= 0.80, "hold-out accuracy \(result.holdOut.accuracy), curve \(result.curve.map(\.crossValidatedAccuracy))")
        #expect(result.holdOut.accuracy > result.holdOut.baselineAccuracy)
        #expect(result.holdOut.rows == result.testRows.count)
        #expect(result.holdOut.confusion.flatMap { $0 }.reduce(0, +) == result.testRows.count)
        // The curve never drops by much as questions are added (greedy forward selection).
        for (a, b) in zip(result.curve, result.curve.dropFirst()) { #expect(b.crossValidatedAccuracy >= a.crossValidatedAccuracy - 0.02) }
    }

    @Test func resultsDoNotDependOnTheThreadCount() throws {
        let (data, labels) = try TypingToolSamples.hcpSample()
        let trees = try [1, 2, 3].map { threads in
            try ParallelFor.$threadLimit.withValue(threads) {
                try DecisionTree.fit(data, labels: labels, parameters: TreeParameters(maxDepth: 6))
            }
        }
        #expect(trees[0] == trees[1])
        #expect(trees[0] == trees[2])
    }

    @Test func categoricalMissingAndWeights() throws {
        // Class = level group of a categorical; a numeric column is noise; missing cells carry class 1.
        var rng = SeededGenerator(seed: 3)
        let n = 600
        var codes: [Int32] = [], noise: [Double] = [], classes: [Int] = []
        for i in 0..<n {
            let level = Int32(rng.nextInt(below: 5))
            let missing = i % 10 == 0
            codes.append(missing ? -1 : level)
            noise.append(rng.nextUnitDouble())
            classes.append(missing ? 1 : (level == 1 || level == 3 ? 1 : 0))
        }
        let data = TreeDataset(features: [TreeFeature(name: "spec", kind: .categorical, levels: ["a", "b", "c", "d", "e"]),
                                          TreeFeature(name: "noise", kind: .numeric)],
                               columns: [.codes(codes), .numbers(noise)], rowCount: n)
        let tree = try DecisionTree.fit(data, labels: TreeLabels(segments: classes), parameters: TreeParameters(maxDepth: 1))
        #expect(tree.nodes[0].feature == 0)
        #expect(Set(tree.nodes[0].leftLevels!) == [0, 2, 4] || Set(tree.nodes[0].leftLevels!) == [1, 3])
        let predicted = tree.predict(data)
        #expect(zip(predicted, classes).allSatisfy { Int($0) == $1 })
        // Weights: class 1 weighted 0 leaves a pure root.
        let weighted = try DecisionTree.fit(data, labels: TreeLabels(segments: classes),
                                            parameters: TreeParameters(maxDepth: 3, classWeights: [1, 0]))
        #expect(weighted.nodes.count == 1)
    }

    @Test func crossValidatedPruning() throws {
        let (data, labels) = try TypingToolSamples.hcpSample()
        let plain = try DecisionTree.fitPruned(data, labels: labels, parameters: TreeParameters(maxDepth: 8), folds: 5)
        let oneSE = try DecisionTree.fitPruned(data, labels: labels, parameters: TreeParameters(maxDepth: 8), folds: 5,
                                               oneStandardError: true)
        #expect(oneSE.choice.alpha >= plain.choice.alpha)
        #expect(oneSE.tree.leafCount <= plain.tree.leafCount)
        let full = try DecisionTree.fit(data, labels: labels, parameters: TreeParameters(maxDepth: 8))
        #expect(plain.tree.leafCount <= full.leafCount)
    }

    @Test func badInputGetsClearErrors() throws {
        let (data, labels) = try TypingToolSamples.hcpSample()
        let tree = try DecisionTree.fit(data, labels: labels, parameters: TreeParameters(maxDepth: 4))
        let questions = tree.questions
        // A missing column.
        let schema = try Schema.load(from: TypingToolSamples.repository.appendingPathComponent("examples/hcp-sample.schema.json"))
        let table = try CSVReader.read(contentsOf: TypingToolSamples.repository.appendingPathComponent("examples/hcp-sample.csv"),
                                       options: CSVOptions(schema: schema))
        let without = DataTable(source: "t", columns: table.columns.filter { $0.name != questions[0] }, rowCount: table.rowCount)
        #expect(throws: TypingToolError.missingColumn(questions[0])) { try tree.predict(without) }
        // An unseen category, and a wrong type, on a categorical question.
        let categorical = try DecisionTree.fit(data.selectingFeatures([data.features.firstIndex { $0.name == "specialty" }!]),
                                               labels: labels, parameters: TreeParameters(maxDepth: 2))
        let one = DataTable(source: "new", columns: [Column(name: "specialty", type: .categorical, role: .feature,
                                                            values: .levels(codes: [0, 1], levels: ["GP", "Martian medicine"]))], rowCount: 2)
        #expect(throws: TypingToolError.unseenLevel(column: "specialty", level: "Martian medicine", row: 1)) {
            try categorical.predict(one, unseen: .error)
        }
        let lenient = try categorical.predict(one)  // documented default: unseen follows the missing-value path
        let missing = DataTable(source: "new", columns: [Column(name: "specialty", type: .categorical, role: .feature,
                                                                values: .levels(codes: [0, -1], levels: ["GP"]))], rowCount: 2)
        #expect(lenient == (try categorical.predict(missing)))
        let numericTree = try DecisionTree.fit(TreeDataset(numericColumns: [[1, 2, 3, 4]], names: ["specialty"]),
                                               labels: TreeLabels(segments: [0, 0, 1, 1]))
        #expect(throws: TypingToolError.wrongType(column: "specialty", expected: "numeric", found: "categorical")) {
            try numericTree.predict(one)
        }
        // Files: another version, garbage, a broken link.
        var json = String(decoding: try tree.jsonData(), as: UTF8.self)
        #expect(throws: TypingToolError.unsupportedFormat(99)) {
            try DecisionTree.load(json: Data(json.replacingOccurrences(of: "\"formatVersion\" : 1", with: "\"formatVersion\" : 99").utf8))
        }
        #expect(throws: TypingToolError.self) { try DecisionTree.load(json: Data("{not json".utf8)) }
        json = json.replacingOccurrences(of: "\"left\" : 1,", with: "\"left\" : 999,")
        #expect(throws: TypingToolError.self) { try DecisionTree.load(json: Data(json.utf8)) }
        // Mismatched labels and parameters.
        #expect(throws: TypingToolError.self) { try DecisionTree.fit(data, labels: TreeLabels(segments: [0, 1])) }
        #expect(throws: TypingToolError.self) {
            try DecisionTree.fit(data, labels: labels, parameters: TreeParameters(minSamplesLeaf: 0))
        }
    }
}

import Foundation
import PersonasNumerics
import PersonasTestSupport
import Testing
@testable import PersonasProfiles

/// The typing tool with survey weights (issue 23, respondent weights, item 4). Each test failed on
/// main before this change: labels carried no weights and reports had no weighted accuracy (the
/// tests did not compile).
@Suite("Weighted typing tool")
struct WeightedTypingToolTests {
    private struct WeightedLDA: Decodable {
        var X: [[Double]]
        var y: [Int32]
        var w: [Double]
        var coef: [[Double]]
        var constant: [Double]
    }

    /// A seeded numeric data set of three classes, with whole-number weights 1…3.
    private func blobs(_ n: Int) -> (TreeDataset, TreeLabels, [Int]) {
        var rng = SeededGenerator(seed: 23)
        var columns = [[Double]](repeating: [], count: 2), classes: [Int32] = [], weights: [Int] = []
        for i in 0..<n {
            let c = i % 3
            columns[0].append((Double(c) + 1.5 * rng.nextUnitDouble() * 10).rounded() / 10)
            columns[1].append((Double(2 - c) + 1.5 * rng.nextUnitDouble() * 10).rounded() / 10)
            classes.append(Int32(c))
            weights.append(1 + Int(rng.nextUnitDouble() * 3))
        }
        return (TreeDataset(numericColumns: columns), TreeLabels(classes: classes, classLabels: ["0", "1", "2"]), weights)
    }

    /// Every row repeated as often as its whole-number weight.
    private func repeated(_ data: TreeDataset, _ labels: TreeLabels, _ weights: [Int]) -> (TreeDataset, TreeLabels) {
        let rows = weights.enumerated().flatMap { [Int](repeating: $0.offset, count: $0.element) }
        return (data.selectingRows(rows), labels.selectingRows(rows))
    }

    // On main: TreeLabels had no weights, so the tree could not take the survey weights.
    @Test("a tree fitted with whole-number weights is the tree of the rows repeated that many times")
    func treeWeightsAreRepeatedRows() throws {
        let (data, labels, counts) = blobs(120)
        var weighted = labels
        weighted.weights = counts.map(Double.init)
        let (copies, copyLabels) = repeated(data, labels, counts)
        let parameters = TreeParameters(maxDepth: 3, minSamplesLeaf: 1)
        let a = try DecisionTree.fit(data, labels: weighted, parameters: parameters)
        let b = try DecisionTree.fit(copies, labels: copyLabels, parameters: parameters)
        #expect(a.nodes.map(\.feature) == b.nodes.map(\.feature))
        #expect(a.nodes.map(\.threshold) == b.nodes.map(\.threshold))
        #expect(a.nodes.map(\.distribution) == b.nodes.map(\.distribution))
        #expect(a.nodes.map(\.segment) == b.nodes.map(\.segment))
        // Weighted Gini differs from the unweighted one: the weights changed something.
        let plain = try DecisionTree.fit(data, labels: labels, parameters: parameters)
        #expect(plain.nodes.map(\.distribution) != a.nodes.map(\.distribution))
    }

    // On main: the discriminant ignored any weights (it had none to read).
    @Test("the golden questions' weighted LDA equals NumPy's by-hand weighted means, priors and pooled covariance")
    func weightedLDAMatchesHandComputation() throws {
        let fixture: WeightedLDA = try Fixtures.json("typing-tool/weighted_lda.json")
        let columns = (0..<3).map { j in fixture.X.map { $0[j] } }
        let labels = TreeLabels(classes: fixture.y, classLabels: ["0", "1", "2"], weights: fixture.w)
        let tool = try DiscriminantTypingTool.fit(TreeDataset(numericColumns: columns), labels: labels)
        for k in 0..<3 {
            #expect(abs(tool.constant[k] - fixture.constant[k]) <= 1e-9 * max(1, abs(fixture.constant[k])))
            for j in 0..<3 {
                let points = try #require(tool.terms[j].pointsPerUnit)[k]
                #expect(abs(points - fixture.coef[k][j]) <= 1e-9 * max(1, abs(fixture.coef[k][j])))
            }
        }
    }

    // On main: no weights on the labels.
    @Test("the weighted LDA with whole-number weights is the LDA of the rows repeated")
    func ldaWeightsAreRepeatedRows() throws {
        let (data, labels, counts) = blobs(90)
        var weighted = labels
        weighted.weights = counts.map(Double.init)
        let (copies, copyLabels) = repeated(data, labels, counts)
        let a = try DiscriminantTypingTool.fit(data, labels: weighted)
        let b = try DiscriminantTypingTool.fit(copies, labels: copyLabels)
        for k in 0..<3 {
            #expect(abs(a.constant[k] - b.constant[k]) <= 1e-9 * max(1, abs(b.constant[k])))
            for j in 0..<2 {
                let pa = a.terms[j].pointsPerUnit![k], pb = b.terms[j].pointsPerUnit![k]
                #expect(abs(pa - pb) <= 1e-9 * max(1, abs(pb)))
            }
        }
    }

    // On main: ClassificationReport had no weights.
    @Test("weighted accuracy, recall, precision and baseline by hand; counts stay respondents")
    func weightedReport() {
        let report = ClassificationReport(truth: [0, 0, 1, 1], predicted: [0, 1, 1, 1], classLabels: ["a", "b"],
                                          weights: [1, 3, 2, 4])
        #expect(report.accuracy == 0.7)                 // (1 + 2 + 4) / 10
        #expect(report.baselineSegment == 1)
        #expect(report.baselineAccuracy == 0.6)         // class b holds 6 of 10
        #expect(report.recall[0] == 0.25)               // 1 of 4
        #expect(report.precision[1] == 6.0 / 9.0)       // 6 of the 9 assigned to b
        #expect(report.confusion == [[1, 1], [0, 2]])
        #expect(report.rows == 4)
    }

    // On main: no weights on the labels, so nothing to compare.
    @Test("weights all 1 deliver the unweighted tool and figures, and weights change the cross-validated accuracy")
    func unitWeightsChangeNothing() throws {
        let (data, labels, counts) = blobs(150)
        var ones = labels
        ones.weights = [Double](repeating: 1, count: labels.count)
        var configuration = TypingToolConfiguration()
        configuration.method = .best
        let plain = try TypingTool.deliver(data, labels: labels, configuration: configuration)
        let unit = try TypingTool.deliver(data, labels: ones, configuration: configuration)
        #expect(plain.model == unit.model)
        #expect(plain.curve == unit.curve)
        #expect(plain.holdOut == unit.holdOut)
        #expect(plain.training == unit.training)
        var weighted = labels
        weighted.weights = counts.map { Double($0 * $0) }
        let parameters = TreeParameters(maxDepth: 3, minSamplesLeaf: 1)
        let a = try DecisionTree.crossValidatedAccuracy(data, labels: labels, parameters: parameters)
        let b = try DecisionTree.crossValidatedAccuracy(data, labels: weighted, parameters: parameters)
        #expect(a != b)
    }
}

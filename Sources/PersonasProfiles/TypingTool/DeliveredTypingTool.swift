/// How a typing tool scores a customer.
public enum TypingToolMethod: String, Codable, Sendable, CaseIterable {
    /// A compact decision tree: a few questions asked one after another.
    case tree
    /// Golden questions: linear discriminant analysis delivered as a points sheet.
    case lda
    /// Whichever of the two has the higher cross-validated accuracy at the question budget (the
    /// tree on a tie: a rep follows it without adding up points).
    case best
}

/// A typing tool as delivered, whichever method built it: the model saved in `typing-tool.json`,
/// its accuracy curve and hold-out report, and, for ``TypingToolMethod/best``, why it was chosen.
public struct DeliveredTypingTool: Sendable {
    /// The method that built ``model`` (never ``TypingToolMethod/best``).
    public var method: TypingToolMethod
    /// The saved, applied and exported tool.
    public var model: TypingToolModel
    /// Cross-validated accuracy for 1, 2, … questions (greedy forward selection).
    public var curve: [QuestionBudgetStep]
    /// Accuracy of the delivered tool on the held-out customers, with the largest-segment baseline.
    public var holdOut: ClassificationReport
    /// Accuracy on the training customers.
    public var training: ClassificationReport
    /// The tree's full result when the tree was built (pruning, the unsimplified tree's accuracy).
    public var tree: TypingToolResult?
    /// The discriminant tool's full result when it was built.
    public var discriminant: DiscriminantTypingToolResult?
    /// Why ``method`` was chosen, when both were built ("the golden questions: 84.1% … against …").
    public var choice: String?
    public var trainRows: Int
    public var testRows: Int

    /// The best cross-validated accuracy along the curve: the one the chosen question set has.
    public var crossValidatedAccuracy: Double { curve.map(\.crossValidatedAccuracy).max() ?? 0 }
}

extension TypingTool {
    /// Builds the typing tool by `configuration.method`: the compact tree, the golden questions,
    /// or both, keeping the one with the higher cross-validated accuracy (the tree on a tie).
    /// Both methods use the same stratified hold-out, questions and question budget, so their
    /// figures compare.
    public static func deliver(_ data: TreeDataset, labels: TreeLabels,
                               configuration: TypingToolConfiguration = TypingToolConfiguration())
    throws(TypingToolError) -> DeliveredTypingTool {
        var tree: DeliveredTypingTool?
        var lda: DeliveredTypingTool?
        if configuration.method != .lda {
            let result = try build(data, labels: labels, configuration: configuration)
            tree = DeliveredTypingTool(method: .tree, model: .tree(result.tree), curve: result.curve, holdOut: result.holdOut,
                                       training: result.training, tree: result, discriminant: nil, choice: nil,
                                       trainRows: result.trainRows.count, testRows: result.testRows.count)
        }
        if configuration.method != .tree {
            let result = try DiscriminantTypingTool.build(data, labels: labels, configuration: configuration)
            lda = DeliveredTypingTool(method: .lda, model: .discriminant(result.model), curve: result.curve,
                                      holdOut: result.holdOut, training: result.training, tree: nil, discriminant: result,
                                      choice: nil, trainRows: result.trainRows.count, testRows: result.testRows.count)
        }
        guard var tree, var lda else { return (tree ?? lda)! }
        let treeAccuracy = tree.crossValidatedAccuracy, ldaAccuracy = lda.crossValidatedAccuracy
        func percent(_ x: Double) -> String { String(format: "%.1f%%", 100 * x) }
        let figures = "cross-validated accuracy \(percent(ldaAccuracy)) for the golden questions "
            + "(\(lda.model.questions.count) question\(lda.model.questions.count == 1 ? "" : "s")) and "
            + "\(percent(treeAccuracy)) for the tree (\(tree.model.questions.count) question\(tree.model.questions.count == 1 ? "" : "s"))"
        if ldaAccuracy > treeAccuracy {
            lda.tree = tree.tree
            lda.choice = "the golden questions (points sheet): \(figures)"
            return lda
        }
        tree.discriminant = lda.discriminant
        tree.choice = "the tree: \(figures)" + (ldaAccuracy == treeAccuracy ? "; on a tie the tree, which needs no adding up" : "")
        return tree
    }
}

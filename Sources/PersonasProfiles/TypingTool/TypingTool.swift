/// One step of the question budget: the questions chosen so far and their cross-validated accuracy.
public struct QuestionBudgetStep: Codable, Sendable, Equatable {
    /// Number of distinct questions allowed.
    public var questionCount: Int
    /// The question added at this step.
    public var added: String
    /// All questions chosen so far, in the order they were added.
    public var questions: [String]
    /// Mean accuracy of stratified k-fold cross-validation on the training rows.
    public var crossValidatedAccuracy: Double
}

/// Settings of a typing tool.
public struct TypingToolConfiguration: Sendable, Hashable {
    /// How the tool scores: a compact tree (default), golden questions, or the better of the two.
    public var method: TypingToolMethod = .tree
    /// Columns a rep or a survey can ask (nil: every feature of the dataset).
    public var questions: [String]? = nil
    /// The most distinct questions the tree may ask.
    public var maxQuestions: Int = 5
    /// Tree settings (default: depth 4, at least 5 rows per leaf: a one-page tree).
    public var parameters = TreeParameters(maxDepth: 4, minSamplesLeaf: 5)
    /// Cross-validation folds (question selection and pruning).
    public var folds: Int = 5
    /// Share of rows held out (stratified) to measure the final tree.
    public var testFraction: Double = 0.25
    /// Prune by cost complexity with the alpha chosen by cross-validation.
    public var prune: Bool = true
    /// Use the one-standard-error rule when pruning.
    public var oneStandardError: Bool = false
    public var seed: UInt64 = 1

    public init() {}
}

/// The result of ``TypingTool/build(_:labels:configuration:)``.
public struct TypingToolResult: Sendable {
    /// The tree as delivered: fitted on the training rows with the chosen questions, pruned, its
    /// splits with identical sides removed and its thresholds rounded keeping the training
    /// partition. Every consumer (`type`, SQL, the files, the report) uses this one.
    public var tree: DecisionTree
    /// Cross-validated accuracy for 1, 2, … questions (greedy forward selection).
    public var curve: [QuestionBudgetStep]
    /// Accuracy of the delivered tree on the held-out rows (its baseline: the largest segment).
    public var holdOut: ClassificationReport
    /// Accuracy on the held-out rows of the pruned tree before it was simplified (identical sides
    /// kept, thresholds unrounded): what the simplification cost, if anything.
    public var unsimplifiedHoldOut: ClassificationReport
    /// Accuracy on the training rows.
    public var training: ClassificationReport
    /// The pruning level chosen (nil when pruning is off).
    public var pruning: PruningChoice?
    public var trainRows: [Int]
    public var testRows: [Int]
}

/// The typing tool: the compact tree that assigns a new customer to a segment from a few questions.
public enum TypingTool {
    /// Greedy forward selection of questions: at each step, the question whose addition gives the
    /// best stratified k-fold accuracy (ties: the earlier column), up to `maxQuestions` steps
    /// (the candidates of a step are scored in parallel).
    public static func selectQuestions(
        _ data: TreeDataset, labels: TreeLabels, maxQuestions: Int, parameters: TreeParameters,
        folds: Int = 5, seed: UInt64 = 1
    ) throws(TypingToolError) -> [QuestionBudgetStep] {
        try ForwardSelection.run(data, maxQuestions: maxQuestions) { (candidate) throws(TypingToolError) in
            try DecisionTree.crossValidatedAccuracy(candidate, labels: labels, parameters: parameters, folds: folds, seed: seed)
        }
    }

    /// Splits rows (stratified hold-out), selects questions on the training rows, fits (and prunes)
    /// the tree on them, simplifies it for delivery (``DecisionTree/removingIdenticalSides()``, then
    /// ``DecisionTree/roundingThresholds(training:)``), and measures it, and the tree before the
    /// simplification, on the held-out rows.
    public static func build(_ data: TreeDataset, labels: TreeLabels,
                             configuration: TypingToolConfiguration = TypingToolConfiguration()) throws(TypingToolError) -> TypingToolResult {
        guard labels.count == data.rowCount else { throw .labelMismatch("\(labels.count) labels for \(data.rowCount) rows") }
        var allowed = data
        if let names = configuration.questions {
            var indices: [Int] = []
            for name in names {
                guard let i = data.features.firstIndex(where: { $0.name == name }) else { throw .missingColumn(name) }
                indices.append(i)
            }
            allowed = data.selectingFeatures(indices)
        }
        guard configuration.testFraction > 0 && configuration.testFraction < 1 else {
            throw .invalidParameter("the hold-out share must lie strictly between 0 and 1")
        }
        let (train, test) = StratifiedSplit.holdOut(labels, testFraction: configuration.testFraction, seed: configuration.seed)
        let trainData = allowed.selectingRows(train), trainLabels = labels.selectingRows(train)
        let curve = try selectQuestions(trainData, labels: trainLabels, maxQuestions: configuration.maxQuestions,
                                        parameters: configuration.parameters, folds: configuration.folds, seed: configuration.seed)
        var bestStep = 0
        for i in curve.indices where curve[i].crossValidatedAccuracy > curve[bestStep].crossValidatedAccuracy { bestStep = i }
        let names = curve.isEmpty ? [] : curve[bestStep].questions
        let indices = names.map { n in allowed.features.firstIndex { $0.name == n }! }
        let selected = trainData.selectingFeatures(indices)
        var tree: DecisionTree
        var pruning: PruningChoice?
        if configuration.prune {
            let fitted = try DecisionTree.fitPruned(selected, labels: trainLabels, parameters: configuration.parameters,
                                                    folds: configuration.folds, oneStandardError: configuration.oneStandardError,
                                                    seed: configuration.seed)
            tree = fitted.tree
            pruning = fitted.choice
        } else {
            tree = try DecisionTree.fit(selected, labels: trainLabels, parameters: configuration.parameters)
        }
        let delivered = tree.removingIdenticalSides().roundingThresholds(training: selected)
        let testData = allowed.selectingFeatures(indices).selectingRows(test)
        let testLabels = labels.selectingRows(test)
        let holdOut = ClassificationReport(truth: testLabels.classes, predicted: delivered.predict(testData),
                                           classLabels: labels.classLabels, weights: testLabels.weights)
        let unsimplified = ClassificationReport(truth: testLabels.classes, predicted: tree.predict(testData),
                                                classLabels: labels.classLabels, weights: testLabels.weights)
        let training = ClassificationReport(truth: trainLabels.classes, predicted: delivered.predict(selected),
                                            classLabels: labels.classLabels, weights: trainLabels.weights)
        return TypingToolResult(tree: delivered, curve: curve, holdOut: holdOut, unsimplifiedHoldOut: unsimplified,
                                training: training, pruning: pruning, trainRows: train, testRows: test)
    }
}

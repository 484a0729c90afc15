/// The result of ``DiscriminantTypingTool/build(_:labels:configuration:)``.
public struct DiscriminantTypingToolResult: Sendable {
    /// The points sheet fitted on the training rows with the chosen questions.
    public var model: DiscriminantTypingTool
    /// Cross-validated accuracy for 1, 2, … questions (greedy forward selection).
    public var curve: [QuestionBudgetStep]
    /// Accuracy on the held-out rows.
    public var holdOut: ClassificationReport
    /// Accuracy on the training rows.
    public var training: ClassificationReport
    public var trainRows: [Int]
    public var testRows: [Int]
}

extension StratifiedSplit {
    /// Mean accuracy of stratified k-fold cross-validation: `fitAndPredict(train, test)` fits on the
    /// rows `train` and returns the classes it predicts for the rows `test`.
    static func crossValidatedAccuracy(
        _ labels: TreeLabels, folds: Int, seed: UInt64,
        fitAndPredict: (_ train: [Int], _ test: [Int]) throws(TypingToolError) -> [Int32]
    ) throws(TypingToolError) -> Double {
        guard folds >= 2 else { throw .invalidParameter("cross-validation needs at least 2 folds") }
        var correct = 0.0, total = 0.0
        for test in StratifiedSplit.folds(labels, k: folds, seed: seed) where !test.isEmpty {
            let testSet = Set(test)
            let train = (0..<labels.count).filter { !testSet.contains($0) }
            let fold = labels.agreement(try fitAndPredict(train, test), rows: test)
            correct += fold.correct
            total += fold.total
        }
        return total > 0 ? correct / total : 0
    }
}

extension DiscriminantTypingTool {
    /// Mean accuracy of stratified k-fold cross-validation of ``fit(_:labels:)`` on every question of `data`.
    public static func crossValidatedAccuracy(_ data: TreeDataset, labels: TreeLabels, folds: Int = 5,
                                              seed: UInt64 = 1) throws(TypingToolError) -> Double {
        try StratifiedSplit.crossValidatedAccuracy(labels, folds: folds, seed: seed) { (train, test) throws(TypingToolError) in
            try fit(data.selectingRows(train), labels: labels.selectingRows(train)).predict(data.selectingRows(test))
        }
    }

    /// Greedy forward selection of golden questions (Displayr's typing-tool approach): at each step the
    /// question whose addition gives the best cross-validated accuracy (ties: the earlier column), up to
    /// `maxQuestions` steps or every question.
    public static func selectQuestions(_ data: TreeDataset, labels: TreeLabels, maxQuestions: Int, folds: Int = 5,
                                       seed: UInt64 = 1) throws(TypingToolError) -> [QuestionBudgetStep] {
        try ForwardSelection.run(data, maxQuestions: maxQuestions) { (candidate) throws(TypingToolError) in
            try crossValidatedAccuracy(candidate, labels: labels, folds: folds, seed: seed)
        }
    }

    /// Splits rows (the tree's stratified hold-out: `configuration.testFraction`, `seed`), selects
    /// questions among `configuration.questions` (nil: every feature) on the training rows, keeps
    /// the step of the curve with the best cross-validated accuracy (the fewest questions on ties),
    /// fits the points sheet on the training rows and measures it on the held-out rows.
    /// `configuration.parameters`, `prune` and `oneStandardError` are the tree's and are not read.
    public static func build(_ data: TreeDataset, labels: TreeLabels,
                             configuration: TypingToolConfiguration = TypingToolConfiguration())
        throws(TypingToolError) -> DiscriminantTypingToolResult {
        guard labels.count == data.rowCount else { throw .labelMismatch("\(labels.count) labels for \(data.rowCount) rows") }
        guard configuration.testFraction > 0 && configuration.testFraction < 1 else {
            throw .invalidParameter("the hold-out share must lie strictly between 0 and 1")
        }
        let allowed = try configuration.questions.map { names throws(TypingToolError) in try data.selectingFeatures(named: names) } ?? data
        let (train, test) = StratifiedSplit.holdOut(labels, testFraction: configuration.testFraction, seed: configuration.seed)
        let trainLabels = labels.selectingRows(train)
        let trainData = allowed.selectingRows(train)
        let curve = try selectQuestions(trainData, labels: trainLabels, maxQuestions: configuration.maxQuestions,
                                        folds: configuration.folds, seed: configuration.seed)
        var bestStep = 0
        for i in curve.indices where curve[i].crossValidatedAccuracy > curve[bestStep].crossValidatedAccuracy { bestStep = i }
        let indices = (curve.isEmpty ? [] : curve[bestStep].questions).map { name in allowed.features.firstIndex { $0.name == name }! }
        let model = try fit(trainData.selectingFeatures(indices), labels: trainLabels)
        let selected = allowed.selectingFeatures(indices)
        let testLabels = labels.selectingRows(test)
        let holdOut = ClassificationReport(truth: testLabels.classes, predicted: model.predict(selected.selectingRows(test)),
                                           classLabels: labels.classLabels, weights: testLabels.weights)
        let training = ClassificationReport(truth: trainLabels.classes, predicted: model.predict(selected.selectingRows(train)),
                                            classLabels: labels.classLabels, weights: trainLabels.weights)
        return DiscriminantTypingToolResult(model: model, curve: curve, holdOut: holdOut, training: training,
                                            trainRows: train, testRows: test)
    }
}

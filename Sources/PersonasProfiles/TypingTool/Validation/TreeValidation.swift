import PersonasNumerics

/// How well assigned segments reproduce the true ones.
public struct ClassificationReport: Codable, Sendable, Equatable {
    public var classLabels: [String]
    public var rows: Int
    public var accuracy: Double
    /// `confusion[true][predicted]` row counts.
    public var confusion: [[Int]]
    /// Per segment: correct / truly in the segment (nil when the segment has no rows).
    public var recall: [Double?]
    /// Per segment: correct / assigned to the segment (nil when nothing was assigned to it).
    public var precision: [Double?]
    /// Accuracy of assigning everyone to the largest segment.
    public var baselineAccuracy: Double
    /// The largest segment (class index; lowest on ties).
    public var baselineSegment: Int

    /// The report of `predicted` against `truth`; with `weights` (one per row) the accuracy,
    /// recall, precision and baseline are shares of the summed weights (the universe the survey
    /// stands for), while ``confusion`` and ``rows`` still count respondents.
    public init(truth: [Int32], predicted: [Int32], classLabels: [String], weights: [Double]? = nil) {
        let k = classLabels.count
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
        // The same table in weights (in counts, exactly, when unweighted).
        var weighted = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        for (i, (t, p)) in zip(truth, predicted).enumerated() {
            confusion[Int(t)][Int(p)] += 1
            weighted[Int(t)][Int(p)] += weights?[i] ?? 1
        }
        let n = truth.count
        let total = weighted.reduce(0) { $0 + $1.reduce(0, +) }
        let correct = (0..<k).reduce(0) { $0 + weighted[$1][$1] }
        let trueCounts = weighted.map { $0.reduce(0, +) }
        let assigned = (0..<k).map { j in weighted.reduce(0) { $0 + $1[j] } }
        self.classLabels = classLabels
        rows = n
        accuracy = n > 0 ? correct / total : 0
        self.confusion = confusion
        recall = (0..<k).map { trueCounts[$0] > 0 ? weighted[$0][$0] / trueCounts[$0] : nil }
        precision = (0..<k).map { assigned[$0] > 0 ? weighted[$0][$0] / assigned[$0] : nil }
        var largest = 0
        for j in 0..<k where trueCounts[j] > trueCounts[largest] { largest = j }
        baselineSegment = largest
        baselineAccuracy = n > 0 && k > 0 ? trueCounts[largest] / total : 0
    }
}

/// Seeded, stratified splits of rows by class.
public enum StratifiedSplit {
    /// A hold-out split: about `testFraction` of each class goes to `test` (at least one row of every
    /// class with two or more rows). Deterministic for a seed.
    public static func holdOut(_ labels: TreeLabels, testFraction: Double, seed: UInt64) -> (train: [Int], test: [Int]) {
        var rng = SeededGenerator(seed: seed, stream: 71)
        var train: [Int] = [], test: [Int] = []
        for members in byClass(labels) {
            var rows = members
            rng.shuffle(&rows)
            var take = Int((Double(rows.count) * testFraction).rounded())
            if rows.count >= 2 { take = min(max(take, 1), rows.count - 1) } else { take = 0 }
            test += rows[0..<take]
            train += rows[take...]
        }
        return (train.sorted(), test.sorted())
    }

    /// k folds: each class's rows are shuffled and dealt round-robin, so every fold has each class in
    /// proportion. Returns the test rows of each fold.
    public static func folds(_ labels: TreeLabels, k: Int, seed: UInt64) -> [[Int]] {
        var rng = SeededGenerator(seed: seed, stream: 72)
        var folds = [[Int]](repeating: [], count: k)
        var next = 0
        for members in byClass(labels) {
            var rows = members
            rng.shuffle(&rows)
            for r in rows {
                folds[next % k].append(r)
                next += 1
            }
        }
        return folds.map { $0.sorted() }
    }

    static func byClass(_ labels: TreeLabels) -> [[Int]] {
        var groups = [[Int]](repeating: [], count: labels.classLabels.count)
        for (i, c) in labels.classes.enumerated() { groups[Int(c)].append(i) }
        return groups
    }
}

/// The cost-complexity level chosen by cross-validation.
public struct PruningChoice: Sendable, Equatable {
    /// The alphas tried (geometric means of consecutive path alphas, Breiman's convention, then the last).
    public var alphas: [Double]
    /// Mean and standard error of the fold accuracies at each alpha.
    public var meanAccuracy: [Double]
    public var standardError: [Double]
    /// The alpha chosen: the most accurate, or with the one-standard-error rule the largest alpha whose
    /// mean accuracy is within one standard error of the best.
    public var alpha: Double
}

extension DecisionTree {
    /// Fits a tree, then prunes it at the alpha chosen by stratified k-fold cross-validation.
    public static func fitPruned(
        _ data: TreeDataset, labels: TreeLabels, sampleWeights: [Double]? = nil,
        parameters: TreeParameters = TreeParameters(), folds: Int = 5, oneStandardError: Bool = false, seed: UInt64 = 1
    ) throws(TypingToolError) -> (tree: DecisionTree, choice: PruningChoice) {
        guard folds >= 2 else { throw .invalidParameter("cross-validation needs at least 2 folds") }
        let full = try fit(data, labels: labels, sampleWeights: sampleWeights, parameters: parameters)
        let path = full.pruningPath.alphas
        var candidates: [Double] = []
        var seen = Set<Double>()
        for i in path.indices {
            let a = i + 1 < path.count ? (path[i] * path[i + 1]).squareRoot() : path[i]
            if seen.insert(a).inserted { candidates.append(a) }
        }
        let foldRows = StratifiedSplit.folds(labels, k: folds, seed: seed)
        var accuracy = [[Double]](repeating: [], count: candidates.count)
        for test in foldRows where !test.isEmpty {
            let testSet = Set(test)
            let train = (0..<data.rowCount).filter { !testSet.contains($0) }
            let tree = try fit(data.selectingRows(train), labels: labels.selectingRows(train),
                               sampleWeights: sampleWeights.map { w in train.map { w[$0] } }, parameters: parameters)
            let testData = data.selectingRows(test)
            for (j, alpha) in candidates.enumerated() {
                let (correct, total) = labels.agreement(tree.pruned(alpha: alpha).predict(testData), rows: test)
                accuracy[j].append(correct / total)
            }
        }
        let means = accuracy.map { $0.reduce(0, +) / Double(max(1, $0.count)) }
        let errors = accuracy.indices.map { j -> Double in
            let a = accuracy[j]
            guard a.count > 1 else { return 0 }
            let v = a.reduce(0) { $0 + ($1 - means[j]) * ($1 - means[j]) } / Double(a.count - 1)
            return (v / Double(a.count)).squareRoot()
        }
        var best = 0
        for j in means.indices where means[j] > means[best] { best = j }
        var chosen = best
        if oneStandardError {
            for j in means.indices where means[j] >= means[best] - errors[best] { chosen = max(chosen, j) }
        }
        let choice = PruningChoice(alphas: candidates, meanAccuracy: means, standardError: errors, alpha: candidates[chosen])
        return (full.pruned(alpha: choice.alpha), choice)
    }

    /// Mean accuracy of stratified k-fold cross-validation for trees grown with `parameters`
    /// (weighted by the labels' survey weights, if any: see ``TreeLabels/weights``).
    public static func crossValidatedAccuracy(
        _ data: TreeDataset, labels: TreeLabels, parameters: TreeParameters, folds: Int = 5, seed: UInt64 = 1
    ) throws(TypingToolError) -> Double {
        var correct = 0.0, total = 0.0
        for test in StratifiedSplit.folds(labels, k: folds, seed: seed) where !test.isEmpty {
            let testSet = Set(test)
            let train = (0..<data.rowCount).filter { !testSet.contains($0) }
            let tree = try fit(data.selectingRows(train), labels: labels.selectingRows(train), parameters: parameters)
            let fold = labels.agreement(tree.predict(data.selectingRows(test)), rows: test)
            correct += fold.correct
            total += fold.total
        }
        return total > 0 ? correct / total : 0
    }
}

import PersonasNumerics

/// Greedy forward selection of questions, shared by the tree and the golden questions: at each
/// step the question whose addition gives the best score (cross-validated accuracy; ties: the
/// earlier column), up to `maxQuestions` steps or every question.
///
/// The candidates of a step are scored side by side, one per thread (each score single-threaded
/// inside): a step fits folds × candidates models that do not depend on each other. The best is
/// then picked in column order, so the curve is the same for every thread count.
enum ForwardSelection {
    static func run(
        _ data: TreeDataset, maxQuestions: Int,
        score: (TreeDataset) throws(TypingToolError) -> Double
    ) throws(TypingToolError) -> [QuestionBudgetStep] {
        guard maxQuestions >= 1 else { throw .invalidParameter("the question budget must be at least 1") }
        var chosen: [Int] = []
        var curve: [QuestionBudgetStep] = []
        while chosen.count < min(maxQuestions, data.features.count) {
            let candidates = data.features.indices.filter { !chosen.contains($0) }
            let scores: [Result<Double, TypingToolError>] = ParallelFor.mapChunks(candidates.count) { index in
                ParallelFor.$threadLimit.withValue(1) {
                    Result { () throws(TypingToolError) -> Double in
                        try score(data.selectingFeatures(chosen + [candidates[index]]))
                    }
                }
            }
            var best: (feature: Int, accuracy: Double)?
            for (candidate, result) in zip(candidates, scores) {
                let accuracy = try result.get()
                if best.map({ accuracy > $0.accuracy }) ?? true { best = (candidate, accuracy) }
            }
            guard let best else { break }
            chosen.append(best.feature)
            curve.append(QuestionBudgetStep(questionCount: chosen.count, added: data.features[best.feature].name,
                                            questions: chosen.map { data.features[$0].name },
                                            crossValidatedAccuracy: best.accuracy))
        }
        return curve
    }
}

import PersonasProfiles

/// Where each point of a typing tool's questionnaire (``TypingToolQuestionnaire``) goes: the
/// points flattened in preorder, outcomes numbered left to right, a question at the midpoint of
/// its first and last answers, and the run of outcome slots under each point.
struct TreeLayout {
    /// The questionnaire's points in preorder: a question with its answers' point indices, or an outcome.
    let steps: [TypingToolQuestionnaire.Step]
    /// For each point, its answers' point indices (empty for an outcome).
    let children: [[Int]]
    /// Horizontal position in outcome slots (outcome i at i).
    let position: [Double]
    /// The outcome slots under each point.
    let span: [Range<Double>]
    let depth: [Int]
    let leafCount: Int
    var depthCount: Int { (depth.max() ?? 0) + 1 }

    init(_ view: TypingToolQuestionnaire) {
        var steps: [TypingToolQuestionnaire.Step] = []
        var children: [[Int]] = []
        var depth: [Int] = []
        func visit(_ step: TypingToolQuestionnaire.Step, _ d: Int) -> Int {
            let at = steps.count
            steps.append(step)
            children.append([])
            depth.append(d)
            if case .question(let q) = step { children[at] = q.answers.map { visit($0.next, d + 1) } }
            return at
        }
        _ = visit(view.root, 0)
        var position = [Double](repeating: 0, count: steps.count)
        var span = [Range<Double>](repeating: 0..<0, count: steps.count)
        var leaves = 0.0
        for i in steps.indices where children[i].isEmpty {
            position[i] = leaves
            span[i] = leaves..<(leaves + 1)
            leaves += 1
        }
        // Answers come after their question in preorder, so the reverse visits them first.
        for i in steps.indices.reversed() where !children[i].isEmpty {
            let first = children[i].first!, last = children[i].last!
            position[i] = (position[first] + position[last]) / 2
            span[i] = span[first].lowerBound..<span[last].upperBound
        }
        self.steps = steps
        self.children = children
        self.position = position
        self.span = span
        self.depth = depth
        self.leafCount = Int(leaves)
    }
}

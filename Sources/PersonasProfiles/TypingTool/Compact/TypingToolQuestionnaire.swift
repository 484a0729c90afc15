/// The delivered tree read as a questionnaire: each question asked once along a path, with as
/// many answers as it needs ("Practice size: up to 35 / 36–95 / over 95"), each answer leading
/// to the next question or to a segment. What `typing-tool.md`, the scoring sheet and the
/// report's chart show.
///
/// Built from the binary tree exactly: when a node asks about a column, every later split on
/// that column below it is settled by the answer, so the question gets one answer per distinct
/// way the rest of the tree treats the column (numbers: the ranges between all its thresholds
/// below; levels: the groups of levels all its splits below send the same way). Answers with the
/// same continuation are merged (adjacent ranges only, so each answer stays one range), and
/// the unknown answer (missing, or a level the tree never saw) joins the answer whose
/// continuation it shares or becomes an answer of its own. A question whose answers all lead
/// to the same place is not asked. So the questionnaire types every customer as the tree does,
/// and asks no column twice on a path.
///
/// A deep tree on several numeric columns can make that questionnaire enormous (the answers
/// multiply along a path); past ``stepLimit`` points it is given up for the tree's own shape,
/// a question per split with two answers, which still types every customer as the tree does.
public struct TypingToolQuestionnaire: Sendable, Equatable {
    /// A point of the questionnaire: a question to ask, or the segment a customer is in.
    public indirect enum Step: Sendable, Equatable {
        case question(Question)
        case outcome(Outcome)
    }

    public struct Question: Sendable, Equatable {
        /// The feature asked (an index into the tree's features).
        public var feature: Int
        public var answers: [Answer]
    }

    /// The values an answer covers.
    public enum Values: Sendable, Equatable {
        /// Numbers with `lower < x <= upper` (nil: no bound).
        case range(lower: Double?, upper: Double?)
        /// Level codes (indices into the feature's levels), ascending.
        case levels([Int])
        /// No known value: the answer "unknown" alone.
        case none
    }

    public struct Answer: Sendable, Equatable {
        public var values: Values
        /// Whether an unknown answer (missing, or a level the tree never saw) leads here.
        public var includesUnknown: Bool
        public var next: Step
    }

    public struct Outcome: Sendable, Equatable {
        /// The segment (class index).
        public var segment: Int
        /// The tree's leaves (node indices) this outcome stands for, ascending.
        public var leaves: [Int]
    }

    public var root: Step

    /// The most points the merged questionnaire may take to build before the tree's own shape is used.
    public static let stepLimit = 50_000

    public init(_ tree: DecisionTree) {
        let builder = Builder(tree: tree)
        do {
            root = try builder.step(0, [:])
        } catch {
            root = builder.split(0, reachable: tree.reachableLevels())
        }
    }

    /// The outcome reached by every answer path, in order (top of the printed questionnaire first),
    /// with the answers given on the way.
    public var paths: [(answers: [(feature: Int, answer: Answer)], outcome: Outcome)] {
        var out: [(answers: [(feature: Int, answer: Answer)], outcome: Outcome)] = []
        func walk(_ step: Step, _ given: [(feature: Int, answer: Answer)]) {
            switch step {
            case .outcome(let outcome): out.append((given, outcome))
            case .question(let q): for a in q.answers { walk(a.next, given + [(q.feature, a)]) }
            }
        }
        walk(root, [])
        return out
    }

    /// The questions in preorder (each occurrence; a question asked on two paths is listed twice).
    public var questions: [Question] {
        var out: [Question] = []
        func walk(_ step: Step) {
            guard case .question(let q) = step else { return }
            out.append(q)
            q.answers.forEach { walk($0.next) }
        }
        walk(root)
        return out
    }

    /// The features asked anywhere, in the order a rep first meets them (preorder).
    public var askedFeatures: [Int] {
        var seen = Set<Int>()
        return questions.map(\.feature).filter { seen.insert($0).inserted }
    }
}

extension TypingToolQuestionnaire.Step {
    /// Whether two steps ask the same questions with the same answers and end in the same
    /// segments (which leaves they came from aside).
    func sameShape(as other: Self) -> Bool {
        switch (self, other) {
        case (.outcome(let a), .outcome(let b)): a.segment == b.segment
        case (.question(let a), .question(let b)):
            a.feature == b.feature && a.answers.count == b.answers.count
                && zip(a.answers, b.answers).allSatisfy {
                    $0.values == $1.values && $0.includesUnknown == $1.includesUnknown && $0.next.sameShape(as: $1.next)
                }
        default: false
        }
    }

    /// Two steps of the same shape as one, standing for the leaves of both.
    func merged(with other: Self) -> Self {
        switch (self, other) {
        case (.outcome(var a), .outcome(let b)):
            a.leaves = Array(Set(a.leaves + b.leaves)).sorted()
            return .outcome(a)
        case (.question(var a), .question(let b)):
            for i in a.answers.indices { a.answers[i].next = a.answers[i].next.merged(with: b.answers[i].next) }
            return .question(a)
        default:
            return self
        }
    }
}

/// Walks the binary tree with the answers given so far settling the splits on their columns.
private final class Builder {
    let tree: DecisionTree
    /// Points built so far, against ``TypingToolQuestionnaire/stepLimit``.
    var built = 0
    struct TooLarge: Error {}

    init(tree: DecisionTree) { self.tree = tree }

    /// The tree's own shape from node `i`: a question per split, its two sides as answers (levels
    /// limited to those that can still reach the node), unknown on the missing-value side.
    func split(_ i: Int, reachable: [[Int: Set<Int>]]) -> TypingToolQuestionnaire.Step {
        let node = tree.nodes[i]
        if node.isLeaf { return .outcome(.init(segment: node.segment, leaves: [i])) }
        var answers: [TypingToolQuestionnaire.Answer] = []
        for goLeft in [true, false] {
            let values: TypingToolQuestionnaire.Values
            if let t = node.threshold {
                values = goLeft ? .range(lower: nil, upper: t) : .range(lower: t, upper: nil)
            } else {
                let all = reachable[i][node.feature] ?? Set((tree.features[node.feature].levels ?? []).indices)
                let left = Set(node.leftLevels ?? [])
                let side = all.filter { left.contains($0) == goLeft }.sorted()
                values = side.isEmpty ? .none : .levels(side)
            }
            let unknown = node.missingGoesLeft == goLeft
            guard values != .none || unknown else { continue }
            answers.append(.init(values: values, includesUnknown: unknown,
                                 next: split(goLeft ? node.left : node.right, reachable: reachable)))
        }
        if answers.count == 1 { return answers[0].next }
        return .question(.init(feature: node.feature, answers: answers))
    }

    /// What is known of a column's value on the current path.
    enum Known {
        case range(lower: Double?, upper: Double?)
        case levels(Set<Int>)
        case unknown
    }

    func goesLeft(_ node: TreeNode, _ known: Known) -> Bool {
        switch known {
        case .unknown: return node.missingGoesLeft
        case .range(_, let upper): return upper.map { $0 <= node.threshold! } ?? false
        case .levels(let set): return set.isSubset(of: node.leftLevels ?? [])
        }
    }

    /// ``splits(on:under:)`` already found, by feature and node.
    var splitCache: [Int: [Int: [TreeNode]]] = [:]

    /// The split nodes on `feature` in the subtree under node `i`.
    func splits(on feature: Int, under i: Int) -> [TreeNode] {
        if let known = splitCache[feature]?[i] { return known }
        var out: [TreeNode] = []
        var stack = [i]
        while let j = stack.popLast() {
            let node = tree.nodes[j]
            guard !node.isLeaf else { continue }
            if node.feature == feature { out.append(node) }
            stack += [node.left, node.right]
        }
        splitCache[feature, default: [:]][i] = out
        return out
    }

    func step(_ start: Int, _ known: [Int: Known]) throws(TooLarge) -> TypingToolQuestionnaire.Step {
        built += 1
        guard built <= TypingToolQuestionnaire.stepLimit else { throw TooLarge() }
        var i = start
        while !tree.nodes[i].isLeaf, let k = known[tree.nodes[i].feature] {
            i = goesLeft(tree.nodes[i], k) ? tree.nodes[i].left : tree.nodes[i].right
        }
        let node = tree.nodes[i]
        if node.isLeaf { return .outcome(.init(segment: node.segment, leaves: [i])) }
        let f = node.feature, feature = tree.features[f]
        let below = splits(on: f, under: i)
        var answers: [TypingToolQuestionnaire.Answer] = []
        func ask(_ values: TypingToolQuestionnaire.Values, _ k: Known) throws(TooLarge) {
            var settled = known
            settled[f] = k
            answers.append(.init(values: values, includesUnknown: false, next: try step(i, settled)))
        }
        if feature.kind == .numeric {
            let cuts = Array(Set(below.compactMap(\.threshold))).sorted()
            let bounds: [Double?] = [nil] + cuts.map { $0 }
            for (c, lower) in bounds.enumerated() {
                let upper: Double? = c < cuts.count ? cuts[c] : nil
                guard feature.canTake(above: lower, upTo: upper) else { continue }
                try ask(.range(lower: lower, upper: upper), .range(lower: lower, upper: upper))
            }
            // Adjacent ranges leading the same way become one.
            var merged: [TypingToolQuestionnaire.Answer] = []
            for a in answers {
                if let last = merged.last, last.next.sameShape(as: a.next),
                   case .range(let lower, _) = last.values, case .range(_, let upper) = a.values {
                    merged[merged.count - 1] = .init(values: .range(lower: lower, upper: upper), includesUnknown: false,
                                                     next: last.next.merged(with: a.next))
                } else {
                    merged.append(a)
                }
            }
            answers = merged
        } else {
            // Levels every split below sends the same way are one answer; groups leading the same way merge.
            var groups: [[Bool]: [Int]] = [:], order: [[Bool]] = []
            for level in (feature.levels ?? []).indices {
                let signature = below.map { ($0.leftLevels ?? []).contains(level) }
                if groups[signature] == nil { order.append(signature) }
                groups[signature, default: []].append(level)
            }
            for signature in order { try ask(.levels(groups[signature]!), .levels(Set(groups[signature]!))) }
            var merged: [TypingToolQuestionnaire.Answer] = []
            for a in answers {
                if let j = merged.firstIndex(where: { $0.next.sameShape(as: a.next) }),
                   case .levels(let x) = merged[j].values, case .levels(let y) = a.values {
                    merged[j] = .init(values: .levels((x + y).sorted()), includesUnknown: false,
                                      next: merged[j].next.merged(with: a.next))
                } else {
                    merged.append(a)
                }
            }
            answers = merged
        }
        var settled = known
        settled[f] = .unknown
        let unknown = try step(i, settled)
        if let j = answers.firstIndex(where: { $0.next.sameShape(as: unknown) }) {
            answers[j].includesUnknown = true
            answers[j].next = answers[j].next.merged(with: unknown)
        } else {
            answers.append(.init(values: .none, includesUnknown: true, next: unknown))
        }
        if answers.count == 1 { return answers[0].next }
        return .question(.init(feature: f, answers: answers))
    }
}

extension TreeFeature {
    /// Whether a value this question can take lies in `lower < x <= upper`: any number for a
    /// plain numeric question, a whole number for an integer, boolean or date one.
    func canTake(above lower: Double?, upTo upper: Double?) -> Bool {
        guard columnType == .integer || columnType == .boolean || columnType == .date else { return true }
        let smallest = lower.map { $0.rounded(.down) + 1 } ?? -.infinity
        return upper.map { smallest <= $0 } ?? true
    }
}

extension DecisionTree {
    /// The questionnaire a rep follows (``TypingToolQuestionnaire``).
    public var questionnaire: TypingToolQuestionnaire { TypingToolQuestionnaire(self) }

    /// The training customers that reached an outcome's leaves, and the share of them (by weight)
    /// in its segment.
    public func training(_ outcome: TypingToolQuestionnaire.Outcome) -> (customers: Int, share: Double) {
        let reached = outcome.leaves.map { nodes[$0] }
        let weight = reached.reduce(0) { $0 + $1.weight }
        let inSegment = reached.reduce(0) { $0 + $1.distribution[outcome.segment] }
        return (reached.reduce(0) { $0 + $1.samples }, weight > 0 ? inSegment / weight : 0)
    }
}

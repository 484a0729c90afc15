import Foundation
import PersonasData

/// The conditions that lead to one leaf, per question: what the scoring sheet and the Markdown flow print.
public struct LeafRule: Sendable, Equatable {
    public struct Condition: Sendable, Equatable {
        /// Numeric: value > lower (exclusive), nil = no bound.
        public var lower: Double?
        /// Numeric: value <= upper (inclusive), nil = no bound.
        public var upper: Double?
        /// Levels: the allowed levels (nil = any).
        public var levels: [String]?
        /// Whether a missing (or, for levels, unseen) answer leads here.
        public var missingAllowed: Bool
        /// Whether a non-missing answer can lead here (false when only "missing" follows this path).
        public var valuesAllowed: Bool
    }

    /// The leaf's node index.
    public var node: Int
    public var segment: String
    /// Conditions keyed by question name.
    public var conditions: [String: Condition]

    /// Whether some customer can reach the leaf: no question on the way has a contradictory answer
    /// (such as "<= 3" then "> 5", or an empty level set with missing sent the other way).
    public var isReachable: Bool {
        conditions.values.allSatisfy { $0.valuesAllowed || $0.missingAllowed }
    }
}

extension DecisionTree {
    /// One rule per leaf, in preorder (top of the printed tree first).
    public var leafRules: [LeafRule] {
        var rules: [LeafRule] = []
        func walk(_ i: Int, _ conditions: [String: LeafRule.Condition]) {
            let node = nodes[i]
            if node.isLeaf {
                rules.append(LeafRule(node: i, segment: classLabels[node.segment], conditions: conditions))
                return
            }
            let feature = features[node.feature]
            for goLeft in [true, false] {
                var c = conditions[feature.name]
                    ?? LeafRule.Condition(lower: nil, upper: nil, levels: nil, missingAllowed: true, valuesAllowed: true)
                if goLeft != node.missingGoesLeft { c.missingAllowed = false }
                if feature.kind == .numeric {
                    let t = node.threshold!
                    if goLeft { c.upper = min(c.upper ?? .infinity, t) } else { c.lower = max(c.lower ?? -.infinity, t) }
                } else {
                    let all = feature.levels ?? []
                    let left = Set((node.leftLevels ?? []).map { all[$0] })
                    let side = all.filter { goLeft ? left.contains($0) : !left.contains($0) }
                    let previous = c.levels ?? all
                    c.levels = previous.filter { side.contains($0) }
                }
                if let lo = c.lower, let hi = c.upper, !(lo < hi) { c.valuesAllowed = false }
                if let levels = c.levels, levels.isEmpty { c.valuesAllowed = false }
                var next = conditions
                next[feature.name] = c
                walk(goLeft ? node.left : node.right, next)
            }
        }
        walk(0, [:])
        return rules
    }
}

extension LeafRule.Condition {
    /// The text printed in a scoring-sheet cell: "> 3 and <= 12.5", "GP | ONC", "missing", "… or missing".
    public var text: String {
        var parts: [String] = []
        if valuesAllowed {
            if let levels { parts.append(levels.joined(separator: " | ")) }
            var bounds: [String] = []
            if let lower { bounds.append("> \(SQLText.number(lower))") }
            if let upper { bounds.append("<= \(SQLText.number(upper))") }
            if !bounds.isEmpty { parts.append(bounds.joined(separator: " and ")) }
        }
        if missingAllowed { parts.append("missing") }
        return parts.joined(separator: " or ")
    }
}

import Foundation
import PersonasData

extension DecisionTree {
    /// The versioned JSON file (pretty-printed, keys sorted, so diffs stay readable).
    public func jsonData() throws(TypingToolError) -> Data {
        try TypingToolJSON.encode(self)
    }

    /// Loads a typing-tool JSON file, checking its version and that the nodes form one tree.
    public static func load(json data: Data) throws(TypingToolError) -> DecisionTree {
        try TypingToolJSON.header(data).requireVersion(currentFormatVersion)
        let tree = try TypingToolJSON.decode(DecisionTree.self, from: data)
        try tree.validate()
        return tree
    }

    /// Checks the node links, feature indices, level codes and class indices, so that applying and
    /// exporting the tree can index without checks: leaves are `feature == -1` with children -1 and no
    /// split, a split on a numeric feature has a finite threshold and no level set, a split on levels
    /// has a level set and no threshold, every feature's levels are distinct (they are looked up by
    /// name), and every node's class totals, weight and impurity are finite, one total per class,
    /// the totals adding up to the weight (exports print their shares), the impurity no larger than
    /// the criterion allows; persona names, when given, one per segment.
    public func validate() throws(TypingToolError) {
        guard !nodes.isEmpty else { throw .invalidTree("no nodes") }
        if let names = segmentNames, names.count != classLabels.count {
            throw .invalidTree("\(names.count) segment names for \(classLabels.count) segments; give one name per segment")
        }
        for (f, feature) in features.enumerated() {
            let levels = feature.levels ?? []
            guard Set(levels).count == levels.count else {
                throw .invalidTree("feature \(f) (\(feature.name)) lists a level twice")
            }
        }
        var reached = [Bool](repeating: false, count: nodes.count)
        var stack = [0]
        while let i = stack.popLast() {
            guard !reached[i] else { throw .invalidTree("node \(i) is reached twice") }
            reached[i] = true
            let node = nodes[i]
            guard node.segment >= 0 && node.segment < classLabels.count else { throw .invalidTree("node \(i) has segment \(node.segment)") }
            guard node.distribution.count == classLabels.count, node.distribution.allSatisfy({ $0.isFinite && $0 >= 0 }),
                  node.weight.isFinite, node.weight >= 0, node.samples >= 0, node.impurity.isFinite, node.impurity >= 0 else {
                throw .invalidTree("node \(i) needs \(classLabels.count) class totals, a weight, a sample count and an "
                                   + "impurity, all finite and not negative")
            }
            // No class distribution is more impure than the uniform one: Gini 1 − 1/K, entropy log₂ K.
            // (Pruning weighs every node's impurity; an impossible one made its alphas overflow.)
            let classes = Double(Swift.max(classLabels.count, 1))
            let most = criterion == .gini ? 1 - 1 / classes : log2(classes)
            guard node.impurity <= most + 1e-9 else {
                throw .invalidTree("node \(i) has \(criterion.rawValue) impurity \(node.impurity), above the largest possible "
                                   + "for \(classLabels.count) classes (\(most))")
            }
            let total = node.distribution.reduce(0, +)
            guard total.isFinite, Swift.abs(total - node.weight) <= 1e-6 * Swift.max(1, node.weight) else {
                throw .invalidTree("node \(i)'s class totals add up to \(total), not to its weight \(node.weight)")
            }
            if node.isLeaf {
                guard node.feature == -1, node.left == -1, node.right == -1, node.threshold == nil, node.leftLevels == nil else {
                    throw .invalidTree("node \(i) is a leaf (negative feature) but has feature \(node.feature), children "
                                       + "\(node.left), \(node.right)" + (node.threshold.map { ", a threshold \($0)" } ?? "")
                                       + (node.leftLevels.map { ", levels \($0)" } ?? "")
                                       + "; a leaf has feature -1, children -1 and no split")
                }
                continue
            }
            guard node.feature < features.count else { throw .invalidTree("node \(i) asks feature \(node.feature)") }
            guard node.left > 0, node.left < nodes.count, node.right > 0, node.right < nodes.count else {
                throw .invalidTree("node \(i) has children \(node.left), \(node.right)")
            }
            let feature = features[node.feature]
            if feature.kind == .numeric {
                guard node.threshold?.isFinite == true else { throw .invalidTree("node \(i) has no finite threshold") }
                guard node.leftLevels == nil else {
                    throw .invalidTree("node \(i) splits numeric feature \(feature.name) but lists levels going left")
                }
            } else {
                let count = feature.levels?.count ?? 0
                guard let set = node.leftLevels, set.allSatisfy({ $0 >= 0 && $0 < count }) else {
                    throw .invalidTree("node \(i) has an invalid level set")
                }
                guard node.threshold == nil else {
                    throw .invalidTree("node \(i) splits \(feature.kind.rawValue) feature \(feature.name) but has a threshold")
                }
            }
            stack.append(node.left)
            stack.append(node.right)
        }
        guard reached.allSatisfy({ $0 }) else { throw .invalidTree("some nodes are not reachable from the root") }
    }
}

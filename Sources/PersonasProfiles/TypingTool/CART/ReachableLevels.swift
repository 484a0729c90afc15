extension DecisionTree {
    /// For every node, the levels of each categorical or ordinal feature a customer reaching it can
    /// still have (keyed by feature index; features not asked above the node are absent): level
    /// questions higher up narrow them, so a repeated question need only list what is left.
    public func reachableLevels() -> [[Int: Set<Int>]] {
        var possible = [[Int: Set<Int>]](repeating: [:], count: nodes.count)
        guard !nodes.isEmpty else { return possible }
        var walk = [0]
        while let i = walk.popLast() {
            let node = nodes[i]
            if node.isLeaf { continue }
            possible[node.left] = possible[i]
            possible[node.right] = possible[i]
            if let set = node.leftLevels {
                let all = possible[i][node.feature] ?? Set(0..<(features[node.feature].levels?.count ?? 0))
                possible[node.left][node.feature] = all.intersection(set)
                possible[node.right][node.feature] = all.subtracting(set)
            }
            walk.append(node.left)
            walk.append(node.right)
        }
        return possible
    }
}

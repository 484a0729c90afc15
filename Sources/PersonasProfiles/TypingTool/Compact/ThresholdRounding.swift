extension DecisionTree {
    /// The tree with each numeric threshold replaced by the simplest number that sends the
    /// training rows `data` (the rows and features the tree was fitted on) to the same sides
    /// (``SimpleThreshold/between(_:_:near:)``: from the largest value going left, inclusive, to
    /// the smallest going right). A split with no value on one side keeps the fitted threshold
    /// as that side's bound, so the rounding never moves it past the fitted one.
    public func roundingThresholds(training data: TreeDataset) -> DecisionTree {
        var tree = self
        func visit(_ i: Int, _ rows: [Int]) {
            let node = nodes[i]
            guard !node.isLeaf else { return }
            var left: [Int] = [], right: [Int] = []
            switch data.columns[node.feature] {
            case .numbers(let values):
                let t = node.threshold!
                var lo = -Double.infinity, hi = Double.infinity
                for r in rows {
                    let v = values[r]
                    if v.isNaN {
                        if node.missingGoesLeft { left.append(r) } else { right.append(r) }
                    } else if v <= t {
                        lo = Swift.max(lo, v)
                        left.append(r)
                    } else {
                        hi = Swift.min(hi, v)
                        right.append(r)
                    }
                }
                if lo == -.infinity { lo = t }
                if hi == .infinity { hi = t.nextUp }
                tree.nodes[i].threshold = SimpleThreshold.between(lo, hi, near: t) ?? t
            case .codes(let codes):
                let set = Set(node.leftLevels ?? [])
                for r in rows {
                    let c = Int(codes[r])
                    if c < 0 ? node.missingGoesLeft : set.contains(c) { left.append(r) } else { right.append(r) }
                }
            }
            visit(node.left, left)
            visit(node.right, right)
        }
        visit(0, Array(0..<data.rowCount))
        return tree
    }
}

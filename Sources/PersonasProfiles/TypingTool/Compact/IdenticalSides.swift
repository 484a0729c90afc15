extension DecisionTree {
    /// The tree without the splits whose two sides give the same segment everywhere below them
    /// ("≤ 175409.41 → Segment 4 / > → Segment 4"), found bottom up, so a split whose sides
    /// become such leaves goes too. Each such split becomes a leaf with its own class totals, whose
    /// segment is the one its sides gave (the largest class of the sum of classes that were the
    /// largest on both sides), so predictions are unchanged on any data.
    public func removingIdenticalSides() -> DecisionTree {
        // The segment every row reaching node i gets, or nil when it depends on the answers.
        var uniform = [Int?](repeating: nil, count: nodes.count)
        func visit(_ i: Int) {
            let node = nodes[i]
            if node.isLeaf { uniform[i] = node.segment; return }
            visit(node.left)
            visit(node.right)
            if let l = uniform[node.left], l == uniform[node.right], l == node.segment { uniform[i] = l }
        }
        visit(0)
        return cutting { uniform[$0] != nil }
    }
}

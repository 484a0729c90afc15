import PersonasProfiles

/// Where each node of a tree goes: leaves numbered left to right, a question at the midpoint of
/// its children, and the run of leaf slots under each node.
struct TreeLayout {
    /// Horizontal position in leaf slots (leaf i at i).
    let position: [Double]
    /// The leaf slots under each node.
    let span: [Range<Double>]
    let depth: [Int]
    let leafCount: Int
    var depthCount: Int { (depth.max() ?? 0) + 1 }

    init(_ tree: DecisionTree) {
        let count = tree.nodes.count
        var depth = [Int](repeating: 0, count: count)
        var order: [Int] = []           // preorder, left first
        var stack = count > 0 ? [0] : []
        while let i = stack.popLast() {
            order.append(i)
            let node = tree.nodes[i]
            if !node.isLeaf {
                depth[node.left] = depth[i] + 1
                depth[node.right] = depth[i] + 1
                stack.append(node.right)
                stack.append(node.left)
            }
        }
        var position = [Double](repeating: 0, count: count)
        var span = [Range<Double>](repeating: 0..<0, count: count)
        var leaves = 0.0
        for i in order where tree.nodes[i].isLeaf {
            position[i] = leaves
            span[i] = leaves..<(leaves + 1)
            leaves += 1
        }
        // Children come after their parent in preorder, so the reverse visits them first.
        for i in order.reversed() where !tree.nodes[i].isLeaf {
            let node = tree.nodes[i]
            position[i] = (position[node.left] + position[node.right]) / 2
            span[i] = span[node.left].lowerBound..<span[node.right].upperBound
        }
        self.position = position
        self.span = span
        self.depth = depth
        self.leafCount = Int(leaves)
    }
}

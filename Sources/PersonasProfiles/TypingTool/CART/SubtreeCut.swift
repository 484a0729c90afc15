extension DecisionTree {
    /// The tree with every node for which `makesLeaf` holds turned into a leaf (its subtree
    /// dropped; it keeps its own class totals and segment), renumbered in preorder so that
    /// ``validate()`` still holds. Pruning and the removal of identical sides both cut this way.
    func cutting(at makesLeaf: (Int) -> Bool) -> DecisionTree {
        var newNodes: [TreeNode] = []
        func copy(_ i: Int) -> Int {
            let at = newNodes.count
            newNodes.append(nodes[i])
            if nodes[i].isLeaf || makesLeaf(i) {
                newNodes[at].feature = -1
                newNodes[at].left = -1
                newNodes[at].right = -1
                newNodes[at].threshold = nil
                newNodes[at].leftLevels = nil
                newNodes[at].missingGoesLeft = true
            } else {
                let l = copy(nodes[i].left)
                let r = copy(nodes[i].right)
                newNodes[at].left = l
                newNodes[at].right = r
            }
            return at
        }
        _ = copy(0)
        var tree = self
        tree.nodes = newNodes
        return tree
    }
}

/// Minimal cost-complexity pruning (Breiman et al. 1984, ch. 3), as scikit-learn implements it.
///
/// R(t) = W_t/W · impurity(t); a branch's R is the sum over its leaves. Repeatedly the internal
/// node with the smallest effective alpha (R(t) − R(branch)) / (leaves − 1) is collapsed (the
/// lowest preorder index on ties), recording (alpha, R of the whole tree), until the root is a leaf.
public struct PruningPath: Sendable, Equatable {
    /// Effective alphas, non-decreasing, starting at 0.
    public var alphas: [Double]
    /// Total leaf impurity R(T) of the subtree after each step.
    public var impurities: [Double]
}

extension DecisionTree {
    /// The pruning path (scikit-learn's `cost_complexity_pruning_path` of this tree).
    public var pruningPath: PruningPath {
        var path = PruningPath(alphas: [], impurities: [])
        _ = costComplexityPrune(stopAbove: nil) { alpha, r in
            path.alphas.append(alpha)
            path.impurities.append(r)
        }
        return path
    }

    /// The subtree for `alpha`: every branch whose effective alpha is at most `alpha` collapsed
    /// (scikit-learn's `ccp_alpha`). Collapsed nodes become leaves with their own class totals.
    public func pruned(alpha: Double) -> DecisionTree {
        let keep = costComplexityPrune(stopAbove: alpha) { _, _ in }
        return cutting { keep[$0] == .leaf }
    }

    enum PruneState { case inside, leaf, removed }

    /// Runs the pruning loop; stops when the next effective alpha exceeds `stopAbove`.
    func costComplexityPrune(stopAbove: Double?, record: (Double, Double) -> Void) -> [PruneState] {
        let count = nodes.count
        let total = nodes[0].weight
        var rNode = nodes.map { total > 0 ? $0.weight * $0.impurity / total : 0 }
        var parent = [Int](repeating: -1, count: count)
        var isLeaf = [Bool](repeating: false, count: count)
        var stack = [0]
        while let i = stack.popLast() {
            if nodes[i].isLeaf { isLeaf[i] = true } else {
                parent[nodes[i].left] = i
                parent[nodes[i].right] = i
                stack.append(nodes[i].left)
                stack.append(nodes[i].right)
            }
        }
        var nLeaves = [Int](repeating: 0, count: count)
        var rBranch = [Double](repeating: 0, count: count)
        for leaf in 0..<count where isLeaf[leaf] {
            rBranch[leaf] = rNode[leaf]
            let current = rNode[leaf]
            var i = leaf
            while i != 0 {
                let p = parent[i]
                rBranch[p] += current
                nLeaves[p] += 1
                i = p
            }
        }
        var candidate = isLeaf.map { !$0 }
        var state = [PruneState](repeating: .inside, count: count)
        for i in 0..<count where isLeaf[i] { state[i] = .leaf }
        record(0, rBranch[0])
        while candidate[0] {
            var effective = Double.greatestFiniteMagnitude
            var chosen = -1
            for i in 0..<count where candidate[i] {
                let a = (rNode[i] - rBranch[i]) / Double(nLeaves[i] - 1)
                if a < effective {
                    effective = a
                    chosen = i
                }
            }
            if chosen < 0 {
                // Every remaining alpha is infinite or NaN (weights or impurities near the
                // floating-point limits in a loaded tree): collapse the first one last.
                chosen = candidate.firstIndex(of: true)!
                effective = .infinity
            }
            if let stop = stopAbove, stop < effective { break }
            var work = [chosen]
            while let i = work.popLast() {
                if state[i] == .removed { continue }
                candidate[i] = false
                state[i] = .removed
                if !nodes[i].isLeaf {
                    work.append(nodes[i].left)
                    work.append(nodes[i].right)
                }
            }
            state[chosen] = .leaf
            let pruned = nLeaves[chosen] - 1
            nLeaves[chosen] = 0
            let diff = rNode[chosen] - rBranch[chosen]
            rBranch[chosen] = rNode[chosen]
            var i = parent[chosen]
            while i != -1 {
                nLeaves[i] -= pruned
                rBranch[i] += diff
                i = parent[i]
            }
            record(effective, rBranch[0])
        }
        _ = rNode.count
        rNode.removeAll()
        return state
    }
}

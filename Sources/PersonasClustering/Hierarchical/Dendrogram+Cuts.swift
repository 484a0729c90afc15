extension Dendrogram {
    /// Cuts the tree into at most `k` flat clusters (SciPy's `fcluster(Z, k, 'maxclust')`): the
    /// lowest cut height that leaves no more than `k` clusters. With inversions (centroid, median)
    /// or equal heights no cut may give exactly `k`; then there are fewer, as in SciPy.
    ///
    /// Returns each observation's cluster, 0..<clusters, numbered by size: 0 is the largest
    /// (most observations), ties in SciPy's numbering order.
    public func labels(clusterCount k: Int) throws(HierarchicalError) -> [Int32] {
        guard k >= 1 else { throw HierarchicalError("the number of clusters must be at least 1, not \(k)") }
        let n = observationCount
        if k >= n { return flatLabels(threshold: -.infinity) }
        // Merges inside flat clusters are exactly those with subtree max height <= t (that max
        // never decreases towards the root), so t = MC sorted[n − 1 − k] leaves n − (n − k) = k
        // clusters, or fewer when the next values are equal.
        let sorted = subtreeMaxHeights.sorted()
        return flatLabels(threshold: sorted[n - 1 - k])
    }

    /// Cuts the tree at `height` (SciPy's `fcluster(Z, t, 'distance')`): observations joined at
    /// or below `height` (every merge in the subtree, inclusive) share a cluster. Numbered by size
    /// like ``labels(clusterCount:)``.
    public func labels(height: Double) throws(HierarchicalError) -> [Int32] {
        guard !height.isNaN else { throw HierarchicalError("the cut height is not a number") }
        return flatLabels(threshold: height)
    }

    /// The flat clusters of subtrees whose max height is <= `threshold`, numbered first as SciPy
    /// numbers them (its depth-first walk handing out numbers: internal children before leaf
    /// children, left before right), then renumbered by decreasing size, stably.
    func flatLabels(threshold: Double) -> [Int32] {
        let n = observationCount
        guard n > 1 else { return [0] }
        let maxHeights = subtreeMaxHeights
        var scipyNumber = [Int32](repeating: -1, count: n)
        var next: Int32 = 0
        // Explicit stack: trees from hybrid or single linkage can be n deep.
        enum Step { case visit(Int), leaf(Int) }
        var stack: [Step] = [.visit(2 * n - 2)]
        while let step = stack.popLast() {
            switch step {
            case .leaf(let leaf):
                scipyNumber[leaf] = next
                next += 1
            case .visit(let node):
                if maxHeights[node - n] <= threshold {
                    let number = next
                    next += 1
                    var inner = [node]
                    while let v = inner.popLast() {
                        if v < n { scipyNumber[v] = number } else {
                            inner.append(merges[v - n].left)
                            inner.append(merges[v - n].right)
                        }
                    }
                    continue
                }
                let merge = merges[node - n]
                // Pushed in reverse of the order they run: internal left, internal right, then
                // leaf left, leaf right.
                for child in [merge.right, merge.left] where child < n { stack.append(.leaf(child)) }
                for child in [merge.right, merge.left] where child >= n { stack.append(.visit(child)) }
            }
        }
        return numberedBySize(scipyNumber)
    }
}

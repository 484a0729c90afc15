import PersonasClustering

/// The part of a dendrogram that is drawn, like SciPy's `truncate_mode='lastp'`: only the last
/// p − 1 merges are drawn as links, so the p clusters that exist just before them are the leaves.
///
/// Only the drawn part is walked (iteratively), so the cost is O(p) whatever n is, and trees a
/// million levels deep (single linkage on a chain) are fine.
struct TruncatedDendrogram {
    /// A leaf of the drawn tree: an observation, or a cluster whose merges are not drawn.
    struct Leaf {
        /// Cluster id in SciPy's convention: < n an observation, otherwise n + merge index.
        let node: Int
        /// The number of observations it holds.
        let count: Int
        /// Whether it stands for a cluster of more than one observation (drawn as "(count)").
        var isTruncated: Bool { count > 1 }
    }

    let observationCount: Int
    /// The leaves left to right: the pre-order of the drawn tree, the left child's subtree first.
    let leaves: [Leaf]
    /// The indices (into `Dendrogram.merges`) of the merges drawn as links, in merge order, so a
    /// merge comes after the merges below it.
    let drawnMerges: Range<Int>

    /// - Parameter lastMerges: p, the number of leaves; p ≤ 0 or p ≥ n draws the whole tree.
    init(_ dendrogram: Dendrogram, lastMerges: Int) {
        let n = dendrogram.observationCount
        let p = lastMerges <= 0 || lastMerges > n ? n : lastMerges
        // Ids from `firstDrawn` up are drawn as links; the root is 2n − 2 (0 when n = 1).
        let firstDrawn = 2 * n - p
        observationCount = n
        drawnMerges = (firstDrawn - n)..<(n - 1)
        var leaves: [Leaf] = []
        leaves.reserveCapacity(p)
        var stack = [2 * n - 2]
        while let node = stack.popLast() {
            if node >= firstDrawn {
                let merge = dendrogram.merges[node - n]
                stack.append(merge.right)
                stack.append(merge.left)
            } else {
                leaves.append(Leaf(node: node, count: node < n ? 1 : dendrogram.merges[node - n].count))
            }
        }
        self.leaves = leaves
    }
}

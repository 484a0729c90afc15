/// Merges as an algorithm finds them, before numbering: the two clusters are named by their
/// representative observation (a slot that holds one of the cluster's members), as in SciPy's
/// implementations, and the new cluster keeps one of the two representatives.
struct MergeRecord {
    var representatives: [(Int, Int)] = []
    var heights: [Double] = []

    init(capacity: Int) {
        representatives.reserveCapacity(capacity)
        heights.reserveCapacity(capacity)
    }

    mutating func append(_ a: Int, _ b: Int, height: Double) {
        representatives.append((a, b))
        heights.append(height)
    }

    /// The dendrogram in SciPy's numbering: rows sorted by height when `sortedByHeight` (stable,
    /// as SciPy's `argsort(kind='mergesort')`), then ids from a union-find over the
    /// representatives (SciPy's `label`), the smaller id first; sizes are total weights.
    ///
    /// For the nearest-neighbour chain (`protectingDependencies`), the sort key of a merge is the
    /// largest height in its subtree rather than its own height, so a merge never sorts before
    /// the merges it depends on even when rounding leaves a parent a few ulps below a child; in
    /// exact arithmetic the two keys agree for the reducible methods. Prim's records are not
    /// parent–child merges (the first element is the previously added point), so they sort by
    /// height alone, which is what makes them a single-linkage tree.
    func dendrogram(n: Int, method: LinkageMethod, weights: [Double]?, sortedByHeight: Bool,
                    protectingDependencies: Bool = true) -> Dendrogram {
        let count = heights.count
        var order = Array(0..<count)
        if sortedByHeight {
            var key = heights
            if protectingDependencies {
                var lastMerge = [Int](repeating: -1, count: n)  // representative -> raw merge that made its cluster
                for k in 0..<count {
                let (a, b) = representatives[k]
                for r in [a, b] where lastMerge[r] >= 0 { key[k] = max(key[k], key[lastMerge[r]]) }
                lastMerge[a] = k
                lastMerge[b] = k
            }
            }
            order.sort { key[$0] != key[$1] ? key[$0] < key[$1] : $0 < $1 }
        }
        var parent = Array(0..<(2 * n - 1))
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        var size = [Double](repeating: 1, count: 2 * n - 1)
        if let weights { for i in 0..<n { size[i] = weights[i] } }
        var members = [Int](repeating: 1, count: 2 * n - 1)
        var merges: [Dendrogram.Merge] = []
        merges.reserveCapacity(count)
        for (k, raw) in order.enumerated() {
            let (a, b) = representatives[raw]
            let ra = find(a), rb = find(b)
            let id = n + k
            parent[ra] = id
            parent[rb] = id
            size[id] = size[ra] + size[rb]
            members[id] = members[ra] + members[rb]
            merges.append(Dendrogram.Merge(left: min(ra, rb), right: max(ra, rb), height: heights[raw],
                                           size: size[id], count: members[id]))
        }
        return Dendrogram(unchecked: n, method: method, merges: merges)
    }
}

import PersonasNumerics

/// The result of an agglomerative clustering: n − 1 merges in SciPy's linkage-matrix convention.
///
/// Observations are clusters 0..<n; merge `k` creates cluster n + k from ``Merge/left`` and
/// ``Merge/right`` (the smaller id first) at ``Merge/height``. Rows are sorted by height for the
/// reducible methods (SciPy sorts them too) and are in merge order for centroid and median, whose
/// heights may decrease (inversions). ``linkageMatrix`` is exactly what `scipy.cluster.hierarchy`
/// accepts, so a dendrogram fitted here can be drawn with SciPy's `dendrogram`.
public struct Dendrogram: Sendable, Equatable {
    /// One merge: a row of the linkage matrix.
    public struct Merge: Sendable, Equatable {
        /// The smaller of the two merged cluster ids.
        public var left: Int
        /// The larger of the two merged cluster ids.
        public var right: Int
        /// The dissimilarity between the two merged clusters (SciPy's `Z[k, 2]`).
        public var height: Double
        /// The total weight of the new cluster (its number of observations when unweighted;
        /// SciPy's `Z[k, 3]`).
        public var size: Double
        /// The number of observations in the new cluster.
        public var count: Int

        public init(left: Int, right: Int, height: Double, size: Double, count: Int) {
            self.left = left
            self.right = right
            self.height = height
            self.size = size
            self.count = count
        }
    }

    /// n, the number of observations (leaves).
    public let observationCount: Int
    /// The method the tree was built with.
    public let method: LinkageMethod
    /// The n − 1 merges.
    public let merges: [Merge]

    /// A dendrogram from merges already in SciPy's convention (checked: ids refer to existing,
    /// not yet merged clusters, heights are finite and not negative).
    public init(observationCount n: Int, method: LinkageMethod, merges: [Merge]) throws(HierarchicalError) {
        guard n >= 1 else { throw HierarchicalError("a dendrogram needs at least one observation") }
        guard merges.count == n - 1 else {
            throw HierarchicalError("a dendrogram of \(n) observations has \(n - 1) merges, not \(merges.count)")
        }
        var used = [Bool](repeating: false, count: 2 * n - 1)
        for (k, merge) in merges.enumerated() {
            for id in [merge.left, merge.right] {
                guard id >= 0, id < n + k else {
                    throw HierarchicalError("merge \(k + 1) refers to cluster \(id), which does not exist yet")
                }
                guard !used[id] else {
                    throw HierarchicalError("merge \(k + 1) uses cluster \(id), which was already merged")
                }
                used[id] = true
            }
            guard merge.left != merge.right else {
                throw HierarchicalError("merge \(k + 1) merges cluster \(merge.left) with itself")
            }
            guard merge.height.isFinite, merge.height >= 0 else {
                throw HierarchicalError("merge \(k + 1) has height \(merge.height); heights must be finite and ≥ 0")
            }
        }
        self.init(unchecked: n, method: method, merges: merges)
    }

    /// A dendrogram from SciPy's linkage matrix ((n − 1) × 4: a, b, height, size).
    public init(linkageMatrix z: Matrix<Double>, method: LinkageMethod) throws(HierarchicalError) {
        guard z.columns == 4 else { throw HierarchicalError("a linkage matrix has 4 columns, not \(z.columns)") }
        let n = z.rows + 1
        var merges: [Merge] = []
        merges.reserveCapacity(z.rows)
        var counts = [Int](repeating: 1, count: n)
        for k in 0..<z.rows {
            let a = z[k, 0], b = z[k, 1]
            guard a == a.rounded(), b == b.rounded(), a >= 0, b >= 0, a < Double(n + k), b < Double(n + k) else {
                throw HierarchicalError("linkage row \(k + 1): cluster ids \(a), \(b) are not ids of existing clusters")
            }
            let left = Int(min(a, b)), right = Int(max(a, b))
            let count = counts[left] + counts[right]
            counts.append(count)
            merges.append(Merge(left: left, right: right, height: z[k, 2], size: z[k, 3], count: count))
        }
        try self.init(observationCount: n, method: method, merges: merges)
    }

    init(unchecked n: Int, method: LinkageMethod, merges: [Merge]) {
        observationCount = n
        self.method = method
        self.merges = merges
    }

    /// SciPy's linkage matrix, (n − 1) × 4: left id, right id, height, size.
    public var linkageMatrix: Matrix<Double> {
        var z = Matrix<Double>(rows: merges.count, columns: 4)
        for (k, merge) in merges.enumerated() {
            z[k, 0] = Double(merge.left)
            z[k, 1] = Double(merge.right)
            z[k, 2] = merge.height
            z[k, 3] = merge.size
        }
        return z
    }

    /// Whether no merge is lower than an earlier one (SciPy's `is_monotonic`). Always true for the
    /// reducible methods; centroid and median can have inversions.
    public var isMonotonic: Bool {
        zip(merges, merges.dropFirst()).allSatisfy { $0.height <= $1.height }
    }

    /// The leaves in drawing order (SciPy's `leaves_list`): pre-order from the root, the left
    /// child's subtree first.
    public var leafOrder: [Int] {
        let n = observationCount
        guard n > 1 else { return [0] }
        var order: [Int] = []
        order.reserveCapacity(n)
        var stack = [2 * n - 2]
        while let node = stack.popLast() {
            if node < n {
                order.append(node)
            } else {
                let merge = merges[node - n]
                stack.append(merge.right)
                stack.append(merge.left)
            }
        }
        return order
    }

    /// For each merge, the greatest height in its subtree (SciPy's `maxdists`): equal to the
    /// merge's own height unless an inversion lies below it. Never decreases towards the root.
    public var subtreeMaxHeights: [Double] {
        let n = observationCount
        var result = [Double](repeating: 0, count: merges.count)
        for (k, merge) in merges.enumerated() {
            var value = merge.height
            if merge.left >= n { value = max(value, result[merge.left - n]) }
            if merge.right >= n { value = max(value, result[merge.right - n]) }
            result[k] = value
        }
        return result
    }
}

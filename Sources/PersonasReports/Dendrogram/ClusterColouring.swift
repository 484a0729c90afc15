import PersonasClustering

/// Which drawn branches belong to which flat cluster of `Dendrogram.labels(clusterCount:)`, and
/// where the cut lies: what SciPy's `color_threshold` shows.
///
/// A merge is inside a cluster exactly when its two children hold observations of the same
/// cluster (clusters are subtrees), so one representative observation per node decides it: O(n),
/// plus the O(n log n) of the cut itself.
struct ClusterColouring {
    /// The number of clusters the cut gave (fewer than asked when heights tie or invert).
    let clusterCount: Int
    /// Observations per cluster, by cluster number.
    let sizes: [Int]
    /// A height between the highest merge inside a cluster and the lowest merge joining
    /// clusters (both as subtree maxima, which is what the cut compares), for the dashed line.
    let cutHeight: Double

    private let labels: [Int32]
    /// For merge k, one observation of its subtree (its leftmost).
    private let representative: [Int]
    private let observationCount: Int

    init?(_ dendrogram: Dendrogram, clusterCount requested: Int) {
        guard requested >= 1, let labels = try? dendrogram.labels(clusterCount: requested) else { return nil }
        let n = dendrogram.observationCount
        var representative = [Int](repeating: 0, count: dendrogram.merges.count)
        var subtreeMax = [Double](repeating: 0, count: dendrogram.merges.count)
        var highestInside = 0.0
        var lowestJoining = Double.infinity
        for (k, merge) in dendrogram.merges.enumerated() {
            let left = merge.left < n ? merge.left : representative[merge.left - n]
            let right = merge.right < n ? merge.right : representative[merge.right - n]
            representative[k] = left
            var height = merge.height
            if merge.left >= n { height = max(height, subtreeMax[merge.left - n]) }
            if merge.right >= n { height = max(height, subtreeMax[merge.right - n]) }
            subtreeMax[k] = height
            if labels[left] == labels[right] {
                highestInside = max(highestInside, height)
            } else {
                lowestJoining = min(lowestJoining, height)
            }
        }
        var sizes: [Int] = []
        for label in labels {
            let c = Int(label)
            if c >= sizes.count { sizes += [Int](repeating: 0, count: c + 1 - sizes.count) }
            sizes[c] += 1
        }
        self.labels = labels
        self.representative = representative
        self.observationCount = n
        self.sizes = sizes
        self.clusterCount = sizes.count
        // One cluster: the line goes just above the root.
        cutHeight = lowestJoining.isFinite
            ? (highestInside + lowestJoining) / 2
            : (highestInside > 0 ? highestInside * 1.05 : 1)
    }

    /// The cluster all observations under `node` belong to, or nil when it joins clusters.
    func cluster(ofNode node: Int, in dendrogram: Dendrogram) -> Int? {
        let n = observationCount
        if node < n { return Int(labels[node]) }
        let merge = dendrogram.merges[node - n]
        let left = merge.left < n ? merge.left : representative[merge.left - n]
        let right = merge.right < n ? merge.right : representative[merge.right - n]
        return labels[left] == labels[right] ? Int(labels[left]) : nil
    }
}

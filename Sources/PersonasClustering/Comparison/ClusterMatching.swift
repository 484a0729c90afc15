/// For each cluster of `reference`, its best match in `other`: the largest Jaccard similarity
/// |A ∩ B| / |A ∪ B| between its rows A and the rows B of any cluster of `other` (Hennig 2007,
/// the similarity behind fpc's `clusterboot`). 1 when some cluster of `other` has exactly its
/// rows; near 0 when it is scattered across `other`.
///
/// - Parameters:
///   - reference: cluster numbers 0..<k, one per row; the result has one entry per number
///     0...max, and a number no row carries gets 0.
///   - other: any `Int32` labels for the same rows.
/// - Complexity: O(n + k·k_other).
public func jaccardMatching(_ reference: [Int32], _ other: [Int32]) -> [Double] {
    precondition(reference.count == other.count, "partitions of \(reference.count) and \(other.count) rows")
    guard let top = reference.max() else { return [] }
    precondition(reference.min()! >= 0, "reference cluster numbers must be non-negative")
    let k = Int(top) + 1
    let columns = ClusterLabels(other)
    let kb = columns.k
    var table = [Int](repeating: 0, count: k * kb)
    var sizes = [Int](repeating: 0, count: k)
    for i in reference.indices {
        table[Int(reference[i]) * kb + Int(columns.codes[i])] += 1
        sizes[Int(reference[i])] += 1
    }
    return (0..<k).map { r in
        guard sizes[r] > 0 else { return 0 }
        var best = 0.0
        for c in 0..<kb where table[r * kb + c] > 0 {
            let shared = table[r * kb + c]
            best = max(best, Double(shared) / Double(sizes[r] + columns.counts[c] - shared))
        }
        return best
    }
}

/// Labels renumbered 0, 1, 2, … by decreasing segment size, over the labels present (ties keep
/// the order of their old numbers), so "segment 0 is the largest" holds for every method:
/// k-means, hierarchical cuts, the hybrid, consensus, choose-k and the pipeline.
///
/// Labels are non-negative cluster numbers.
public func numberedBySize(_ labels: [Int32]) -> [Int32] {
    var sizes = [Int](repeating: 0, count: Int(labels.max() ?? -1) + 1)
    for label in labels { sizes[Int(label)] += 1 }
    let present = sizes.indices.filter { sizes[$0] > 0 }
    let order = present.sorted { sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : $0 < $1 }
    var newNumber = [Int32](repeating: -1, count: sizes.count)
    for (rank, old) in order.enumerated() { newNumber[old] = Int32(rank) }
    return labels.map { newNumber[Int($0)] }
}

/// Rows per segment, for segments 0..<count (default: up to the largest label): one pass over
/// the labels.
public func segmentSizes(_ labels: [Int32], count: Int? = nil) -> [Int] {
    var sizes = [Int](repeating: 0, count: count ?? Int(labels.max() ?? -1) + 1)
    for label in labels where label >= 0 && Int(label) < sizes.count { sizes[Int(label)] += 1 }
    return sizes
}

extension Dendrogram {
    /// The cophenetic distance of every pair (SciPy's `cophenet(Z)`): the height of the merge that
    /// first joins the two observations, in condensed order. O(n²) memory: n(n − 1)/2 doubles.
    public func copheneticDistances() -> CondensedDistanceMatrix {
        let n = observationCount
        var values = [Double](repeating: 0, count: n * (n - 1) / 2)
        // Each merge joins every member of its left part with every member of its right part;
        // member lists are kept as slices of one leaf-order array.
        let order = leafOrder
        var position = [Int](repeating: 0, count: n)
        for (index, leaf) in order.enumerated() { position[leaf] = index }
        var span = [(start: Int, count: Int)](repeating: (0, 1), count: 2 * n - 1)
        for leaf in 0..<n { span[leaf] = (position[leaf], 1) }
        for (k, merge) in merges.enumerated() {
            let a = span[merge.left], b = span[merge.right]
            span[n + k] = (min(a.start, b.start), a.count + b.count)
            for p in a.start..<(a.start + a.count) {
                let i = order[p]
                for q in b.start..<(b.start + b.count) {
                    let j = order[q]
                    values[CondensedDistanceMatrix.index(min(i, j), max(i, j), n: n)] = merge.height
                }
            }
        }
        return CondensedDistanceMatrix(unchecked: n, values: values)
    }

    /// Pearson's correlation between the cophenetic distances and `distances` (SciPy's
    /// `cophenet(Z, Y)[0]`): how faithfully the tree keeps the original dissimilarities.
    public func copheneticCorrelation(with distances: CondensedDistanceMatrix) throws(HierarchicalError) -> Double {
        guard distances.count == observationCount else {
            throw HierarchicalError("the distances are between \(distances.count) observations, the tree has "
                                    + "\(observationCount)")
        }
        let cophenetic = copheneticDistances().values
        let original = distances.values
        let m = Double(original.count)
        guard m > 1 else { throw HierarchicalError("a correlation needs at least two pairs (three observations)") }
        var meanC = 0.0, meanY = 0.0
        for i in original.indices {
            meanC += cophenetic[i]
            meanY += original[i]
        }
        meanC /= m
        meanY /= m
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in original.indices {
            let dc = cophenetic[i] - meanC, dy = original[i] - meanY
            sxy += dc * dy
            sxx += dc * dc
            syy += dy * dy
        }
        guard sxx > 0, syy > 0 else {
            throw HierarchicalError("the cophenetic correlation is undefined when all distances are equal")
        }
        return sxy / (sxx * syy).squareRoot()
    }
}

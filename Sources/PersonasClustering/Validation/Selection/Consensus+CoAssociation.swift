import PersonasNumerics

extension Consensus {
    /// The co-association path: 1 − co-association as a condensed matrix, average linkage cut
    /// into k, confidence = mean co-association with the rest of one's segment.
    static func coAssociation(_ runLabels: RunLabels, k: Int) throws -> Result {
        let n = runLabels.rows
        let dissimilarity = coAssociationDistances(runLabels)
        let tree = try HierarchicalClustering.fit(
            distances: CondensedDistanceMatrix(unchecked: n, values: dissimilarity), method: .average)
        let labels = try tree.labels(clusterCount: k)

        // Sum of co-association with the other members of one's segment; for a segment of one,
        // the closest call instead (see `confidence` below).
        var together = [Double](repeating: 0, count: n)
        var closest = [Double](repeating: 0, count: n)
        var sizes = [Int](repeating: 0, count: Int(labels.max()!) + 1)
        for label in labels { sizes[Int(label)] += 1 }
        dissimilarity.withUnsafeBufferPointer { distance in
            var index = 0
            for i in 0..<n {
                for j in (i + 1)..<n {
                    let co = 1 - distance[index]
                    index += 1
                    if labels[i] == labels[j] {
                        together[i] += co
                        together[j] += co
                    }
                    if sizes[Int(labels[i])] == 1 || sizes[Int(labels[j])] == 1 {
                        closest[i] = max(closest[i], co)
                        closest[j] = max(closest[j], co)
                    }
                }
            }
        }
        // A row alone in its segment agrees with the runs to the extent they kept it apart from
        // the row they most often paired it with.
        let confidence = (0..<n).map { i in
            let size = sizes[Int(labels[i])]
            return size > 1 ? together[i] / Double(size - 1) : 1 - closest[i]
        }
        return Result(labels: labels, confidence: confidence, runs: runLabels.runs, method: coAssociationMethod)
    }

    /// 1 − (runs putting i and j together) / (runs drawing both), in condensed order; 1 for a
    /// pair no run drew together. Integer counts per pair, rows split into fixed chunks: exact,
    /// whatever the thread count. O(n²·R).
    static func coAssociationDistances(_ runLabels: RunLabels) -> [Double] {
        let n = runLabels.rows, runs = runLabels.runs
        let absent = RunLabels.absent
        let subsampled = runLabels.values.contains(absent)
        return [Double](unsafeUninitializedCapacity: n * (n - 1) / 2) { out, count in
            let target = out.baseAddress!
            runLabels.values.withUnsafeBufferPointer { values in
                let labels = values.baseAddress!
                // Small chunks: early rows own many more pairs than late ones.
                ParallelFor.forEachRange(count: n, chunkSize: 16) { range in
                    for i in range where i + 1 < n {
                        let a = labels + i * runs
                        var position = CondensedDistanceMatrix.index(i, i + 1, n: n)
                        for j in (i + 1)..<n {
                            let b = labels + j * runs
                            var same = 0, both = runs
                            if subsampled {
                                both = 0
                                for r in 0..<runs where a[r] != absent && b[r] != absent {
                                    both += 1
                                    if a[r] == b[r] { same += 1 }
                                }
                            } else {
                                for r in 0..<runs where a[r] == b[r] { same += 1 }
                            }
                            (target + position).initialize(to: both > 0 ? 1 - Double(same) / Double(both) : 1)
                            position += 1
                        }
                    }
                }
            }
            count = n * (n - 1) / 2
        }
    }
}

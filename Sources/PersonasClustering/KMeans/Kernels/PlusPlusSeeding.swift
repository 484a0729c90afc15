import Foundation
import PersonasNumerics

/// Greedy k-means++ seeding, scikit-learn's variant (`_kmeans_plusplus`), in one pass over the
/// data per center.
///
/// The first center is a row drawn with probability proportional to its weight. Each further
/// center is the best of `trials` candidates, each drawn with probability proportional to
/// w · D² (D the distance to the nearest center chosen so far): the one whose addition leaves the
/// lowest potential Σ w · min(D², d²(x, candidate)). scikit-learn makes two passes per center
/// (candidates' distances, then the update); here one pass computes the candidates' distances
/// into an n × trials buffer and applies the previous step's winner on the way, and sampling
/// scans only one row group, found from the per-group potentials. The draws follow the same
/// distribution as scikit-learn's, not the same numbers.
extension KMeansData {
    func plusPlusCenters(k: Int, trials: Int, generator: inout SeededGenerator) -> [Double] {
        let d = self.d, n = self.n, chunkRows = self.chunkRows, weights = self.weights
        var chosen: [Int] = []
        chosen.reserveCapacity(k)
        chosen.append(drawByWeight(&generator))
        var centers = shiftedRow(chosen[0])

        // D² to the nearest chosen center; per-group Σ w D².
        var closest = [Double](repeating: 0, count: n)
        var groupPotentials: [Double] = []
        do {
            let first = panel(centers, k: 1)
            groupPotentials = closest.withUnsafeMutableBufferPointer { closest in
                let closestBase = closest.baseAddress!
                return x.withUnsafeBufferPointer { xs in
                    mapRowGroups { blocks in
                        var values = [Scalar](repeating: 0, count: chunkRows)
                        var norms = [Scalar](repeating: 0, count: chunkRows)
                        var potential = 0.0
                        for block in blocks {
                            let start = block.lowerBound, m = block.count
                            values.withUnsafeMutableBufferPointer { v in
                                norms.withUnsafeMutableBufferPointer { nb in
                                    first.values(xs.baseAddress! + start * d, rows: m, stride: d,
                                                 into: v.baseAddress!, outStride: 1, rowNorms: nb.baseAddress!)
                                }
                            }
                            for r in 0..<m {
                                let distance = Swift.max(0, Double(values[r]) + Double(norms[r]))
                                closestBase[start + r] = distance
                                potential += (weights?[start + r] ?? 1) * distance
                            }
                        }
                        return potential
                    }
                }
            }
        }
        guard k > 1 else { return centers }

        // Candidate distances of the current step, n × trials; `winner` is the column that still
        // has to be folded into `closest` (nil right after the first center).
        var candidateDistances = [Double](repeating: 0, count: n * trials)
        var winner: Int? = nil
        for _ in 1..<k {
            let potential = groupPotentials.reduce(0, +)
            var candidates: [Int] = []
            for _ in 0..<trials {
                candidates.append(sample(target: generator.nextUnitDouble() * potential, groupPotentials: groupPotentials,
                                         closest: closest, pending: winner.map { (candidateDistances, trials, $0) }))
            }
            let candidatePanel = panel(candidates.flatMap { shiftedRow($0) }, k: trials)
            let previous = winner
            // One pass: fold the previous winner into `closest`, then the candidates' distances
            // and potentials per group.
            let partials: [[Double]] = closest.withUnsafeMutableBufferPointer { closest in
                let closestBase = closest.baseAddress!
                return candidateDistances.withUnsafeMutableBufferPointer { buffer in
                    let bufferBase = buffer.baseAddress!
                    return x.withUnsafeBufferPointer { xs in
                        mapRowGroups { blocks in
                            var values = [Scalar](repeating: 0, count: chunkRows * trials)
                            var norms = [Scalar](repeating: 0, count: chunkRows)
                            var potentials = [Double](repeating: 0, count: trials)
                            for block in blocks {
                                let start = block.lowerBound, m = block.count
                                values.withUnsafeMutableBufferPointer { v in
                                    norms.withUnsafeMutableBufferPointer { nb in
                                        candidatePanel.values(xs.baseAddress! + start * d, rows: m, stride: d,
                                                              into: v.baseAddress!, outStride: trials,
                                                              rowNorms: nb.baseAddress!)
                                    }
                                }
                                for r in 0..<m {
                                    let i = start + r
                                    let row = bufferBase + i * trials
                                    if let previous { closestBase[i] = Swift.min(closestBase[i], row[previous]) }
                                    let w = weights?[i] ?? 1
                                    for t in 0..<trials {
                                        let distance = Swift.max(0, Double(values[r * trials + t]) + Double(norms[r]))
                                        row[t] = distance
                                        potentials[t] += w * Swift.min(closestBase[i], distance)
                                    }
                                }
                            }
                            return potentials
                        }
                    }
                }
            }
            var best = 0, bestPotential = Double.infinity
            for t in 0..<trials {
                var total = 0.0
                for partial in partials { total += partial[t] }
                if total < bestPotential { best = t; bestPotential = total }
            }
            groupPotentials = partials.map { $0[best] }
            winner = best
            chosen.append(candidates[best])
            centers += shiftedRow(candidates[best])
        }
        return centers
    }

    /// The first row whose running sum of w · D² exceeds `target` (rows of zero mass are never
    /// picked; rounding past the end picks the last row with mass). The group is found from the
    /// per-group sums, then only that group is scanned.
    private func sample(
        target: Double, groupPotentials: [Double], closest: [Double],
        pending: (buffer: [Double], stride: Int, column: Int)?
    ) -> Int {
        func mass(_ i: Int) -> Double {
            var distance = closest[i]
            if let pending { distance = Swift.min(distance, pending.buffer[i * pending.stride + pending.column]) }
            return weight(i) * distance
        }
        var remaining = target
        var group = groups.count - 1
        for g in groups.indices {
            if remaining < groupPotentials[g] { group = g; break }
            remaining -= groupPotentials[g]
        }
        var running = 0.0, lastWithMass = -1
        for i in groups[group] {
            let m = mass(i)
            guard m > 0 else { continue }
            running += m
            lastWithMass = i
            if running > remaining { return i }
        }
        if lastWithMass >= 0 { return lastWithMass }
        // The group had no mass after all (rounding): the last row with mass anywhere.
        for i in stride(from: n - 1, through: 0, by: -1) where mass(i) > 0 { return i }
        return 0  // every row coincides with a chosen center: any row will do
    }
}

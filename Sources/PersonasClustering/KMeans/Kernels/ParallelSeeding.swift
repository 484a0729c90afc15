import Foundation
import PersonasNumerics

/// Weighted Lloyd iterations on the candidate set (small: about `rounds × oversampling × k` rows).
private let reductionIterations = 10

/// k-means|| seeding (Bahmani, Moseley, Vattani, Kumar & Vassilvitskii 2012, "Scalable
/// K-Means++"): a few rounds that each sample many candidates at once, in place of k sequential
/// draws, then a reduction of the small candidate set to k centers.
///
/// The first candidate is a row drawn with probability proportional to its weight. Each round
/// then picks every row independently with probability min(1, ℓ · w · D² / φ), where D² is the
/// distance to the nearest candidate so far, φ = Σ w · D² and ℓ = `oversampling` × k, and folds
/// the picked rows into D² in one pass. That pass also keeps each row's nearest candidate (an
/// n-entry label, updated when a new candidate is strictly closer, so the lowest-numbered one wins
/// ties, as in `CenterPanel.nearest`), so the candidates' weights — the total sample weight of
/// the rows nearest to each — need no pass of their own. Candidates with identical coordinates
/// are merged (weights added). More distinct candidates than k are reduced by weighted greedy
/// k-means++ and a few weighted Lloyd iterations on the candidates alone; exactly k are returned
/// as they are; fewer are topped up k-means++ style, one row drawn by w · D² and one pass per
/// missing center (rare: it takes fewer distinct points than k, or a tiny `oversampling`).
///
/// Randomness, all from `generator` and independent of the thread count: the first row; one
/// `UInt64` per round (`roundSeed`, not drawn once φ = 0 ends the rounds early), from which row
/// group g (the data's fixed `groups`) takes `SeededGenerator(seed: roundSeed, stream: g)` and
/// draws one uniform per row of positive mass, in row order; picks are concatenated in group
/// order; then the reduction's k-means++ or the top-up draws continue on `generator`.
///
/// Passes over the data: one for the first candidate plus one per round that picked any row
/// (`rounds` + 1 at most), plus one per topped-up center. Each round also scans the n-entry D²
/// array (not the data) to sample, and the candidate weights take one scan of the labels.
/// Memory: D² and labels (n entries each) and the candidates; no n × k buffers.
extension KMeansData {
    func parallelCenters(k: Int, rounds: Int, oversampling: Double, generator: inout SeededGenerator) -> [Double] {
        precondition(k >= 1 && k <= n, "k-means|| needs 1 ≤ k ≤ n, got k = \(k) for n = \(n)")
        precondition(rounds >= 0, "k-means|| needs rounds ≥ 0, got \(rounds)")
        precondition(oversampling > 0 && oversampling.isFinite, "oversampling must be positive, got \(oversampling)")
        let ell = oversampling * Double(k)

        // Candidate rows (distinct indices: a picked row's D² is set to exactly 0, so it is never
        // picked again), D² to the nearest candidate, and which candidate that is.
        var candidates = [drawByWeight(&generator)]
        var closest = [Double](repeating: .infinity, count: n)
        var nearest = [Int32](repeating: 0, count: n)
        var groupPotentials = fold(candidates, numberedFrom: 0, closest: &closest, labels: &nearest)

        for _ in 0..<rounds {
            let potential = groupPotentials.reduce(0, +)
            guard potential > 0 else { break }  // every row sits on a candidate
            let picked = sampleRound(seed: generator.next(), scale: ell / potential, closest: closest)
            guard !picked.isEmpty else { continue }
            let first = candidates.count
            for (offset, i) in picked.enumerated() {
                closest[i] = 0
                nearest[i] = Int32(first + offset)
            }
            candidates += picked
            groupPotentials = fold(picked, numberedFrom: first, closest: &closest, labels: &nearest)
        }

        // Candidate weights, then identical candidates merged (first occurrence kept, in order).
        let candidateWeights = weightsOfNearest(nearest, count: candidates.count)
        var distinct: [Int] = [], distinctWeights: [Double] = []
        var seen: [[Scalar]: Int] = [:]
        for (j, row) in candidates.enumerated() {
            let key = (0..<d).map { x[row, $0] }
            if let index = seen[key] {
                distinctWeights[index] += candidateWeights[j]
            } else {
                seen[key] = distinct.count
                distinct.append(row)
                distinctWeights.append(candidateWeights[j])
            }
        }

        if distinct.count > k {
            // Weighted k-means++ and Lloyd on the candidates; their own data mean is their shift,
            // so the result is moved back to this data's shift.
            let d = self.d
            let rows = Matrix(rows: distinct.count, columns: d, elements: distinct.flatMap { i in (0..<d).map { x[i, $0] } })
            let reduced = KMeansData(rows, weights: distinctWeights, chunkRows: chunkRows)
            let seeds = reduced.plusPlusCenters(k: k, trials: 2 + Int(log(Double(k))), generator: &generator)
            let run = reduced.lloyd(from: seeds, k: k, maxIterations: reductionIterations, tolerance: 0)
            return run.centers.enumerated().map { index, value in
                value + Double(reduced.mean[index % d]) - Double(mean[index % d])
            }
        }

        var centers = distinct.flatMap { shiftedRow($0) }
        // Fewer distinct candidates than k: k-means++ draws (one trial) for the rest.
        var count = distinct.count
        while count < k {
            let potential = groupPotentials.reduce(0, +)
            guard potential > 0 else {
                // Every row with weight coincides with a center: any further center repeats one.
                centers += shiftedRow(drawByWeight(&generator))
                count += 1
                continue
            }
            let row = drawProportional(target: generator.nextUnitDouble() * potential,
                                       groupPotentials: groupPotentials, closest: closest)
            centers += shiftedRow(row)
            count += 1
            if count < k {
                closest[row] = 0
                groupPotentials = fold([row], numberedFrom: 0, closest: &closest, labels: &nearest)
            }
        }
        return centers
    }

    /// One pass: folds the candidate rows `rows` (numbered from `first`) into `closest` (D²) and
    /// `labels` (the nearest candidate, replaced only by a strictly closer one); returns the
    /// per-group Σ w · D².
    private func fold(_ rows: [Int], numberedFrom first: Int, closest: inout [Double], labels: inout [Int32]) -> [Double] {
        let d = self.d, chunkRows = self.chunkRows, weights = self.weights
        let candidatePanel = panel(rows.flatMap { shiftedRow($0) }, k: rows.count)
        let offset = Int32(first)
        return closest.withUnsafeMutableBufferPointer { closest in
            let closestBase = closest.baseAddress!
            return labels.withUnsafeMutableBufferPointer { labels in
                let labelBase = labels.baseAddress!
                return x.withUnsafeBufferPointer { xs in
                    mapRowGroups { blocks in
                        var chunkLabels = [Int32](repeating: 0, count: chunkRows)
                        var best = [Scalar](repeating: 0, count: chunkRows)
                        var norms = [Scalar](repeating: 0, count: chunkRows)
                        var potential = 0.0
                        for block in blocks {
                            let start = block.lowerBound, m = block.count
                            chunkLabels.withUnsafeMutableBufferPointer { l in
                                best.withUnsafeMutableBufferPointer { b in
                                    norms.withUnsafeMutableBufferPointer { nb in
                                        candidatePanel.nearest(xs.baseAddress! + start * d, rows: m, stride: d,
                                                               labels: l.baseAddress!, best: b.baseAddress!,
                                                               rowNorms: nb.baseAddress!)
                                    }
                                }
                            }
                            for r in 0..<m {
                                let i = start + r
                                let distance = Swift.max(0, Double(best[r]) + Double(norms[r]))
                                if distance < closestBase[i] {
                                    closestBase[i] = distance
                                    labelBase[i] = offset + chunkLabels[r]
                                }
                                potential += (weights?[i] ?? 1) * closestBase[i]
                            }
                        }
                        return potential
                    }
                }
            }
        }
    }

    /// One round's picks: row i with probability min(1, `scale` · w_i · D²_i). Group g draws from
    /// `SeededGenerator(seed: seed, stream: g)`, one uniform per row of positive mass in row order;
    /// the picks are returned in group order, so neither depends on the thread count.
    private func sampleRound(seed: UInt64, scale: Double, closest: [Double]) -> [Int] {
        let groups = self.groups, weights = self.weights
        let picked: [[Int]] = closest.withUnsafeBufferPointer { closest in
            ParallelFor.mapChunks(groups.count) { g in
                var random = SeededGenerator(seed: seed, stream: UInt64(g))
                var rows: [Int] = []
                for i in groups[g] {
                    let mass = (weights?[i] ?? 1) * closest[i]
                    guard mass > 0 else { continue }
                    if random.nextUnitDouble() < scale * mass { rows.append(i) }
                }
                return rows
            }
        }
        return picked.flatMap { $0 }
    }

    /// Σ w over the rows labelled j, for every j < `count`; per-group sums added in group order.
    private func weightsOfNearest(_ labels: [Int32], count: Int) -> [Double] {
        let groups = self.groups, weights = self.weights
        let partials: [[Double]] = labels.withUnsafeBufferPointer { labels in
            ParallelFor.mapChunks(groups.count) { g in
                var sums = [Double](repeating: 0, count: count)
                for i in groups[g] { sums[Int(labels[i])] += weights?[i] ?? 1 }
                return sums
            }
        }
        var total = [Double](repeating: 0, count: count)
        for partial in partials {
            for j in 0..<count { total[j] += partial[j] }
        }
        return total
    }

    /// The first row whose running sum of w · D² exceeds `target` (rows of zero mass are never
    /// picked; rounding past the end picks the last row with mass), found from the per-group sums
    /// and then one group's scan.
    private func drawProportional(target: Double, groupPotentials: [Double], closest: [Double]) -> Int {
        var remaining = target
        var group = groups.count - 1
        for g in groups.indices {
            if remaining < groupPotentials[g] { group = g; break }
            remaining -= groupPotentials[g]
        }
        var running = 0.0, lastWithMass = -1
        for i in groups[group] {
            let mass = weight(i) * closest[i]
            guard mass > 0 else { continue }
            running += mass
            lastWithMass = i
            if running > remaining { return i }
        }
        if lastWithMass >= 0 { return lastWithMass }
        // The group had no mass after all (rounding): the last row with mass anywhere.
        for i in stride(from: n - 1, through: 0, by: -1) where weight(i) * closest[i] > 0 { return i }
        return 0  // no row has mass, which the caller rules out
    }
}

import PersonasNumerics

/// Hamerly's algorithm (Hamerly 2010, "Making k-means even faster"): the same iterations as
/// Lloyd's, with most distance computations skipped once the centers settle.
///
/// Each row keeps an upper bound u on the distance to its own center and a lower bound l on the
/// distance to any other; each center j keeps s_j, half the distance to its nearest other center.
/// A row whose u ≤ max(s_a, l) provably keeps its center and costs nothing; otherwise u is made
/// exact, and only if it still exceeds the bound are all k distances computed (for the rows
/// gathered from a chunk, with the fused kernel). Center sums are updated incrementally from the
/// rows that changed cluster (per-group deltas combined in group order, so results do not depend
/// on the thread count). When centers move by δ, u grows by δ of its center and l shrinks by the
/// largest δ of the others.
///
/// Labels match Lloyd's (the nearest center) up to exact ties between two centers, where a row
/// may keep its current center instead of moving to the lower index; an iteration that empties a
/// cluster falls back to a Lloyd step, with scikit-learn's relocation, and restarts the bounds.
extension KMeansData {
    func hamerly(from initial: [Double], k: Int, maxIterations: Int, tolerance: Double) -> LloydRun {
        var centers = initial
        var labels = [Int32](repeating: -1, count: n)
        var upper = [Double](repeating: 0, count: n)
        var lower = [Double](repeating: 0, count: n)
        var history: [Double] = []
        var iterations = 0
        var strict = false, converged = false
        var sums: [Double] = [], clusterWeights: [Double] = []
        var boundsValid = false
        // Σ w‖x − μ‖², for the inertia of pruned iterations from the cluster sums.
        let squares = weightedSquaredNorm()

        for iteration in 0..<maxIterations {
            iterations = iteration + 1
            var updated: [Double]
            var changed: Int
            if !boundsValid {
                // A full pass: every distance, exact bounds, sums from scratch.
                let full = fullAssignment(centers, k: k, labels: &labels, upper: &upper, lower: &lower)
                history.append(full.inertia)
                var step = full
                changed = step.changed
                if step.weights.contains(0) {
                    relocateEmptyClusters(&step, oldCenters: centers, labels: labels, k: k)
                    updated = averagedCenters(step, previous: centers, k: k)
                    boundsValid = false  // relocated centers break the bounds' premises
                } else {
                    updated = averagedCenters(step, previous: centers, k: k)
                    boundsValid = true
                }
                sums = step.sums
                clusterWeights = step.weights
            } else {
                let delta = prunedAssignment(centers, k: k, labels: &labels, upper: &upper, lower: &lower)
                changed = delta.changed
                for j in sums.indices { sums[j] += delta.sums[j] }
                for j in 0..<k { clusterWeights[j] += delta.weights[j] }
                if clusterWeights.contains(where: { $0 <= 0 }) {
                    // A cluster emptied: redo this iteration as a Lloyd step with relocation.
                    var step = assign(centers, k: k, labels: &labels, accumulate: true)
                    history.append(step.inertia)
                    relocateEmptyClusters(&step, oldCenters: centers, labels: labels, k: k)
                    updated = averagedCenters(step, previous: centers, k: k)
                    boundsValid = false
                } else {
                    // The bounds only bound each row's distance (their squares would overstate the
                    // inertia, and by more as they loosen), so the inertia of the assignment comes
                    // from the cluster sums: Σ w‖x‖² − 2 Σ c_j·S_j + Σ W_j‖c_j‖².
                    history.append(expandedInertia(centers, sums: sums, weights: clusterWeights, squares: squares, k: k))
                    updated = averagedCenters(
                        AssignmentStep(sums: sums, weights: clusterWeights, inertia: 0, changed: changed),
                        previous: centers, k: k)
                }
            }
            var shift = 0.0
            var movement = [Double](repeating: 0, count: k)
            for j in 0..<k {
                var moved = 0.0
                for q in 0..<d {
                    let v = updated[j * d + q] - centers[j * d + q]
                    moved += v * v
                }
                shift += moved
                movement[j] = moved.squareRoot()
            }
            centers = updated
            if changed == 0 && iteration > 0 {
                strict = true
                converged = true
                break
            }
            if shift <= tolerance {
                converged = true
                break
            }
            if boundsValid { loosenBounds(movement, labels: labels, upper: &upper, lower: &lower) }
        }
        let inertia = finalInertia(centers, k: k, labels: &labels, reassign: !strict)
        return LloydRun(centers: centers, labels: labels, inertia: inertia,
                        iterations: iterations, converged: converged, inertiaHistory: history)
    }

    /// Every row against every center: labels, exact bounds, and the sums of the new clusters.
    private func fullAssignment(
        _ centers: [Double], k: Int, labels: inout [Int32], upper: inout [Double], lower: inout [Double]
    ) -> AssignmentStep {
        let panel = self.panel(centers, k: k)
        let d = self.d, chunkRows = self.chunkRows, groups = self.groups, weights = self.weights, mean = self.mean
        let partials: [AssignmentStep] = labels.withUnsafeMutableBufferPointer { labelBuffer in
            upper.withUnsafeMutableBufferPointer { upperBuffer in
                lower.withUnsafeMutableBufferPointer { lowerBuffer in
                    x.withUnsafeBufferPointer { xs in
                        let labelBase = labelBuffer.baseAddress!, upperBase = upperBuffer.baseAddress!
                        let lowerBase = lowerBuffer.baseAddress!, xBase = xs.baseAddress!
                        return ParallelFor.mapChunks(groups.count) { g in
                            var step = AssignmentStep(sums: [Double](repeating: 0, count: k * d),
                                                      weights: [Double](repeating: 0, count: k), inertia: 0, changed: 0)
                            var best = [Scalar](repeating: 0, count: chunkRows)
                            var second = [Scalar](repeating: 0, count: chunkRows)
                            var norms = [Scalar](repeating: 0, count: chunkRows)
                            var chunkLabels = [Int32](repeating: 0, count: chunkRows)
                            var start = groups[g].lowerBound
                            while start < groups[g].upperBound {
                                let m = Swift.min(chunkRows, groups[g].upperBound - start)
                                let rows = xBase + start * d
                                chunkLabels.withUnsafeMutableBufferPointer { l in
                                    best.withUnsafeMutableBufferPointer { b in
                                        second.withUnsafeMutableBufferPointer { s in
                                            norms.withUnsafeMutableBufferPointer { nb in
                                                panel.nearest(rows, rows: m, stride: d, labels: l.baseAddress!,
                                                              best: b.baseAddress!, second: s.baseAddress!,
                                                              rowNorms: nb.baseAddress!)
                                            }
                                        }
                                    }
                                }
                                for r in 0..<m {
                                    let i = start + r, rowNorm = Double(norms[r])
                                    if labelBase[i] != chunkLabels[r] { step.changed += 1 }
                                    labelBase[i] = chunkLabels[r]
                                    let nearest = Swift.max(0, Double(best[r]) + rowNorm)
                                    upperBase[i] = nearest.squareRoot()
                                    lowerBase[i] = k > 1 ? Swift.max(0, Double(second[r]) + rowNorm).squareRoot() : .infinity
                                    step.inertia += (weights?[i] ?? 1) * nearest
                                }
                                accumulate(rows, count: m, from: start, labels: labelBase + start, into: &step)
                                start += m
                            }
                            return step
                        }
                    }
                }
            }
        }
        return combine(partials, k: k)
    }

    /// Σ_i w_i ‖x_i − μ‖², over the fixed row groups (so the same bits on any thread count).
    func weightedSquaredNorm() -> Double {
        let d = self.d, mean = self.mean, weights = self.weights
        return RowBlockReduction.sum(rows: n, width: 1) { range, total in
            x.withUnsafeBufferPointer { xs in
                for i in range {
                    var s = 0.0
                    for q in 0..<d {
                        let v = Double(xs[i * d + q]) - Double(mean[q])
                        s += v * v
                    }
                    total[0] += (weights?[i] ?? 1) * s
                }
            }
        }[0]
    }

    /// The inertia of a partition with respect to `centers` (shifted coordinates) from its cluster
    /// sums S_j = Σ w x̃ and weights W_j: Σ w‖x̃‖² − 2 Σ c_j·S_j + Σ W_j‖c_j‖², at least 0.
    func expandedInertia(_ centers: [Double], sums: [Double], weights: [Double], squares: Double, k: Int) -> Double {
        var total = squares
        for j in 0..<k {
            var dot = 0.0, norm = 0.0
            for q in 0..<d {
                let c = centers[j * d + q]
                dot += c * sums[j * d + q]
                norm += c * c
            }
            total += weights[j] * norm - 2 * dot
        }
        return Swift.max(0, total)
    }

    /// The rows whose bounds cannot rule out a change are recomputed; returns the changes to the
    /// cluster sums and weights and the number of rows that moved.
    private func prunedAssignment(
        _ centers: [Double], k: Int, labels: inout [Int32], upper: inout [Double], lower: inout [Double]
    ) -> (sums: [Double], weights: [Double], changed: Int) {
        let panel = self.panel(centers, k: k)
        let d = self.d, chunkRows = self.chunkRows, groups = self.groups, weights = self.weights, mean = self.mean
        // Half the distance from each center to its nearest other center.
        var half = [Double](repeating: .infinity, count: k)
        for a in 0..<k {
            for b in 0..<k where b != a {
                var distance = 0.0
                for q in 0..<d {
                    let v = centers[a * d + q] - centers[b * d + q]
                    distance += v * v
                }
                half[a] = Swift.min(half[a], distance.squareRoot() / 2)
            }
        }
        let scalarCenters = centers.map { Scalar($0) }
        let partials: [AssignmentStep] = labels.withUnsafeMutableBufferPointer { labelBuffer in
            upper.withUnsafeMutableBufferPointer { upperBuffer in
                lower.withUnsafeMutableBufferPointer { lowerBuffer in
                    x.withUnsafeBufferPointer { xs in
                        let labelBase = labelBuffer.baseAddress!, upperBase = upperBuffer.baseAddress!
                        let lowerBase = lowerBuffer.baseAddress!, xBase = xs.baseAddress!
                        return ParallelFor.mapChunks(groups.count) { g in
                            var step = AssignmentStep(sums: [Double](repeating: 0, count: k * d),
                                                      weights: [Double](repeating: 0, count: k), inertia: 0, changed: 0)
                            var gathered = [Scalar](repeating: 0, count: chunkRows * d)
                            var which = [Int](repeating: 0, count: chunkRows)
                            var newLabels = [Int32](repeating: 0, count: chunkRows)
                            var best = [Scalar](repeating: 0, count: chunkRows)
                            var second = [Scalar](repeating: 0, count: chunkRows)
                            var norms = [Scalar](repeating: 0, count: chunkRows)
                            var start = groups[g].lowerBound
                            while start < groups[g].upperBound {
                                let m = Swift.min(chunkRows, groups[g].upperBound - start)
                                var count = 0
                                for i in start..<(start + m) {
                                    let a = Int(labelBase[i])
                                    let bound = Swift.max(half[a], lowerBase[i])
                                    if upperBase[i] <= bound { continue }
                                    // Tighten the upper bound to the exact distance.
                                    let row = xBase + i * d
                                    var distance = 0.0
                                    for q in 0..<d {
                                        let v = Double(row[q] - mean[q]) - Double(scalarCenters[a * d + q])
                                        distance += v * v
                                    }
                                    upperBase[i] = distance.squareRoot()
                                    if upperBase[i] <= bound { continue }
                                    which[count] = i
                                    for q in 0..<d { gathered[count * d + q] = row[q] }
                                    count += 1
                                }
                                if count > 0 {
                                    gathered.withUnsafeBufferPointer { rows in
                                        newLabels.withUnsafeMutableBufferPointer { l in
                                            best.withUnsafeMutableBufferPointer { b in
                                                second.withUnsafeMutableBufferPointer { s in
                                                    norms.withUnsafeMutableBufferPointer { nb in
                                                        panel.nearest(rows.baseAddress!, rows: count, stride: d,
                                                                      labels: l.baseAddress!, best: b.baseAddress!,
                                                                      second: s.baseAddress!, rowNorms: nb.baseAddress!)
                                                    }
                                                }
                                            }
                                        }
                                    }
                                    for r in 0..<count {
                                        let i = which[r], rowNorm = Double(norms[r])
                                        upperBase[i] = Swift.max(0, Double(best[r]) + rowNorm).squareRoot()
                                        lowerBase[i] = k > 1 ? Swift.max(0, Double(second[r]) + rowNorm).squareRoot()
                                            : .infinity
                                        let old = Int(labelBase[i]), new = Int(newLabels[r])
                                        guard old != new else { continue }
                                        labelBase[i] = Int32(new)
                                        step.changed += 1
                                        let w = weights?[i] ?? 1
                                        let row = xBase + i * d
                                        for q in 0..<d {
                                            let v = w * Double(row[q] - mean[q])  // rounded as the accumulation kernel rounds it
                                            step.sums[new * d + q] += v
                                            step.sums[old * d + q] -= v
                                        }
                                        step.weights[new] += w
                                        step.weights[old] -= w
                                    }
                                }
                                start += m
                            }
                            return step
                        }
                    }
                }
            }
        }
        let total = combine(partials, k: k)
        return (total.sums, total.weights, total.changed)
    }

    /// After centers moved by `movement`: u grows by its center's move, l shrinks by the largest
    /// move among the other centers.
    private func loosenBounds(_ movement: [Double], labels: [Int32], upper: inout [Double], lower: inout [Double]) {
        var largest = 0, secondLargest = 0.0
        for j in movement.indices where movement[j] > movement[largest] { largest = j }
        for j in movement.indices where j != largest { secondLargest = Swift.max(secondLargest, movement[j]) }
        let maximum = movement[largest]
        let n = self.n
        labels.withUnsafeBufferPointer { l in
            upper.withUnsafeMutableBufferPointer { u in
                lower.withUnsafeMutableBufferPointer { lo in
                    ParallelFor.forEachRange(count: n, chunkSize: 65_536) { range in
                        for i in range {
                            let a = Int(l[i])
                            u[i] += movement[a]
                            lo[i] -= a == largest ? secondLargest : maximum
                        }
                    }
                }
            }
        }
    }
}

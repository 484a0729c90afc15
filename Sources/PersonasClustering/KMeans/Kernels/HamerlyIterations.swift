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
        var upper = [Double](repeating: 0, count: n)
        var lower = [Double](repeating: 0, count: n)
        return boundedIterations(
            from: initial, k: k, maxIterations: maxIterations, tolerance: tolerance,
            full: { centers, labels in fullAssignment(centers, k: k, labels: &labels, upper: &upper, lower: &lower) },
            pruned: { centers, labels in
                prunedAssignment(centers, k: k, labels: &labels, upper: &upper, lower: &lower)
            },
            moved: { old, new, labels, boundsValid in
                guard boundsValid else { return }
                let movement = (0..<k).map { j in
                    var moved = 0.0
                    for q in 0..<d {
                        let v = new[j * d + q] - old[j * d + q]
                        moved += v * v
                    }
                    return moved.squareRoot()
                }
                loosenBounds(movement, labels: labels, upper: &upper, lower: &lower)
            })
    }

    /// Every row against every center: labels, exact bounds, and the sums of the new clusters.
    private func fullAssignment(
        _ centers: [Double], k: Int, labels: inout [Int32], upper: inout [Double], lower: inout [Double]
    ) -> AssignmentStep {
        let panel = self.panel(centers, k: k)
        let d = self.d, chunkRows = self.chunkRows, weights = self.weights
        let partials: [AssignmentStep] = labels.withUnsafeMutableBufferPointer { labelBuffer in
            upper.withUnsafeMutableBufferPointer { upperBuffer in
                lower.withUnsafeMutableBufferPointer { lowerBuffer in
                    x.withUnsafeBufferPointer { xs in
                        let labelBase = labelBuffer.baseAddress!, upperBase = upperBuffer.baseAddress!
                        let lowerBase = lowerBuffer.baseAddress!, xBase = xs.baseAddress!
                        return mapRowGroups { blocks in
                            var step = AssignmentStep(sums: [Double](repeating: 0, count: k * d),
                                                      weights: [Double](repeating: 0, count: k), inertia: 0, changed: 0)
                            var best = [Scalar](repeating: 0, count: chunkRows)
                            var second = [Scalar](repeating: 0, count: chunkRows)
                            var norms = [Scalar](repeating: 0, count: chunkRows)
                            var chunkLabels = [Int32](repeating: 0, count: chunkRows)
                            for block in blocks {
                                let start = block.lowerBound, m = block.count
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
                            }
                            return step
                        }
                    }
                }
            }
        }
        return combine(partials, k: k)
    }

    /// The rows whose bounds cannot rule out a change are recomputed; returns the changes to the
    /// cluster sums and weights (inertia 0), the number of rows that moved and the distances computed.
    private func prunedAssignment(
        _ centers: [Double], k: Int, labels: inout [Int32], upper: inout [Double], lower: inout [Double]
    ) -> AssignmentStep {
        let panel = self.panel(centers, k: k)
        let d = self.d, chunkRows = self.chunkRows, mean = self.mean
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
                      mean.withUnsafeBufferPointer { mu in
                        let labelBase = labelBuffer.baseAddress!, upperBase = upperBuffer.baseAddress!
                        let lowerBase = lowerBuffer.baseAddress!, xBase = xs.baseAddress!, muBase = mu.baseAddress!
                        return prunedGroups(k: k) { g in
                            var step = AssignmentStep(sums: [Double](repeating: 0, count: k * d),
                                                      weights: [Double](repeating: 0, count: k), inertia: 0, changed: 0)
                            var gathered = [Scalar](repeating: 0, count: chunkRows * d)
                            var which = [Int](repeating: 0, count: chunkRows)
                            var newLabels = [Int32](repeating: 0, count: chunkRows)
                            var best = [Scalar](repeating: 0, count: chunkRows)
                            var second = [Scalar](repeating: 0, count: chunkRows)
                            var norms = [Scalar](repeating: 0, count: chunkRows)
                            for block in blocks(ofGroup: g) {
                                let start = block.lowerBound, m = block.count
                                var count = 0
                                for i in start..<(start + m) {
                                    let a = Int(labelBase[i])
                                    let bound = Swift.max(half[a], lowerBase[i])
                                    if upperBase[i] <= bound { continue }
                                    step.distances += 1
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
                                step.distances += count * k
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
                                        moveRow(i, from: old, to: new, x: xBase, mean: muBase, into: &step)
                                    }
                                }
                            }
                            return step
                        }
                      }
                    }
                }
            }
        }
        return combine(partials, k: k)
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

import PersonasNumerics

/// One k-means run from given centers: scikit-learn's `_kmeans_single_lloyd`, step for step.
///
/// Each iteration assigns every row to its nearest center (the fused distance + argmin kernel)
/// and accumulates the weighted sums of the new centers in the same pass; per-group partial sums
/// are combined in group order. Empty clusters take the rows farthest from their centers. The
/// loop stops when no label changes (strict convergence: the labels already match the centers)
/// or when the total squared center shift is at most the tolerance, followed then by a final
/// assignment so that the labels match the returned centers.
struct LloydRun {
    var centers: [Double]
    var labels: [Int32]
    var inertia: Double
    var iterations: Int
    var converged: Bool
    var inertiaHistory: [Double]
}

extension KMeansData {
    func lloyd(from initial: [Double], k: Int, maxIterations: Int, tolerance: Double) -> LloydRun {
        var centers = initial
        var labels = [Int32](repeating: -1, count: n)
        var history: [Double] = []
        var iterations = 0
        var strict = false, converged = false
        for iteration in 0..<maxIterations {
            iterations = iteration + 1
            var step = assign(centers, k: k, labels: &labels, accumulate: true)
            history.append(step.inertia)
            relocateEmptyClusters(&step, oldCenters: centers, labels: labels, k: k)
            let updated = averagedCenters(step, previous: centers, k: k)
            var shift = 0.0
            for (new, old) in zip(updated, centers) { shift += (new - old) * (new - old) }
            centers = updated
            if step.changed == 0 {
                strict = true
                converged = true
                break
            }
            if shift <= tolerance {
                converged = true
                break
            }
        }
        let inertia = finalInertia(centers, k: k, labels: &labels, reassign: !strict)
        return LloydRun(centers: centers, labels: labels, inertia: inertia,
                        iterations: iterations, converged: converged, inertiaHistory: history)
    }

    /// The exact inertia of the final centers, after a last assignment when `reassign` (scikit-
    /// learn's final E-step): the assignment pass then computes it on the rows it has in cache,
    /// in the same order as ``inertia(_:labels:k:)``, so both give the same bits.
    func finalInertia(_ centers: [Double], k: Int, labels: inout [Int32], reassign: Bool) -> Double {
        guard reassign else { return inertia(centers, labels: labels, k: k) }
        return assign(centers, k: k, labels: &labels, accumulate: false, exactInertia: true).inertia
    }

    /// The result of one assignment pass.
    struct AssignmentStep {
        /// Weighted sums of the shifted rows per cluster (k × d) and the weight per cluster.
        var sums: [Double]
        var weights: [Double]
        /// Σ w ‖x − c_label‖² with respect to the centers assigned to (from the expansion).
        var inertia: Double
        /// Rows whose label changed.
        var changed: Int
        /// Row-to-center distances a pruned pass computed (what it cost, against n · k for a full one).
        var distances = 0
        /// A pruned pass that gave up after its first row group (``KMeansData/prunedGroups(k:_:)``):
        /// only `changed` counts, and a full pass must follow.
        var abandoned = false
    }

    /// Assigns every row to its nearest center, writing `labels`; with `accumulate`, also sums
    /// the rows per new label; with `exactInertia`, the inertia is computed from differences
    /// rather than from the expansion. Parallel over the fixed row groups, combined in group order.
    func assign(
        _ centers: [Double], k: Int, labels: inout [Int32], accumulate: Bool, exactInertia: Bool = false
    ) -> AssignmentStep {
        let panel = self.panel(centers, k: k)
        let scalarCenters = exactInertia ? centers.map { Scalar($0) } : []
        let d = self.d, chunkRows = self.chunkRows, weights = self.weights, mean = self.mean
        let partials: [AssignmentStep] = labels.withUnsafeMutableBufferPointer { labelBuffer in
            let labelBase = labelBuffer.baseAddress!
            return x.withUnsafeBufferPointer { xs in
                let xBase = xs.baseAddress!
                return mapRowGroups { blocks in
                    var step = AssignmentStep(sums: accumulate ? [Double](repeating: 0, count: k * d) : [],
                                              weights: [Double](repeating: 0, count: k), inertia: 0, changed: 0)
                    var chunkLabels = [Int32](repeating: 0, count: chunkRows)
                    var best = [Scalar](repeating: 0, count: chunkRows)
                    var rowNorms = [Scalar](repeating: 0, count: chunkRows)
                    var exact = [Double](repeating: 0, count: exactInertia ? chunkRows : 0)
                    chunkLabels.withUnsafeMutableBufferPointer { chunkLabels in
                    best.withUnsafeMutableBufferPointer { best in
                    rowNorms.withUnsafeMutableBufferPointer { rowNorms in
                    step.sums.withUnsafeMutableBufferPointer { sums in
                    step.weights.withUnsafeMutableBufferPointer { clusterWeights in
                    mean.withUnsafeBufferPointer { mu in
                        var inertia = 0.0, changed = 0
                        for block in blocks {
                            let start = block.lowerBound, m = block.count
                            let rows = xBase + start * d
                            panel.nearest(rows, rows: m, stride: d, labels: chunkLabels.baseAddress!,
                                          best: best.baseAddress!, rowNorms: rowNorms.baseAddress!)
                            for r in 0..<m {
                                let label = chunkLabels[r]
                                changed += labelBase[start + r] != label ? 1 : 0
                                labelBase[start + r] = label
                            }
                            if exactInertia {
                                scalarCenters.withUnsafeBufferPointer { c in
                                    exact.withUnsafeMutableBufferPointer { out in
                                        Scalar._assignedDistance(rows, m, d, d, mu.baseAddress!, c.baseAddress!,
                                                                 chunkLabels.baseAddress!, out.baseAddress!)
                                        for r in 0..<m { inertia += (weights?[start + r] ?? 1) * out[r] }
                                    }
                                }
                            } else if let weights {
                                for r in 0..<m {
                                    inertia += weights[start + r] * Swift.max(0, Double(best[r]) + Double(rowNorms[r]))
                                }
                            } else {
                                // Unweighted apart, so that the sum is one plain loop.
                                for r in 0..<m { inertia += Swift.max(0, Double(best[r]) + Double(rowNorms[r])) }
                            }
                            if accumulate {
                                weights.withUnsafeBufferPointerOrNil { w in
                                    Scalar._accumulate(rows, m, d, d, mu.baseAddress!, chunkLabels.baseAddress!,
                                                       w.map { $0 + start }, sums.baseAddress!,
                                                       clusterWeights.baseAddress!)
                                }
                            }
                        }
                        step.inertia = inertia
                        step.changed = changed
                    }
                    }
                    }
                    }
                    }
                    }
                    return step
                }
            }
        }
        return combine(partials, k: k, sums: accumulate ? k * d : 0)
    }

    /// Adds `m` rows (row `first` onwards, at `rows`) with their `labels` to the step's weighted
    /// sums and cluster weights.
    func accumulate(
        _ rows: UnsafePointer<Scalar>, count m: Int, from first: Int, labels: UnsafePointer<Int32>,
        into step: inout AssignmentStep
    ) {
        let d = self.d
        step.sums.withUnsafeMutableBufferPointer { sums in
            step.weights.withUnsafeMutableBufferPointer { w in
                mean.withUnsafeBufferPointer { mu in
                    weights.withUnsafeBufferPointerOrNil { rowWeights in
                        Scalar._accumulate(rows, m, d, d, mu.baseAddress!, labels, rowWeights.map { $0 + first },
                                           sums.baseAddress!, w.baseAddress!)
                    }
                }
            }
        }
    }

    /// Per-group results added in group order (the order that makes results thread-independent).
    func combine(_ partials: [AssignmentStep], k: Int, sums: Int? = nil) -> AssignmentStep {
        var total = AssignmentStep(sums: [Double](repeating: 0, count: sums ?? k * d),
                                   weights: [Double](repeating: 0, count: k), inertia: 0, changed: 0)
        for partial in partials {
            for j in partial.sums.indices { total.sums[j] += partial.sums[j] }
            for j in 0..<k { total.weights[j] += partial.weights[j] }
            total.inertia += partial.inertia
            total.changed += partial.changed
            total.distances += partial.distances
            total.abandoned = total.abandoned || partial.abandoned
        }
        return total
    }

    /// scikit-learn's rule for clusters that received no weight: the rows farthest from their
    /// assigned (old) centers become the new centers, the farthest first (ties: the lowest row),
    /// and leave their clusters' sums; labels are not changed until the next assignment.
    func relocateEmptyClusters(_ step: inout AssignmentStep, oldCenters: [Double], labels: [Int32], k: Int) {
        let empty = (0..<k).filter { step.weights[$0] == 0 }
        guard !empty.isEmpty else { return }
        let distances = assignedDistances(oldCenters, labels: labels)
        var taken = Set<Int>()
        for cluster in empty {
            var far = -1
            // The distance test first: the set is only asked about the few rows that pass it.
            for i in 0..<n where (far < 0 || distances[i] > distances[far]) && !taken.contains(i) { far = i }
            guard far >= 0 else { break }
            taken.insert(far)
            let w = weight(far), old = Int(labels[far])
            let row = shiftedRow(far)
            for q in 0..<d {
                step.sums[old * d + q] -= row[q] * w
                step.sums[cluster * d + q] = row[q] * w
            }
            step.weights[cluster] = w
            step.weights[old] -= w
        }
    }

    /// Each row's unweighted squared distance to its assigned center.
    func assignedDistances(_ centers: [Double], labels: [Int32]) -> [Double] {
        let d = self.d, mean = self.mean, scalarCenters = centers.map { Scalar($0) }
        return [Double](unsafeUninitializedCapacity: n) { out, initialized in
            let outBase = out.baseAddress!
            x.withUnsafeBufferPointer { xs in
                mean.withUnsafeBufferPointer { mu in
                    scalarCenters.withUnsafeBufferPointer { c in
                        labels.withUnsafeBufferPointer { l in
                            ParallelFor.forEachRange(count: n, chunkSize: 8192) { range in
                                Scalar._assignedDistance(xs.baseAddress! + range.lowerBound * d, range.count, d, d,
                                                         mu.baseAddress!, c.baseAddress!,
                                                         l.baseAddress! + range.lowerBound, outBase + range.lowerBound)
                            }
                        }
                    }
                }
            }
            initialized = n
        }
    }

    /// Sums divided by weights (multiplying by the reciprocal, as scikit-learn does); a cluster
    /// with no weight at all (only zero-weight rows) keeps its previous center rather than NaN.
    func averagedCenters(_ step: AssignmentStep, previous: [Double], k: Int) -> [Double] {
        var centers = step.sums
        for j in 0..<k {
            if step.weights[j] > 0 {
                let alpha = 1 / step.weights[j]
                for q in 0..<d { centers[j * d + q] *= alpha }
            } else {
                for q in 0..<d { centers[j * d + q] = previous[j * d + q] }
            }
        }
        return centers
    }
}

extension Optional where Wrapped == [Double] {
    /// Calls `body` with the array's base address, or with `nil` when there is no array.
    func withUnsafeBufferPointerOrNil<R>(_ body: (UnsafePointer<Double>?) -> R) -> R {
        switch self {
        case .some(let array): array.withUnsafeBufferPointer { body($0.baseAddress) }
        case .none: body(nil)
        }
    }
}

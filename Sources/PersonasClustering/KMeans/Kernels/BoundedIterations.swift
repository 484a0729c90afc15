import PersonasNumerics

/// The iteration loop that Hamerly's and Elkan's algorithms share: Lloyd's iterations, where a
/// pass either computes every distance (the first one, and after a relocation) or only those the
/// bounds cannot rule out.
extension KMeansData {
    /// Runs from `initial` with `full` (every distance; resets the bounds, returns the new
    /// clusters' sums) and `pruned` (returns the changes to the sums and weights and the rows that
    /// moved). `moved` is told how the centers moved before each further iteration, and whether
    /// the bounds still hold. A cluster emptied by either pass is refilled by scikit-learn's
    /// relocation (the labels are Lloyd's already); the next pass is then a full one. A pruned
    /// pass may also give up after its first row group (see ``prunedGroups(k:_:)``), and a full
    /// pass takes its place.
    func boundedIterations(
        from initial: [Double], k: Int, maxIterations: Int, tolerance: Double,
        full: (_ centers: [Double], _ labels: inout [Int32]) -> AssignmentStep,
        pruned: (_ centers: [Double], _ labels: inout [Int32]) -> AssignmentStep,
        moved: (_ from: [Double], _ to: [Double], _ labels: [Int32], _ boundsValid: Bool) -> Void
    ) -> LloydRun {
        var centers = initial
        var labels = [Int32](repeating: -1, count: n)
        var history: [Double] = []
        var iterations = 0
        var strict = false, converged = false
        var sums: [Double] = [], clusterWeights: [Double] = []
        var boundsValid = false
        // Σ w‖x − μ‖², for the inertia of pruned iterations from the cluster sums.
        let squares = weightedSquaredNorm()
        // Below this, a cluster weight kept up to date by differences may be a rounding residue.
        let emptiedResidue = (weights?.reduce(0, +) ?? 0) * 0x1p-30

        for iteration in 0..<maxIterations {
            iterations = iteration + 1
            var updated: [Double]
            var changed: Int
            var delta: AssignmentStep?, changedBeforeFull = 0
            if boundsValid {
                let attempt = pruned(centers, &labels)
                if attempt.abandoned { changedBeforeFull = attempt.changed } else { delta = attempt }
            }
            if let delta {
                changed = delta.changed
                for j in sums.indices { sums[j] += delta.sums[j] }
                for j in 0..<k { clusterWeights[j] += delta.weights[j] }
                if clusterWeights.contains(where: { $0 <= emptiedResidue }) {
                    // Weights updated by differences can leave a rounding residue where a cluster
                    // emptied (weighted rows): whether one did is decided on sums made afresh.
                    let exact = clusterSums(labels, k: k)
                    sums = exact.sums
                    clusterWeights = exact.weights
                }
                // The bounds only bound each row's distance (their squares would overstate the
                // inertia, and by more as they loosen), so the inertia of the assignment comes
                // from the cluster sums: Σ w‖x‖² − 2 Σ c_j·S_j + Σ W_j‖c_j‖².
                history.append(expandedInertia(centers, sums: sums, weights: clusterWeights, squares: squares, k: k))
                var step = AssignmentStep(sums: sums, weights: clusterWeights, inertia: 0, changed: changed)
                if clusterWeights.contains(0) {
                    // A cluster emptied: the labels are Lloyd's already, so only scikit-learn's
                    // relocation remains; the relocated centers break the bounds' premises.
                    relocateEmptyClusters(&step, oldCenters: centers, labels: labels, k: k)
                    boundsValid = false
                }
                updated = averagedCenters(step, previous: centers, k: k)
            } else {
                var step = full(centers, &labels)
                history.append(step.inertia)
                // Rows an abandoned pruned pass moved already are moves of this iteration too.
                changed = step.changed + changedBeforeFull
                // Relocated centers break the bounds' premises.
                boundsValid = !step.weights.contains(0)
                relocateEmptyClusters(&step, oldCenters: centers, labels: labels, k: k)
                updated = averagedCenters(step, previous: centers, k: k)
                sums = step.sums
                clusterWeights = step.weights
            }
            var shift = 0.0
            for (new, old) in zip(updated, centers) { shift += (new - old) * (new - old) }
            let previous = centers
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
            moved(previous, centers, labels, boundsValid)
        }
        let inertia = finalInertia(centers, k: k, labels: &labels, reassign: !strict)
        return LloydRun(centers: centers, labels: labels, inertia: inertia,
                        iterations: iterations, converged: converged, inertiaHistory: history)
    }

    /// Moves row `i` (its weight and shifted coordinates) from cluster `old`'s sums to `new`'s,
    /// rounded as the accumulation kernel rounds it: how both pruned passes
    /// keep the cluster sums up to date.
    @inline(__always)
    func moveRow(
        _ i: Int, from old: Int, to new: Int, x: UnsafePointer<Scalar>, mean: UnsafePointer<Scalar>,
        into step: inout AssignmentStep
    ) {
        step.changed += 1
        let w = weights?[i] ?? 1
        let row = x + i * d
        step.sums.withUnsafeMutableBufferPointer { s in
            for q in 0..<d {
                let v = w * Double(row[q] - mean[q])
                s[new * d + q] += v
                s[old * d + q] -= v
            }
        }
        step.weights[new] += w
        step.weights[old] -= w
    }

    /// A pruned pass over the row groups, `body(g)` for group g: the first group alone first,
    /// then, unless that group wanted more than k/8 distances per row, the others in parallel.
    /// Past that a pruned pass costs more than a full one (measured: its distances are single
    /// rows', a full pass's are the kernel's blocked arithmetic, about 3 to 7 times cheaper each
    /// on the benchmark shapes), so the pass gives up: an `abandoned` step with the first group's
    /// moves (its labels are Lloyd's, and a full pass redoes them). The choice depends on
    /// counts only, so every run and thread count makes it alike.
    func prunedGroups(k: Int, _ body: (Int) -> AssignmentStep) -> [AssignmentStep] {
        guard let first = groups.first else { return [] }
        let sample = body(0)
        if 8 * sample.distances > first.count * k {
            var abandoned = sample
            abandoned.abandoned = true
            return [abandoned]
        }
        return [sample] + ParallelFor.mapChunks(groups.count - 1) { body($0 + 1) }
    }

    /// The weighted sums and weights of the clusters `labels` makes, as a Lloyd step sums them
    /// (the accumulation kernel over each row group, groups added in order).
    func clusterSums(_ labels: [Int32], k: Int) -> AssignmentStep {
        let d = self.d, groups = self.groups
        let partials: [AssignmentStep] = labels.withUnsafeBufferPointer { labelBuffer in
            x.withUnsafeBufferPointer { xs in
                ParallelFor.mapChunks(groups.count) { g in
                    var step = AssignmentStep(sums: [Double](repeating: 0, count: k * d),
                                              weights: [Double](repeating: 0, count: k), inertia: 0, changed: 0)
                    let first = groups[g].lowerBound
                    accumulate(xs.baseAddress! + first * d, count: groups[g].count, from: first,
                               labels: labelBuffer.baseAddress! + first, into: &step)
                    return step
                }
            }
        }
        return combine(partials, k: k)
    }

    /// Σ_i w_i ‖x_i − μ‖², over the fixed row groups (so the same bits on any thread count).
    func weightedSquaredNorm() -> Double {
        let d = self.d, mean = self.mean.map { Double($0) }, weights = self.weights
        return RowBlockReduction.sum(rows: n, width: 1) { range, total in
            x.withUnsafeBufferPointer { xs in
                mean.withUnsafeBufferPointer { mu in
                    for i in range {
                        let row = xs.baseAddress! + i * d
                        var s = 0.0
                        for q in 0..<d {
                            let v = Double(row[q]) - mu[q]
                            s += v * v
                        }
                        total[0] += (weights?[i] ?? 1) * s
                    }
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
}

import PersonasNumerics

/// The iteration loop that Hamerly's and Elkan's algorithms share: Lloyd's iterations, where a
/// pass either computes every distance (the first one, and after a relocation) or only those the
/// bounds cannot rule out.
extension KMeansData {
    /// Runs from `initial` with `full` (every distance; resets the bounds, returns the new
    /// clusters' sums) and `pruned` (returns the changes to the sums and weights and the rows that
    /// moved). `moved` is told how the centers moved before each further iteration, and whether
    /// the bounds still hold. A pruned pass that empties a cluster is redone as a Lloyd step with
    /// scikit-learn's relocation, and so is a full one; the next pass is then a full one.
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

        for iteration in 0..<maxIterations {
            iterations = iteration + 1
            var updated: [Double]
            var changed: Int
            if !boundsValid {
                var step = full(centers, &labels)
                history.append(step.inertia)
                changed = step.changed
                // Relocated centers break the bounds' premises.
                boundsValid = !step.weights.contains(0)
                relocateEmptyClusters(&step, oldCenters: centers, labels: labels, k: k)
                updated = averagedCenters(step, previous: centers, k: k)
                sums = step.sums
                clusterWeights = step.weights
            } else {
                let delta = pruned(centers, &labels)
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
}

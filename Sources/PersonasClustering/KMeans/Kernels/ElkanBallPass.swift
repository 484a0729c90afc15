import PersonasNumerics

/// The pruned pass of Elkan's algorithm in the ball layout (the default; see `elkan`).
///
/// The rows' work runs in C (`personas_elkan_ball_pass_*`), in the data's precision, row by row:
/// the bounds, then the row's distance to its center and the bounds again, then its distances to
/// its center's neighbours within u + √(u² + margin), nearest first. Most rows cost a comparison
/// or a few distances of d values. The few whose two nearest candidates are closer than the
/// margin (a near tie the kernel's rounding could tip either way) are decided by the distance
/// kernel itself, a batch at a time, so labels stay Lloyd's exactly.
///
/// Measured on (200,000, 64, 64), against two other layouts of the same work: sweeps over a
/// batch of rows one step at a time (the rows' reads no longer shared with their candidates),
/// and the distance kernel run per label on the open rows against the label's ball (exact
/// without a referee, but the rows of a label are scattered and their gathering cost more than
/// the arithmetic it saved). Row by row was the fastest.
extension KMeansData {
    /// Rows per call into C: the batch's lists stay in L1, and its ambiguous rows go to the
    /// distance kernel together.
    private static var ballBatchRows: Int { 1024 }

    /// Returns the changes to the cluster sums and weights (inertia 0) and the rows that moved.
    /// `between` holds the center-to-center distances (k × k, rounded down, +inf on the
    /// diagonal) and `nearestOther` each center's smallest. `instructionSetLimit` caps the C
    /// pass's instruction set (tests run each path).
    func elkanBallAssignment(
        _ centers: [Double], k: Int, between: [Float], nearestOther: [Double], movement: [Double],
        labels: inout [Int32], bounds: inout ElkanBounds, instructionSetLimit: Int
    ) -> AssignmentStep {
        let panel = self.panel(centers, k: k)
        let d = self.d
        let scale = kernelMarginScale, largest = largestCenterNorm(centers, k: k)
        let largestDrift = bounds.largestDrift
        let tables = BallTables<Scalar>(centers: centers, k: k, d: d, between: between, nearestOther: nearestOther,
                                        movement: movement)
        defer { tables.release() }
        let batchRows = Self.ballBatchRows

        let partials: [AssignmentStep] = labels.withUnsafeMutableBufferPointer { labelBuffer in
            bounds.withPointers { state in
                x.withUnsafeBufferPointer { xs in
                    mean.withUnsafeBufferPointer { mu in
                        let labelBase = labelBuffer.baseAddress!, xBase = xs.baseAddress!, muBase = mu.baseAddress!
                        let pass = _ElkanBallPass<Scalar>(
                            k: k, d: d, x: xBase, mean: muBase, centers: tables.centers, neighbors: tables.neighbors,
                            neighborDistances: tables.neighborDistances, nearestOther: tables.nearestOther,
                            movement: tables.movement, largestDrift: largestDrift, marginScale: scale,
                            largestCenterNorm: largest, relative: Double(d + 8) * Double(Scalar.ulpOfOne),
                            instructionSetLimit: instructionSetLimit)
                        return prunedGroups(k: k) { g in
                            var step = AssignmentStep(sums: [Double](repeating: 0, count: k * d),
                                                      weights: [Double](repeating: 0, count: k), inertia: 0, changed: 0)
                            let lists = BallLists<Scalar>(rows: batchRows, d: d)
                            defer { lists.release() }
                            for block in blocks(ofGroup: g, rows: batchRows) {
                                let outcome = pass.run(
                                    block, labels: labelBase, upper: state.upper, otherLower: state.otherLower,
                                    rowNorms: state.rowNorms, movedRows: lists.moved, movedFrom: lists.movedFrom,
                                    ambiguousRows: lists.ambiguous)
                                step.distances += outcome.distances + outcome.ambiguous * k
                                for t in 0..<outcome.moved {
                                    let i = Int(lists.moved[t])
                                    moveRow(i, from: Int(lists.movedFrom[t]), to: Int(labelBase[i]), x: xBase,
                                            mean: muBase, into: &step)
                                }
                                if outcome.ambiguous > 0 {
                                    decideAmbiguous(
                                        lists, count: outcome.ambiguous, panel: panel, labels: labelBase, state: state,
                                        marginScale: scale, largest: largest, x: xBase, mean: muBase, step: &step)
                                }
                            }
                            return step
                        }
                    }
                }
            }
        }
        return combine(partials, k: k)
    }

    /// The rows the pass left to the kernel: their labels by the kernel, their upper bounds from
    /// its value (as in a full pass), and no lower bound (a near tie is open on the next pass anyway).
    private func decideAmbiguous(
        _ lists: BallLists<Scalar>, count: Int, panel: CenterPanel<Scalar>, labels: UnsafeMutablePointer<Int32>,
        state: ElkanBounds.Pointers, marginScale: Double, largest: Double, x: UnsafePointer<Scalar>,
        mean: UnsafePointer<Scalar>, step: inout AssignmentStep
    ) {
        for t in 0..<count {
            (lists.gathered + t * d).update(from: x + Int(lists.ambiguous[t]) * d, count: d)
        }
        panel.nearest(lists.gathered, rows: count, stride: d, labels: lists.chosen, best: lists.best,
                      rowNorms: lists.rowNorms)
        for t in 0..<count {
            let i = Int(lists.ambiguous[t]), old = Int(labels[i]), new = Int(lists.chosen[t])
            let reach = state.rowNorms[i] + largest
            let squared = Double(lists.best[t]) + Double(lists.rowNorms[t]) + marginScale * reach * reach
            state.upper[i] = roundedUp(Swift.max(0, squared).squareRoot())
            state.otherLower[i] = 0
            guard new != old else { continue }
            labels[i] = Int32(new)
            moveRow(i, from: old, to: new, x: x, mean: mean, into: &step)
        }
    }
}

/// The centers and their neighbour tables as the C pass reads them, for one pass.
private struct BallTables<Scalar: BLASScalar> {
    /// k × d, rounded to the data's precision.
    let centers: UnsafeMutablePointer<Scalar>
    /// Each center's k − 1 others, nearest first (ties by index), and their distances (rounded down).
    let neighbors: UnsafeMutablePointer<Int32>
    let neighborDistances: UnsafeMutablePointer<Double>
    let nearestOther: UnsafeMutablePointer<Double>
    let movement: UnsafeMutablePointer<Double>

    init(centers wide: [Double], k: Int, d: Int, between: [Float], nearestOther near: [Double], movement moved: [Double]) {
        let others = k - 1
        centers = .allocate(capacity: k * d)
        neighbors = .allocate(capacity: Swift.max(1, k * others))
        neighborDistances = .allocate(capacity: Swift.max(1, k * others))
        nearestOther = .allocate(capacity: k)
        movement = .allocate(capacity: k)
        for (index, value) in wide.enumerated() { centers[index] = Scalar(value) }
        for a in 0..<k {
            let order = (0..<k).filter { $0 != a }.sorted { (between[a * k + $0], $0) < (between[a * k + $1], $1) }
            for (r, j) in order.enumerated() {
                neighbors[a * others + r] = Int32(j)
                neighborDistances[a * others + r] = Double(between[a * k + j])
            }
            nearestOther[a] = near[a]
            movement[a] = moved[a]
        }
    }

    func release() {
        centers.deallocate()
        neighbors.deallocate()
        neighborDistances.deallocate()
        nearestOther.deallocate()
        movement.deallocate()
    }
}

/// One thread's lists for a batch of the C pass, and the ambiguous rows gathered for the kernel.
private struct BallLists<Scalar: BLASScalar> {
    let moved: UnsafeMutablePointer<Int32>, movedFrom: UnsafeMutablePointer<Int32>
    let ambiguous: UnsafeMutablePointer<Int32>, chosen: UnsafeMutablePointer<Int32>
    let gathered: UnsafeMutablePointer<Scalar>
    let best: UnsafeMutablePointer<Scalar>, rowNorms: UnsafeMutablePointer<Scalar>

    init(rows: Int, d: Int) {
        moved = .allocate(capacity: rows)
        movedFrom = .allocate(capacity: rows)
        ambiguous = .allocate(capacity: rows)
        chosen = .allocate(capacity: rows)
        gathered = .allocate(capacity: rows * d)
        best = .allocate(capacity: rows)
        rowNorms = .allocate(capacity: rows)
    }

    func release() {
        for pointer in [moved, movedFrom, ambiguous, chosen] { pointer.deallocate() }
        gathered.deallocate()
        best.deallocate()
        rowNorms.deallocate()
    }
}

import PersonasNumerics

/// Elkan's algorithm (Elkan 2003, "Using the triangle inequality to accelerate k-means"): the
/// same iterations as Lloyd's, where a row between two or three centers costs those few
/// distances rather than k.
///
/// Each row keeps an upper bound u on the distance to its own center a and Hamerly's lower bound
/// on the distance to every other center; a row is skipped outright when u is below half the
/// distance from c_a to its nearest other center, or below that lower bound. Otherwise u is made
/// exact, and only the centers j that Elkan's center-to-center test cannot rule out
/// (‖c_a − c_j‖ ≤ 2u, plus the rounding margin below) have their distances computed, from
/// differences (in the data's precision in the ball layout's C pass, in Double in the other;
/// either error is bounded and covered). Two layouts of the remaining bounds:
///
/// - the ball (the default): the candidates are c_a's neighbours, nearest first, up to the
///   test's limit (Newling & Fleuret's Exponion takes the same ball), and the other-centers bound
///   is refreshed from them. 24 bytes per row.
/// - k bounds per row (`perCenterBounds`, Elkan's original): a lower bound l_j per row and
///   center rules out more candidates, at the cost of reading n × k bounds (Float even for Double
///   data, rounded down) besides the data. Measured slower on the blob benchmark, where most rows
///   need a look every iteration.
///
/// Lower bounds are stored against a cumulative drift (per center, or the sum of the largest
/// moves): the bound now is the stored value minus the drift since it was stored, so a center's
/// move costs a subtraction when the bound is read and no pass over the bounds.
///
/// Labels are Lloyd's exactly: every test keeps a margin that covers the rounding of the fused
/// kernel's expanded distances, so a ruled-out center's kernel value provably exceeds the
/// label's; a row whose candidates are closer than that margin is decided by the kernel itself.
/// Center sums are updated from the rows that moved (per-group deltas combined in group order,
/// so results do not depend on the thread count); an iteration that empties a cluster gets
/// scikit-learn's relocation and restarts the bounds (`boundedIterations`).
extension KMeansData {
    func elkan(
        from initial: [Double], k: Int, maxIterations: Int, tolerance: Double, perCenterBounds: Bool = false,
        passInstructionSetLimit: Int = 3
    ) -> LloydRun {
        var bounds = ElkanBounds(rows: n, k: k, perCenter: perCenterBounds)
        var movement = [Double](repeating: 0, count: k)
        return boundedIterations(
            from: initial, k: k, maxIterations: maxIterations, tolerance: tolerance,
            full: { centers, labels in elkanFullAssignment(centers, k: k, labels: &labels, bounds: &bounds) },
            pruned: { centers, labels in
                elkanPrunedAssignment(centers, k: k, movement: movement, labels: &labels, bounds: &bounds,
                                      instructionSetLimit: passInstructionSetLimit)
            },
            moved: { old, new, _, boundsValid in
                guard boundsValid else { return }
                movement = scalarMovement(from: old, to: new, k: k)
                for j in 0..<k { bounds.drift[j] += movement[j] }
                bounds.largestDrift = roundedUp(bounds.largestDrift + (movement.max() ?? 0))
            })
    }

    /// How far each center moved as the kernels see it (rounded to the data's precision), rounded
    /// up so that bounds loosened by it stay bounds.
    private func scalarMovement(from old: [Double], to new: [Double], k: Int) -> [Double] {
        (0..<k).map { j in
            var moved = 0.0
            for q in 0..<d {
                let v = Double(Scalar(new[j * d + q])) - Double(Scalar(old[j * d + q]))
                moved += v * v
            }
            return moved.squareRoot() * (1 + 0x1p-40)
        }
    }

    /// The squared margin, per unit of (‖x̃‖ + max‖c‖)² (x̃ = x − μ), that covers the rounding of
    /// the fused kernel: a value ‖c‖² − 2 x̃·c is off by at most 2(d + 1)u‖x̃‖‖c‖ + 2u‖c‖² ≤
    /// (d + 1)u(‖x̃‖ + ‖c‖)² (u the unit roundoff of the data's precision; d + 2 without FMA), and
    /// ‖x̃‖² by d·u‖x̃‖², so two values' difference, or a value plus ‖x̃‖², by at most
    /// 2(d + 2)u(‖x̃‖ + max‖c‖)²; a quarter more covers the higher-order terms.
    var kernelMarginScale: Double { 2.5 * Double(d + 2) * Double(Scalar.ulpOfOne) / 2 }

    /// Every row against every center: labels, the upper bound, all k lower bounds (drift reset)
    /// and the sums of the new clusters.
    private func elkanFullAssignment(
        _ centers: [Double], k: Int, labels: inout [Int32], bounds: inout ElkanBounds
    ) -> AssignmentStep {
        let panel = self.panel(centers, k: k)
        let d = self.d, chunkRows = self.chunkRows, weights = self.weights
        let scale = kernelMarginScale, largest = largestCenterNorm(centers, k: k)
        let normSlack = 1 + 2 * Double(d + 2) * Double(Scalar.ulpOfOne)
        let perCenter = bounds.perCenter
        for j in 0..<k { bounds.drift[j] = 0 }
        bounds.largestDrift = 0
        let partials: [AssignmentStep] = labels.withUnsafeMutableBufferPointer { labelBuffer in
            bounds.upper.withUnsafeMutableBufferPointer { upperBuffer in
                bounds.lower.withUnsafeMutableBufferPointer { lowerBuffer in
                    bounds.rowNorms.withUnsafeMutableBufferPointer { normBuffer in
                      bounds.otherLower.withUnsafeMutableBufferPointer { otherBuffer in
                        x.withUnsafeBufferPointer { xs in
                            let labelBase = labelBuffer.baseAddress!, upperBase = upperBuffer.baseAddress!
                            let lowerBase = lowerBuffer.baseAddress!, normBase = normBuffer.baseAddress!
                            let otherBase = otherBuffer.baseAddress!, xBase = xs.baseAddress!
                            return mapRowGroups { blocks in
                                var step = AssignmentStep(sums: [Double](repeating: 0, count: k * d),
                                                          weights: [Double](repeating: 0, count: k), inertia: 0,
                                                          changed: 0)
                                var values = [Scalar](repeating: 0, count: chunkRows * (perCenter ? k : 2))
                                var norms = [Scalar](repeating: 0, count: chunkRows)
                                var chunkLabels = [Int32](repeating: 0, count: chunkRows)
                                for block in blocks {
                                    let start = block.lowerBound, m = block.count
                                    let rows = xBase + start * d
                                    values.withUnsafeMutableBufferPointer { v in
                                        norms.withUnsafeMutableBufferPointer { nb in
                                            if perCenter {
                                                panel.values(rows, rows: m, stride: d, into: v.baseAddress!,
                                                             outStride: k, rowNorms: nb.baseAddress!)
                                            } else {
                                                chunkLabels.withUnsafeMutableBufferPointer { l in
                                                    panel.nearest(rows, rows: m, stride: d, labels: l.baseAddress!,
                                                                  best: v.baseAddress!,
                                                                  second: v.baseAddress! + chunkRows,
                                                                  rowNorms: nb.baseAddress!)
                                                }
                                            }
                                        }
                                    }
                                    if !perCenter {
                                        for r in 0..<m {
                                            let i = start + r, rowNorm = Double(norms[r])
                                            let rowLength = Swift.max(0, rowNorm * normSlack).squareRoot()
                                            normBase[i] = rowLength
                                            let margin = scale * (rowLength + largest) * (rowLength + largest)
                                            let best = Double(values[r]), second = Double(values[chunkRows + r])
                                            if labelBase[i] != chunkLabels[r] { step.changed += 1 }
                                            labelBase[i] = chunkLabels[r]
                                            upperBase[i] = roundedUp(Swift.max(0, best + rowNorm + margin).squareRoot())
                                            otherBase[i] = k > 1
                                                ? Swift.max(0, second + rowNorm - margin).squareRoot() * (1 - 0x1p-50)
                                                : .infinity
                                            step.inertia += (weights?[i] ?? 1) * Swift.max(0, best + rowNorm)
                                        }
                                    }
                                    for r in 0..<(perCenter ? m : 0) {
                                        let i = start + r, rowNorm = Double(norms[r])
                                        let rowLength = Swift.max(0, rowNorm * normSlack).squareRoot()
                                        normBase[i] = rowLength
                                        let margin = scale * (rowLength + largest) * (rowLength + largest)
                                        // The kernel's argmin: the lowest value, the lowest index on ties.
                                        var label = 0, best = values[r * k]
                                        for j in 1..<Swift.max(k, 1) where values[r * k + j] < best {
                                            best = values[r * k + j]
                                            label = j
                                        }
                                        if labelBase[i] != Int32(label) { step.changed += 1 }
                                        labelBase[i] = Int32(label)
                                        upperBase[i] = roundedUp(
                                            Swift.max(0, Double(best) + rowNorm + margin).squareRoot())
                                        for j in 0..<k {
                                            let low = Swift.max(0, Double(values[r * k + j]) + rowNorm - margin)
                                            lowerBase[i * k + j] = floatRoundedDown(low.squareRoot())
                                        }
                                        var other = Double.infinity
                                        for j in 0..<k where j != label {
                                            other = Swift.min(other, Double(lowerBase[i * k + j]))
                                        }
                                        otherBase[i] = other
                                        step.inertia += (weights?[i] ?? 1) * Swift.max(0, Double(best) + rowNorm)
                                    }
                                    accumulate(rows, count: m, from: start, labels: labelBase + start, into: &step)
                                }
                                return step
                            }
                        }
                      }
                    }
                }
            }
        }
        return combine(partials, k: k)
    }

    /// max_j ‖c_j‖ of the centers as the kernels see them, rounded up.
    func largestCenterNorm(_ centers: [Double], k: Int) -> Double {
        var largest = 0.0
        for j in 0..<k {
            var norm = 0.0
            for q in 0..<d {
                let c = Double(Scalar(centers[j * d + q]))
                norm += c * c
            }
            largest = Swift.max(largest, norm)
        }
        return largest.squareRoot() * (1 + 0x1p-40)
    }

    /// The rows the bounds cannot settle are recomputed (only the centers not ruled out); returns
    /// the changes to the cluster sums and weights (inertia 0) and the number of rows that moved.
    /// `movement` is how far each center moved since the last pass (the upper bounds grow by it).
    private func elkanPrunedAssignment(
        _ centers: [Double], k: Int, movement: [Double], labels: inout [Int32], bounds: inout ElkanBounds,
        instructionSetLimit: Int
    ) -> AssignmentStep {
        let panel = self.panel(centers, k: k)
        let d = self.d, groups = self.groups, mean = self.mean
        let scale = kernelMarginScale, largest = largestCenterNorm(centers, k: k)
        let scalarCenters = centers.map { Double(Scalar($0)) }
        // Center-to-center distances (rounded down, +inf on the diagonal so a row's own center is
        // never a candidate) and each center's distance to its nearest other center.
        var between = [Float](repeating: .infinity, count: k * k)
        var nearestOther = [Double](repeating: .infinity, count: k)
        scalarCenters.withUnsafeBufferPointer { c in
            for a in 0..<k {
                let ca = c.baseAddress! + a * d
                for b in (a + 1)..<Swift.max(k, a + 1) {
                    let cb = c.baseAddress! + b * d
                    var distance = 0.0
                    for q in 0..<d { distance += (ca[q] - cb[q]) * (ca[q] - cb[q]) }
                    let low = floatRoundedDown(distance.squareRoot() * (1 - 0x1p-40))
                    between[a * k + b] = low
                    between[b * k + a] = low
                    nearestOther[a] = Swift.min(nearestOther[a], Double(low))
                    nearestOther[b] = Swift.min(nearestOther[b], Double(low))
                }
            }
        }
        if !bounds.perCenter {
            return elkanBallAssignment(centers, k: k, between: between, nearestOther: nearestOther,
                                       movement: movement, labels: &labels, bounds: &bounds,
                                       instructionSetLimit: instructionSetLimit)
        }
        let drift = bounds.drift, largestDrift = bounds.largestDrift
        let prefetchDistance = 8
        let driftUp = drift.map { floatRoundedUp($0) }
        // Relative error of a distance from differences in Double (d products and sums).
        let relative = Double(d + 8) * 0x1p-52

        let partials: [AssignmentStep] = labels.withUnsafeMutableBufferPointer { labelBuffer in
            bounds.upper.withUnsafeMutableBufferPointer { upperBuffer in
                bounds.lower.withUnsafeMutableBufferPointer { lowerBuffer in
                    bounds.rowNorms.withUnsafeBufferPointer { normBuffer in
                      bounds.otherLower.withUnsafeMutableBufferPointer { otherBuffer in
                        x.withUnsafeBufferPointer { xs in
                            between.withUnsafeBufferPointer { betweenBuffer in
                                driftUp.withUnsafeBufferPointer { driftBuffer in
                                    scalarCenters.withUnsafeBufferPointer { centerBuffer in
                                        mean.withUnsafeBufferPointer { mu in
                                            let kernel = ElkanRowKernel(
                                                k: k, d: d, x: xs.baseAddress!, mean: mu.baseAddress!,
                                                centers: centerBuffer.baseAddress!, panel: panel,
                                                between: betweenBuffer.baseAddress!, nearestOther: nearestOther,
                                                drift: drift, driftUp: driftBuffer.baseAddress!,
                                                movement: movement, largestDrift: largestDrift,
                                                marginScale: scale, largest: largest, relative: relative)
                                            let labelBase = labelBuffer.baseAddress!
                                            let upperBase = upperBuffer.baseAddress!
                                            let lowerBase = lowerBuffer.baseAddress!
                                            let normBase = normBuffer.baseAddress!
                                            let otherBase = otherBuffer.baseAddress!
                                            let xBase = xs.baseAddress!
                                            return ParallelFor.mapChunks(groups.count) { g in
                                                var step = AssignmentStep(
                                                    sums: [Double](repeating: 0, count: k * d),
                                                    weights: [Double](repeating: 0, count: k), inertia: 0, changed: 0)
                                                let scratch = ElkanRowKernel<Scalar>.Scratch(k: k)
                                                defer { scratch.release() }
                                                let end = groups[g].upperBound
                                                for i in groups[g] {
                                                    if i + prefetchDistance < end {
                                                        // Rows that need work are scattered; the hardware
                                                        // prefetchers do not follow them.
                                                        _prefetch(lowerBase + (i + prefetchDistance) * k,
                                                                  bytes: k * MemoryLayout<Float>.stride)
                                                        _prefetch(xBase + (i + prefetchDistance) * d,
                                                                  bytes: d * MemoryLayout<Scalar>.stride)
                                                    }
                                                    let old = Int(labelBase[i])
                                                    let new = kernel.assign(
                                                        row: i, label: old, upper: &upperBase[i],
                                                        lower: lowerBase + i * k, otherLower: &otherBase[i],
                                                        rowNorm: normBase[i], scratch: scratch)
                                                    guard new != old else { continue }
                                                    labelBase[i] = Int32(new)
                                                    moveRow(i, from: old, to: new, x: xBase, mean: mu.baseAddress!,
                                                            into: &step)
                                                }
                                                return step
                                            }
                                        }
                                    }
                                }
                            }
                        }
                      }
                    }
                }
            }
        }
        return combine(partials, k: k)
    }
}

/// Elkan's per-row state: an upper bound per row (Double), k lower bounds per row (Float,
/// rounded down, relative to `drift`), one lower bound over all other centers, each row's ‖x − μ‖ (rounded up) for the rounding margin,
/// and each center's cumulative movement since the bounds were last reset.
struct ElkanBounds {
    var upper: [Double]
    var lower: [Float]
    /// Hamerly's bound: a lower bound on the distance to every center but the row's own, stored
    /// against `largestDrift` (the sum over iterations of the largest center movement), so that
    /// a row far from every boundary is settled without reading its k bounds.
    var otherLower: [Double]
    var rowNorms: [Double]
    var drift: [Double]
    var largestDrift = 0.0
    /// Whether `lower` holds the k bounds per row (otherwise one unused entry).
    let perCenter: Bool

    init(rows: Int, k: Int, perCenter: Bool) {
        self.perCenter = perCenter
        upper = [Double](repeating: 0, count: rows)
        otherLower = [Double](repeating: 0, count: rows)
        lower = [Float](repeating: 0, count: perCenter ? rows * k : 1)
        rowNorms = [Double](repeating: 0, count: rows)
        drift = [Double](repeating: 0, count: k)
    }

    /// The per-row arrays' addresses, valid inside the body of ``withPointers(_:)``.
    struct Pointers {
        let upper: UnsafeMutablePointer<Double>, otherLower: UnsafeMutablePointer<Double>
        let rowNorms: UnsafeMutablePointer<Double>, lower: UnsafeMutablePointer<Float>
    }

    mutating func withPointers<R>(_ body: (Pointers) -> R) -> R {
        upper.withUnsafeMutableBufferPointer { u in
            otherLower.withUnsafeMutableBufferPointer { o in
                rowNorms.withUnsafeMutableBufferPointer { r in
                    lower.withUnsafeMutableBufferPointer { l in
                        body(Pointers(upper: u.baseAddress!, otherLower: o.baseAddress!, rowNorms: r.baseAddress!,
                                      lower: l.baseAddress!))
                    }
                }
            }
        }
    }
}

/// One row's pruned Elkan step, over pointers the caller keeps alive for the pass.
struct ElkanRowKernel<Scalar: BLASScalar> {
    let k: Int, d: Int
    let x: UnsafePointer<Scalar>, mean: UnsafePointer<Scalar>
    /// The centers as the kernels see them (rounded to the data's precision), widened to Double.
    let centers: UnsafePointer<Double>
    let panel: CenterPanel<Scalar>
    let between: UnsafePointer<Float>
    let nearestOther: [Double]
    let drift: [Double]
    let driftUp: UnsafePointer<Float>
    let movement: [Double]
    let largestDrift: Double
    let marginScale: Double, largest: Double, relative: Double

    /// Per-thread buffers, allocated once per group and released by the caller.
    struct Scratch {
        let candidates: UnsafeMutablePointer<Int32>
        let distances: UnsafeMutablePointer<Double>

        init(k: Int) {
            candidates = .allocate(capacity: k + 1)
            distances = .allocate(capacity: k + 1)
        }

        func release() {
            candidates.deallocate()
            distances.deallocate()
        }
    }

    /// The row's nearest center by the kernel's values (its label in a Lloyd pass), updating its
    /// upper bound and the lower bounds of the centers whose distances were computed.
    @inline(__always)
    func assign(
        row i: Int, label a: Int, upper: inout Double, lower: UnsafeMutablePointer<Float>,
        otherLower: inout Double, rowNorm: Double, scratch: Scratch
    ) -> Int {
        var u = roundedUp(upper + movement[a])
        let reach = rowNorm + largest
        let margin = marginScale * reach * reach
        // A center j is ruled out (its kernel value provably above the label's) when
        // l_j > √(u² + margin) or ‖c_a − c_j‖ > u + √(u² + margin).
        if settled(u, margin: margin, label: a, otherLower: otherLower) {
            upper = u
            return a
        }
        var widened = roundedUp((u * u + margin).squareRoot())
        let row = x + i * d
        let candidates = scratch.candidates, distances = scratch.distances
        var count = select(label: a, widened: widened, u: u, lower: lower, into: candidates, from: nil, count: k)
        if count == 0 {
            upper = u
            otherLower = refreshedOtherLower(lower, label: a)
            return a
        }
        // Make u exact, then look again.
        var own = 0.0
        var label32 = Int32(a)
        Scalar._rowDistances(row, d, mean, centers, &label32, 1, &own)
        u = roundedUp((own * (1 + relative)).squareRoot())
        lower[a] = storedBound((own * (1 - relative)).squareRoot(), drift: drift[a])
        widened = roundedUp((u * u + margin).squareRoot())
        count = select(label: a, widened: widened, u: u, lower: lower, into: candidates, from: candidates,
                       count: count)
        if count == 0 {
            upper = u
            otherLower = refreshedOtherLower(lower, label: a)
            return a
        }
        Scalar._rowDistances(row, d, mean, centers, candidates, count, distances)
        for c in 0..<count {
            let j = Int(candidates[c])
            lower[j] = storedBound((distances[c] * (1 - relative)).squareRoot(), drift: drift[j])
        }
        let (best, bestDistance) = nearest(row, label: a, own: own, candidates: candidates, distances: distances,
                                           count: count, margin: margin)
        upper = roundedUp((bestDistance * (1 + relative)).squareRoot())
        otherLower = refreshedOtherLower(lower, label: best)
        return best
    }

    /// Whether the bounds settle a row with upper bound `u`: every other center is farther than
    /// √(u² + margin), by Hamerly's bound or by the distance from c_a to its nearest other center
    /// less u. Compared squared (no root on the path most rows take), each rounding covered.
    @inline(__always)
    private func settled(_ u: Double, margin: Double, label a: Int, otherLower: Double) -> Bool {
        let widenedSquared = (u * u + margin) * (1 + 0x1p-50)
        let gap = (nearestOther[a] - u) * (1 - 0x1p-50)
        let other = (otherLower - largestDrift) * (1 - 0x1p-50)
        return (gap > 0 && gap * gap * (1 - 0x1p-50) > widenedSquared)
            || (other > 0 && other * other * (1 - 0x1p-50) > widenedSquared)
    }

    /// The kernel's nearest center among the label (squared distance `own`) and the candidates
    /// (their squared distances), with its squared distance. Decided by the accurate distances
    /// when every other one is farther by more than the kernel's rounding can bridge; otherwise
    /// by the kernel itself (the ruled-out centers cannot win: their values exceed the label's).
    @inline(__always)
    private func nearest(
        _ row: UnsafePointer<Scalar>, label a: Int, own: Double, candidates: UnsafeMutablePointer<Int32>,
        distances: UnsafePointer<Double>, count: Int, margin: Double
    ) -> (Int, Double) {
        var (best, bestDistance, ambiguous) = accurateNearest(
            label: a, own: own, candidates: candidates, distances: distances, count: count, margin: margin)
        if ambiguous {
            var chosen: Int32 = 0
            panel.nearest(row, rows: 1, stride: d, labels: &chosen)
            if Int(chosen) != best {
                best = Int(chosen)
                Scalar._rowDistances(row, d, mean, centers, &chosen, 1, &bestDistance)
            }
        }
        return (best, bestDistance)
    }

    /// The nearest of the label and the candidates by the accurate distances, and whether another
    /// of them is too close for the kernel's rounding to be sure of the same choice.
    @inline(__always)
    private func accurateNearest(
        label a: Int, own: Double, candidates: UnsafePointer<Int32>, distances: UnsafePointer<Double>, count: Int,
        margin: Double
    ) -> (Int, Double, Bool) {
        var best = a, bestDistance = own
        for c in 0..<count {
            let j = Int(candidates[c]), distance = distances[c]
            if distance < bestDistance || (distance == bestDistance && j < best) {
                best = j
                bestDistance = distance
            }
        }
        let ceiling = bestDistance * (1 + relative) + margin
        var ambiguous = best != a && own * (1 - relative) <= ceiling
        for c in 0..<count where !ambiguous && Int(candidates[c]) != best {
            ambiguous = distances[c] * (1 - relative) <= ceiling
        }
        return (best, bestDistance, ambiguous)
    }

    /// The row's bound over every center but `label`, from its k bounds, stored against the
    /// largest drift (rounded down: the Float subtraction may round up by half a unit).
    @inline(__always)
    private func refreshedOtherLower(_ lower: UnsafePointer<Float>, label: Int) -> Double {
        let nearest = Double(_elkanMinimumLower(lower: lower, drift: driftUp, k: k, skip: label))
        return (Swift.max(0, nearest * (1 - 0x1p-22)) + largestDrift) * (1 - 0x1p-50)
    }

    /// The centers j (other than the label) that the bounds do not rule out, from all centers or
    /// from the `count` listed in `previous`; returns how many were written to `out`.
    @inline(__always)
    private func select(
        label a: Int, widened: Double, u: Double, lower: UnsafeMutablePointer<Float>,
        into out: UnsafeMutablePointer<Int32>, from previous: UnsafePointer<Int32>?, count: Int
    ) -> Int {
        // Float thresholds rounded up, with room for the rounding of the Float subtraction below.
        let lowerLimit = floatRoundedUp(widened * (1 + 0x1p-21))
        let betweenLimit = floatRoundedUp(u + widened)
        let betweenRow = between + a * k
        var written = 0
        if let previous {
            for c in 0..<count {
                let j = Int(previous[c])
                let open = lower[j] - driftUp[j] <= lowerLimit && betweenRow[j] <= betweenLimit
                out[written] = Int32(j)
                written += open ? 1 : 0
            }
        } else {
            written = _elkanOpenCenters(lower: lower, drift: driftUp, between: betweenRow, k: k,
                                        lowerLimit: lowerLimit, betweenLimit: betweenLimit, into: out)
        }
        return written
    }

    /// A fresh lower bound λ stored against the center's current drift, rounded down to Float
    /// (the rounding of the Double sum is far inside the rounding down).
    @inline(__always)
    private func storedBound(_ bound: Double, drift: Double) -> Float {
        floatRoundedDown(bound + drift)
    }
}

/// `value` rounded up to the next Double (so that a sum or root rounded to nearest stays an
/// upper bound).
@inline(__always)
func roundedUp(_ value: Double) -> Double { value.nextUp }

/// A Float at most `value` (≥ 0), without branches: scaled down by more than Float's rounding
/// can add back (and by more than an absolute rounding among subnormals), clamped to Float's
/// range.
@inline(__always)
func floatRoundedDown(_ value: Double) -> Float {
    Float(Swift.min(value * (1 - 0x1p-22) - 0x1p-140, Double(Float.greatestFiniteMagnitude)))
}

/// A Float at least `value` (≥ 0), without branches (+inf past Float's range).
@inline(__always)
func floatRoundedUp(_ value: Double) -> Float {
    Float(value * (1 + 0x1p-22) + 0x1p-140)
}

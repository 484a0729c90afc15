import Foundation
import PersonasNumerics

extension DecisionTree {
    /// Grows a CART tree (Breiman, Friedman, Olshen & Stone 1984) with exact splits.
    ///
    /// Numeric features are sorted once (radix argsort), then the tree grows level by level: every
    /// row carries the index of its open node, and one pass over each feature's sorted order
    /// accumulates per-node class totals and scores every threshold of every open node, O(n·d) per
    /// level, features in parallel (fixed chunks, one per feature). Thresholds are midpoints between
    /// consecutive distinct values (scikit-learn's convention). The best split of a node has the
    /// lowest weighted child impurity; ties go to the lower feature index, then the lower threshold,
    /// so the tree does not depend on the thread count. Categorical levels are ordered at each node
    /// by the share of the node's majority class (Breiman's ordering, exact for two classes, a
    /// heuristic for more) and split as a prefix of that order. Missing values go to the side that
    /// scores better (both are tried); if a node saw none, to the child with more rows.
    ///
    /// - Parameters:
    ///   - data: n rows.
    ///   - labels: a class per row.
    ///   - sampleWeights: nil or n non-negative weights; nil takes the survey weights of
    ///     `labels` (``TreeLabels/weights``), if any.
    ///   - parameters: the growth limits and the impurity criterion.
    /// - Complexity: O(n log n · d) to sort (radix, so O(n·d) in practice), O(n·d) per level.
    public static func fit(_ data: TreeDataset, labels: TreeLabels, sampleWeights: [Double]? = nil,
                           parameters: TreeParameters = TreeParameters()) throws(TypingToolError) -> DecisionTree {
        let k = labels.classLabels.count
        guard labels.count == data.rowCount else {
            throw .labelMismatch("\(labels.count) labels for \(data.rowCount) rows")
        }
        guard data.rowCount > 0 else { throw .invalidParameter("no training rows") }
        guard k > 0, labels.classes.allSatisfy({ $0 >= 0 && Int($0) < k }) else {
            throw .labelMismatch("class indices must lie in 0..<\(k)")
        }
        try parameters.validate(classCount: k)
        var weights = sampleWeights ?? labels.weights ?? [Double](repeating: 1, count: data.rowCount)
        guard weights.count == data.rowCount, weights.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw .invalidParameter("sample weights must be \(data.rowCount) finite non-negative numbers")
        }
        if let cw = parameters.classWeights {
            for i in weights.indices { weights[i] *= cw[Int(labels.classes[i])] }
        }
        var builder = CARTBuilder(data: data, labels: labels.classes, classCount: k, weights: weights,
                                  parameters: parameters)
        let nodes = builder.grow()
        return DecisionTree(features: data.features, classLabels: labels.classLabels, nodes: nodes,
                            criterion: parameters.criterion)
    }
}

/// Impurity of weighted class totals.
func treeImpurity(_ counts: UnsafeBufferPointer<Double>, criterion: TreeCriterion) -> Double {
    var total = 0.0
    for c in counts { total += c }
    guard total > 0 else { return 0 }
    switch criterion {
    case .gini:
        var sq = 0.0
        for c in counts { sq += c * c }
        return 1 - sq / (total * total)
    case .entropy:
        var h = 0.0
        for c in counts where c > 0 {
            let p = c / total
            h -= p * log2(p)
        }
        return h
    }
}

func treeImpurity(_ counts: [Double], criterion: TreeCriterion) -> Double {
    counts.withUnsafeBufferPointer { treeImpurity($0, criterion: criterion) }
}

func majorityClass(_ counts: [Double]) -> Int {
    var best = 0
    for i in counts.indices where counts[i] > counts[best] { best = i }
    return best
}

struct CARTBuilder {
    enum Prepared {
        /// Non-missing rows sorted by value (stable), their values, and the rows with a missing value.
        /// `labels` and `weights` are copies in sorted order, so the scan streams them instead of
        /// gathering at random (the gathers were 80% of the fit time); `weights` is nil when all are 1.
        case sorted(order: [Int32], values: [Double], missing: [Int32], labels: [Int32], weights: [Double]?)
        case codes([Int32], levelCount: Int)
    }

    struct Candidate {
        var score = -Double.infinity
        var threshold = 0.0
        var leftLevels: [Int]? = nil
        var missingLeft = false
        /// Whether training rows with a missing value reached the node (else the default is decided later).
        var sawMissing = false
        var found = false
    }

    let n: Int
    let d: Int
    let k: Int
    let labels: [Int32]
    let weights: [Double]
    let parameters: TreeParameters
    let data: TreeDataset
    let prepared: [Prepared]
    /// Values used to route rows (ordinal codes as numbers).
    let routeValues: [[Double]?]

    init(data: TreeDataset, labels: [Int32], classCount: Int, weights: [Double], parameters: TreeParameters) {
        n = data.rowCount
        d = data.features.count
        k = classCount
        self.labels = labels
        self.weights = weights
        self.parameters = parameters
        self.data = data
        let features = data.features
        let columns = data.columns
        let route: [[Double]?] = (0..<features.count).map { f in
            switch columns[f] {
            case .numbers(let v): return v
            case .codes(let c): return features[f].kind == .ordinal ? c.map { $0 < 0 ? Double.nan : Double($0) } : nil
            }
        }
        routeValues = route
        let unit = weights.allSatisfy { $0 == 1 }
        prepared = ParallelFor.mapChunks(features.count) { f in
            if let values = route[f] {
                guard case .sorted(let order, let sorted, let missing, _, _) = CARTBuilder.presort(values) else { fatalError() }
                return .sorted(order: order, values: sorted, missing: missing, labels: order.map { labels[Int($0)] },
                               weights: unit ? nil : order.map { weights[Int($0)] })
            }
            if case .codes(let c) = columns[f] {
                return .codes(c, levelCount: features[f].levels?.count ?? Int((c.max() ?? -1) + 1))
            }
            fatalError("unreachable")
        }
    }

    /// Stable argsort of the non-NaN values by a 4-pass LSD radix sort on order-preserving keys.
    static func presort(_ values: [Double]) -> Prepared {
        var keys: [UInt64] = []
        var order: [Int32] = []
        var missing: [Int32] = []
        keys.reserveCapacity(values.count)
        order.reserveCapacity(values.count)
        for (i, v) in values.enumerated() {
            if v.isNaN { missing.append(Int32(i)); continue }
            let bits = (v == 0 ? 0.0 : v).bitPattern  // -0.0 and +0.0 compare equal
            keys.append(bits >> 63 == 1 ? ~bits : bits | (1 << 63))
            order.append(Int32(i))
        }
        let m = keys.count
        if m < 2048 {
            let perm = (0..<m).sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
            let o = perm.map { order[$0] }
            return .sorted(order: o, values: o.map { values[Int($0)] == 0 ? 0 : values[Int($0)] }, missing: missing,
                           labels: [], weights: nil)
        }
        var keys2 = [UInt64](repeating: 0, count: m)
        var order2 = [Int32](repeating: 0, count: m)
        var counts = [Int](repeating: 0, count: 1 << 16)
        keys.withUnsafeMutableBufferPointer { ka in
            keys2.withUnsafeMutableBufferPointer { kb in
                order.withUnsafeMutableBufferPointer { oa in
                    order2.withUnsafeMutableBufferPointer { ob in
                        counts.withUnsafeMutableBufferPointer { counts in
                            var fromK = ka, toK = kb, fromO = oa, toO = ob
                            for pass in 0..<4 {
                                let shift = UInt64(16 * pass)
                                for i in 0..<counts.count { counts[i] = 0 }
                                for i in 0..<m { counts[Int((fromK[i] >> shift) & 0xFFFF)] += 1 }
                                if counts[Int((fromK[0] >> shift) & 0xFFFF)] == m { continue }
                                var running = 0
                                for i in 0..<counts.count {
                                    let c = counts[i]
                                    counts[i] = running
                                    running += c
                                }
                                for i in 0..<m {
                                    let key = fromK[i]
                                    let digit = Int((key >> shift) & 0xFFFF)
                                    let at = counts[digit]
                                    toK[at] = key
                                    toO[at] = fromO[i]
                                    counts[digit] = at + 1
                                }
                                swap(&fromK, &toK)
                                swap(&fromO, &toO)
                            }
                            if fromK.baseAddress != ka.baseAddress {
                                for i in 0..<m {
                                    ka[i] = fromK[i]
                                    oa[i] = fromO[i]
                                }
                            }
                        }
                    }
                }
            }
        }
        let sortedValues = [Double](unsafeUninitializedCapacity: m) { buffer, initialized in
            for i in 0..<m {
                let key = keys[i]
                buffer[i] = Double(bitPattern: key >> 63 == 1 ? key & ~(1 << 63) : ~key)
            }
            initialized = m
        }
        return .sorted(order: order, values: sortedValues, missing: missing, labels: [], weights: nil)
    }

    struct Open {
        var node: Int
        var depth: Int
    }

    /// Grows the tree; returns nodes in preorder.
    mutating func grow() -> [TreeNode] {
        var nodes: [TreeNode] = []
        var slot = [Int32](repeating: 0, count: n)
        var rootCounts = [Double](repeating: 0, count: k)
        var rootWeight = 0.0
        for i in 0..<n {
            rootCounts[Int(labels[i])] += weights[i]
            rootWeight += weights[i]
        }
        let totalWeight = rootWeight
        nodes.append(makeNode(counts: rootCounts, samples: n))
        var open = [Open(node: 0, depth: 0)]
        let msl = parameters.minSamplesLeaf
        let epsilon = Double.ulpOfOne

        while !open.isEmpty {
            // Which open nodes may split.
            var splittable = [Bool](repeating: false, count: open.count)
            for (s, o) in open.enumerated() {
                let node = nodes[o.node]
                let depthOK = parameters.maxDepth.map { o.depth < $0 } ?? true
                splittable[s] = depthOK && node.samples >= parameters.minSamplesSplit && node.samples >= 2 * msl
                    && node.impurity > epsilon
            }
            if !splittable.contains(true) { break }
            let m = open.count
            var nodeCounts = [Double](repeating: 0, count: m * k)
            var nodeSamples = [Int](repeating: 0, count: m)
            for (s, o) in open.enumerated() {
                for c in 0..<k { nodeCounts[s * k + c] = nodes[o.node].distribution[c] }
                nodeSamples[s] = nodes[o.node].samples
            }
            // Open-node indices per row, as bytes while they fit (the array then stays in L2 cache,
            // and the scans gather from it at random); none = the type's maximum.
            let perFeature: [[Candidate]]
            if m < Int(UInt8.max) {
                let compact = slot.map { $0 < 0 ? UInt8.max : UInt8(truncatingIfNeeded: $0) }
                perFeature = compact.withUnsafeBufferPointer {
                    scanAll(slots: $0, m: m, nodeCounts: nodeCounts, nodeSamples: nodeSamples, splittable: splittable)
                }
            } else {
                let wide = slot.map { $0 < 0 ? UInt32.max : UInt32($0) }
                perFeature = wide.withUnsafeBufferPointer {
                    scanAll(slots: $0, m: m, nodeCounts: nodeCounts, nodeSamples: nodeSamples, splittable: splittable)
                }
            }
            var best = [(feature: Int, candidate: Candidate)?](repeating: nil, count: m)
            for f in 0..<d {
                for s in 0..<m where perFeature[f][s].found {
                    if best[s] == nil || perFeature[f][s].score > best[s]!.candidate.score {
                        best[s] = (f, perFeature[f][s])
                    }
                }
            }
            // Route rows to tentative children 2s / 2s+1 and total the children.
            var childCounts = [Double](repeating: 0, count: 2 * m * k)
            var childSamples = [Int](repeating: 0, count: 2 * m)
            var missingDirection = [Bool](repeating: true, count: m)
            for s in 0..<m { if let b = best[s] { missingDirection[s] = b.candidate.missingLeft } }
            // Nodes that saw no missing value send missing rows to the child with more rows; count first.
            for r in 0..<n {
                let s = Int(slot[r])
                guard s >= 0, let b = best[s] else { slot[r] = -1; continue }
                let goLeft = routeLeft(row: r, feature: b.feature, candidate: b.candidate, missingLeft: missingDirection[s])
                let child = 2 * s + (goLeft ? 0 : 1)
                slot[r] = Int32(child)
                childCounts[child * k + Int(labels[r])] += weights[r]
                childSamples[child] += 1
            }
            var nextOpen: [Open] = []
            var remap = [Int32](repeating: -1, count: 2 * m)
            for s in 0..<m {
                guard let b = best[s] else { continue }
                let parent = open[s].node
                let lc = Array(childCounts[(2 * s) * k..<(2 * s + 1) * k])
                let rc = Array(childCounts[(2 * s + 1) * k..<(2 * s + 2) * k])
                let left = makeNode(counts: lc, samples: childSamples[2 * s])
                let right = makeNode(counts: rc, samples: childSamples[2 * s + 1])
                let pw = nodes[parent].weight
                let improvement = pw > 0
                    ? pw / totalWeight * (nodes[parent].impurity - right.weight / pw * right.impurity - left.weight / pw * left.impurity)
                    : 0
                if improvement + epsilon < parameters.minImpurityDecrease { continue }
                var candidate = b.candidate
                if !candidate.sawMissing { candidate.missingLeft = left.samples >= right.samples }
                nodes[parent].feature = b.feature
                if let levels = candidate.leftLevels {
                    nodes[parent].leftLevels = levels
                } else if data.features[b.feature].kind == .ordinal {
                    let count = data.features[b.feature].levels?.count ?? 0
                    nodes[parent].leftLevels = (0..<count).filter { Double($0) <= candidate.threshold }
                } else {
                    nodes[parent].threshold = candidate.threshold
                }
                nodes[parent].missingGoesLeft = candidate.missingLeft
                nodes[parent].left = nodes.count
                remap[2 * s] = Int32(nextOpen.count)
                nextOpen.append(Open(node: nodes.count, depth: open[s].depth + 1))
                nodes.append(left)
                nodes[parent].right = nodes.count
                remap[2 * s + 1] = Int32(nextOpen.count)
                nextOpen.append(Open(node: nodes.count, depth: open[s].depth + 1))
                nodes.append(right)
            }
            for r in 0..<n where slot[r] >= 0 { slot[r] = remap[Int(slot[r])] }
            open = nextOpen
        }
        return Self.preorder(nodes)
    }

    func scanAll<Slot: FixedWidthInteger & UnsignedInteger>(
        slots: UnsafeBufferPointer<Slot>, m: Int, nodeCounts: [Double], nodeSamples: [Int], splittable: [Bool]
    ) -> [[Candidate]] {
        ParallelFor.mapChunks(d) { f in
            switch prepared[f] {
            case .sorted(let order, let values, let missing, let sortedLabels, let sortedWeights):
                return scanSorted(order: order, values: values, missing: missing, sortedLabels: sortedLabels,
                                  sortedWeights: sortedWeights, slots: slots, m: m,
                                  nodeCounts: nodeCounts, nodeSamples: nodeSamples, splittable: splittable)
            case .codes(let codes, let levelCount):
                return scanCodes(codes: codes, levelCount: levelCount, slots: slots, m: m,
                                 nodeCounts: nodeCounts, nodeSamples: nodeSamples, splittable: splittable)
            }
        }
    }

    func routeLeft(row r: Int, feature f: Int, candidate: Candidate, missingLeft: Bool) -> Bool {
        if let values = routeValues[f] {
            let v = values[r]
            return v.isNaN ? missingLeft : v <= candidate.threshold
        }
        guard case .codes(let codes) = data.columns[f] else { return true }
        let code = Int(codes[r])
        if code < 0 { return missingLeft }
        return candidate.leftLevels!.contains(code)
    }

    func makeNode(counts: [Double], samples: Int) -> TreeNode {
        TreeNode(feature: -1, threshold: nil, leftLevels: nil, left: -1, right: -1, missingGoesLeft: true,
                 segment: majorityClass(counts), distribution: counts, samples: samples,
                 weight: counts.reduce(0, +), impurity: treeImpurity(counts, criterion: parameters.criterion))
    }

    static func preorder(_ nodes: [TreeNode]) -> [TreeNode] {
        var order: [Int] = []
        var stack = [0]
        while let i = stack.popLast() {
            order.append(i)
            if !nodes[i].isLeaf {
                stack.append(nodes[i].right)
                stack.append(nodes[i].left)
            }
        }
        var newIndex = [Int](repeating: -1, count: nodes.count)
        for (new, old) in order.enumerated() { newIndex[old] = new }
        return order.map { old in
            var node = nodes[old]
            if !node.isLeaf {
                node.left = newIndex[node.left]
                node.right = newIndex[node.right]
            }
            return node
        }
    }

    /// Score to maximise for a child with class totals `c` (weight `w`): Σc²/w for Gini, Σ c ln c − w ln w
    /// for entropy (both are minus the child's weighted impurity, up to terms fixed by the parent).
    @inline(__always)
    func childScore(_ c: UnsafePointer<Double>, plus extra: UnsafePointer<Double>?, weight w: Double) -> Double {
        guard w > 0 else { return 0 }
        switch parameters.criterion {
        case .gini:
            var sq = 0.0
            for j in 0..<k {
                let v = c[j] + (extra?[j] ?? 0)
                sq += v * v
            }
            return sq / w
        case .entropy:
            var s = 0.0
            for j in 0..<k {
                let v = c[j] + (extra?[j] ?? 0)
                if v > 0 { s += v * Foundation.log(v) }
            }
            return s - w * Foundation.log(w)
        }
    }

    func scanSorted(order: [Int32], values: [Double], missing: [Int32], sortedLabels: [Int32], sortedWeights: [Double]?,
                    slots: UnsafeBufferPointer<some FixedWidthInteger & UnsignedInteger>, m: Int,
                    nodeCounts: [Double], nodeSamples: [Int], splittable: [Bool]) -> [Candidate] {
        var result = [Candidate](repeating: Candidate(), count: m)
        let msl = parameters.minSamplesLeaf
        let gini = parameters.criterion == .gini
        // Missing rows per node, then the non-missing totals.
        var miss = [Double](repeating: 0, count: m * k)
        var missW = [Double](repeating: 0, count: m)
        var missN = [Int](repeating: 0, count: m)
        for r32 in missing {
            let r = Int(r32)
            let s = Int(slots[r])
            guard s < m else { continue }
            miss[s * k + Int(labels[r])] += weights[r]
            missW[s] += weights[r]
            missN[s] += 1
        }
        var total = [Double](repeating: 0, count: m * k)
        var totalW = [Double](repeating: 0, count: m)
        var sumSqR = [Double](repeating: 0, count: m)
        var mm = [Double](repeating: 0, count: m)
        var tm = [Double](repeating: 0, count: m)
        for s in 0..<m {
            for j in 0..<k {
                let t = nodeCounts[s * k + j] - miss[s * k + j]
                let t2 = t < 0 ? 0 : t
                total[s * k + j] = t2
                totalW[s] += t2
                sumSqR[s] += t2 * t2
                mm[s] += miss[s * k + j] * miss[s * k + j]
                tm[s] += t2 * miss[s * k + j]
            }
        }
        var left = [Double](repeating: 0, count: m * k)
        var leftW = [Double](repeating: 0, count: m)
        var leftN = [Int](repeating: 0, count: m)
        var sumSqL = [Double](repeating: 0, count: m)
        var dotLM = [Double](repeating: 0, count: m)
        var last = [Double](repeating: .nan, count: m)
        var scratch = [Double](repeating: 0, count: k)
        let unitWeights = sortedWeights == nil

        order.withUnsafeBufferPointer { order in
        values.withUnsafeBufferPointer { values in
        sortedLabels.withUnsafeBufferPointer { sortedLabels in
        (sortedWeights ?? []).withUnsafeBufferPointer { sortedWeights in
        left.withUnsafeMutableBufferPointer { left in
        total.withUnsafeMutableBufferPointer { total in
        miss.withUnsafeMutableBufferPointer { miss in
        scratch.withUnsafeMutableBufferPointer { scratch in
            for idx in 0..<order.count {
                let r = Int(order[idx])
                let s = Int(slots[r])
                if s >= m || !splittable[s] { continue }
                let v = values[idx]
                if v > last[s] && leftN[s] >= 1 {
                    let nl = leftN[s], nr = nodeSamples[s] - missN[s] - nl
                    let wl = leftW[s], wr = totalW[s] - wl
                    let mn = missN[s], mw = missW[s]
                    // Missing to the left, then to the right (ties keep the left).
                    for option in 0..<(mn > 0 ? 2 : 1) {
                        let missingLeft = option == 0
                        let nL = nl + (missingLeft && mn > 0 ? mn : 0)
                        let nR = nr + (!missingLeft && mn > 0 ? mn : 0)
                        guard nL >= msl && nR >= msl else { continue }
                        let score: Double
                        if gini {
                            let aw = wl + (missingLeft ? mw : 0), bw = wr + (missingLeft ? 0 : mw)
                            let a = missingLeft ? sumSqL[s] + 2 * dotLM[s] + mm[s] : sumSqL[s]
                            let b = missingLeft ? sumSqR[s] : sumSqR[s] + 2 * (tm[s] - dotLM[s]) + mm[s]
                            score = (aw > 0 ? a / aw : 0) + (bw > 0 ? b / bw : 0)
                        } else {
                            let base = left.baseAddress! + s * k
                            for j in 0..<k { scratch[j] = total[s * k + j] - left[s * k + j] }
                            let mp = miss.baseAddress! + s * k
                            score = childScore(base, plus: missingLeft ? mp : nil, weight: wl + (missingLeft ? mw : 0))
                                + childScore(UnsafePointer(scratch.baseAddress!), plus: missingLeft ? nil : mp,
                                             weight: wr + (missingLeft ? 0 : mw))
                        }
                        if score > result[s].score {
                            let previous = last[s]
                            var threshold = previous / 2 + v / 2
                            if threshold == v || !threshold.isFinite { threshold = previous }
                            result[s] = Candidate(score: score, threshold: threshold, leftLevels: nil,
                                                  missingLeft: missingLeft, sawMissing: mn > 0, found: true)
                        }
                    }
                }
                let c = Int(sortedLabels[idx])
                let wt = unitWeights ? 1.0 : sortedWeights[idx]
                let at = s * k + c
                let cl = left[at]
                let cr = total[at] - cl
                sumSqL[s] += wt * (2 * cl + wt)
                sumSqR[s] += wt * (wt - 2 * cr)
                dotLM[s] += wt * miss[at]
                left[at] = cl + wt
                leftW[s] += wt
                leftN[s] += 1
                last[s] = v
            }
        }}}}}}}}
        return result
    }

    func scanCodes(codes: [Int32], levelCount: Int, slots: UnsafeBufferPointer<some FixedWidthInteger & UnsignedInteger>, m: Int,
                   nodeCounts: [Double], nodeSamples: [Int], splittable: [Bool]) -> [Candidate] {
        var result = [Candidate](repeating: Candidate(), count: m)
        guard levelCount > 0 else { return result }
        let msl = parameters.minSamplesLeaf
        var hist = [Double](repeating: 0, count: m * levelCount * k)
        var histN = [Int](repeating: 0, count: m * levelCount)
        var miss = [Double](repeating: 0, count: m * k)
        var missN = [Int](repeating: 0, count: m)
        for r in 0..<n {
            let s = Int(slots[r])
            if s >= m || !splittable[s] { continue }
            let code = Int(codes[r])
            let c = Int(labels[r])
            if code < 0 {
                miss[s * k + c] += weights[r]
                missN[s] += 1
            } else {
                hist[(s * levelCount + code) * k + c] += weights[r]
                histN[s * levelCount + code] += 1
            }
        }
        var leftC = [Double](repeating: 0, count: k)
        var rightC = [Double](repeating: 0, count: k)
        for s in 0..<m where splittable[s] {
            let nodeC = Array(nodeCounts[s * k..<(s + 1) * k])
            let major = majorityClass(nodeC)
            var present: [(level: Int, share: Double)] = []
            for l in 0..<levelCount where histN[s * levelCount + l] > 0 {
                var w = 0.0
                for j in 0..<k { w += hist[(s * levelCount + l) * k + j] }
                present.append((l, w > 0 ? hist[(s * levelCount + l) * k + major] / w : 0))
            }
            guard present.count >= 2 else { continue }
            present.sort { $0.share != $1.share ? $0.share < $1.share : $0.level < $1.level }
            let missing = Array(miss[s * k..<(s + 1) * k])
            let mn = missN[s], mw = missing.reduce(0, +)
            for j in 0..<k { leftC[j] = 0 }
            var nl = 0
            let nonMissingN = nodeSamples[s] - mn
            for cut in 1..<present.count {
                let l = present[cut - 1].level
                for j in 0..<k { leftC[j] += hist[(s * levelCount + l) * k + j] }
                nl += histN[s * levelCount + l]
                var nonMissingTotal = 0.0
                for j in 0..<k {
                    rightC[j] = nodeC[j] - missing[j] - leftC[j]
                    if rightC[j] < 0 { rightC[j] = 0 }
                    nonMissingTotal += leftC[j] + rightC[j]
                }
                let wl = leftC.reduce(0, +), wr = nonMissingTotal - wl
                for option in 0..<(mn > 0 ? 2 : 1) {
                        let missingLeft = option == 0
                    let nL = nl + (missingLeft && mn > 0 ? mn : 0)
                    let nR = nonMissingN - nl + (!missingLeft && mn > 0 ? mn : 0)
                    guard nL >= msl && nR >= msl else { continue }
                    let score = leftC.withUnsafeBufferPointer { lp in
                        rightC.withUnsafeBufferPointer { rp in
                            missing.withUnsafeBufferPointer { mp in
                                childScore(lp.baseAddress!, plus: missingLeft ? mp.baseAddress! : nil,
                                           weight: wl + (missingLeft ? mw : 0))
                                    + childScore(rp.baseAddress!, plus: missingLeft ? nil : mp.baseAddress!,
                                                 weight: wr + (missingLeft ? 0 : mw))
                            }
                        }
                    }
                    if score > result[s].score {
                        result[s] = Candidate(score: score, threshold: 0,
                                              leftLevels: present[0..<cut].map(\.level).sorted(),
                                              missingLeft: missingLeft, sawMissing: mn > 0, found: true)
                    }
                }
            }
        }
        return result
    }
}

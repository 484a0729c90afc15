#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one pass over the rows adds up, per fixed row group, then over the groups in order. Every
/// sum is weighted by the rows' case weights.
struct LatentClassTotals {
    /// Σ w_i ln p(x_i): the log-likelihood.
    var logLikelihood = 0.0
    /// −Σ w_i Σ_j r_ij ln r_ij: the entropy of the memberships.
    var entropy = 0.0
    /// Σ w_i r_ij per class (k), when moments are asked for; likewise below.
    var classSums: [Double]
    /// Σ w_i r_ij over the rows answering each level, totalLevels × k.
    var levelSums: [Double]
    /// Σ w_i r_ij x_i and Σ w_i r_ij over the rows answering each continuous item, items × k.
    var continuousSums: [Double]
    var continuousCounts: [Double]

    init(k: Int, layout: LatentClassLayout, moments: Bool) {
        classSums = [Double](repeating: 0, count: moments ? k : 0)
        levelSums = [Double](repeating: 0, count: moments ? layout.totalLevels * k : 0)
        continuousSums = [Double](repeating: 0, count: moments ? layout.continuousCount * k : 0)
        continuousCounts = continuousSums
    }

    mutating func add(_ other: LatentClassTotals) {
        logLikelihood += other.logLikelihood
        entropy += other.entropy
        for e in classSums.indices { classSums[e] += other.classSums[e] }
        for e in levelSums.indices { levelSums[e] += other.levelSums[e] }
        for e in continuousSums.indices {
            continuousSums[e] += other.continuousSums[e]
            continuousCounts[e] += other.continuousCounts[e]
        }
    }
}

/// Where a pass writes its per-row results; every pointer covers all n rows and each row group
/// writes only its own rows.
struct LatentClassOutputs {
    /// n × k memberships: written by an E-step, read by a pass without tables.
    var responsibilities: UnsafeMutablePointer<Double>?
    /// Each row's most probable class (the first on ties).
    var labels: UnsafeMutablePointer<Int32>?
    /// Each row's log-likelihood ln p(x_i) (unweighted).
    var logDensities: UnsafeMutablePointer<Double>?
    /// Whether to add up the M-step's sums.
    var moments = false
    /// Whether to add up the entropy.
    var entropy = false
}

extension LatentClassData {
    /// One pass over the rows: the E-step with `tables` (each row's class scores, their
    /// log-sum-exp, memberships, label), or without tables the given memberships read back; then,
    /// when asked, the sums the M-step's weights, level probabilities and means come from.
    /// Parallel over the fixed row groups, combined in group order.
    func expectation(_ tables: LatentClassTables?, k: Int, _ outputs: LatentClassOutputs) -> LatentClassTotals {
        let layout = self.layout, q = items
        let partials: [LatentClassTotals] = mapGroups { group in
            var totals = LatentClassTotals(k: k, layout: layout, moments: outputs.moments)
            var local = [Double](repeating: 0, count: k)
            var logLikelihood = 0.0, entropy = 0.0
            withValues { values in
            local.withUnsafeMutableBufferPointer { local in
            weights.withUnsafeBufferPointer { weights in
            layout.slots.withUnsafeBufferPointer { slots in
            totals.withSums { sums in
                func walk(_ scoring: LatentClassTables.Pointers?) {
                    for i in group {
                        let row = values + i * q, w = weights[i]
                        let r = outputs.responsibilities.map { $0 + i * k } ?? local.baseAddress!
                        if let scoring {
                            scoring.scores(row, into: r)
                            let (logDensity, best) = Self.normalise(r, k: k)
                            logLikelihood += w * logDensity
                            outputs.labels?[i] = Int32(best)
                            outputs.logDensities?[i] = logDensity
                            if outputs.entropy { entropy += w * Self.entropy(r, k: k) }
                        }
                        if outputs.moments { sums.add(row, r, weight: w, slots: slots.baseAddress!, items: q, k: k) }
                    }
                }
                if let tables { tables.withPointers(layout) { walk($0) } } else { walk(nil) }
            }
            }
            }
            }
            }
            totals.logLikelihood = logLikelihood
            totals.entropy = entropy
            return totals
        }
        var total = LatentClassTotals(k: k, layout: layout, moments: outputs.moments)
        for partial in partials { total.add(partial) }
        return total
    }

    /// Turns a row's class scores into its memberships by log-sum-exp, in place; returns the
    /// row's log-likelihood and its most probable class (the first on ties).
    @inline(__always)
    static func normalise(_ r: UnsafeMutablePointer<Double>, k: Int) -> (logDensity: Double, best: Int) {
        var best = 0
        for j in 1..<max(k, 1) where r[j] > r[best] { best = j }
        let top = r[best]
        var sum = 0.0
        for j in 0..<k {
            r[j] = exp(r[j] - top)
            sum += r[j]
        }
        for j in 0..<k { r[j] /= sum }
        return (top + log(sum), best)
    }

    /// −Σ_j r_j ln r_j of one row's memberships.
    @inline(__always)
    static func entropy(_ r: UnsafeMutablePointer<Double>, k: Int) -> Double {
        var entropy = 0.0
        for j in 0..<k where r[j] > 0 { entropy -= r[j] * log(r[j]) }
        return entropy
    }

    /// Σ w_i r_ij (x_i − μ_j)² per continuous item and class (items × k) over the rows answering
    /// the item, around the new means: the variances' second pass (never E[x²] − μ², which loses
    /// digits to cancellation).
    func scatter(_ responsibilities: UnsafePointer<Double>, means: [Double], k: Int) -> [Double] {
        let layout = self.layout, q = items, count = layout.continuousCount * k
        let partials: [[Double]] = mapGroups { group in
            var total = [Double](repeating: 0, count: count)
            withValues { values in
            weights.withUnsafeBufferPointer { weights in
            layout.slots.withUnsafeBufferPointer { slots in
            means.withUnsafeBufferPointer { means in
            total.withUnsafeMutableBufferPointer { total in
                for i in group {
                    let row = values + i * q, r = responsibilities + i * k, w = weights[i]
                    for item in 0..<q where slots[item] < 0 && !row[item].isNaN {
                        let base = (-1 - slots[item]) * k, x = row[item]
                        for j in 0..<k {
                            let deviation = x - means[base + j]
                            total[base + j] += w * r[j] * (deviation * deviation)
                        }
                    }
                }
            }
            }
            }
            }
            }
            return total
        }
        var total = [Double](repeating: 0, count: count)
        for partial in partials { for e in 0..<count { total[e] += partial[e] } }
        return total
    }
}

extension LatentClassTotals {
    /// The M-step's sums of one row group, as pointers for the row loop.
    struct Sums {
        let classSums: UnsafeMutablePointer<Double>?
        let levelSums: UnsafeMutablePointer<Double>?
        let continuousSums: UnsafeMutablePointer<Double>?
        let continuousCounts: UnsafeMutablePointer<Double>?

        /// Adds a row's weighted memberships to the class, level and continuous sums.
        @inline(__always)
        func add(
            _ row: UnsafePointer<Double>, _ r: UnsafeMutablePointer<Double>, weight w: Double,
            slots: UnsafePointer<Int>, items: Int, k: Int
        ) {
            for j in 0..<k { classSums![j] += w * r[j] }
            for item in 0..<items {
                let x = row[item]
                if x.isNaN { continue }
                let slot = slots[item]
                if slot >= 0 {
                    let target = levelSums! + (slot + Int(x)) * k
                    for j in 0..<k { target[j] += w * r[j] }
                } else {
                    let base = (-1 - slot) * k
                    let counts = continuousCounts! + base, sums = continuousSums! + base
                    for j in 0..<k {
                        let share = w * r[j]
                        counts[j] += share
                        sums[j] += share * x
                    }
                }
            }
        }
    }

    /// Runs `body` with pointers to the sums (nil where a sum is empty).
    mutating func withSums<R>(_ body: (Sums) -> R) -> R {
        classSums.withUnsafeMutableBufferPointer { c in
        levelSums.withUnsafeMutableBufferPointer { l in
        continuousSums.withUnsafeMutableBufferPointer { s in
        continuousCounts.withUnsafeMutableBufferPointer { n in
            body(Sums(classSums: c.baseAddress, levelSums: l.baseAddress, continuousSums: s.baseAddress,
                      continuousCounts: n.baseAddress))
        }
        }
        }
        }
    }
}

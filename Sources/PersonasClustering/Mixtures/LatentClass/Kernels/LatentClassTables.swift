/// A model's ``LatentClassPoints`` laid out flat for the E-step: every table class-minor (the k
/// classes of one level or one continuous item side by side), so a row's answer reads k
/// consecutive numbers.
struct LatentClassTables {
    let k: Int
    /// ln π_j (k).
    let constants: [Double]
    /// ln p_j(level), totalLevels × k: item q's level l in row `offsets[q] + l`.
    let levelPoints: [Double]
    /// Continuous items × k each: the means, the half precisions and the log normalisers.
    let means: [Double]
    let halfPrecisions: [Double]
    let normalisers: [Double]

    init(_ points: LatentClassPoints, layout: LatentClassLayout) {
        let k = points.k
        self.k = k
        constants = points.constants
        var levelPoints = [Double](repeating: 0, count: layout.totalLevels * k)
        var means: [Double] = [], halfPrecisions: [Double] = [], normalisers: [Double] = []
        for (q, item) in points.items.enumerated() {
            switch item {
            case .categorical(let table):
                for j in 0..<k { for l in 0..<table.columns { levelPoints[(layout.offsets[q] + l) * k + j] = table[j, l] } }
            case .continuous(let m, let h, let c):
                means += m
                halfPrecisions += h
                normalisers += c
            }
        }
        self.levelPoints = levelPoints
        self.means = means
        self.halfPrecisions = halfPrecisions
        self.normalisers = normalisers
    }

    /// The tables' pointers for one pass (the arrays outlive it).
    func withPointers<R>(_ layout: LatentClassLayout, _ body: (Pointers) -> R) -> R {
        constants.withUnsafeBufferPointer { c in
        levelPoints.withUnsafeBufferPointer { l in
        means.withUnsafeBufferPointer { m in
        halfPrecisions.withUnsafeBufferPointer { h in
        normalisers.withUnsafeBufferPointer { z in
        layout.slots.withUnsafeBufferPointer { slots in
            body(Pointers(k: k, items: slots.count, slots: slots.baseAddress!, constants: c.baseAddress!,
                          levelPoints: l.baseAddress, means: m.baseAddress, halfPrecisions: h.baseAddress,
                          normalisers: z.baseAddress))
        }
        }
        }
        }
        }
        }
    }

    struct Pointers {
        let k: Int
        let items: Int
        /// ``LatentClassLayout/slots``.
        let slots: UnsafePointer<Int>
        let constants: UnsafePointer<Double>
        let levelPoints: UnsafePointer<Double>?
        let means: UnsafePointer<Double>?
        let halfPrecisions: UnsafePointer<Double>?
        let normalisers: UnsafePointer<Double>?

        /// Row `row`'s score for every class (``LatentClassPoints``' sum: the constant, then each
        /// answered item's point, left to right) into `scores` (k).
        @inline(__always)
        func scores(_ row: UnsafePointer<Double>, into scores: UnsafeMutablePointer<Double>) {
            let k = self.k
            for j in 0..<k { scores[j] = constants[j] }
            for q in 0..<items {
                let x = row[q]
                if x.isNaN { continue }
                let slot = slots[q]
                if slot >= 0 {
                    let table = levelPoints! + (slot + Int(x)) * k
                    for j in 0..<k { scores[j] += table[j] }
                } else {
                    let base = (-1 - slot) * k
                    let mean = means! + base, half = halfPrecisions! + base, normaliser = normalisers! + base
                    for j in 0..<k {
                        scores[j] += LatentClassPoints.continuousPoint(x, mean: mean[j], halfPrecision: half[j],
                                                                       constant: normaliser[j])
                    }
                }
            }
        }
    }
}

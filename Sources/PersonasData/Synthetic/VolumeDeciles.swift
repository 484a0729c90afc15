/// Prescribing deciles by volume: ten groups of (nearly) equal *total* volume, 10 the highest.
///
/// This is the pharma convention: decile 10 holds the few heavy prescribers who together write a
/// tenth of all prescriptions, decile 1 the many light ones who write another tenth. A customer's
/// decile is decided by the middle of the volume its value occupies in the sorted volumes:
/// with `below` the volume of all customers writing less and `tied` the volume of all customers
/// writing the same amount, the decile is `1 + ⌊10 × (below + tied / 2) / total⌋` (at most 10).
/// Customers with equal volume therefore share a decile, and the decile never decreases as
/// volume grows. The cut points are kept as nine volume thresholds, so assigning a decile to a
/// customer needs only its own volume.
struct VolumeDeciles: Sendable, Equatable {
    /// `lowerBounds[d]` is the smallest volume in decile `d + 2` or above (`Int.max` when no
    /// volume reaches that decile). The bounds never decrease.
    let lowerBounds: [Int]

    /// Cut points for `volumes` (non-negative). Sorts the array in place, which is why it is
    /// taken `inout`: the caller's first-pass array is reused rather than copied, keeping memory
    /// at one `Int` per customer.
    init(sorting volumes: inout [Int]) {
        volumes.sort()
        var bounds = [Int](repeating: Int.max, count: 9)
        let total = volumes.reduce(0, +)
        if total > 0 {
            var below = 0
            var start = 0
            var decile = 1
            while start < volumes.count {
                let value = volumes[start]
                var end = start
                while end < volumes.count && volumes[end] == value { end += 1 }
                let tied = value * (end - start)
                let middle = (Double(below) + Double(tied) / 2) / Double(total)
                let d = min(10, 1 + Int((10 * middle).rounded(.down)))
                while decile < d {
                    decile += 1
                    bounds[decile - 2] = value
                }
                below += tied
                start = end
            }
        }
        lowerBounds = bounds
    }

    /// The decile (1–10) of a customer writing `volume`.
    func decile(of volume: Int) -> Int {
        var decile = 1
        for bound in lowerBounds where volume >= bound { decile += 1 }
        return decile
    }
}

/// A seeded pseudo-random generator: xoshiro256** (Blackman & Vigna, 2018), seeded through
/// SplitMix64.
///
/// Every random choice in Personas comes from one of these, so the same seed gives the same
/// result on every run, machine and thread count. The stream is fixed by this file, not by the
/// Swift standard library (whose `random(in:using:)` algorithms may change between releases),
/// which is why bounded integers, doubles, normals and shuffles are implemented here too.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Hashable {
    @usableFromInline var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// A generator for `seed`.
    public init(seed: UInt64) {
        self.init(seed: seed, stream: 0)
    }

    /// A generator for stream `stream` of `seed`: independent streams for restarts, bootstrap
    /// resamples or chunks, derived from one master seed.
    public init(seed: UInt64, stream: UInt64) {
        var mixer = SplitMix64(state: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        // Mix the stream twice so that nearby (seed, stream) pairs do not share state words.
        _ = mixer.next()
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @usableFromInline
    @inline(__always)
    func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A uniform double in [0, 1) with 53 random bits.
    @inlinable
    public mutating func nextUnitDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in `0..<bound` without modulo bias (Lemire, 2019).
    @inlinable
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }

    /// A standard normal deviate (Marsaglia's polar method; the spare value is discarded so the
    /// stream position depends only on the number of calls).
    public mutating func nextStandardNormal() -> Double {
        while true {
            let u = 2 * nextUnitDouble() - 1
            let v = 2 * nextUnitDouble() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                return u * (-2 * _log(s) / s).squareRoot()
            }
        }
    }

    /// Shuffles `array` in place (Fisher–Yates with ``nextInt(below:)``).
    public mutating func shuffle<T>(_ array: inout [T]) {
        var i = array.count - 1
        while i > 0 {
            let j = nextInt(below: i + 1)
            array.swapAt(i, j)
            i -= 1
        }
    }

    /// `count` distinct indices drawn uniformly from `0..<population`, in draw order.
    public mutating func sampleWithoutReplacement(_ count: Int, from population: Int) -> [Int] {
        precondition(count >= 0 && count <= population, "cannot draw \(count) of \(population)")
        if count * 4 < population {
            // Sparse draw: rejection on a set is cheaper than touching the whole population.
            var seen = Set<Int>(minimumCapacity: count)
            var result: [Int] = []
            result.reserveCapacity(count)
            while result.count < count {
                let candidate = nextInt(below: population)
                if seen.insert(candidate).inserted { result.append(candidate) }
            }
            return result
        }
        var indices = Array(0..<population)
        for i in 0..<count {
            let j = i + nextInt(below: population - i)
            indices.swapAt(i, j)
        }
        return Array(indices[0..<count])
    }
}

/// SplitMix64 (Steele, Lea & Flood, 2014): expands one seed into well-mixed state words.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@inline(__always)
private func _log(_ x: Double) -> Double { log(x) }

import PersonasNumerics

/// The random streams and segmenter seeds of every replicate (reference set, resample, run),
/// derived from the master seed and the replicate's coordinates alone.
///
/// Replicate b of a procedure draws from its own stream, so its data and its clustering do not
/// depend on how many replicates ran before it, in what order, or on how many threads: a result
/// can be recomputed one replicate at a time (as the tests do).
enum ReplicateSeeds {
    /// What a stream is for; distinct purposes never share a stream.
    enum Purpose: UInt64 {
        case gapReferenceDraw = 1
        case gapDataFit
        case gapReferenceFit
        case bootstrapDraw
        case bootstrapFit
        case consensusDraw
        case consensusFit
    }

    /// The stream number of (purpose, a, b): 8 bits of purpose, 24 of `a` (a k), 32 of `b` (a
    /// replicate index).
    static func stream(_ purpose: Purpose, _ a: Int = 0, _ b: Int = 0) -> UInt64 {
        purpose.rawValue << 56 | (UInt64(truncatingIfNeeded: a) & 0xFF_FFFF) << 32
            | (UInt64(truncatingIfNeeded: b) & 0xFFFF_FFFF)
    }

    /// A generator for the draws of (purpose, a, b).
    static func generator(_ seed: UInt64, _ purpose: Purpose, _ a: Int = 0, _ b: Int = 0) -> SeededGenerator {
        SeededGenerator(seed: seed, stream: stream(purpose, a, b))
    }

    /// The seed handed to the segmenter for (purpose, a, b).
    static func seed(_ seed: UInt64, _ purpose: Purpose, _ a: Int = 0, _ b: Int = 0) -> UInt64 {
        var generator = generator(seed, purpose, a, b)
        return generator.next()
    }
}

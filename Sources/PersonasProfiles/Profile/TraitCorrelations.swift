/// Pearson correlations between candidate traits over the profiled customers, so that a trait
/// saying the same thing as one already chosen ("low total detailing" beside "low detailing per
/// month") is skipped.
///
/// A numeric trait's series is its column as traits use it (`log1p` of a heavily skewed column,
/// see ``ProfiledColumn/effectScale``); a level trait's is the 0/1 indicator of holding the level.
/// A customer missing either value, or outside the reported segments, is left out of a pair.
/// Correlations are taken over every `stride`-th profiled row (at most about
/// ``sampledRows`` rows: near the threshold r's standard error is about (1 − r²)/√n ≈ 0.002, ample
/// for a 0.8 threshold) and cached, so each pair of traits is measured once for all segments.
final class TraitCorrelations {
    /// The rows a correlation is taken over, at most (about).
    static let sampledRows = 50_000

    enum Series {
        case numbers([Double])
        case codes([Int32], levels: [String])
    }

    private let groups: [Int32]
    private var series: [String: Series] = [:]
    private var cache: [String: Double] = [:]

    init(groups: [Int32]) { self.groups = groups }

    func add(_ column: String, _ values: Series) { series[column] = values }

    /// |r| between two traits' series; 0 when undefined (a constant series, too few customers).
    func absoluteCorrelation(_ a: DistinguishingTrait, _ b: DistinguishingTrait) -> Double {
        let keyA = Self.key(a), keyB = Self.key(b)
        let key = keyA < keyB ? keyA + "\u{1}" + keyB : keyB + "\u{1}" + keyA
        if let r = cache[key] { return r }
        let r = measure(a, b)
        cache[key] = r
        return r
    }

    private static func key(_ trait: DistinguishingTrait) -> String { trait.column + "\u{0}" + (trait.level ?? "") }

    /// The value of a trait's series at row `i`, NaN when missing.
    private func accessor(_ trait: DistinguishingTrait) -> ((Int) -> Double)? {
        switch series[trait.column] {
        case .numbers(let values)?:
            return { values[$0] }
        case .codes(let codes, let levels)?:
            guard let level = trait.level, let position = levels.firstIndex(of: level) else { return nil }
            let code = Int32(position)
            return { codes[$0] < 0 ? .nan : (codes[$0] == code ? 1 : 0) }
        case nil:
            return nil
        }
    }

    private func measure(_ a: DistinguishingTrait, _ b: DistinguishingTrait) -> Double {
        guard let x = accessor(a), let y = accessor(b) else { return 0 }
        let stride = max(1, groups.count / Self.sampledRows)
        // Welford's co-moment update: stable for large means.
        var n = 0.0, meanX = 0.0, meanY = 0.0, sxx = 0.0, syy = 0.0, sxy = 0.0
        var i = 0
        while i < groups.count {
            defer { i += stride }
            guard groups[i] >= 0 else { continue }
            let u = x(i), v = y(i)
            guard !u.isNaN, !v.isNaN else { continue }
            n += 1
            let dx = u - meanX
            meanX += dx / n
            let dy = v - meanY
            meanY += dy / n
            sxx += dx * (u - meanX)
            syy += dy * (v - meanY)
            sxy += dx * (v - meanY)
        }
        guard n > 2, sxx > 0, syy > 0 else { return 0 }
        let r = sxy / (sxx * syy).squareRoot()
        return r.isFinite ? min(1, abs(r)) : 0
    }
}

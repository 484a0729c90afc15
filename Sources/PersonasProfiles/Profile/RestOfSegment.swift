/// The profiled customers outside a segment, "the rest" its effect sizes compare it with, from
/// the figures a profile keeps.
///
/// A profile keeps each segment's figures and the population's (every reported segment, suppressed
/// ones left out); the rest is the population less the segment: its mean is
/// (N·M − n·m) / (N − n) over the non-missing values, its share of a level the population's holders
/// less the segment's over the population's answers less the segment's, the groups Welch's test,
/// Cohen's d and Cohen's h compare. With survey weights, N, n and the holders are sums of weights.
extension SegmentProfiles {
    /// The mean of `profile`'s column over the customers outside `segment` (non-missing values);
    /// nil when none has a value, or when `segment` is suppressed (its figures are withheld).
    /// - Parameters:
    ///   - profile: one of `segment`'s numeric profiles.
    ///   - segment: one of these profiles' segments.
    public func restMean(_ profile: NumericProfile, in segment: SegmentProfile) -> Double? {
        guard !segment.suppressed, let population = columns.first(where: { $0.name == profile.column })?.numeric else { return nil }
        let n = profile.summary.map { $0.weight ?? Double($0.count) } ?? 0, mean = profile.summary?.mean ?? 0
        let all = population.weight ?? Double(population.count)
        let rest = all - n
        guard (population.count - (profile.summary?.count ?? 0)) > 0, rest > 0 else { return nil }
        return (all * population.mean - n * mean) / rest
    }

    /// The share of `level` among the answers of the customers outside `segment`; nil when none
    /// answered, or when `segment` is suppressed.
    /// - Parameters:
    ///   - level: one of `profile`'s levels.
    ///   - profile: one of `segment`'s level profiles.
    ///   - segment: one of these profiles' segments.
    public func restShare(_ level: LevelProfile.Level, of profile: LevelProfile, in segment: SegmentProfile) -> Double? {
        guard !segment.suppressed, let population = columns.first(where: { $0.name == profile.column })?.levels,
              let holders = population.first(where: { $0.level == level.level }) else { return nil }
        func weight(_ count: Int, _ weighted: Double?) -> Double { weighted ?? Double(count) }
        let answers = population.reduce(0) { $0 + weight($1.count, $1.weightedCount) }
            - profile.levels.reduce(0) { $0 + weight($1.count, $1.weightedCount) }
        let respondents = population.reduce(0) { $0 + $1.count } - profile.levels.reduce(0) { $0 + $1.count }
        guard respondents > 0, answers > 0 else { return nil }
        return (weight(holders.count, holders.weightedCount) - weight(level.count, level.weightedCount)) / answers
    }
}

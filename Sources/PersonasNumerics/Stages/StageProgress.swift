/// What a run reports while it works: the stage under way, how much of that stage is done and
/// how long it has run (see ``StageClock``).
///
/// The fraction is the stage's own (the resamples drawn of this k's bootstrap, the reference sets
/// clustered of the gap statistic), never a fixed share of the whole run, so the time left can be
/// estimated from the stage's own pace (``remainingSeconds(fractionDone:elapsed:)``).
public struct StageProgress: Sendable {
    /// The stage under way.
    public let stage: Stage
    /// The share of the stage done, 0…1, or nil when the stage cannot tell (a fit that reports
    /// nothing until it ends).
    public let fractionDone: Double?
    /// Seconds since the stage started.
    public let elapsed: Double
    /// Whether the stage has just ended (``elapsed`` is then its wall time).
    public let finished: Bool

    public init(stage: Stage, fractionDone: Double?, elapsed: Double, finished: Bool) {
        self.stage = stage
        self.fractionDone = fractionDone
        self.elapsed = elapsed
        self.finished = finished
    }

    /// The estimated seconds left in the stage (``remainingSeconds(fractionDone:elapsed:)``).
    public var remainingSeconds: Double? {
        finished ? 0 : Self.remainingSeconds(fractionDone: fractionDone, elapsed: elapsed)
    }

    /// The seconds left in a stage that has run `elapsed` seconds to get `fractionDone` of its work
    /// done, assuming the rest goes at the same pace: elapsed ÷ fraction − elapsed. 0 when the
    /// stage is done; nil when nothing measurable is done yet (no fraction, 0, or not a number),
    /// where any estimate would be a guess.
    public static func remainingSeconds(fractionDone: Double?, elapsed: Double) -> Double? {
        guard let fraction = fractionDone, fraction.isFinite, fraction > 0, elapsed.isFinite, elapsed >= 0 else {
            return nil
        }
        guard fraction < 1 else { return 0 }
        return elapsed / fraction - elapsed
    }
}

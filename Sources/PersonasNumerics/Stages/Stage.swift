/// One timed stage of a run: what it was doing (reading, preparing, the gap statistic, the
/// bootstrap stability of one k), as a stable snake_case ``name`` for summaries and a ``title``
/// for people.
///
/// The library names its own stages (PersonasClustering's choice of k, PersonasSegmentation's
/// pipeline); a command names the stages around them (reading, reports, writing). A stage that is
/// one k's part of the choice of k carries that ``k``, so `bootstrap_stability` at k = 4 and at
/// k = 5 are two stages with one name.
///
/// ```swift
/// let stage = Stage("gap_statistic", title: "gap statistic")
/// Stage("bootstrap_stability", title: "bootstrap stability", k: 4).description   // "bootstrap stability, k = 4"
/// ```
public struct Stage: Hashable, Sendable, CustomStringConvertible {
    /// The stage's name in summaries: snake_case, stable across versions (`gap_statistic`).
    public let name: String
    /// The stage's name for people (`gap statistic`).
    public let title: String
    /// The candidate k this stage is one part of, or nil for a stage of the whole run.
    public let k: Int?

    public init(_ name: String, title: String, k: Int? = nil) {
        self.name = name
        self.title = title
        self.k = k
    }

    /// The stage for one candidate k: the same name and title, with `k`.
    public func at(k: Int) -> Stage { Stage(name, title: title, k: k) }

    /// The title, and the k when there is one ("bootstrap stability, k = 4").
    public var description: String { k.map { "\(title), k = \($0)" } ?? title }
}

/// The wall time of one stage, measured by ``StageClock`` on a monotonic clock.
public struct StageTime: Hashable, Sendable {
    public let stage: Stage
    /// Seconds from the stage's start to its end (never negative).
    public let seconds: Double

    public init(stage: Stage, seconds: Double) {
        self.stage = stage
        self.seconds = Swift.max(0, seconds)
    }
}

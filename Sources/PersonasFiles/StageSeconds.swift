import PersonasNumerics

/// One stage's wall time as a summary writes it (`segment --format json`, `choose-k.json`):
/// `{"k": null, "seconds": 1.23, "stage": "gap_statistic"}`, in a list in the order the stages ran,
/// under the key `stage_seconds`.
///
/// `stage` is the stage's stable snake_case name (`Stage.name`); `k` is the
/// candidate k a stage of the choice of k belongs to (`segmenting_and_indices`,
/// `bootstrap_stability`), null for a stage of the whole run; `seconds` is its wall time on a
/// monotonic clock. The stages do not overlap, so their sum is at most the run's `wall_seconds`
/// (the rest: parsing the options, moving the finished folder into place).
public struct StageSeconds: Encodable {
    public let stage: String
    @NullWhenAbsent public var k: Int?
    public let seconds: Double

    public init(_ time: StageTime) {
        stage = time.stage.name
        k = time.stage.k
        seconds = time.seconds
    }

    /// Each of `times`, in order.
    public static func list(_ times: [StageTime]) -> [StageSeconds] { times.map(StageSeconds.init) }
}

import Synchronization

/// Times the stages of a run on a monotonic clock (`ContinuousClock`), and tells an observer as
/// each stage starts, progresses and ends.
///
/// ```swift
/// let stages = StageClock(observer: progress)
/// stages.begin(Stage("preparing", title: "preparing"))
/// // … work, calling stages.report(fraction) …
/// stages.begin(Stage("final_fit", title: "final fit"))   // ends "preparing"
/// stages.end()
/// stages.times   // [preparing: 0.42 s, final_fit: 1.3 s]
/// ```
///
/// One stage runs at a time: ``begin(_:)`` ends the one under way. The clock is safe to call
/// from any thread (a loop run on several cores may report its fraction from each), and the
/// observer is called under its lock, so it sees the events of a stage in order.
public final class StageClock: Sendable {
    /// Receives each event: the stage's start (fraction 0), its progress, and its end.
    public typealias Observer = @Sendable (StageProgress) -> Void

    private struct State {
        var current: (stage: Stage, start: ContinuousClock.Instant)?
        var times: [StageTime] = []
    }

    private let observer: Observer?
    private let state = Mutex(State())

    public init(observer: Observer? = nil) {
        self.observer = observer
    }

    /// Ends the stage under way, if any, and starts `stage`.
    public func begin(_ stage: Stage) {
        state.withLock { state in
            close(&state)
            state.current = (stage, ContinuousClock.now)
            observer?(StageProgress(stage: stage, fractionDone: 0, elapsed: 0, finished: false))
        }
    }

    /// Reports `fractionDone` (0…1, clamped) of the stage under way; nothing without one.
    public func report(_ fractionDone: Double) {
        state.withLock { state in
            guard let current = state.current else { return }
            let fraction = fractionDone.isNaN ? 0 : Swift.min(Swift.max(fractionDone, 0), 1)
            observer?(StageProgress(stage: current.stage, fractionDone: fraction,
                                    elapsed: Self.seconds(since: current.start), finished: false))
        }
    }

    /// Ends the stage under way, if any, recording its time.
    public func end() {
        state.withLock { close(&$0) }
    }

    /// Adds `times` measured elsewhere (a nested run's, such as the choice of k inside the
    /// pipeline) after those recorded so far, ending the stage under way first.
    public func append(_ times: [StageTime]) {
        state.withLock { state in
            close(&state)
            state.times += times
        }
    }

    /// The stages ended so far, in the order they ran.
    public var times: [StageTime] {
        state.withLock { $0.times }
    }

    private func close(_ state: inout State) {
        guard let current = state.current else { return }
        let time = StageTime(stage: current.stage, seconds: Self.seconds(since: current.start))
        state.times.append(time)
        state.current = nil
        observer?(StageProgress(stage: current.stage, fractionDone: 1, elapsed: time.seconds, finished: true))
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        (ContinuousClock.now - start) / .seconds(1)
    }
}

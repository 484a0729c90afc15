import Foundation
import PersonasNumerics
import Synchronization

/// Progress on stderr, stage by stage (`StageProgress`).
///
/// On a terminal, a stage that runs longer than ``barDelay`` gets a bar redrawn in place
/// (``ProgressBar``) with the time left estimated from that stage's own pace; a ticker redraws it
/// between reports, so a stage that cannot tell its fraction still shows its time. Every stage
/// leaves one line with its title and wall time when it ends. When stderr is not a terminal (logs,
/// CI) only those lines are written, one per stage; when quiet, nothing.
final class ProgressDisplay: Sendable {
    /// How long a stage runs before its bar appears (a shorter stage leaves only its line).
    static let barDelay: Duration = .seconds(1)
    /// The least time between two redraws of the bar.
    static let redrawInterval: Duration = .milliseconds(100)

    private enum Mode { case quiet, lines, bar }

    private struct Current {
        var title: String
        var start: ContinuousClock.Instant
        /// The last fraction reported, and when.
        var fraction: Double?
        var fractionAt: ContinuousClock.Instant
        var lastDraw: ContinuousClock.Instant?
    }

    private struct State {
        var current: Current?
        var closed = false
    }

    private let mode: Mode
    private let state = Mutex(State())

    init(quiet: Bool = false) {
        mode = quiet ? .quiet : Terminal.stderrIsTerminal ? .bar : .lines
        if mode == .bar {
            Thread.detachNewThread { [self] in
                while !state.withLock({ $0.closed }) {
                    Thread.sleep(forTimeInterval: 0.25)
                    tick()
                }
            }
        }
    }

    /// The observer to give the library and the command's own `StageClock`.
    var observer: StageClock.Observer {
        { [self] event in receive(event) }
    }

    /// Shows one event of a stage.
    func receive(_ event: StageProgress) {
        guard mode != .quiet else { return }
        state.withLock { state in
            guard !state.closed else { return }
            let now = ContinuousClock.now
            if event.finished {
                let drawn = state.current?.lastDraw != nil
                state.current = nil
                let line = ProgressBar.finished(event.stage.description, seconds: event.elapsed)
                write((drawn ? "\r" + line + Self.clearToEnd : line) + "\n")
                return
            }
            if state.current == nil {
                state.current = Current(title: event.stage.description, start: now, fraction: nil, fractionAt: now)
            }
            if let fraction = event.fractionDone, fraction > 0 {
                state.current?.fraction = fraction
                state.current?.fractionAt = now
            }
            draw(&state, now: now, force: false)
        }
    }

    /// Clears a bar left on the terminal and stops the ticker; call before the command's result or
    /// error is printed.
    func close() {
        state.withLock { state in
            if mode == .bar, state.current?.lastDraw != nil { write("\r" + Self.clearToEnd) }
            state.current = nil
            state.closed = true
        }
    }

    private func tick() {
        state.withLock { state in
            guard !state.closed else { return }
            draw(&state, now: ContinuousClock.now, force: true)
        }
    }

    /// Redraws the bar of the stage under way when it has run long enough.
    private func draw(_ state: inout State, now: ContinuousClock.Instant, force: Bool) {
        guard mode == .bar, let current = state.current, now - current.start >= Self.barDelay else { return }
        if !force, let last = current.lastDraw, now - last < Self.redrawInterval { return }
        let elapsed = Self.seconds(now - current.start)
        // The estimate at the last report, less the time since.
        let remaining = StageProgress.remainingSeconds(fractionDone: current.fraction,
                                                       elapsed: Self.seconds(current.fractionAt - current.start))
            .map { max(0, $0 - Self.seconds(now - current.fractionAt)) }
        write("\r" + ProgressBar.line(current.title, fraction: current.fraction, elapsed: elapsed,
                                      remaining: remaining, width: Terminal.columns))
        state.current?.lastDraw = now
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// ANSI "erase to the end of the line", written only to a terminal.
    private static let clearToEnd = "\u{1B}[K"

    private static func seconds(_ duration: Duration) -> Double { duration / .seconds(1) }
}

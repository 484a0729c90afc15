import Foundation
import Synchronization

/// Progress on stderr: a redrawn bar with the stage, elapsed time and an estimate of the time
/// left when stderr is a terminal; one plain line per stage otherwise (logs, CI), nothing when quiet.
final class ProgressDisplay: Sendable {
    private let interactive: Bool
    private let quiet: Bool
    private let start = ContinuousClock.now
    /// The last stage reported (updates may come from worker threads).
    private let lastStage = Mutex("")

    init(quiet: Bool = false) {
        interactive = Terminal.stderrIsTerminal
        self.quiet = quiet
    }

    /// Reports `stage` with `fraction` (0…1) of the work done.
    func update(_ stage: String, _ fraction: Double) {
        guard !quiet else { return }
        lastStage.withLock { lastStage in
            let elapsed = (ContinuousClock.now - start) / .seconds(1)
            if interactive {
                let width = 24
                let filled = Int((min(max(fraction, 0), 1) * Double(width)).rounded())
                var line = "\r[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
                line += "] \(Int((fraction * 100).rounded()))%  \(Terminal.escaped(stage))  \(Format.seconds(elapsed))"
                if fraction > 0.02 && fraction < 1 {
                    line += ", about \(Format.seconds(elapsed / fraction - elapsed)) left"
                }
                FileHandle.standardError.write(Data(line.padding(toLength: 100, withPad: " ", startingAt: 0).utf8))
                if fraction >= 1 { FileHandle.standardError.write(Data("\n".utf8)) }
            } else if stage != lastStage {
                Terminal.note("[\(Format.seconds(elapsed))] \(stage)")
            }
            lastStage = stage
        }
    }
}

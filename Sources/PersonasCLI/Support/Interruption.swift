import Dispatch
import Foundation
import PersonasData

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C, `kill` and a closed terminal remove the run's temporary files and staged folders
/// (``TemporaryFiles``) before the process ends, so an interrupted run leaves nothing partial.
///
/// The signals are received by dispatch sources on a background queue, where removing files is
/// safe (a C signal handler may not allocate); the process then exits with 128 + the signal's
/// number, the status a shell reports for it (130 for Ctrl-C, 143 for `kill`).
enum Interruption {
    /// Keeps the sources alive. `@unchecked`: the array is built once, never mutated, and only
    /// held (dispatch sources are thread-safe objects that Dispatch does not yet mark Sendable).
    private final class Listeners: @unchecked Sendable {
        let sources: [DispatchSourceSignal]
        init(_ sources: [DispatchSourceSignal]) { self.sources = sources }
    }

    private static let listeners = Listeners([SIGINT, SIGTERM, SIGHUP].map { signalNumber in
        signal(signalNumber, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global(qos: .userInitiated))
        source.setEventHandler {
            let removed = TemporaryFiles.shared.current.count
            TemporaryFiles.shared.removeAll()
            if removed > 0 {
                FileHandle.standardError.write(Data("personas: interrupted; removed the partial outputs\n".utf8))
            }
            // Dispatch keeps the signal blocked in every thread, so re-raising it would not end
            // the process: exit with the shell's status for death by this signal instead.
            _exit(128 + signalNumber)
        }
        source.resume()
        return source
    })

    /// Starts listening (once; later calls do nothing).
    static func install() {
        _ = listeners.sources.count
    }
}

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A folder this process cannot write in, for tests of how a write into it is refused.
///
/// A folder of mode 0555 serves, except for root (or a process with CAP_DAC_OVERRIDE), whom
/// permissions do not stop: there `/sys` serves when creating a file in it fails (sysfs refuses
/// it even to root), and otherwise there is none and the tests that need one are skipped with
/// ``skipReason``. Each is tried, not guessed from the user id.
public enum ReadOnlyFolder {
    /// Why tests of a read-only folder are skipped where ``isAvailable`` is false.
    public static let skipReason =
        "no folder refuses this process's writes: it runs as root, so mode 0555 does not stop it, and /sys accepts it"

    /// Whether ``make(in:)`` finds a folder this process cannot write in.
    public static let isAvailable: Bool = {
        guard let directory = try? TemporaryDirectory() else { return false }
        return (try? make(in: directory)) != nil
    }()

    /// A folder this process cannot write in: `name` in `directory` with mode 0555 when that stops
    /// it, else `/sys` when that does; nil when neither does. `directory` removes the 0555 folder
    /// (it stays empty) with itself.
    public static func make(in directory: TemporaryDirectory, named name: String = "read-only") throws -> URL? {
        let folder = directory.file(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        chmod(folder.path, 0o555)
        if refusesWrites(folder) { return folder }
        let sys = URL(fileURLWithPath: "/sys", isDirectory: true)
        return refusesWrites(sys) ? sys : nil
    }

    /// Whether creating a file in `folder` fails (the file is removed when it does not).
    private static func refusesWrites(_ folder: URL) -> Bool {
        let probe = folder.appendingPathComponent(".personas-write-probe-\(getpid())").path
        let descriptor = open(probe, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard descriptor >= 0 else { return true }
        close(descriptor)
        unlink(probe)
        return false
    }
}

import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that readers see either the old file or the complete new one, never a part.
///
/// Bytes go to a hidden temporary file in the destination's folder (same file system), which is
/// flushed and renamed over the destination only when complete; on any error, or if the writer
/// is dropped unfinished, the temporary file is removed. The destination is refused when it is
/// one of the run's input files, so an input is never overwritten.
public final class AtomicFileWriter {
    /// The final path.
    public let destination: URL
    /// The temporary path being written.
    public let temporary: URL
    private var handle: UnsafeMutablePointer<FILE>?
    private var finished = false

    /// Opens a temporary file beside `destination`.
    /// - Parameters:
    ///   - destination: the file to write, renamed into place by ``commit()``.
    ///   - protectedInputs: files that must not be overwritten (the run's inputs).
    public init(destination: URL, protectedInputs: [URL] = []) throws(OutputError) {
        self.destination = destination
        let folder = destination.deletingLastPathComponent()
        for input in protectedInputs where AtomicFileWriter.sameFile(input, destination) {
            throw OutputError(path: destination.path, kind: .inputOfThisRun,
                              reason: "it is an input of this run; choose another output path")
        }
        let name = ".\(destination.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        temporary = folder.appendingPathComponent(name)
        guard let file = fopen(temporary.path, "wbx") else {
            throw OutputError(path: destination.path, errno: errno)
        }
        TemporaryFiles.shared.register(temporary.path)
        handle = file
    }

    deinit {
        if !finished { abandon() }
    }

    /// Appends bytes.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
        guard let handle, bytes.count > 0 else { return }
        if fwrite(bytes.baseAddress, 1, bytes.count, handle) != bytes.count {
            let code = errno
            abandon()
            throw OutputError(path: destination.path, errno: code)
        }
    }

    /// Appends the UTF-8 bytes of `text`.
    public func write(_ text: String) throws(OutputError) {
        var text = text
        let result: Result<Void, OutputError> = text.withUTF8 { bytes in
            do throws(OutputError) { try write(UnsafeRawBufferPointer(bytes)); return .success(()) } catch {
                return .failure(error)
            }
        }
        try result.get()
    }

    /// Appends `data`.
    public func write(_ data: Data) throws(OutputError) {
        let result: Result<Void, OutputError> = data.withUnsafeBytes { bytes in
            do throws(OutputError) { try write(bytes); return .success(()) } catch { return .failure(error) }
        }
        try result.get()
    }

    /// Flushes, syncs and renames the temporary file over the destination.
    public func commit() throws(OutputError) {
        guard let handle, !finished else { return }
        let flushed = fflush(handle) == 0 && fsync(fileno(handle)) == 0
        let closed = fclose(handle) == 0
        self.handle = nil
        guard flushed && closed else {
            let code = errno
            abandon()
            throw OutputError(path: destination.path, errno: code)
        }
        // Temporary files are created 0600; give the result the usual permissions (umask applies).
        let mask = umask(0)
        umask(mask)
        chmod(temporary.path, 0o666 & ~mask)
        guard rename(temporary.path, destination.path) == 0 else {
            let code = errno
            abandon()
            throw OutputError(path: destination.path, errno: code)
        }
        finished = true
        TemporaryFiles.shared.unregister(temporary.path)
    }

    /// Removes the temporary file without touching the destination.
    public func abandon() {
        if let handle { fclose(handle) }
        handle = nil
        unlink(temporary.path)
        finished = true
        TemporaryFiles.shared.unregister(temporary.path)
    }

    /// Writes `data` to `url` atomically in one call.
    public static func write(_ data: Data, to url: URL, protectedInputs: [URL] = []) throws(OutputError) {
        let writer = try AtomicFileWriter(destination: url, protectedInputs: protectedInputs)
        try writer.write(data)
        try writer.commit()
    }

    /// Writes `text` to `url` atomically in one call.
    public static func write(_ text: String, to url: URL, protectedInputs: [URL] = []) throws(OutputError) {
        try write(Data(text.utf8), to: url, protectedInputs: protectedInputs)
    }

    /// Whether two paths name the same existing file (same device and inode).
    static func sameFile(_ a: URL, _ b: URL) -> Bool {
        var sa = stat(), sb = stat()
        guard stat(a.path, &sa) == 0, stat(b.path, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }
}

/// A file or folder that could not be written.
///
/// ``kind`` says what went wrong, so a caller can switch on it and add its own advice;
/// ``description`` (`cannot write out/profile.csv: the folder is read-only`) never names a
/// command-line option.
public struct OutputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// The folder the output goes in cannot be written: a read-only file system, or no
        /// write permission.
        case readOnly
        /// The output path is one of the run's input files.
        case inputOfThisRun
        /// Any other failure; ``OutputError/reason`` says what the system reported.
        case failed
    }

    public var path: String
    public var kind: Kind
    public var reason: String

    public init(path: String, kind: Kind = .failed, reason: String) {
        self.path = path
        self.kind = kind
        self.reason = reason
    }

    /// The error for a system call on `path` that failed with `errno`: a read-only file system
    /// (`EROFS`) or a refused permission (`EACCES`, `EPERM`) reads as a read-only folder, anything
    /// else as the system's own words.
    public init(path: String, errno code: Int32) {
        if code == EROFS || code == EACCES || code == EPERM {
            self.init(path: path, kind: .readOnly, reason: "the folder is read-only")
        } else {
            self.init(path: path, reason: String(cString: strerror(code)))
        }
    }

    /// The error for a Foundation file operation on `path` (creating a folder, say) that threw
    /// `error`: its POSIX code when it has one, so a read-only folder is reported as such and not
    /// as an `NSCocoaErrorDomain` text.
    public init(path: String, error: any Error) {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            self.init(path: path, errno: Int32(underlying.code))
        } else if nsError.domain == NSPOSIXErrorDomain {
            self.init(path: path, errno: Int32(nsError.code))
        } else if nsError.domain == NSCocoaErrorDomain,
                  [CocoaError.fileWriteNoPermission.rawValue, CocoaError.fileWriteVolumeReadOnly.rawValue].contains(nsError.code) {
            self.init(path: path, kind: .readOnly, reason: "the folder is read-only")
        } else {
            self.init(path: path, reason: nsError.localizedDescription)
        }
    }

    public var description: String { "cannot write \(path): \(reason)" }
}

/// The temporary files in flight, so a signal handler can remove them before the process exits.
public final class TemporaryFiles: Sendable {
    public static let shared = TemporaryFiles()
    private let paths = Mutex(Set<String>())

    /// Tracks a temporary path (a file or a folder) until it is committed or removed.
    public func register(_ path: String) {
        _ = paths.withLock { $0.insert(path) }
    }

    public func unregister(_ path: String) {
        _ = paths.withLock { $0.remove(path) }
    }

    /// The paths in flight.
    public var current: [String] { paths.withLock { Array($0) } }

    /// Removes every registered temporary file or folder (on interruption).
    public func removeAll() {
        let all = paths.withLock { set -> Set<String> in
            let copy = set
            set.removeAll()
            return copy
        }
        for path in all { try? FileManager.default.removeItem(atPath: path) }
    }
}

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary path a workbook is written to, in its destination's folder (same file system), and
/// the rename that puts it in place, so a reader sees the old file or the whole new one.
struct AtomicWorkbookFile {
    let destination: URL
    let temporary: URL

    /// Creates a hidden temporary file in the destination's folder (libxlsxwriter writes over it),
    /// so a folder that cannot be written is reported before any work.
    init(destination: URL) throws(WorkbookError) {
        self.destination = destination
        temporary = destination.deletingLastPathComponent().appendingPathComponent(
            ".\(destination.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        let descriptor = open(temporary.path, O_CREAT | O_EXCL | O_WRONLY, 0o666)
        guard descriptor >= 0 else { throw Self.error(path: destination.path, errno: errno) }
        close(descriptor)
    }

    /// Syncs the finished temporary file and renames it over the destination.
    func commit() throws(WorkbookError) {
        let descriptor = open(temporary.path, O_RDONLY)
        guard descriptor >= 0 else { throw Self.error(path: destination.path, errno: errno) }
        let synced = fsync(descriptor) == 0
        let code = errno
        close(descriptor)
        guard synced else { throw Self.error(path: destination.path, errno: code) }
        guard rename(temporary.path, destination.path) == 0 else { throw Self.error(path: destination.path, errno: errno) }
    }

    /// Writes `url` atomically: `write` fills the temporary file at the path it is given, which then
    /// replaces `url`; when `write` or the rename fails, the temporary file is removed and `url`
    /// stays as it was.
    static func write(_ url: URL, _ write: (_ temporaryPath: String) throws(WorkbookError) -> Void) throws(WorkbookError) {
        let file = try AtomicWorkbookFile(destination: url)
        do throws(WorkbookError) {
            try write(file.temporary.path)
            try file.commit()
        } catch {
            file.abandon()
            throw error
        }
    }

    /// Removes the temporary file, leaving the destination as it was.
    func abandon() {
        unlink(temporary.path)
    }

    /// A read-only folder (`EROFS`, `EACCES`, `EPERM`) as ``WorkbookError/Kind/readOnly``, anything
    /// else in the system's words.
    static func error(path: String, errno code: Int32) -> WorkbookError {
        if code == EROFS || code == EACCES || code == EPERM {
            return WorkbookError(kind: .readOnly, path: path, reason: "the folder is read-only")
        }
        return WorkbookError(kind: .writeFailed, path: path, reason: String(cString: strerror(code)))
    }
}

import Foundation
import PersonasData

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock on one output folder, so two runs writing the same destination at the same
/// time cannot replace each other's output: the second fails at once instead of waiting.
///
/// The lock is `flock(2)` on a hidden `.NAME.lock` file beside the destination. The kernel
/// releases it when the process ends however it ends, so a killed run never leaves the folder
/// locked; the file itself is removed on ``release()`` (and on a signal, through
/// ``TemporaryFiles``). A run that opened the file just before its holder removed it finds its
/// descriptor no longer names the file at that path and opens it again.
final class FolderLock {
    let path: String
    private var descriptor: Int32 = -1

    /// Takes the lock of `destination`, whose parent folder must exist.
    /// - Throws: ``FolderError`` `.locked` when another process holds it, `.readOnly` when the
    ///   parent cannot be written.
    init(destination: URL) throws(FolderError) {
        let parent = destination.deletingLastPathComponent()
        path = parent.appendingPathComponent(".\(destination.lastPathComponent).lock").path
        while true {
            let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                // A read-only refusal names the parent that cannot be written, any other the destination.
                var error = FolderError(path: parent.path, errno: errno)
                if error.kind != .readOnly { error.path = destination.path }
                throw error
            }
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
                let code = errno
                close(fd)
                if code == EWOULDBLOCK { throw FolderError(path: destination.path, kind: .locked) }
                throw FolderError(path: destination.path, kind: .system(String(cString: strerror(code))))
            }
            var held = stat(), current = stat()
            if fstat(fd, &held) == 0, stat(path, &current) == 0, held.st_dev == current.st_dev, held.st_ino == current.st_ino {
                descriptor = fd
                break
            }
            close(fd)  // the holder removed the file between our open and flock: lock the new one
        }
        TemporaryFiles.shared.register(path)
    }

    /// Removes the lock file and releases the lock (in that order, so a waiting run re-opens).
    func release() {
        guard descriptor >= 0 else { return }
        unlink(path)
        TemporaryFiles.shared.unregister(path)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}

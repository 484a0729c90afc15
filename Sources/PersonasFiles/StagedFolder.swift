import Foundation
import PersonasData

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An output folder written in full or not at all, replaced only when Personas wrote everything in it.
///
/// Files go into a hidden sibling folder (`.NAME.partial-…`, same file system), renamed onto the
/// destination by ``commit()`` after a manifest of its entries (``OutputFileName/manifest``) is
/// written into it. Until then the destination is untouched: a failed, interrupted or killed run
/// leaves the previous folder (or none) as it was, and the staging folder is removed by
/// ``abandon()``, by `deinit`, or on a signal through `TemporaryFiles`.
///
/// Safety rules, all checked while holding the destination's lock (`FolderLock`), so a second
/// run to the same destination fails at once rather than replacing the first run's output:
/// - a destination holding one of the run's inputs is refused, whatever `replacing` says;
/// - a non-empty destination is refused unless `replacing`, and then only when its manifest
///   lists every entry in it (a folder with no manifest, or with one unlisted entry, is refused
///   and left as it was);
/// - a `.NAME.replaced-…` folder left by a run killed while swapping folders is moved back to
///   the destination when the destination is missing, and removed only when it exists; a
///   `.NAME.partial-…` folder of a dead run is removed.
public final class StagedFolder {
    /// Where the outputs end up.
    public let destination: URL
    /// Where to write them now.
    public let staging: URL
    /// The command named in the manifest.
    public let command: String
    private let lock: FolderLock
    private var finished = false

    /// Takes the destination's lock, checks the destination and creates the staging folder.
    /// - Parameters:
    ///   - destination: The folder to write.
    ///   - command: The command writing the folder, recorded in its manifest.
    ///   - replacing: Whether an existing, non-empty destination may be replaced.
    ///   - inputs: Every file the run reads; a destination holding one is refused and never deleted.
    /// - Throws: ``FolderError`` with the kind of refusal.
    public init(destination: URL, command: String, replacing: Bool, inputs: [URL] = []) throws(FolderError) {
        let destination = destination.standardizedFileURL
        self.destination = destination
        self.command = command
        let parent = destination.deletingLastPathComponent()
        try Self.createParent(parent)
        lock = try FolderLock(destination: destination)
        Self.recoverLeftovers(of: destination)
        try Self.check(destination, replacing: replacing, inputs: inputs)
        staging = parent.appendingPathComponent(Self.hiddenName(destination, "partial"))
        TemporaryFiles.shared.register(staging.path)
        guard mkdir(staging.path, 0o777) == 0 else {
            let code = errno
            TemporaryFiles.shared.unregister(staging.path)
            lock.release()
            throw FolderError(path: parent.path, errno: code)
        }
    }

    deinit {
        if !finished { abandon() }
    }

    /// Writes the manifest and puts the staged folder in the destination's place.
    public func commit() throws(FolderError) {
        guard !finished else { return }
        let path = destination.path
        do {
            try FolderManifest.write(command: command, in: staging)
        } catch {
            abandon()
            throw FolderError(path: path, kind: .system((error as? OutputError)?.reason ?? "\(error)"))
        }
        // The old folder is set aside, not registered for removal on a signal: a run killed
        // between the two renames leaves it for the next run to restore.
        var replaced: URL?
        if FileManager.default.fileExists(atPath: path) {
            let aside = destination.deletingLastPathComponent().appendingPathComponent(Self.hiddenName(destination, "replaced"))
            guard rename(path, aside.path) == 0 else {
                let code = errno
                abandon()
                throw FolderError(path: destination.path, errno: code)
            }
            replaced = aside
        }
        guard rename(staging.path, path) == 0 else {
            let code = errno
            if let replaced { rename(replaced.path, path) }
            abandon()
            throw FolderError(path: destination.path, errno: code)
        }
        finished = true
        TemporaryFiles.shared.unregister(staging.path)
        if let replaced { try? FileManager.default.removeItem(at: replaced) }
        lock.release()
    }

    /// Removes the staging folder and releases the lock; the destination stays as it was.
    public func abandon() {
        try? FileManager.default.removeItem(at: staging)
        TemporaryFiles.shared.unregister(staging.path)
        finished = true
        lock.release()
    }

    /// Refuses a destination that is a file, holds an input, or may not be replaced.
    private static func check(_ destination: URL, replacing: Bool, inputs: [URL]) throws(FolderError) {
        let path = destination.path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return }
        guard isFolder.boolValue else { throw FolderError(path: path, kind: .notAFolder) }
        let real = destination.resolvingSymlinksInPath().path
        for input in inputs {
            let inputPath = input.standardizedFileURL.path, inputReal = input.standardizedFileURL.resolvingSymlinksInPath().path
            if inputPath.hasPrefix(path + "/") || inputReal.hasPrefix(real + "/") || inputPath == path || inputReal == real {
                throw FolderError(path: path, kind: .holdsInput(input.lastPathComponent))
            }
        }
        let entries = FolderManifest.entries(of: destination)
        let hasManifest = FileManager.default.fileExists(atPath: destination.appendingPathComponent(OutputFileName.manifest).path)
        guard !entries.isEmpty || hasManifest else { return }
        guard replacing else { throw FolderError(path: path, kind: .exists) }
        guard let manifest = FolderManifest.read(in: destination) else { throw FolderError(path: path, kind: .noManifest) }
        let listed = Set(manifest.files)
        if let foreign = entries.first(where: { !listed.contains($0) }) {
            throw FolderError(path: path, kind: .foreignFile(foreign))
        }
    }

    /// Creates the parent folder and any missing ancestor, reporting the folder that cannot be
    /// written as read-only when the system says so.
    private static func createParent(_ parent: URL) throws(FolderError) {
        var missing: [URL] = []
        var existing = parent
        var isFolder: ObjCBool = false
        while !FileManager.default.fileExists(atPath: existing.path, isDirectory: &isFolder), existing.pathComponents.count > 1 {
            missing.append(existing)
            existing.deleteLastPathComponent()
        }
        guard isFolder.boolValue else { throw FolderError(path: existing.path, kind: .notAFolder) }
        for folder in missing.reversed() where mkdir(folder.path, 0o777) != 0 && errno != EEXIST {
            throw FolderError(path: folder.deletingLastPathComponent().path, errno: errno)
        }
    }

    /// Restores or removes the staged and set-aside folders of `destination` left by runs that
    /// were killed outright (`kill -9`, power loss), recognised by a process id that no longer exists.
    static func recoverLeftovers(of destination: URL) {
        let parent = destination.deletingLastPathComponent()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for role in ["replaced", "partial"] {
            let prefix = ".\(destination.lastPathComponent).\(role)-"
            for name in names.sorted() {
                guard name.hasPrefix(prefix), let pid = Int32(name.dropFirst(prefix.count).prefix { $0 != "-" }),
                      kill(pid, 0) != 0, errno == ESRCH else { continue }
                let leftover = parent.appendingPathComponent(name)
                if role == "replaced", !FileManager.default.fileExists(atPath: destination.path),
                   rename(leftover.path, destination.path) == 0 {
                    continue  // the previous folder is back where it was
                }
                try? FileManager.default.removeItem(at: leftover)
            }
        }
    }

    private static func hiddenName(_ destination: URL, _ role: String) -> String {
        ".\(destination.lastPathComponent).\(role)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }
}

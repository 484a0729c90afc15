import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An output folder written in full or not at all.
///
/// Files go into a hidden sibling folder (`.NAME.partial-…`, same file system), renamed onto the
/// destination by ``commit()``. Until then the destination is untouched: a failed, interrupted or
/// killed run leaves the previous folder (or none) as it was, and the staging folder is removed
/// by ``abandon()``, by `deinit`, or on a signal through ``TemporaryFiles``; one left by a run
/// killed outright is removed by the next run to the same destination. Replacing an existing
/// folder moves it aside, renames the new one into place and then deletes the old one.
public final class StagedFolder {
    /// Where the outputs end up.
    public let destination: URL
    /// Where to write them now.
    public let staging: URL
    private var finished = false

    /// Creates the staging folder.
    /// - Parameters:
    ///   - replacing: Whether an existing, non-empty destination may be replaced (`--force`).
    ///   - ownedMarker: A file that marks a folder as one this command wrote; a non-empty folder
    ///     without it is never replaced, so `--force` cannot wipe an unrelated folder.
    ///   - protectedInputs: The run's input files; a destination holding one is refused.
    /// - Throws: ``OutputError`` saying what to do instead.
    public init(destination: URL, replacing: Bool, ownedMarker: String, protectedInputs: [URL] = []) throws(OutputError) {
        let destination = destination.standardizedFileURL
        self.destination = destination
        let path = destination.path
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw OutputError(path: path, reason: "it is a file, not a folder; choose another output folder")
            }
            let contents = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            if !contents.isEmpty {
                guard replacing else {
                    throw OutputError(path: path, reason: "the folder already holds files; choose another output folder "
                                      + "or add --force to replace it")
                }
                guard contents.contains(ownedMarker) else {
                    throw OutputError(path: path, reason: "the folder holds files this command did not write (no "
                                      + "\(ownedMarker)); --force replaces only its own output folders, so choose another")
                }
            }
            let prefix = path.hasSuffix("/") ? path : path + "/"
            for input in protectedInputs where input.standardizedFileURL.resolvingSymlinksInPath().path.hasPrefix(prefix)
                || input.standardizedFileURL.path.hasPrefix(prefix) {
                throw OutputError(path: path, reason: "the folder holds \(input.lastPathComponent), an input of this run; "
                                  + "choose another output folder")
            }
        }
        let parent = destination.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: parent.path, reason: error.localizedDescription)
        }
        Self.removeLeftovers(of: destination)
        staging = parent.appendingPathComponent(Self.hiddenName(destination, "partial"))
        TemporaryFiles.shared.register(staging.path)
        guard mkdir(staging.path, 0o777) == 0 else {
            let reason = String(cString: strerror(errno))
            TemporaryFiles.shared.unregister(staging.path)
            throw OutputError(path: path, reason: reason)
        }
    }

    deinit {
        if !finished { abandon() }
    }

    /// Puts the staged folder in the destination's place.
    public func commit() throws(OutputError) {
        guard !finished else { return }
        let path = destination.path
        var replaced: URL?
        if FileManager.default.fileExists(atPath: path) {
            let aside = destination.deletingLastPathComponent().appendingPathComponent(Self.hiddenName(destination, "replaced"))
            TemporaryFiles.shared.register(aside.path)
            guard rename(path, aside.path) == 0 else {
                let reason = String(cString: strerror(errno))
                TemporaryFiles.shared.unregister(aside.path)
                abandon()
                throw OutputError(path: path, reason: reason)
            }
            replaced = aside
        }
        guard rename(staging.path, path) == 0 else {
            let reason = String(cString: strerror(errno))
            if let replaced {
                rename(replaced.path, path)
                TemporaryFiles.shared.unregister(replaced.path)
            }
            abandon()
            throw OutputError(path: path, reason: reason)
        }
        finished = true
        TemporaryFiles.shared.unregister(staging.path)
        if let replaced {
            try? FileManager.default.removeItem(at: replaced)
            TemporaryFiles.shared.unregister(replaced.path)
        }
    }

    /// Removes the staging folder; the destination stays as it was.
    public func abandon() {
        try? FileManager.default.removeItem(at: staging)
        TemporaryFiles.shared.unregister(staging.path)
        finished = true
    }

    /// Removes staged or set-aside folders of `destination` left by runs that were killed outright
    /// (`kill -9`, power loss), recognised by a process id that no longer exists.
    static func removeLeftovers(of destination: URL) {
        let parent = destination.deletingLastPathComponent()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for name in names {
            for role in ["partial", "replaced"] {
                let prefix = ".\(destination.lastPathComponent).\(role)-"
                guard name.hasPrefix(prefix), let pid = Int32(name.dropFirst(prefix.count).prefix { $0 != "-" }),
                      kill(pid, 0) != 0, errno == ESRCH else { continue }
                try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
            }
        }
    }

    private static func hiddenName(_ destination: URL, _ role: String) -> String {
        ".\(destination.lastPathComponent).\(role)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }
}

import PersonasData

/// Why an output folder cannot be written or replaced, or a folder Personas wrote cannot be read
/// back, as a kind a caller can switch on.
///
/// The text says what is wrong and never names a command-line flag: the CLI maps each kind to
/// advice (choose another folder, add `--force`, wait for the other run).
public struct FolderError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The destination is a file, not a folder.
        case notAFolder
        /// The destination already holds files and may not be replaced.
        case exists
        /// The destination holds files but no manifest, so nothing proves Personas wrote them all
        /// (a folder from a version before the manifest, or someone's own folder).
        case noManifest
        /// The destination holds this entry (a path relative to it), which Personas did not write.
        case foreignFile(String)
        /// The destination holds this input of the run (its name).
        case holdsInput(String)
        /// Another run is writing the same destination now.
        case locked
        /// The folder (path) cannot be written: a read-only folder or file system, or no permission.
        case readOnly
        /// A folder Personas reads back lacks this file (its name).
        case missingFile(String)
        /// Another failure of the file system, with the system's reason.
        case system(String)
    }

    /// The folder concerned (the destination, or the parent that cannot be written).
    public var path: String
    public var kind: Kind

    public init(path: String, kind: Kind) {
        self.path = path
        self.kind = kind
    }

    /// The error for a system call on `path` that failed with `errno`, classified as the atomic
    /// file writer classifies it (`OutputError.init(path:errno:)`): read-only, or the system's words.
    init(path: String, errno code: Int32) {
        let output = OutputError(path: path, errno: code)
        self.init(path: path, kind: output.kind == .readOnly ? .readOnly : .system(output.reason))
    }

    public var description: String {
        switch kind {
        case .notAFolder: "\(path) is a file, not a folder"
        case .exists: "\(path) already holds files"
        case .noManifest: "\(path) holds files but no \(OutputFileName.manifest), so nothing shows that personas wrote them all"
        case .foreignFile(let name): "\(path) holds \(name), which personas did not write"
        case .holdsInput(let name): "\(path) holds \(name), an input of this run"
        case .locked: "another personas run is writing \(path) now"
        case .readOnly: "cannot write \(path): the folder is read-only"
        case .missingFile(let name): "\(path) has no \(name)"
        case .system(let reason): "cannot use \(path): \(reason)"
        }
    }
}

import Foundation
import PersonasProfiles

/// Reads back a typing tool Personas wrote (`typing-tool.json`, from `segment` or `typing-tool`).
///
/// It accepts the file itself or the folder holding it, so `type out/ new.csv` and
/// `type out/typing-tool.json new.csv` mean the same.
public enum TypingToolFile {
    /// The tree saved at `url` (a `typing-tool.json`, or a folder holding one).
    /// - Throws: ``FolderError`` `.missingFile` when there is no such file (or the folder has
    ///   none), `.system` when it cannot be read; the tree's own loading errors
    ///   (`TypingToolError`) as they are.
    public static func read(_ url: URL) throws -> DecisionTree {
        var isFolder: ObjCBool = false
        var file = url
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
            file = url.appendingPathComponent(OutputFileName.typingToolJSON)
        }
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw FolderError(path: file.deletingLastPathComponent().path, kind: .missingFile(file.lastPathComponent))
        }
        let data: Data
        do { data = try Data(contentsOf: file) } catch {
            throw FolderError(path: file.path, kind: .system(error.localizedDescription))
        }
        return try DecisionTree.load(json: data)
    }
}

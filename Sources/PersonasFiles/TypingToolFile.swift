import Foundation
import PersonasData
import PersonasProfiles

/// A typing tool's files, written alike by `segment` and `typing-tool` (`typing-tool.json`, `.md`,
/// `.sql`, `.csv`), and `typing-tool.json` read back.
///
/// Reading accepts the file itself or the folder holding it, so `type out/ new.csv` and
/// `type out/typing-tool.json new.csv` mean the same.
public enum TypingToolFile {
    /// Writes the tree (JSON, which `type` and the library apply), its Markdown flow, the scoring
    /// query `sql` and the scoring sheet into `folder`.
    public static func write(_ tree: DecisionTree, sql: String, into folder: URL, protectedInputs: [URL]) throws {
        try AtomicFileWriter.write(tree.jsonData(), to: folder.appendingPathComponent(OutputFileName.typingToolJSON),
                                   protectedInputs: protectedInputs)
        try AtomicFileWriter.write(tree.markdown(), to: folder.appendingPathComponent(OutputFileName.typingToolMarkdown),
                                   protectedInputs: protectedInputs)
        try AtomicFileWriter.write(sql, to: folder.appendingPathComponent(OutputFileName.typingToolSQL),
                                   protectedInputs: protectedInputs)
        try tree.writeScoringSheet(to: AtomicFileWriter(
            destination: folder.appendingPathComponent(OutputFileName.typingToolScoringSheet), protectedInputs: protectedInputs))
    }

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

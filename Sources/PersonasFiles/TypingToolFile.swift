import Foundation
import PersonasData
import PersonasNumerics
import PersonasProfiles
import PersonasWorkbook

/// A typing tool's files, written alike by `segment` and `typing-tool` for either method
/// (`typing-tool.json`, `.md`, `.sql`, `.csv`, `.xlsx`), and `typing-tool.json` read back.
///
/// Reading accepts the file itself or the folder holding it, so `type out/ new.csv` and
/// `type out/typing-tool.json new.csv` mean the same.
public enum TypingToolFile {
    /// The files ``write(_:sql:segments:table:into:protectedInputs:stages:)`` writes.
    public static let names = [OutputFileName.typingToolJSON, OutputFileName.typingToolMarkdown, OutputFileName.typingToolSQL,
                               OutputFileName.typingToolScoringSheet, OutputFileName.typingToolWorkbook]

    /// Writes the tool (JSON, which `type` and the library apply), its one-page questionnaire
    /// (Markdown), the scoring query `sql`, the scoring sheet and the workbook a rep fills in into
    /// `folder`. The workbook holds no customer: only the questions, the scoring and `segments`.
    /// - Parameters:
    ///   - tree: the typing tool, a tree or a points sheet.
    ///   - sql: its scoring query (`TypingToolModel.sqlSelect`), in the dialect the caller chose.
    ///   - segments: per class of the tool, its label, persona name and description for the
    ///     workbook; nil shows "Segment <label>".
    ///   - table: the training table, for the workbook's yes/no questions and level labels.
    ///   - folder: the (staged) output folder.
    ///   - protectedInputs: the run's inputs, never overwritten.
    ///   - stages: the run's clock, told when the workbook (written last) begins
    ///     (`Stage.workbook`), so it is timed apart from the other files.
    public static func write(_ tree: TypingToolModel, sql: String, segments: [WorkbookSegment]? = nil, table: DataTable? = nil,
                             into folder: URL, protectedInputs: [URL], stages: StageClock? = nil) throws {
        try AtomicFileWriter.write(tree.jsonData(), to: folder.appendingPathComponent(OutputFileName.typingToolJSON),
                                   protectedInputs: protectedInputs)
        try AtomicFileWriter.write(tree.markdown(), to: folder.appendingPathComponent(OutputFileName.typingToolMarkdown),
                                   protectedInputs: protectedInputs)
        try AtomicFileWriter.write(sql, to: folder.appendingPathComponent(OutputFileName.typingToolSQL),
                                   protectedInputs: protectedInputs)
        try tree.writeScoringSheet(to: AtomicFileWriter(
            destination: folder.appendingPathComponent(OutputFileName.typingToolScoringSheet), protectedInputs: protectedInputs))
        stages?.begin(.workbook)
        try TypingToolWorkbook.write(TypingToolWorkbook.description(of: tree, segments: segments, table: table),
                                     into: folder, protectedInputs: protectedInputs)
    }

    /// The workbook's segments for a tool trained on a segmentation's labels: each class's label,
    /// its persona's name and narrative (a class that is not a persona's segment number shows
    /// "Segment <label>").
    /// - Parameters:
    ///   - tool: the typing tool, whose class labels are segment numbers.
    ///   - personas: the segmentation's personas.
    public static func segments(of tool: TypingToolModel, personas: PersonasDocument) -> [WorkbookSegment] {
        let bySegment = Dictionary(personas.personas.map { ($0.segment, $0) }, uniquingKeysWith: { first, _ in first })
        return tool.classLabels.map { label in
            let persona = Int(label).flatMap { bySegment[$0] }
            return WorkbookSegment(label: label, personaName: persona?.name ?? "Segment \(label)", description: persona?.narrative ?? "")
        }
    }

    /// The tree saved at `url` (a `typing-tool.json`, or a folder holding one).
    /// - Throws: ``FolderError`` `.missingFile` when there is no such file (or the folder has
    ///   none), `.system` when it cannot be read; the tree's own loading errors
    ///   (`TypingToolError`) as they are.
    public static func read(_ url: URL) throws -> TypingToolModel {
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
        return try TypingToolModel.load(json: data)
    }
}

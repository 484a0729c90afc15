import Foundation
import PersonasData
import PersonasProfiles
import PersonasReports
import PersonasSegmentation

/// The analyst's last word on a folder `segment` wrote: persona edits (`PersonaEdit`) applied
/// without refitting, and every document the folder itself can rebuild written again with them.
///
/// Rebuilt from the folder: `model.json` (names, tiers, channels, the personas with each edit
/// recorded, the typing tool's outcome names; its creation time kept), `personas.json`,
/// `personas.md`, `profile.csv` and `profile.xlsx` (the persona names), `assignments.csv` (`segment_name`,
/// `segment_tier`, `segment_channel`; every other cell byte for byte), the typing tool's files
/// (`typing-tool.json`, `.md`, `.sql`, `.csv`, `.xlsx`), `report.html` with every chart that shows
/// a name (drawn again from the figures `segment` kept in `report.json`, ``SegmentationReportFiles``)
/// and `notebook.ipynb`. Every other entry is copied as it was, the charts that show no name (the
/// choice of k, the dendrogram) among them. The folder then holds what `segment` writes for the
/// same table, options and seed with the same edits, `model.json`'s creation time and the manifest
/// aside, without the customer table and without refitting. The new folder is staged and swapped
/// in whole (``StagedFolder``), its manifest listing what it holds; a folder holding anything
/// Personas did not write, or a report without its figures, is refused and left as it was.
public enum SegmentationFolderRename {
    /// Applies `edits` to the segmentation in `folder` and rewrites its documents.
    /// - Returns: the edited model, as saved.
    /// - Throws: ``FolderError`` when the folder is missing, holds no model or was not written by
    ///   `segment`, holds a file Personas did not write (`.foreignFile`), or a report without its
    ///   figures (`.missingFile` of `report.json`, a folder written before they were kept); `ProfileError`
    ///   `.invalidInput` for an edit the personas refuse; the model's own loading errors.
    @discardableResult
    public static func apply(_ edits: [PersonaEdit], to folder: URL, inputs: [URL] = []) throws -> SegmentationModel {
        let folder = folder.standardizedFileURL
        let modelURL = folder.appendingPathComponent(OutputFileName.model)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw FolderError(path: folder.relativePath, kind: .missingFile(OutputFileName.model))
        }
        guard FileManager.default.fileExists(atPath: modelURL.path) else {
            throw FolderError(path: folder.relativePath, kind: .missingFile(OutputFileName.model))
        }
        guard let manifest = FolderManifest.read(in: folder) else { throw FolderError(path: folder.relativePath, kind: .noManifest) }
        guard manifest.command == "segment" else {
            throw FolderError(path: folder.relativePath, kind: .system("it was written by `\(manifest.command)`, not `segment`: "
                                                                      + "it has no personas to edit"))
        }
        let model = try SegmentationModel.load(from: modelURL).applying(edits)
        // Checks that Personas wrote every entry (refusing the folder otherwise) and locks it.
        let staged = try StagedFolder(destination: folder, command: manifest.command, replacing: true, inputs: inputs)
        let target = staged.staging
        func url(_ name: String) -> URL { target.appendingPathComponent(name) }
        do {
            for entry in manifest.files {
                if entry.hasSuffix("/") {
                    try FileManager.default.createDirectory(at: url(entry), withIntermediateDirectories: true)
                } else {
                    try FileManager.default.copyItem(at: folder.appendingPathComponent(entry), to: url(entry))
                }
            }
            func write(_ data: Data, _ name: String) throws { try AtomicFileWriter.write(data, to: url(name), protectedInputs: inputs) }
            func has(_ name: String) -> Bool { manifest.files.contains(name) }
            try write(model.jsonData(), OutputFileName.model)
            if has(OutputFileName.personasJSON) { try write(model.personas.jsonData(), OutputFileName.personasJSON) }
            if has(OutputFileName.personasMarkdown) {
                try write(Data(PersonasMarkdown.render(model.personas).utf8), OutputFileName.personasMarkdown)
            }
            if has(OutputFileName.profile) {
                try ProfileFile.write(model.personas, into: target, protectedInputs: inputs)
                // Only the files the folder had: a folder from before profile.xlsx gets none.
                for name in ProfileFile.names where !has(name) { try? FileManager.default.removeItem(at: url(name)) }
            }
            if has(OutputFileName.assignments) {
                try AssignmentsFile.rename(folder.appendingPathComponent(OutputFileName.assignments), model: model,
                                           to: AtomicFileWriter(destination: url(OutputFileName.assignments), protectedInputs: inputs))
            }
            if let tool = model.typingTool, has(OutputFileName.typingToolJSON) {
                try TypingToolFile.write(tool, sql: tool.sqlSelect(from: "customers", keyColumns: model.identifierColumn.map { [$0] } ?? [],
                                                                   columnTypes: model.questionTypes ?? [:]),
                                         segments: TypingToolFile.segments(of: tool, personas: model.personas),
                                         into: target, protectedInputs: inputs)
                // Only the files the folder had: a folder without the workbook gets none.
                for name in TypingToolFile.names where !has(name) { try? FileManager.default.removeItem(at: url(name)) }
            }
            if has(OutputFileName.report) {
                try SegmentationReportFiles.write(SegmentationReportFiles.redraw(model, from: folder), into: target,
                                                  protectedInputs: inputs)
            }
            if has(OutputFileName.notebook) {
                try write(SegmentationNotebook.build(SegmentationFolder.read(target), dataPath: ".").jsonData(), OutputFileName.notebook)
            }
        } catch {
            staged.abandon()
            throw error
        }
        try staged.commit()
        return model
    }
}

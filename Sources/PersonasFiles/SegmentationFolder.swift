import Foundation
import PersonasReports
import PersonasSegmentation

/// Reads back a folder `segment` wrote: the saved model and the Markdown pages and SVG charts
/// the notebook tells the story from.
public enum SegmentationFolder {
    /// The file names the notebook refers to.
    public static let names = SegmentationFolderContents.FileNames(
        model: OutputFileName.model, assignments: OutputFileName.assignments, profile: OutputFileName.profile,
        chooseKMarkdown: OutputFileName.chooseKMarkdown, chooseKChart: OutputFileName.chooseKChart,
        typingToolMarkdown: OutputFileName.typingToolMarkdown, dendrogram: OutputFileName.dendrogram)

    /// Reads `folder`: its model, and the text of each page and chart present (those at the top
    /// level and every SVG in ``OutputFileName/charts``).
    /// - Throws: ``FolderError`` `.missingFile` when the folder has no model, `.system` when a
    ///   file cannot be read; the model's own loading errors as they are.
    public static func read(_ folder: URL) throws -> SegmentationFolderContents {
        let modelURL = folder.appendingPathComponent(OutputFileName.model)
        guard FileManager.default.fileExists(atPath: modelURL.path) else {
            throw FolderError(path: folder.path, kind: .missingFile(OutputFileName.model))
        }
        let model = try SegmentationModel.load(from: modelURL)
        let charts = ((try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(OutputFileName.charts).path))
            ?? []).filter { $0.hasSuffix(".svg") }.map { OutputFileName.charts + "/" + $0 }
        var texts: [String: String] = [:]
        for name in [names.chooseKMarkdown, names.chooseKChart, names.typingToolMarkdown, names.dendrogram] + charts {
            let url = folder.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            do { texts[name] = try String(contentsOf: url, encoding: .utf8) } catch {
                throw FolderError(path: url.path, kind: .system(error.localizedDescription))
            }
        }
        return SegmentationFolderContents(names: names, model: model, texts: texts)
    }
}

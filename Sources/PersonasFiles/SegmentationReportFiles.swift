import Foundation
import PersonasData
import PersonasReports
import PersonasSegmentation

/// `report.html`, its charts and the figures it is drawn from (`report.json`), written by
/// `segment` and drawn again by a rename (``SegmentationFolderRename``) with the edited names.
///
/// The figures (`ReportFigures`) are what the report shows beyond `model.json`: the value curve,
/// the customer map, the choice of k, the typing tool's hold-out. With them and the charts that
/// show no persona name (the choice of k, the dendrogram, kept as drawn), the model alone draws
/// the report again, without the customer table and without refitting, byte for byte as the run
/// with the same edits draws it.
public enum SegmentationReportFiles {
    /// Writes the report, every chart (in `charts/`, and `choose-k.svg` and `dendrogram.svg` at
    /// the top, where analysts know them) and the figures into `folder`.
    /// - Throws: the atomic writer's errors; never writes over one of `protectedInputs`.
    public static func write(_ report: SegmentationReport, into folder: URL, protectedInputs: [URL]) throws {
        func write(_ data: Data, _ name: String) throws {
            try AtomicFileWriter.write(data, to: folder.appendingPathComponent(name), protectedInputs: protectedInputs)
        }
        // The top-level charts predate charts/ and stay where analysts know them.
        if let chart = report[.chooseK] { try write(Data(chart.svg.utf8), OutputFileName.chooseKChart) }
        if let chart = report[.dendrogram] { try write(Data(chart.svg.utf8), OutputFileName.dendrogram) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(OutputFileName.charts, isDirectory: true),
                                                withIntermediateDirectories: true)
        for chart in report.charts { try write(Data(chart.svg.utf8), chart.path) }
        try write(Data(report.html.utf8), OutputFileName.report)
        try write(SummaryJSON.data(report.figures), OutputFileName.reportFigures)
    }

    /// The report of the segmentation in `folder` drawn again for `model` (its edited names),
    /// from the folder's figures and the charts there that show no name.
    /// - Throws: ``FolderError`` `.missingFile` when the folder has no `report.json` (written
    ///   before the figures were kept) or lacks the choice-of-k chart its figures show, `.system`
    ///   when a file cannot be read or `report.json` is not the figures Personas wrote.
    public static func redraw(_ model: SegmentationModel, from folder: URL) throws -> SegmentationReport {
        let figuresURL = folder.appendingPathComponent(OutputFileName.reportFigures)
        guard FileManager.default.fileExists(atPath: figuresURL.path) else {
            throw FolderError(path: folder.relativePath, kind: .missingFile(OutputFileName.reportFigures))
        }
        let data: Data, figures: ReportFigures
        do { data = try Data(contentsOf: figuresURL) } catch {
            throw FolderError(path: figuresURL.relativePath, kind: .system(error.localizedDescription))
        }
        do { figures = try SummaryJSON.decode(ReportFigures.self, from: data) } catch {
            throw FolderError(path: folder.relativePath, kind: .system(
                "\(OutputFileName.reportFigures) is not the report's figures as personas writes them "
                + "(\(JSONDiagnostics.describe(error, in: data)))"))
        }
        var kept: [SegmentationReport.ChartKind: String] = [:]
        for kind in SegmentationReport.ChartKind.allCases where !kind.showsNames {
            let url = folder.appendingPathComponent(kind.rawValue)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            do { kept[kind] = try String(contentsOf: url, encoding: .utf8) } catch {
                throw FolderError(path: url.relativePath, kind: .system(error.localizedDescription))
            }
        }
        if figures.chooseK != nil, kept[.chooseK] == nil {
            throw FolderError(path: folder.relativePath, kind: .missingFile(SegmentationReport.ChartKind.chooseK.rawValue))
        }
        return SegmentationReport(model: model, figures: figures, keptCharts: kept)
    }
}

import Foundation
import PersonasSegmentation

/// One segmentation as `compare` reads it: its labels file — a labels or assignments CSV, or the
/// `assignments.csv` of a folder `segment` wrote — and, when known, the `model.json` that names its
/// segments (the folder's own, or one given with a CSV, such as the model `assign` applied).
///
/// The model names segment `j` by its `segmentNames[j]`; labels written by `segment`, `assign` and
/// `type` are those numbers as text, so each label must be one of them exactly (`0` … `k − 1`).
public struct SegmentationRun: Sendable {
    /// The CSV holding each customer's segment.
    public let labelsFile: URL
    /// The model that names the segments, if any.
    public let modelFile: URL?

    /// The run at `url` (a CSV, or a folder `segment` wrote), named by `model` (a `model.json` or a
    /// folder holding one) when given, else by the folder's own model.
    /// - Throws: ``FolderError`` `.missingFile` when a folder has no `assignments.csv`, or a model
    ///   folder no `model.json`.
    public init(_ url: URL, model: URL? = nil) throws {
        if Self.isFolder(url) {
            labelsFile = url.appendingPathComponent(OutputFileName.assignments)
            guard FileManager.default.fileExists(atPath: labelsFile.path) else {
                throw FolderError(path: url.relativePath, kind: .missingFile(OutputFileName.assignments))
            }
        } else {
            labelsFile = url
        }
        let modelURL = model ?? (Self.isFolder(url) ? url : nil)
        if let modelURL, Self.isFolder(modelURL) {
            modelFile = modelURL.appendingPathComponent(OutputFileName.model)
            guard FileManager.default.fileExists(atPath: modelFile!.path) else {
                throw FolderError(path: modelURL.relativePath, kind: .missingFile(OutputFileName.model))
            }
        } else {
            modelFile = modelURL
        }
    }

    /// The persona name of each of `labels` (the run's segment labels), or nil when the run has no
    /// model.
    /// - Throws: the model's loading errors (`SegmentationError` `.unreadableModel`), and
    ///   `SegmentationError` `.assignmentsMismatch` for a label that is not a segment of the model.
    public func names(of labels: [String]) throws -> [String]? {
        guard let modelFile else { return nil }
        let names = try SegmentationModel.load(from: modelFile).segmentNames
        return try labels.map { label in
            guard let j = Int(label), String(j) == label, names.indices.contains(j) else {
                throw SegmentationError(.assignmentsMismatch, "\(labelsFile.relativePath): segment \"\(label)\" is not one of "
                                        + "the \(names.count) segments of \(modelFile.relativePath) (0 to \(names.count - 1)); "
                                        + "give the model these assignments came from")
            }
            return names[j]
        }
    }

    private static func isFolder(_ url: URL) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &folder) && folder.boolValue
    }
}

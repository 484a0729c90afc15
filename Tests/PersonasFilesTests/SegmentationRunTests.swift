import Foundation
import PersonasData
import PersonasFiles
import PersonasSegmentation
import PersonasTestSupport
import Testing

/// How `compare` finds one run's assignments and names (issue 21, `compare`). Fails on main before
/// this change: `SegmentationRun` did not exist, and `compare` took neither folders nor models.
@Suite("A run for compare: its assignments and persona names")
struct SegmentationRunTests {
    /// A folder holding a model.json fitted on the sample's first 300 rows (k = 3) and its
    /// assignments.csv.
    static func folder(in directory: TemporaryDirectory) throws -> (URL, SegmentationModel) {
        let sample = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples/hcp-sample.csv")
        var options = CSVOptions()
        options.schema = try Schema.load(from: sample.deletingPathExtension().appendingPathExtension("schema.json"))
        let table = try CSVReader.read(contentsOf: sample, options: options).selectingRows(Array(0..<300))
        let model = try Segmentation.run(table, SegmentationConfiguration(ks: [3], restarts: 1, typingTool: nil, seed: 1)).model
        let folder = directory.file("seg")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try model.jsonData().write(to: folder.appendingPathComponent(OutputFileName.model))
        try Data("hcp_id,segment\nH1,0\n".utf8).write(to: folder.appendingPathComponent(OutputFileName.assignments))
        return (folder, model)
    }

    @Test("A folder: its assignments.csv, named by its model.json; a CSV named by a model given as the file or its folder")
    func folderAndModel() throws {
        let directory = try TemporaryDirectory()
        let (folder, model) = try Self.folder(in: directory)
        let run = try SegmentationRun(folder)
        #expect(run.labelsFile.lastPathComponent == "assignments.csv" && run.modelFile?.lastPathComponent == "model.json")
        #expect(try run.names(of: ["2", "0"]) == [model.segmentNames[2], model.segmentNames[0]])

        let csv = directory.file("labels.csv")
        try Data("id,segment\nA,1\n".utf8).write(to: csv)
        #expect(try SegmentationRun(csv).names(of: ["1"]) == nil, "no model, no names")
        #expect(try SegmentationRun(csv, model: folder).names(of: ["1"]) == [model.segmentNames[1]])
        #expect(try SegmentationRun(csv, model: folder.appendingPathComponent("model.json")).names(of: ["1"])
                == [model.segmentNames[1]])
    }

    @Test("Refused: a folder without assignments.csv or model.json, a label that is not one of the model's segments")
    func refusals() throws {
        let directory = try TemporaryDirectory()
        let (folder, _) = try Self.folder(in: directory)
        let empty = directory.file("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let missing = try #require(throws: FolderError.self) { try SegmentationRun(empty) }
        #expect(missing.kind == .missingFile("assignments.csv"))
        let noModel = try #require(throws: FolderError.self) { try SegmentationRun(folder, model: empty) }
        #expect(noModel.kind == .missingFile("model.json"))
        for label in ["3", "01", "-1", "loyal"] {
            let error = try #require(throws: SegmentationError.self) { try SegmentationRun(folder).names(of: ["0", label]) }
            #expect(error.kind == .assignmentsMismatch)
            #expect(error.description.contains("segment \"\(label)\" is not one of the 3 segments of"), "\(error)")
        }
    }
}

import Foundation
import PersonasClustering
import PersonasData
import PersonasNumerics
import PersonasSegmentation
import PersonasTestSupport
import Synchronization
import Testing

private let sampleURL = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("examples/hcp-sample.csv")
private let schemaURL = sampleURL.deletingPathExtension().appendingPathExtension("schema.json")

private func sample() throws -> DataTable {
    var options = CSVOptions()
    options.schema = try Schema.load(from: schemaURL)
    return try CSVReader.read(contentsOf: sampleURL, options: options)
}

@Suite("Segmentation pipeline")
struct SegmentationTests {
    @Test("k = 6 on the sample: segments by size, named personas, and a model that reassigns every row the same")
    func pipelineAndModel() throws {
        let table = try sample()
        let result = try Segmentation.run(table, SegmentationConfiguration(ks: [6], restarts: 3, seed: 4))
        let sizes = (0..<6).map { j in result.labels.filter { $0 == j }.count }
        #expect(sizes == sizes.sorted(by: >) && sizes.reduce(0, +) == table.rowCount)
        #expect(Set(result.model.segmentNames).count == 6)
        #expect(result.assignments.allSatisfy { $0.confidence >= 0 && $0.confidence <= 1 && $0.distance >= 0 })
        // model.json round trip, then the saved model assigns the training rows to their segments.
        let directory = try TemporaryDirectory()
        let url = directory.file("model.json")
        try result.model.jsonData().write(to: url)
        let loaded = try SegmentationModel.load(from: url)
        let again = try loaded.assign(table)
        #expect(again.map(\.segment) == result.labels)
        #expect(again.map(\.distance) == result.assignments.map(\.distance))
        // The typing tool travels in the model and types the same way after the round trip.
        let tool = try #require(result.typingTool)
        #expect(tool.model.questions.count <= 5 && tool.holdOut.accuracy > 0.8)
        #expect(try loaded.type(table) == result.model.type(table))
    }

    @Test("The same seed gives the same model, the creation time aside")
    func deterministic() throws {
        let table = try sample()
        let configuration = SegmentationConfiguration(ks: [5], method: .hybrid, restarts: 2, microClusters: 100, seed: 9)
        var a = try Segmentation.run(table, configuration).model
        var b = try Segmentation.run(table, configuration).model
        a.createdAt = ""
        b.createdAt = ""
        #expect(try a.jsonData() == b.jsonData())
    }

    @Test("Applying a model to a table without one of its columns is a clear error")
    func missingColumn() throws {
        let table = try sample()
        let model = try Segmentation.run(table, SegmentationConfiguration(ks: [3], restarts: 1, typingTool: nil, seed: 1)).model
        #expect(model.typingTool == nil)
        #expect(throws: SegmentationError.self) { try model.type(table) }
        let feature = model.preparation.columns[0].name
        let kept = table.columns.filter { $0.name != feature }
        let reduced = DataTable(source: "next-year.csv", columns: kept, rowCount: table.rowCount)
        do {
            _ = try model.assign(reduced)
            Issue.record("expected an error for the missing column \(feature)")
        } catch {
            #expect("\(error)".contains(feature))
        }
        let broken = try TemporaryDirectory()
        try Data("{\"formatVersion\": 1}".utf8).write(to: broken.file("model.json"))
        #expect(throws: SegmentationError.self) { try SegmentationModel.load(from: broken.file("model.json")) }
    }
}

@Suite("Segmentation pipeline: stage times")
struct SegmentationStageTimesTests {
    // Issue 22, item 1. Fails on main: the pipeline reported a stage name and a fixed share of
    // the run, and returned no stage times.
    @Test("The result times every stage in order, the choice of k's parts included; progress sees the same stages")
    func stageTimes() throws {
        let table = try sample().selectingRows(Array(0..<400))
        let events = Mutex<[StageProgress]>([])
        let result = try Segmentation.run(table, SegmentationConfiguration(ks: [2, 3], bootstrapResamples: 2,
                                                                           gapReferences: 1, seed: 1)) { event in
            events.withLock { $0.append(event) }
        }
        let expected: [Stage] = [.preparing, .segmentingAndIndices.at(k: 2), .segmentingAndIndices.at(k: 3), .gapStatistic,
                                 .bootstrapStability, .finalFit, .profiling,
                                 .typingTool, .targeting]
        #expect(result.stageTimes.map(\.stage) == expected)
        #expect(result.stageTimes.allSatisfy { $0.seconds >= 0 })
        let finished = events.withLock { $0.filter(\.finished) }
        #expect(finished.map(\.stage) == expected)
        #expect(finished.map(\.elapsed) == result.stageTimes.map(\.seconds))
        #expect(result.stageTimes.allSatisfy { $0.stage.name.allSatisfy { $0 == "_" || ("a"..."z").contains($0) } },
                "names are snake_case")
    }
}

import Foundation
import PersonasClustering
import PersonasData
import PersonasNumerics
import PersonasProfiles
import PersonasSegmentation
import PersonasTestSupport
import Testing

/// The table read back from CSV text, its value column given the value role.
private func table(_ groups: [BlobCustomers.Group]) throws -> DataTable {
    let directory = try TemporaryDirectory()
    return try withExtendedLifetime(directory) { try CSVReader.read(contentsOf: BlobCustomers.write(groups, in: directory)) }
}

private func configuration(ks: [Int], method: SegmentationConfiguration.Method = .kmeans,
                           keep: Bool = false) -> SegmentationConfiguration {
    SegmentationConfiguration(ks: ks, method: method, profile: ProfileConfiguration(valueColumn: "value"), restarts: 3,
                              bootstrapResamples: 5, gapReferences: 3, typingTool: nil, keepSmallSegments: keep, seed: 3)
}

/// Issue 17, item 6: no output lets anyone recover a figure of a segment under the minimum size.
@Suite("Segments under the minimum size")
struct SmallSegmentTests {
    static let outliers = 7
    static let groups = BlobCustomers.withFarOutliers(outliers)
    static var outlierRows: Range<Int> { 300..<(300 + outliers) }

    // Fails on main: the 7 far customers stay a segment of their own, whose k-means center (and
    // Ward mean) travels in model.json, and the run says nothing.
    @Test("With a fixed k, a segment under the minimum size moves to the nearest remaining segment, and its center leaves the model",
          arguments: [SegmentationConfiguration.Method.kmeans, .ward])
    func fixedKMerges(method: SegmentationConfiguration.Method) throws {
        let data = try table(Self.groups)
        let result = try Segmentation.run(data, configuration(ks: [4], method: method))
        let model = result.model
        #expect(model.k == 3)
        #expect(result.labels.allSatisfy { (0..<3).contains($0) })
        #expect(result.warnings.contains { $0.contains("segment 3 of the 4") && $0.contains("fewer than 10 customers")
                                           && !$0.contains("7 customers") }, "\(result.warnings)")
        // Each outlier joined the remaining segment nearest to it, and no center is an outlier's row.
        let x = result.features
        let fromModel = try model.assign(data)
        for i in Self.outlierRows {
            #expect(fromModel[i].segment == result.labels[i])
            for j in 0..<model.k {
                #expect((0..<x.columns).contains { abs(model.centers[j, $0] - x[i, $0]) > 1e-9 })
            }
        }
        let decoded = try SegmentationModel.load(from: try model.jsonData(), name: "model.json")
        #expect(decoded.centers.rows == 3)
        #expect(model.personas.profiles.segments.allSatisfy { !$0.suppressed })
    }

    // Fails on main: there is no way to keep such a segment knowingly; it is kept silently, and
    // its size, shares and Pareto point are in the personas.
    @Test("Kept on request, a small segment stays assignable but its size, shares and Pareto point are withheld")
    func keptIsSuppressed() throws {
        let data = try table(Self.groups)
        let result = try Segmentation.run(data, configuration(ks: [4], keep: true))
        let model = result.model
        #expect(model.k == 4)
        #expect(result.warnings.contains { $0.contains("segment 3 of the 4") && $0.contains("kept as asked") })
        let profiles = model.personas.profiles
        let small = try #require(profiles.segments.first { $0.segment == 3 })
        #expect(small.suppressed && small.size == nil && small.share == nil && small.valueShare == nil)
        // The population is the reported segments' customers: no total includes the small one.
        #expect(profiles.rows == 300 && profiles.suppressedRows == nil && profiles.unassignedRows == 0)
        #expect(profiles.segments.compactMap(\.share).reduce(0, +) == 1)
        #expect(!profiles.pareto.contains { $0.segment == 3 })
        let last = try #require(profiles.pareto.last)
        #expect(abs(last.cumulativeCustomerShare - 1) < 1e-12 && abs(last.cumulativeValueShare - 1) < 1e-12)
        let value = try #require(profiles.columns.first { $0.name == "value" }?.numeric)
        #expect(value.maximum < 1_000 && value.count == 300)
        #expect(try model.assign(data)[Self.outlierRows].allSatisfy { $0.segment == 3 })
    }

    // Fails on main: k = 4 isolates the 9-customer group (4.8% of the rows, above the 3% share
    // floor) and has the most votes, so it is recommended and delivered.
    @Test("A recommended k never has a segment under the minimum size")
    func recommendation() throws {
        let groups = [BlobCustomers.Group(center: (0, 0, 0), size: 60, value: 300),
                      BlobCustomers.Group(center: (10, 0, 0), size: 60, value: 300),
                      BlobCustomers.Group(center: (0, 10, 0), size: 60, value: 300),
                      BlobCustomers.Group(center: (0, 0, 10), size: 9, value: 300)]
        let data = try table(groups)
        let result = try Segmentation.run(data, configuration(ks: Array(2...5)))
        let choice = try #require(result.chooseK)
        let chosen = try #require(choice.candidates.first { $0.k == choice.recommendedK })
        #expect(chosen.segmentSizes.allSatisfy { $0 >= 10 }, "\(chosen.segmentSizes)")
        #expect(result.model.k == choice.recommendedK)
        #expect(!result.warnings.contains { $0.contains("fewer than") })
        #expect(choice.votes.contains { $0.criterion == "minimum segment size" && $0.reason.contains("4 and 5") },
                "\(choice.summary) \(choice.candidates.map(\.segmentSizes))")
    }

    @Test("When every k has a segment under the minimum size, choosing k fails and says what to do")
    func everyKSmall() throws {
        let data = try table(Self.groups)
        #expect {
            try Segmentation.run(data, configuration(ks: Array(2...4)))
        } throws: { error in
            let text = "\(error)"
            return text.contains("fewer than 10 customers") && text.contains("give one k") && !text.contains("--")
        }
    }
}

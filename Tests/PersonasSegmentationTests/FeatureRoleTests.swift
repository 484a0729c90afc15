import Foundation
import PersonasData
import PersonasProfiles
import PersonasSegmentation
import PersonasTestSupport
import Testing

private let sampleURL = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("examples/hcp-sample.csv")

/// The value and potential measures and the identifier never form segments and are never asked
/// (issue 17, item 4).
@Suite("Value, potential and identifiers stay out of the features and the questions")
struct FeatureRoleTests {
    // On main: read without a schema, `value` and `potential` are numbers and were clustered on
    // even though the configuration names them as the value and potential measures.
    @Test("value and potential named in the configuration are neither features nor typing-tool questions")
    func namedMeasures() throws {
        let table = try CSVReader.read(contentsOf: sampleURL)  // no schema: every numeric column reads as a feature
        #expect(table["value"]?.role == .feature && table["potential"]?.role == .feature)
        var profile = ProfileConfiguration()
        profile.valueColumn = "value"
        profile.potentialColumn = "potential"
        let result = try Segmentation.run(table, SegmentationConfiguration(
            ks: [4], profile: profile, restarts: 1, bootstrapResamples: 0, gapReferences: 0, seed: 1))
        let features = result.model.preparation.featureNames
        #expect(!features.contains("value") && !features.contains("potential") && features.contains("monthly_rx"))
        let questions = try #require(result.model.typingTool).features.map(\.name)
        #expect(!questions.contains("value") && !questions.contains("potential") && !questions.contains("hcp_id"))
    }

    // On main: with the value role from the schema, the default candidate questions included
    // `value` ("Annual value ≤ 3101.205?"), and an integer column with the identifier role could
    // be named as a question.
    @Test("the default questions leave out value, potential and identifier roles; naming one is refused")
    func questionCandidates() throws {
        var table = try CSVReader.read(contentsOf: sampleURL)
        try table.assignRole(.value, toColumn: "value")
        try table.assignRole(.potential, toColumn: "potential")
        try table.assignRole(.identifier, toColumn: "years_in_practice")
        let names = try TreeDataset(table: table).features.map(\.name)
        #expect(!names.contains("value") && !names.contains("potential") && !names.contains("years_in_practice"))
        #expect(names.contains("specialty"))
        for (column, reason) in [("value", "value measure"), ("potential", "potential measure"),
                                 ("years_in_practice", "customer identifier"), ("hcp_id", "customer identifier")] {
            let error = try #require(throws: TypingToolError.self) { try TreeDataset(table: table, columns: ["specialty", column]) }
            #expect("\(error)".contains("column '\(column)' cannot be a question: ") && "\(error)".contains(reason), "\(column)")
        }
    }

    // On main: a schema could not say that a column cannot be asked ("askable" was an unknown
    // key), so the sample's tool asked for the product share, a figure from the company's sales.
    @Test("a column the schema marks askable: false forms segments but is never a question")
    func notAskable() throws {
        let schemaURL = sampleURL.deletingLastPathComponent().appendingPathComponent("hcp-sample.schema.json")
        let schema = try Schema.load(from: schemaURL)
        #expect(schema.columns.first { $0.name == "product_share" }?.askable == false)
        #expect(schema == HCPUniverse.schema(), "the sample's schema is the generator's")
        let table = try CSVReader.read(contentsOf: sampleURL, options: CSVOptions(schema: schema))
        #expect(table["product_share"]?.askable == false && table["monthly_rx"]?.askable == true)
        #expect(table.inferredSchema.columns.first { $0.name == "decile" }?.askable == false)
        let names = try TreeDataset(table: table).features.map(\.name)
        #expect(!names.contains("product_share") && !names.contains("decile") && names.contains("monthly_rx"))
        let error = try #require(throws: TypingToolError.self) {
            try TreeDataset(table: table, columns: ["specialty", "product_share"])
        }
        #expect("\(error)".contains("column 'product_share' cannot be a question: the schema marks it \"askable\": false"))
        let result = try Segmentation.run(table, SegmentationConfiguration(
            ks: [4], restarts: 1, bootstrapResamples: 0, gapReferences: 0, seed: 1))
        #expect(result.model.preparation.featureNames.contains("product_share"), "still a segmentation feature")
        let questions = try #require(result.model.typingTool).features.map(\.name)
        #expect(!questions.contains("product_share") && !questions.contains("decile"))
    }
}

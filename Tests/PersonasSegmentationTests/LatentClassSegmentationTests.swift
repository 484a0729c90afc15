import Foundation
import PersonasClustering
import PersonasData
import PersonasNumerics
import PersonasSegmentation
import PersonasTestSupport
import Testing

/// The pipeline with a latent class model on the sample's first 400 rows: the items it reads
/// (missing cells left missing, unkept levels as "other"), the saved model and its checks.
@Suite("Segmentation with a latent class model")
struct LatentClassSegmentationTests {
    private static let sample = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/hcp-sample.csv")

    /// The sample's first 400 rows as CSV text, with `edit` applied to its lines (0 the header).
    private static func table(_ edit: (inout [[String]]) -> Void = { _ in }) throws -> DataTable {
        var lines = try String(contentsOf: sample, encoding: .utf8).split(separator: "\n").prefix(401)
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        edit(&lines)
        var options = CSVOptions()
        options.schema = try Schema.load(from: sample.deletingPathExtension().appendingPathExtension("schema.json"))
        return try CSVReader.read(text: lines.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n",
                                  name: "sample.csv", options: options)
    }

    private static func configuration(k: Int = 3) -> SegmentationConfiguration {
        var configuration = SegmentationConfiguration(ks: [k], method: .latentClass, restarts: 3, seed: 1)
        configuration.typingTool = nil
        return configuration
    }

    // Issue 23 (CLI and pipeline): fails on main before this change, where there is no latent class method.
    @Test("The saved model assigns the training rows as the fit did, before and after a JSON round trip")
    func assignEqualsTraining() throws {
        let table = try Self.table()
        let result = try Segmentation.run(table, Self.configuration())
        let model = try SegmentationModel.load(from: result.model.jsonData(), name: "model.json")
        #expect(model.latentClass == result.model.latentClass && model.hasProbabilities)
        let assigned = try model.assign(table)
        #expect(assigned.map(\.segment) == result.labels)
        #expect(assigned == result.assignments)
        #expect(assigned.allSatisfy { ($0.probability ?? 0) >= 1.0 / 3 - 1e-12 })
    }

    // Issue 23 (CLI and pipeline): fails on main before this change, where a missing cell is filled.
    @Test("Answers: a missing cell stays missing, a level the model does not keep is \"other\", an unseen ordinal level is refused")
    func answers() throws {
        let table = try Self.table()
        let preparation = try Preparation.fit(table, spec: PreparationSpec(minimumLevelCount: 30))
        let header = try String(contentsOf: Self.sample, encoding: .utf8).prefix { $0 != "\n" }.split(separator: ",").map(String.init)
        let specialty = header.firstIndex(of: "specialty")!, size = header.firstIndex(of: "practice_size")!
        let age = header.firstIndex(of: "age_band")!
        let edited = try Self.table { lines in
            lines[1][specialty] = "UNSEEN"
            lines[2][size] = ""
        }
        let answers = try preparation.answers(of: edited)
        let columns = preparation.columns.map(\.name)
        guard case .levels(let codes, let count)? = columns.firstIndex(of: "specialty").map({ answers[$0] }),
              case .oneHot(let levels, let other, _) = preparation.columns[columns.firstIndex(of: "specialty")!].encoding else {
            Issue.record("specialty is not a one-hot level column")
            return
        }
        #expect(other != nil && count == levels.count + 1 && codes[0] == Int32(levels.count))
        guard case .values(let values)? = columns.firstIndex(of: "practice_size").map({ answers[$0] }) else {
            Issue.record("practice_size is not a value column")
            return
        }
        #expect(values[1].isNaN && values[0].isFinite)
        // The prepared feature filled the same cell.
        #expect(try preparation.apply(edited).matrix.elements.allSatisfy(\.isFinite))

        // A table whose schema declares one more rung than the model knows.
        var lines = try String(contentsOf: Self.sample, encoding: .utf8).split(separator: "\n").prefix(401)
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        lines[3][age] = "99+"
        var options = CSVOptions()
        options.schema = preparation.inputSchema
        options.schema!.columns[options.schema!.columns.firstIndex { $0.name == "age_band" }!].levels!.append("99+")
        let unseenOrdinal = try CSVReader.read(text: lines.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n",
                                               name: "sample.csv", options: options)
        let error = try #require(throws: DataError.self) { try preparation.answers(of: unseenOrdinal) }
        #expect(error.line == 4 && error.columnName == "age_band")
    }

    // Issue 23 (CLI and pipeline): fails on main before this change, where there is no latent class method.
    @Test("An unseen level scores as a pooled one: the same probabilities as the row's own rare level")
    func unseenLevelIsOther() throws {
        let table = try Self.table()
        let result = try Segmentation.run(table, Self.configuration())
        guard case .oneHot(let kept, _?, _) = result.model.preparation.columns.first(where: { $0.name == "specialty" })?.encoding else {
            Issue.record("specialty pooled no level")
            return
        }
        let column = try #require(table["specialty"])
        let row = try #require((0..<table.rowCount).first { !kept.contains(column.text(atRow: $0)) })
        let header = try String(contentsOf: Self.sample, encoding: .utf8).prefix { $0 != "\n" }.split(separator: ",").map(String.init)
        let index = header.firstIndex(of: "specialty")!
        let edited = try Self.table { lines in lines[row + 1][index] = "NEVER-SEEN" }
        let assigned = try result.model.assign(edited)
        #expect(assigned[row] == result.assignments[row])
    }

    // Issue 23 (CLI and pipeline): fails on main before this change, where model.json holds no latent class model.
    @Test("model.json without its latent class parameters, or with items that do not match the preparation, is refused")
    func damagedModelRefused() throws {
        let result = try Segmentation.run(try Self.table(), Self.configuration(k: 2))
        var object = try JSONSerialization.jsonObject(with: result.model.jsonData()) as! [String: Any]
        var missing = object
        missing["latentClass"] = nil
        let refused = try #require(throws: SegmentationError.self) {
            try SegmentationModel.load(from: JSONSerialization.data(withJSONObject: missing), name: "model.json")
        }
        #expect(refused.description == "model.json: the model is inconsistent: a latent-class model without its latent class parameters")

        var latentClass = object["latentClass"] as! [String: Any]
        var items = latentClass["items"] as! [Any]
        items.removeLast()
        latentClass["items"] = items
        object["latentClass"] = latentClass
        let mismatched = try #require(throws: SegmentationError.self) {
            try SegmentationModel.load(from: JSONSerialization.data(withJSONObject: object), name: "model.json")
        }
        #expect(mismatched.description.hasSuffix("the latent class model's items do not match the preparation's columns and levels"))
    }

    // Issue 23 (CLI and pipeline): fails on main before this change, where there is no latent class method.
    @Test("Principal components are refused: the items are the columns themselves")
    func principalComponentsRefused() throws {
        var configuration = Self.configuration()
        configuration.preparation.pca = .components(2)
        let error = try #require(throws: SegmentationError.self) { try Segmentation.run(try Self.table(), configuration) }
        #expect(error.kind == .invalidConfiguration && error.description.contains("principal components do not apply"))
    }
}

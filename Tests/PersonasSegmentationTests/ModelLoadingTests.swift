import Foundation
import PersonasData
import PersonasSegmentation
import PersonasTestSupport
import Testing

/// A model.json fitted on the sample's first 400 rows (k = 2, with a typing tool), fitted once for
/// every case below.
private let fittedModel: Result<Data, any Error> = Result {
    let sample = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/hcp-sample.csv")
    var options = CSVOptions()
    options.schema = try Schema.load(from: sample.deletingPathExtension().appendingPathExtension("schema.json"))
    let table = try CSVReader.read(contentsOf: sample, options: options).selectingRows(Array(0..<400))
    return try Segmentation.run(table, SegmentationConfiguration(ks: [2], restarts: 1, seed: 1)).model.jsonData()
}

/// Edits of a valid model.json that decode but do not hang together: each was a trap, an
/// out-of-range index or a silent NaN when the model was used (found while fuzzing the loader,
/// Fuzz/Sources/FuzzModel), and each is now refused by `load` with the message given.
enum ModelCorruption: String, CaseIterable, Sendable {
    case tierMissing, nonFiniteCenter, duplicateLevel, ordinalWithoutLevels, encodingForAnotherType
    case typingToolNamesAnotherSegment, typingToolLeafWithFeature, centersOverflowingDimensions, laterFormat

    func apply(to model: inout [String: Any]) {
        func edit(_ key: String, _ body: (inout [String: Any]) -> Void) {
            var value = model[key] as! [String: Any]
            body(&value)
            model[key] = value
        }
        func editColumn(named name: String, _ body: (inout [String: Any]) -> Void) {
            edit("preparation") { preparation in
                var columns = preparation["columns"] as! [[String: Any]]
                let i = columns.firstIndex { $0["name"] as? String == name }!
                body(&columns[i])
                preparation["columns"] = columns
            }
        }
        switch self {
        case .tierMissing:
            model["segmentTiers"] = Array((model["segmentTiers"] as! [Any]).dropLast())
        case .nonFiniteCenter:
            edit("centers") { centers in
                var elements = centers["elements"] as! [Any]
                elements[0] = "nan"
                centers["elements"] = elements
            }
        case .duplicateLevel:
            editColumn(named: "specialty") { column in
                var encoding = column["encoding"] as! [String: [String: Any]]
                encoding["oneHot"]!["levels"] = ["GP", "FM", "GP"]
                encoding["oneHot"]!["pooledLevels"] = [String]()
                column["encoding"] = encoding
            }
        case .ordinalWithoutLevels:
            editColumn(named: "age_band") { column in
                var encoding = column["encoding"] as! [String: [String: Any]]
                encoding["ordinal"]!["levels"] = [String]()
                column["encoding"] = encoding
            }
        case .encodingForAnotherType:
            editColumn(named: "age_band") { column in column["type"] = "numeric" }
        case .typingToolNamesAnotherSegment:
            edit("typingTool") { tree in tree["classLabels"] = ["0", "7"] }
        case .typingToolLeafWithFeature:
            edit("typingTool") { tree in
                var nodes = tree["nodes"] as! [[String: Any]]
                let leaf = nodes.firstIndex { $0["feature"] as? Int == -1 }!
                nodes[leaf]["feature"] = -1_099_511_627_776
                tree["nodes"] = nodes
            }
        case .centersOverflowingDimensions:
            edit("centers") { centers in
                centers["rows"] = 4_611_686_018_427_387_904
                centers["columns"] = 4
            }
        case .laterFormat:
            model = ["formatVersion": 3, "segments": [String: Any]()]
        }
    }

    /// The exact error `load` gives for this corruption of `model`.
    func expectedError(_ model: [String: Any]) -> String {
        let inconsistent = "model.json: the model is inconsistent: "
        let preparation = "model.json: the saved preparation is damaged: "
        switch self {
        case .tierMissing: return inconsistent + "2 names, 1 tiers and 2 channels for 2 segments"
        case .nonFiniteCenter: return inconsistent + "a segment center holds a non-finite number"
        case .duplicateLevel: return preparation + "column \"specialty\" lists a level twice"
        case .ordinalWithoutLevels: return preparation + "column \"age_band\" needs distinct ordinal levels"
        case .encodingForAnotherType: return preparation + "column \"age_band\" is numeric, which its ordinal encoding does not take"
        case .typingToolNamesAnotherSegment:
            return inconsistent + "the typing tool names segment \"7\", which is not one of 0…1"
        case .typingToolLeafWithFeature:
            let nodes = (model["typingTool"] as! [String: Any])["nodes"] as! [[String: Any]]
            let leaf = nodes.firstIndex { $0["feature"] as? Int == -1 }!
            return "model.json: the saved typing tool is damaged: typing-tool file is inconsistent: node \(leaf) is a leaf "
                + "(negative feature) but has feature -1099511627776, children -1, -1; a leaf has feature -1, children -1 and no split"
        case .centersOverflowingDimensions:
            let count = ((model["centers"] as! [String: Any])["elements"] as! [Any]).count
            return "model.json: not a Personas model.json (centers.elements: \(count) elements do not fill a "
                + "4611686018427387904 × 4 matrix); write one with `personas segment`"
        case .laterFormat: return "model.json: model format 3; this version of personas reads formats 1 and 2"
        }
    }
}

@Suite("Saved model: loading refuses what it cannot apply")
struct ModelLoadingTests {
    @Test("The fitted model loads from bytes and from a file alike")
    func validModelLoads() throws {
        let data = try fittedModel.get()
        let model = try SegmentationModel.load(from: data, name: "model.json")
        #expect(model.k == 2 && model.typingTool != nil)
        let directory = try TemporaryDirectory()
        try data.write(to: directory.file("model.json"))
        let fromFile = try SegmentationModel.load(from: directory.file("model.json"))
        #expect(try fromFile.jsonData() == model.jsonData())
    }

    @Test("An inconsistent model.json is refused with its first inconsistency", arguments: ModelCorruption.allCases)
    func corruptedModelIsRefused(_ corruption: ModelCorruption) throws {
        var object = try JSONSerialization.jsonObject(with: fittedModel.get()) as! [String: Any]
        let expected = corruption.expectedError(object)
        corruption.apply(to: &object)
        let data = try JSONSerialization.data(withJSONObject: object)
        do {
            _ = try SegmentationModel.load(from: data, name: "model.json")
            Issue.record("\(corruption) loaded")
        } catch {
            #expect("\(error)" == expected)
        }
    }

    @Test("The fuzzer's minimised model whose preparation claims format 0 is refused (it loaded, then failed later)")
    func minimisedPreparationVersion() throws {
        let data = try Fixtures.data("fuzz-regressions/FuzzModel-preparation-version-0.json")
        let error = try #require(throws: SegmentationError.self) { try SegmentationModel.load(from: data, name: "model.json") }
        #expect(error.description == "model.json: the saved preparation is damaged: saved with format version 0; this version reads 1")
    }

    @Test("A row whose distance to every center overflows is a located error, not segment 0 at distance inf")
    func overflowingDistance() throws {
        let model = try SegmentationModel.load(from: fittedModel.get(), name: "model.json")
        // The sample's second customer alone, writing 1e300 prescriptions a month (with a second row,
        // the preparation refuses the file first: the column's range overflows squared distances).
        let sample = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples/hcp-sample.csv")
        var lines = try String(contentsOf: sample, encoding: .utf8).split(separator: "\n").prefix(3)
            .map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let rx = try #require(lines[0].firstIndex(of: "monthly_rx"))
        lines[2][rx] = "1e300"
        lines.remove(at: 1)
        let text = lines.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
        var options = CSVOptions()
        options.schema = model.preparation.inputSchema
        let table = try CSVReader.read(text: text, name: "next.csv", options: options)
        let error = try #require(throws: DataError.self) { try model.assign(table) }
        #expect(error == DataError(file: "next.csv", line: 2, kind: .preparation(
            "this row is too far from every segment center to be assigned (its distance overflows); check its values")))
    }

    @Test("A model.json that is not JSON names the line and column where it breaks")
    func syntaxErrorIsLocated() throws {
        let text = "{\n  \"formatVersion\": 1,\n  \"centers\": [1, 2,, 3]\n}"
        let error = try #require(throws: SegmentationError.self) {
            try SegmentationModel.load(from: Data(text.utf8), name: "model.json")
        }
        #expect(error.description == "model.json: line 3, column 20: not valid JSON; it is not a model.json as "
                + "`personas segment` writes it (write it again)")
    }
}

import Foundation
import PersonasData
import PersonasSegmentation
import PersonasTestSupport
import Testing

/// The pipeline side of the bad-input catalogue (README.md's data section): `Segmentation.run` on
/// the catalogue's degenerate tables, `SegmentationModel.load` on damaged model files, and a saved
/// model applied to tables that do not match it.
private func catalogue(_ name: String) -> URL { Fixtures.url("bad-input/" + name) }

private func read(_ name: String, schema: Schema? = nil) throws -> DataTable {
    try CSVReader.read(contentsOf: catalogue(name), options: CSVOptions(schema: schema))
}

/// A small model fitted on model_base.csv with its schema (which makes the adoption ladder
/// ordinal), as `personas segment --k 3` would fit it.
private func baseModel() throws -> SegmentationModel {
    let schema = try Schema.load(from: catalogue("model_base.schema.json"))
    return try Segmentation.run(try read("model_base.csv", schema: schema),
                         SegmentationConfiguration(ks: [3], restarts: 2, seed: 5)).model
}

/// The model's schema, as `personas assign model.json` reads next year's file with it.
private func modelSchema(_ model: SegmentationModel) -> Schema {
    var schema = model.preparation.inputSchema
    schema.modelName = "the model (model.json)"
    return schema
}

@Suite("Bad-input catalogue: the pipeline")
struct BadInputSegmentationTests {
    // Issue 18 (errors): fails on main before this change, where SegmentationError had no kind and
    // its text named the command line's --k.
    @Test("more segments than distinct rows is refused, for one k and for a range, with what to ask for instead")
    func fewDistinctRows() throws {
        let table = try read("few_distinct_rows.csv")
        let single = try #require(throws: SegmentationError.self) {
            try Segmentation.run(table, SegmentationConfiguration(ks: [3], seed: 1))
        }
        #expect(single.description == "few_distinct_rows.csv: k = 3 needs at least 3 distinct customers, but the 30 "
                + "rows of features take only 2 distinct values; ask for at most 2 segments")
        #expect(single.kind == .tooFewDistinctRows(distinct: 2, ks: [3]))
        let range = try #require(throws: SegmentationError.self) {
            try Segmentation.run(table, SegmentationConfiguration(ks: [2, 3, 4], seed: 1))
        }
        #expect(range.description == "few_distinct_rows.csv: choosing among k = 2…4 needs more than 4 distinct "
                + "customers, but the 30 rows of features take only 2 distinct values; ask for at most 2 segments")
        switch range.kind {
        case .tooFewDistinctRows(let distinct, let ks):
            #expect(distinct == 2 && ks == [2, 3, 4])
        default:
            Issue.record("expected .tooFewDistinctRows, got \(range.kind)")
        }
        // Asking for as many segments as there are distinct rows works: one segment per distinct row.
        let two = try Segmentation.run(table, SegmentationConfiguration(ks: [2], bootstrapResamples: 2, seed: 1))
        #expect((0..<30).allSatisfy { two.labels[$0] == two.labels[$0 % 2] } && two.labels[0] != two.labels[1])
    }

    @Test("the preparation's dropped-column warnings reach the pipeline's warnings")
    func droppedColumnWarnings() throws {
        let table = try read("constant_column.csv")
        let result = try Segmentation.run(table, SegmentationConfiguration(ks: [2], restarts: 1, typingTool: nil, seed: 1))
        #expect(result.warnings.contains("column \"country\" is not used: it has only one level (UK)"))
        #expect(result.warnings.contains("column \"year\" is not used: it is constant (every value is 2024)"))
    }

    @Test("values near the floating-point limits: the scaled pipeline finds the planted groups and writes no NaN")
    func floatLimits() throws {
        let table = try read("float_limits.csv")
        let result = try Segmentation.run(table, SegmentationConfiguration(ks: [2], restarts: 2, seed: 3))
        #expect((0..<40).allSatisfy { result.labels[$0] == result.labels[$0 % 2] } && result.labels[0] != result.labels[1])
        // Profiles of the raw columns: means near 1e300 and 1e-300, finite, in the planted order.
        let profiles = result.model.personas.profiles
        for name in ["huge", "tiny"] {
            let column = try #require(profiles.columns.first { $0.name == name }?.numeric)
            #expect(column.mean.isFinite && column.mean > 0 && (column.standardDeviation ?? .nan).isFinite, "\(name)")
        }
        let json = String(decoding: try result.model.jsonData(), as: UTF8.self)
        #expect(!json.contains("\"nan\"") && !json.contains("\"inf\""))
        // Unscaled, the same table is refused before any clustering.
        var unscaled = SegmentationConfiguration(ks: [2], seed: 3)
        unscaled.preparation.scaling = .none
        let error = try #require(throws: DataError.self) { try Segmentation.run(table, unscaled) }
        #expect(error.columnName == "huge" && error.description.contains("overflow to infinity"))
    }

    @Test("a missing, empty, truncated, corrupted or foreign model.json is refused with the reason")
    func damagedModels() throws {
        let directory = try TemporaryDirectory()
        let good = try baseModel().jsonData()
        func load(_ bytes: Data?, named name: String) throws -> String {
            let url = directory.file(name)
            if let bytes { try bytes.write(to: url) }
            let error = try #require(throws: SegmentationError.self) { try SegmentationModel.load(from: url) }
            return error.description.replacingOccurrences(of: directory.url.path + "/", with: "")
        }
        #expect(try load(nil, named: "absent.json")
                == "absent.json: there is no such file; give the model.json that `personas segment` wrote")
        #expect(try load(Data(), named: "empty.json")
                == "empty.json: the file is empty; it is not a model.json as `personas segment` writes it (write it again)")
        // Cut after 2,000 bytes, as an interrupted copy leaves it.
        let cut = good.prefix(2_000)
        let lines = cut.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).count
        #expect(try load(cut, named: "truncated.json")
                == "truncated.json: the file ends before its JSON does (after line \(lines)): it looks truncated; it is "
                + "not a model.json as `personas segment` writes it (write it again)")
        // A stray character inside: the line and column of the first byte that is not JSON.
        let text = String(decoding: good, as: UTF8.self).replacingOccurrences(of: "\"centers\" : {", with: "\"centers\" : {!")
        let before = try #require(text.range(of: "{!")).lowerBound
        let prefix = text[...before]  // up to and including the "{"
        let line = prefix.filter { $0 == "\n" }.count + 1
        let column = prefix.count - (prefix.lastIndex(of: "\n").map { prefix.distance(from: prefix.startIndex, to: $0) + 1 } ?? 0) + 1
        #expect(try load(Data(text.utf8), named: "corrupted.json")
                == "corrupted.json: line \(line), column \(column): not valid JSON; it is not a model.json as "
                + "`personas segment` writes it (write it again)")
        // Valid JSON of the wrong shape: the path of the first field that does not fit.
        var object = try #require(try JSONSerialization.jsonObject(with: good) as? [String: Any])
        var centers = try #require(object["centers"] as? [String: Any])
        var elements = try #require(centers["elements"] as? [Any])
        elements[4] = "four"
        centers["elements"] = elements
        object["centers"] = centers
        let retyped = try JSONSerialization.data(withJSONObject: object)
        let retypedError = try load(retyped, named: "retyped.json")
        #expect(retypedError.hasPrefix("retyped.json: not a Personas model.json (centers.elements[4]: "))
        #expect(retypedError.hasSuffix("); write one with `personas segment`"))
        #expect(try load(Data(#"{"hello": "world"}"#.utf8), named: "foreign.json")
                == "foreign.json: not a Personas model.json (formatVersion: required key is missing); write one "
                + "with `personas segment`")
        // Parts that do not fit together: applying them would index out of range.
        object = try #require(try JSONSerialization.jsonObject(with: good) as? [String: Any])
        object["segmentNames"] = ["only one"]
        #expect(try load(try JSONSerialization.data(withJSONObject: object), named: "inconsistent.json")
                == "inconsistent.json: the model is inconsistent: 1 names, 3 tiers and 3 channels for 3 segments")
        object = try #require(try JSONSerialization.jsonObject(with: good) as? [String: Any])
        object["formatVersion"] = 99
        #expect(try load(try JSONSerialization.data(withJSONObject: object), named: "future.json")
                == "future.json: model format 99; this version of personas reads formats 1 and 2")
        let folder = directory.file("folder.json")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        #expect(try load(nil, named: "folder.json") == "folder.json: this is a folder; give the model.json inside it")
    }

    @Test("a model applied to a file without one of its columns: the column and what to do")
    func missingColumn() throws {
        let model = try baseModel()
        let error = try #require(throws: DataError.self) {
            try read("model_missing_column.csv", schema: modelSchema(model))
        }
        #expect(error.line == 1 && error.kind == .modelMismatch(
            "the model (model.json) was fitted with column \"visits\", but the header has no such column; add it to "
            + "the file (same name and meaning)"))
        #expect(error.description.hasPrefix("model_missing_column.csv:1: the model (model.json) was fitted"))
        // Read without the model's schema, applying it names the column too.
        let inferred = try read("model_missing_column.csv")
        let applied = try #require(throws: DataError.self) { try model.assign(inferred) }
        #expect(applied.description == "model_missing_column.csv: column \"visits\": the model needs this column, but "
                + "the file has no column of that name")
    }

    @Test("a model applied to a file whose number column holds words: the first such cell")
    func retypedColumn() throws {
        let model = try baseModel()
        let error = try #require(throws: DataError.self) {
            try read("model_retyped_column.csv", schema: modelSchema(model))
        }
        let lines = try String(contentsOf: catalogue("model_retyped_column.csv"), encoding: .utf8).split(separator: "\n")
        let word = String(lines[6].split(separator: ",")[4])
        #expect(["high", "low"].contains(word))
        #expect(error.line == 7 && error.field == 5 && error.columnName == "share")
        #expect(error.description == "model_retyped_column.csv:7: column \"share\": expected a number, found \"\(word)\": "
                + "the model (model.json) was fitted on numbers in this column; fix the value or mark it missing")
        #expect(error.kind == .modelExpectsNumber(found: word, model: "the model (model.json)"))
        // Read without the model's schema, the column is categorical and applying says so.
        let inferred = try read("model_retyped_column.csv")
        let applied = try #require(throws: DataError.self) { try model.assign(inferred) }
        #expect(applied.description == "model_retyped_column.csv: column \"share\": was numeric when the model was "
                + "prepared, but reads as categorical here; read the file with the model's schema, or fix the column")
    }

    @Test("a model applied to unseen categories assigns them by the documented rule and warns; unseen ladder rungs are refused")
    func unseenLevels() throws {
        let model = try baseModel()
        let table = try read("model_unseen_category.csv", schema: modelSchema(model))
        var warnings: [String] = []
        let assigned = try model.assign(table, warnings: &warnings)
        #expect(assigned.count == 40 && assigned.allSatisfy { $0.distance.isFinite })
        #expect(warnings == ["column \"specialty\": 2 rows (5%) have levels the model does not keep, so they get no "
                             + "level feature (0% when it was prepared); check whether the column's levels were recoded"])
        // The unseen rows (lines 3 and 9) get no specialty feature.
        let expected = try model.preparation.apply(table).matrix
        let specialty = model.preparation.featureNames.indices.filter { model.preparation.featureNames[$0].hasPrefix("specialty=") }
        #expect(specialty.count == 4 && specialty.allSatisfy { expected[1, $0] == 0 && expected[7, $0] == 0 })
        let ordinal = try #require(throws: DataError.self) {
            try read("model_unseen_ordinal.csv", schema: modelSchema(model))
        }
        #expect(ordinal.line == 5 && ordinal.columnName == "stage")
        #expect(ordinal.description == "model_unseen_ordinal.csv:5: column \"stage\": \"advocate\" is not one of the "
                + "levels the model (model.json) was fitted with (\"unaware\", \"aware\", \"trial\", \"adopter\"); use one "
                + "of them or leave the cell empty")
    }
}

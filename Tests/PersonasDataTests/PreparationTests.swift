import Foundation
import PersonasData
import PersonasNumerics
import PersonasTestSupport
import Testing

private struct Expected: Decodable {
    struct PCA: Decodable {
        let explained_variance: [Double]
        let explained_variance_ratio: [Double]
        let components: [[Double]]
        let transformed: [[Double]]
    }
    let feature_order: [String]
    let zscore_median: [[Double]]
    let zscore_mean: [[Double]]
    let robust_median: [[Double]]
    let minmax_median: [[Double]]
    let onehot_mode: [String: [Double]]
    let pca: PCA
}

private let expected: Expected = try! Fixtures.json("preparation/expected.json")
private func mixed() throws -> DataTable { try CSVReader.read(contentsOf: Fixtures.url("preparation/mixed.csv")) }

@Suite("Feature preparation against scikit-learn")
struct PreparationReferenceTests {
    @Test("the mixed fixture reads with the expected types")
    func types() throws {
        let table = try mixed()
        #expect(table.columns.map(\.type) == [.identifier, .numeric, .integer, .numeric, .categorical, .boolean])
        #expect(table["specialty"]?.missingCount == 5)
    }

    @Test("imputation and scaling match scikit-learn's pipelines", arguments: [
        ("zscore_median", PreparationSpec.Scaling.zScore, PreparationSpec.NumericImputation.median),
        ("zscore_mean", .zScore, .mean),
        ("robust_median", .robust, .median),
        ("minmax_median", .minMax, .median),
    ])
    func scaling(name: String, scaling: PreparationSpec.Scaling, imputation: PreparationSpec.NumericImputation) throws {
        let table = try mixed()
        let spec = PreparationSpec(features: expected.feature_order, numericImputation: imputation, scaling: scaling)
        let preparation = try Preparation.fit(table, spec: spec)
        #expect(preparation.featureNames == expected.feature_order)
        let matrix = try preparation.apply(table).matrix
        let reference: [[Double]] = switch name {
        case "zscore_median": expected.zscore_median
        case "zscore_mean": expected.zscore_mean
        case "robust_median": expected.robust_median
        default: expected.minmax_median
        }
        #expect(relativeError(matrix.elements, reference.flatMap { $0 }) < 1e-12)
    }

    @Test("one-hot encoding fills with the mode and pools rare levels into other")
    func oneHot() throws {
        let table = try mixed()
        // scikit-learn's min_frequency is a share of rows; the floor of customers per level (the
        // privacy rule, tested in LevelFloorTests) is set to 1 to compare the share rule alone.
        let preparation = try Preparation.fit(table, spec: PreparationSpec(features: ["specialty"], minimumLevelCount: 1))
        let matrix = try preparation.apply(table).matrix
        #expect(Set(preparation.featureNames) == Set(expected.onehot_mode.keys))
        for (j, name) in preparation.featureNames.enumerated() {
            #expect(matrix.column(j) == expected.onehot_mode[name], "\(name)")
        }
        #expect(preparation.warnings.contains { $0.contains("pooled") })
    }

    @Test("PCA matches scikit-learn's covariance_eigh solver")
    func pca() throws {
        let table = try mixed()
        let spec = PreparationSpec(features: expected.feature_order, pca: .components(4))
        let preparation = try Preparation.fit(table, spec: spec)
        let pca = try #require(preparation.pca)
        #expect(relativeError(pca.explainedVariance, expected.pca.explained_variance) < 1e-10)
        #expect(relativeError(pca.explainedVarianceRatio, expected.pca.explained_variance_ratio) < 1e-10)
        #expect(relativeError(pca.components.elements, expected.pca.components.flatMap { $0 }) < 1e-10)
        let output = try preparation.apply(table).matrix
        #expect(preparation.outputNames == ["PC1", "PC2", "PC3", "PC4"])
        #expect(relativeError(output.elements, expected.pca.transformed.flatMap { $0 }) < 1e-10)
    }

    @Test("keeping components by explained variance keeps the fewest that reach it")
    func pcaByVariance() throws {
        let table = try mixed()
        let ratios = expected.pca.explained_variance_ratio
        let target = ratios[0] + ratios[1] * 0.5
        let preparation = try Preparation.fit(table, spec: PreparationSpec(features: expected.feature_order,
                                                                           pca: .varianceFraction(target)))
        #expect(preparation.pca?.components.rows == 2)
    }
}

@Suite("Feature preparation behaviour")
struct PreparationBehaviourTests {
    @Test("fit, save, load and apply give identical matrices")
    func roundTrip() throws {
        let table = try mixed()
        for spec in [PreparationSpec(), PreparationSpec(missingIndicators: true, scaling: .robust, pca: .components(3)),
                     PreparationSpec(categoricalImputation: .constant("unknown"), scaling: .minMax, weights: ["share": 2.5])] {
            let preparation = try Preparation.fit(table, spec: spec)
            let direct = try preparation.apply(table).matrix
            let data = try preparation.jsonData()
            let loaded = try Preparation.decode(data, name: "model.json")
            #expect(try loaded.jsonData() == data)
            let reread = try CSVReader.read(contentsOf: Fixtures.url("preparation/mixed.csv"),
                                            options: CSVOptions(schema: loaded.inputSchema))
            let applied = try loaded.apply(reread).matrix
            #expect(applied == direct, "spec \(spec)")
        }
    }

    @Test("the default selection leaves out identifiers, value and potential, and free text")
    func defaultSelection() throws {
        let text = "id,score,value,note\n" + (0..<30).map { i in
            "C\(i),\(i % 7),\(i * 10),\"free text about customer number \(i) with several words\"" }.joined(separator: "\n")
        let schema = Schema(columns: [ColumnSchema(name: "value", role: .value), ColumnSchema(name: "note", type: .text)])
        let table = try CSVReader.read(text: text, name: "t.csv", options: CSVOptions(schema: schema))
        let preparation = try Preparation.fit(table)
        #expect(preparation.featureNames == ["score"])
    }

    @Test("asking for an identifier or free text as a feature is an error that says why", arguments: [
        ("hcp_id", "identifier"), ("note", "free text"),
    ])
    func refusedFeatures(column: String, word: String) throws {
        let text = "hcp_id,note,x\n" + (0..<30).map { "H\($0),\"n\",\($0)" }.joined(separator: "\n")
        let schema = Schema(columns: [ColumnSchema(name: "note", type: .text)])
        let table = try CSVReader.read(text: text, name: "t.csv", options: CSVOptions(schema: schema))
        let error = try #require(throws: DataError.self) {
            try Preparation.fit(table, spec: PreparationSpec(features: [column, "x"]))
        }
        #expect(error.columnName == column)
        #expect(error.description.contains(word))
        #expect(error.description.contains("never become"))
    }

    @Test("an unknown feature name suggests the column it probably meant")
    func unknownColumn() throws {
        let table = try mixed()
        let error = try #require(throws: DataError.self) {
            try Preparation.fit(table, spec: PreparationSpec(features: ["Monthly_RX"]))
        }
        #expect(error.description.contains("did you mean \"monthly_rx\""))
    }

    @Test("inf in a feature column of a table built in code is an error at its row's line")
    func infinity() throws {
        // The reader refuses inf itself (see the bad-input catalogue); a table built in code
        // reaches the preparation's own check.
        let table = DataTable(source: "inf.csv", columns: [
            Column(name: "a", type: .numeric, role: .feature, values: .numbers([2, .infinity, 5])),
            Column(name: "b", type: .numeric, role: .feature, values: .numbers([3, 4, 6])),
        ], rowCount: 3)
        let error = try #require(throws: DataError.self) { try Preparation.fit(table) }
        #expect(error.line == 3)
        #expect(error.columnName == "a")
        #expect(error.kind == .nonFiniteValue(found: "inf"))
    }

    @Test("constant and empty columns are dropped with a warning, never divided by zero")
    func constantColumns() throws {
        let table = try CSVReader.read(text: "id,a,b,c\n1,5,,1\n2,5,,2\n3,5,,4\n", name: "c.csv")
        let preparation = try Preparation.fit(table)
        #expect(preparation.featureNames == ["c"])
        #expect(preparation.droppedColumns.map(\.name) == ["a", "b"])
        #expect(preparation.warnings.contains { $0.contains("\"a\"") && $0.contains("constant") })
        #expect(try preparation.apply(table).matrix.elements.allSatisfy { $0.isFinite })
    }

    @Test("values near the floating-point limits are scaled without overflow")
    func extremeValues() throws {
        let table = try CSVReader.read(text: "id,big,tiny\n1,1e300,1e-300\n2,-1e300,3e-300\n3,5e299,2e-300\n", name: "x.csv")
        let matrix = try Preparation.fit(table).apply(table).matrix
        #expect(matrix.elements.allSatisfy { $0.isFinite })
        #expect(abs(matrix.column(0).reduce(0, +)) < 1e-12)
    }

    @Test("weights multiply a column's features; missing indicators mark filled rows")
    func weightsAndIndicators() throws {
        let table = try mixed()
        let plain = try Preparation.fit(table, spec: PreparationSpec(features: ["share"]))
        let weighted = try Preparation.fit(table, spec: PreparationSpec(features: ["share"], missingIndicators: true,
                                                                        weights: ["share": 3]))
        #expect(weighted.featureNames == ["share", "share_missing"])
        let a = try plain.apply(table).matrix, b = try weighted.apply(table).matrix
        for i in 0..<table.rowCount {
            #expect(abs(b[i, 0] - 3 * a[i, 0]) < 1e-12)
            #expect(b[i, 1] == (table["share"]!.numbers![i].isNaN ? 3 : 0))
        }
        #expect(throws: DataError.self) { try Preparation.fit(table, spec: PreparationSpec(weights: ["share": -1])) }
        #expect(throws: DataError.self) { try Preparation.fit(table, spec: PreparationSpec(weights: ["nope": 1])) }
    }

    @Test("applying to a file without a column, or with it retyped, is a clear error")
    func missingAndRetypedColumns() throws {
        let table = try mixed()
        let preparation = try Preparation.fit(table, spec: PreparationSpec(features: ["monthly_rx", "specialty"]))
        let withoutColumn = try CSVReader.read(text: "hcp_id,specialty\nA,Oncology\nB,Cardiology\n", name: "next.csv")
        let missing = try #require(throws: DataError.self) { try preparation.apply(withoutColumn) }
        #expect(missing.columnName == "monthly_rx")
        #expect(missing.description.contains("no column of that name"))
        let retyped = try CSVReader.read(text: "hcp_id,monthly_rx,specialty\nA,high,Oncology\nB,low,Cardiology\n", name: "next.csv")
        let mismatch = try #require(throws: DataError.self) { try preparation.apply(retyped) }
        #expect(mismatch.description.contains("was numeric when the model was prepared, but reads as categorical"))
        // Read with the model's schema, the same file fails at the first bad cell instead.
        let located = try #require(throws: DataError.self) {
            try CSVReader.read(text: "hcp_id,monthly_rx,specialty\nA,high,Oncology\n", name: "next.csv",
                               options: CSVOptions(schema: preparation.inputSchema))
        }
        #expect(located.line == 2 && located.kind == .expectedNumber(found: "high"))
    }

    @Test("levels the model does not keep count as other, with a warning only when their share grows clearly")
    func unseenLevels() throws {
        let table = try mixed()
        let next = try CSVReader.read(text: "specialty\nOncology\nPsychiatry\nDermatology\n", name: "next.csv")
        let pool = try Preparation.fit(table, spec: PreparationSpec(features: ["specialty"]))
        let output = try pool.apply(next)
        let other = try #require(pool.featureNames.firstIndex(of: "specialty=other"))
        #expect(output.matrix[1, other] == 1)  // Psychiatry: never seen → other
        #expect(output.matrix[2, other] == 1)  // Dermatology: pooled at fit → other
        // Two of three rows in `other`, far above its share when fitted.
        #expect(output.warnings == ["column \"specialty\": 2 rows (66.7%) have levels the model does not keep and "
                                    + "count as \"other\" (\(pooledPercent(pool))% when it was prepared); check whether "
                                    + "the column's levels were recoded"])
        // The fitting table itself has exactly the fitted share of `other`: no warning.
        #expect(try pool.apply(table).warnings.isEmpty)
        // A column that kept every level has no `other`: an unseen level is refused when asked.
        let strict = try Preparation.fit(table, spec: PreparationSpec(
            features: ["specialty"], rareLevelShare: 0, minimumLevelCount: 1, unseenLevels: .error))
        let error = try #require(throws: DataError.self) { try strict.apply(next) }
        #expect(error.line == 3)
        #expect(error.kind == .unknownLevel(found: "Psychiatry", known: strict.columns[0].encodingLevels))
    }

    private func pooledPercent(_ preparation: Preparation) -> String {
        guard case .oneHot(_, let other?, _) = preparation.columns[0].encoding, let share = other.share else { return "?" }
        let tenths = (share * 1000).rounded() / 10
        return tenths == tenths.rounded() ? String(Int(tenths)) : String(tenths)
    }

    @Test("a corrupted saved preparation is refused with the reason")
    func corrupted() throws {
        let data = try Preparation.fit(try mixed()).jsonData()
        let truncated = data.prefix(data.count / 2)
        let error = try #require(throws: DataError.self) { try Preparation.decode(truncated, name: "model.json") }
        #expect(error.description.hasPrefix("model.json: not a valid saved preparation"))
        var text = String(decoding: data, as: UTF8.self)
        text = text.replacingOccurrences(of: "\"formatVersion\" : 1", with: "\"formatVersion\" : 99")
        let version = try #require(throws: DataError.self) { try Preparation.decode(Data(text.utf8), name: "model.json") }
        #expect(version.description.contains("format version 99"))
    }
}

extension PreparedColumn {
    var encodingLevels: [String] {
        if case .oneHot(let levels, _, _) = encoding { return levels }
        return []
    }
}

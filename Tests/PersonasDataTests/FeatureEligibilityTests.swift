import Foundation
import PersonasData
import Testing

/// Which columns may become features, and what a fitted preparation keeps (issue 17, items 4–6).
/// Each test failed on main before this change, as its comment says.
@Suite("Feature eligibility and the levels a preparation keeps")
struct FeatureEligibilityTests {
    /// Rows of `region` (three large levels), `visits`, and a `contact_name` filled for `named`
    /// rows, each with a different name.
    private func crm(rows: Int, named: Int) throws -> DataTable {
        var text = "hcp_id,region,visits,contact_name\n"
        for i in 0..<rows {
            let name = i < named ? "Dr Person \(i)" : ""
            text += "H\(i),\(["North", "South", "East"][i % 3]),\(i % 7),\(name)\n"
        }
        return try CSVReader.read(text: text, name: "crm.csv")
    }

    // On main: the six names were one-hot encoded into five dummy columns.
    @Test("a table of only names and cities is refused, listing each column and why it was left out")
    func namesOnly() throws {
        let table = try CSVReader.read(
            text: "name,city\nAnna Berg,Oslo\nBo Lind,Bergen\nCarl Dahl,Oslo\nDag Eik,Tromsø\nEva Fos,Bergen\nFia Gran,Oslo\n",
            name: "names.csv")
        let error = try #require(throws: DataError.self) { try Preparation.fit(table) }
        #expect(error.description.hasPrefix("names.csv: no column can be a feature, so there is nothing to segment on ("))
        #expect(error.description.contains("\"name\": none of its 6 levels is held by 10 or more customers, so it looks like "
                                           + "free text or an identifier"))
        #expect(error.description.contains("\"city\": none of its 3 levels is held by 10 or more customers"))
    }

    // On main: the 20 names were filled with the mode, which made one customer's name a level
    // held by 99% of the rows: a feature, a segment of its own, and the name in model.json.
    @Test("a sparse column of distinct names is left out with a warning, and no name reaches the saved preparation")
    func sparseNames() throws {
        let table = try crm(rows: 2000, named: 20)
        #expect(table["contact_name"]?.type == .categorical)
        let preparation = try Preparation.fit(table)
        #expect(!preparation.featureNames.contains { $0.hasPrefix("contact_name") })
        #expect(preparation.droppedColumns.map(\.name) == ["contact_name"])
        #expect(preparation.warnings.contains { $0.hasPrefix("column \"contact_name\" is not used: none of its 20 levels") })
        let json = String(decoding: try preparation.jsonData(), as: UTF8.self)
        #expect(!json.contains("Dr Person"))
    }

    // On main: model.json listed every pooled level ("pooledLevels"), each a single customer's.
    @Test("a saved preparation keeps only the levels it uses; pooled and unseen levels both count as other")
    func pooledLevelsAreNotSaved() throws {
        var text = "hcp_id,practice,visits\n"
        for i in 0..<1000 {
            let practice = i < 600 ? "Large \(i % 3)" : "Practice of Dr \(i)"  // 400 single-customer practices
            text += "H\(i),\(practice),\(i % 5)\n"
        }
        let table = try CSVReader.read(text: text, name: "practices.csv")
        let preparation = try Preparation.fit(table)
        #expect(preparation.featureNames.filter { $0.hasPrefix("practice") }
                == ["practice=Large 0", "practice=Large 1", "practice=Large 2", "practice=other"])
        let json = String(decoding: try preparation.jsonData(), as: UTF8.self)
        #expect(!json.contains("Practice of Dr"))
        #expect(!json.contains("pooledLevels"))
        guard case .oneHot(_, let other?, _) = preparation.columns[0].encoding else {
            Issue.record("practice should have an other level")
            return
        }
        #expect(other == PreparedColumn.PooledLevels(count: 400, share: 0.4))
        // The saved preparation applies to its own table exactly as before saving, with no warning.
        let reloaded = try Preparation.decode(try preparation.jsonData(), name: "model.json")
        let before = try preparation.apply(table), after = try reloaded.apply(table)
        #expect(before.matrix.elements == after.matrix.elements && after.warnings.isEmpty)
        // Next year: a pooled practice and a new one are both `other`; a share like the fitted one
        // gives no warning, a clearly larger one does.
        let next = try CSVReader.read(text: "hcp_id,practice,visits\nA,Large 0,1\nB,Practice of Dr 700,2\nC,New practice,3\n"
                                      + "D,Large 1,1\nE,Large 2,0\n", name: "next.csv")
        let applied = try reloaded.apply(next)
        let otherColumn = try #require(reloaded.featureNames.firstIndex(of: "practice=other"))
        #expect(applied.matrix[1, otherColumn] != 0 && applied.matrix[2, otherColumn] != 0)
        #expect(applied.warnings.isEmpty)  // 2 of 5 = 40%, as fitted
        let shifted = try CSVReader.read(text: "hcp_id,practice,visits\n" + (0..<100).map { "N\($0),New \($0),1\n" }.joined(),
                                         name: "shifted.csv")
        #expect(try reloaded.apply(shifted).warnings
                == ["column \"practice\": 100 rows (100%) have levels the model does not keep and count as \"other\" "
                    + "(40% when it was prepared); check whether the column's levels were recoded"])
    }

    @Test("a preparation saved with the names of its pooled levels reads as other, and saves without them")
    func legacyPooledLevels() throws {
        let legacy = """
            {"formatVersion": 1, "columns": [{"name": "practice", "type": "categorical", "weight": 1,
              "missingIndicator": false,
              "encoding": {"oneHot": {"levels": ["A", "B"], "pooledLevels": ["Dr X", "Dr Y"], "fill": "A"}}}],
             "droppedColumns": [], "warnings": [],
             "spec": {"categoricalImputation": "mode", "exclude": [], "maxLevels": 20, "missingIndicators": false,
                      "numericImputation": "median", "pca": "none", "rareLevelShare": 0.01, "scaling": "zscore",
                      "unseenLevels": "pool", "weights": {}}}
            """
        let preparation = try Preparation.decode(Data(legacy.utf8), name: "old-model.json")
        #expect(preparation.columns[0].encoding
                == .oneHot(levels: ["A", "B"], other: PreparedColumn.PooledLevels(count: 2, share: nil), fill: "A"))
        #expect(preparation.spec.minimumLevelCount == 10)
        #expect(preparation.featureNames == ["practice=A", "practice=B", "practice=other"])
        let saved = String(decoding: try preparation.jsonData(), as: UTF8.self)
        #expect(!saved.contains("Dr X") && !saved.contains("pooledLevels"))
    }

    // On main: a column with the value or potential role named in `features` was accepted, and an
    // integer column declared an identifier by role only (an NPI) was read as numbers and accepted too.
    @Test("value, potential and identifier roles are never features, by default or when asked for")
    func roles() throws {
        var text = "npi,visits,value,potential,region\n"
        for i in 0..<60 { text += "\(1_000_000 + i),\(i % 9),\(Double(i) * 10.5),\(i * 3),\(["N", "S"][i % 2])\n" }
        let schema = try Schema.decode(Data("""
            {"version": 1, "columns": [{"name": "npi", "role": "identifier"},
                         {"name": "value", "type": "numeric", "role": "value"}]}
            """.utf8), name: "crm.schema.json")
        var table = try CSVReader.read(text: text, name: "crm.csv", options: CSVOptions(schema: schema))
        try table.assignRole(.potential, toColumn: "potential")
        #expect(try Preparation.fit(table).featureNames == ["visits", "region=N", "region=S"])
        for (name, reason) in [("value", "value measure"), ("potential", "potential measure"), ("npi", "customer identifier")] {
            let error = try #require(throws: DataError.self) {
                try Preparation.fit(table, spec: PreparationSpec(features: ["visits", name]))
            }
            #expect(error.columnName == name && error.description.contains(reason), "\(name)")
        }
        let missing = try #require(throws: DataError.self) { try table.assignRole(.value, toColumn: "Visits") }
        #expect(missing.description == "crm.csv: column \"Visits\": there is no such column; did you mean \"visits\"?")
    }
}

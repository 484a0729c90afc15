import Foundation
import PersonasData
import PersonasTestSupport
import Testing

/// Survey preparation (issue 23, "Survey preparation"): attitude batteries declared in a schema or
/// given by the caller, straight-liners counted per battery, and row centering (ipsatisation)
/// recorded in the preparation. Each test fails on main before this change (no `battery` schema
/// key, no `Battery`, `BatterySummary` or `RowCentering`, no `rowCentering` in the spec).
@Suite("Survey preparation: batteries, straight-liners, row centering")
struct SurveyPreparationTests {
    /// a straight-lines (3 answers), b varies, c straight-lines on its 2 answers, d and f answer
    /// fewer than 2 items, e varies.
    static let csv = """
        id,q1,q2,q3,region
        a,3,3,3,N
        b,1,5,3,S
        c,4,,4,N
        d,2,,,S
        e,5,4,5,N
        f,,,,S
        """

    static func table(_ schema: Schema? = nil) throws -> DataTable {
        var options = CSVOptions()
        options.schema = schema
        return try CSVReader.read(text: csv, name: "survey.csv", options: options)
    }

    static let battery = Battery(name: "attitudes", columns: ["q1", "q2", "q3"])

    // Fails on main: the schema refuses the "battery" key.
    @Test("the schema's \"battery\" key groups its columns into a battery, kept in the schema written back")
    func schemaDeclared() throws {
        let schema = try Schema.decode(Data("""
            {"version": 1, "columns": [{"name": "q1", "battery": "attitudes"}, {"name": "q2", "battery": "attitudes"},
             {"name": "q3", "type": "integer", "battery": "attitudes"}]}
            """.utf8), name: "schema.json")
        let table = try Self.table(schema)
        #expect(try table.batteries() == [Self.battery])
        #expect(table.inferredSchema.column(named: "q2")?.battery == "attitudes")
        // A battery given by the caller under the same name replaces the declared one.
        let narrower = Battery(name: "attitudes", columns: ["q1", "q3"])
        #expect(try table.batteries(adding: [narrower]) == [narrower])
        // Declared in the table, it replaces the schema's, in the schema written back too.
        var declared = table
        declared.declare([narrower])
        #expect(try declared.batteries() == [narrower])
        #expect(declared.inferredSchema.column(named: "q2")?.battery == nil)
    }

    // Fails on main: no `battery` key, no `DataTable.batteries(adding:)`.
    @Test("a battery with one item, a missing or categorical item, or a column in two batteries is refused with its kind")
    func refusals() throws {
        let table = try Self.table()
        func kind(_ batteries: [Battery]) -> (DataError.Kind, String?)? {
            do {
                _ = try table.batteries(adding: batteries)
                return nil
            } catch {
                return (error.kind, error.columnName)
            }
        }
        let one = try #require(kind([Battery(name: "b", columns: ["q1"])]))
        #expect(one.0 == .battery("battery \"b\" has only one item; a battery needs at least 2 numeric items answered on one scale"))
        let categorical = try #require(kind([Battery(name: "b", columns: ["q1", "region"])]))
        #expect(categorical.1 == "region")
        guard case .battery(let text) = categorical.0 else { Issue.record("kind \(categorical.0)"); return }
        #expect(text.contains("is categorical, so it cannot be an item of battery \"b\""))
        let unknown = try #require(kind([Battery(name: "b", columns: ["q1", "Q2"])]))
        #expect(unknown.1 == "Q2")
        guard case .battery(let missingText) = unknown.0 else { Issue.record("kind \(unknown.0)"); return }
        #expect(missingText.contains("did you mean \"q2\"?"))
        let twice = try #require(kind([Battery(name: "b", columns: ["q1", "q2"]), Battery(name: "c", columns: ["q2", "q3"])]))
        #expect(twice.1 == "q2")
        // A schema declaring an item of a non-numeric type is refused when read.
        #expect(throws: DataError.self) {
            try Schema.decode(Data("""
                {"version": 1, "columns": [{"name": "q1", "type": "categorical", "battery": "attitudes"}]}
                """.utf8), name: "schema.json")
        }
    }

    // Fails on main: no `BatterySummary`.
    @Test("straight-liners by hand: 2 of the 4 respondents with at least two answers; scale and spread as computed")
    func straightLiners() throws {
        let table = try Self.table()
        let summary = BatterySummary(Self.battery, table: table)
        #expect(summary.assessed == 4)
        #expect(summary.straightLiners == 2)
        #expect(summary.straightLinerShare == 0.5)
        #expect(summary.minimum == 1 && summary.maximum == 5)
        let b = (8.0 / 3).squareRoot()
        let eMean = 14.0 / 3
        let e = ((pow(5 - eMean, 2) * 2 + pow(4 - eMean, 2)) / 3).squareRoot()
        #expect(abs(try #require(summary.meanWithinSpread) - (0 + b + 0 + e) / 4) < 1e-12)
        #expect(Self.battery.straightLiners(in: table) == [true, false, true, false, false, false])
        // The summary travels with counts only: no respondent's id in its JSON.
        let json = String(decoding: try JSONEncoder().encode(summary), as: UTF8.self)
        #expect(!json.contains("\"a\"") && !json.contains("\"c\""))
        #expect(summary.warning == "battery \"attitudes\": 2 of 4 respondents (50%) give the same answer to every item "
                + "they answered (straight-liners): their answers show a response style, not an attitude")
    }

    // Fails on main: PreparationSpec has no `rowCentering`.
    @Test("row centering by hand: each answer minus the respondent's mean over its answered items; missing stays missing")
    func centeredByHand() throws {
        let table = try Self.table()
        let spec = PreparationSpec(features: ["q1", "q2", "q3"], numericImputation: .constant(99), scaling: .none,
                                   rowCentering: [RowCentering(Self.battery)])
        let x = try Preparation.fit(table, spec: spec).apply(table).matrix
        let eMean = 14.0 / 3
        let expected: [[Double]] = [[0, 0, 0], [-2, 2, 0], [0, 99, 0], [0, 99, 99], [5 - eMean, 4 - eMean, 5 - eMean],
                                    [99, 99, 99]]
        for row in expected.indices {
            for q in 0..<3 { #expect(x[row, q] == expected[row][q], "row \(row), item \(q)") }
        }
    }

    // Fails on main: no `rowCentering` to save.
    @Test("the centering is saved with the preparation (and only when asked for) and applied again after a round trip")
    func roundTrip() throws {
        let table = try Self.table()
        let spec = PreparationSpec(features: ["q1", "q2", "q3", "region"], rowCentering: [RowCentering(Self.battery)])
        let preparation = try Preparation.fit(table, spec: spec)
        let json = try preparation.jsonData()
        #expect(String(decoding: json, as: UTF8.self).contains("\"rowCentering\""))
        let reloaded = try Preparation.decode(json, name: "preparation.json")
        #expect(reloaded.spec.rowCentering == [RowCentering(Self.battery)])
        #expect(try reloaded.apply(table).matrix == preparation.apply(table).matrix)
        let plain = try Preparation.fit(table, spec: PreparationSpec(features: ["q1", "q2", "q3", "region"]))
        #expect(!String(decoding: try plain.jsonData(), as: UTF8.self).contains("rowCentering"))
        #expect(try plain.apply(table).matrix != preparation.apply(table).matrix)
    }

    // Fails on main: no `rowCentering`, no `battery` error kind.
    @Test("centering a battery whose item is not a feature, or is log-transformed, is refused naming the column")
    func centeringRefusals() throws {
        let table = try Self.table()
        func refusal(_ spec: PreparationSpec) -> DataError? {
            do {
                _ = try Preparation.fit(table, spec: spec)
                return nil
            } catch {
                return error
            }
        }
        let centering = [RowCentering(Self.battery)]
        let notFeature = try #require(refusal(PreparationSpec(features: ["q1", "q2"], rowCentering: centering)))
        #expect(notFeature.columnName == "q3")
        guard case .battery(let text) = notFeature.kind else { Issue.record("kind \(notFeature.kind)"); return }
        #expect(text.contains("it is not a feature"))
        let logged = try #require(refusal(PreparationSpec(transforms: ["q2": .log], rowCentering: centering)))
        #expect(logged.columnName == "q2")
        guard case .battery = logged.kind else { Issue.record("kind \(logged.kind)"); return }
        // A saved preparation whose centering names a column it does not prepare is refused when loaded.
        var saved = try Preparation.fit(table, spec: PreparationSpec(features: ["q1", "q2"]))
        saved.spec.rowCentering = centering
        #expect(throws: DataError.self) { try Preparation.decode(try saved.jsonData(), name: "model.json") }
    }
}

import Foundation
import PersonasData
import PersonasTestSupport
import Testing

/// The log transform (issue 21, skewed data): declared in a schema or asked for in the spec,
/// applied before scaling, kept in the saved preparation, refused where it cannot apply; and
/// `inspect`'s skew flag. Each test fails on main before this change (no `transform` key, no
/// `ColumnTransform`, no `suggestedTransform`).
@Suite("Log transform of skewed columns")
struct LogTransformTests {
    static let csv = """
        id,spend,orders,region
        a,0,1,North
        b,10,2,South
        c,250.5,3,North
        d,3,,South
        e,99,5,North
        """

    static func table(_ schema: Schema? = nil, text: String = csv) throws -> DataTable {
        var options = CSVOptions()
        options.schema = schema
        return try CSVReader.read(text: text, name: "skew.csv", options: options)
    }

    // Fails on main: the schema refuses the "transform" key.
    @Test("the schema's \"transform\": \"log\" reaches the column and scales log(1 + x)")
    func schemaDeclared() throws {
        let schema = try Schema.decode(Data("""
            {"version": 1, "columns": [{"name": "spend", "type": "numeric", "transform": "log"}]}
            """.utf8), name: "schema.json")
        let table = try Self.table(schema)
        #expect(table["spend"]?.transform == .log)
        let preparation = try Preparation.fit(table, spec: PreparationSpec(features: ["spend"]))
        #expect(preparation.columns[0].transform == .log)
        let logs = [0, 10, 250.5, 3, 99].map { log(1 + $0) }
        let mean = logs.reduce(0, +) / 5
        let sd = (logs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 5).squareRoot()
        let features = try preparation.apply(table).matrix
        for (row, value) in logs.enumerated() {
            #expect(abs(features[row, 0] - (value - mean) / sd) < 1e-12)
        }
        // The inferred schema written back keeps the declaration.
        #expect(table.inferredSchema.column(named: "spend")?.transform == .log)
    }

    // Fails on main: PreparationSpec has no `transforms`, PreparedColumn no `transform`.
    @Test("a transform in the spec is saved with the preparation and applied again after a JSON round trip")
    func roundTrip() throws {
        let table = try Self.table()
        let preparation = try Preparation.fit(table, spec: PreparationSpec(transforms: ["spend": .log, "orders": .log]))
        let json = try preparation.jsonData()
        #expect(String(decoding: json, as: UTF8.self).contains("\"transform\" : \"log\""))
        let reloaded = try Preparation.decode(json, name: "preparation.json")
        #expect(reloaded.columns.first { $0.name == "orders" }?.transform == .log)
        #expect(try reloaded.apply(table).matrix == preparation.apply(table).matrix)
        // The missing order is filled with the median of the logs.
        let untransformed = try Preparation.fit(table, spec: PreparationSpec())
        #expect(try untransformed.apply(table).matrix != preparation.apply(table).matrix)
    }

    // Fails on main: nothing refuses a negative value (there is no transform).
    @Test("a negative value in a log-transformed column is refused with its line and column, at fit and at apply")
    func negativeRefused() throws {
        let bad = Self.csv + "\nf,-2.5,1,South"
        let error = #expect(throws: DataError.self) {
            try Preparation.fit(try Self.table(text: bad), spec: PreparationSpec(transforms: ["spend": .log]))
        }
        #expect(error?.kind == .transformDomain(found: "-2.5", transform: .log))
        #expect(error?.description.hasPrefix("skew.csv:7: column \"spend\": \"-2.5\" is negative, but the column is "
                                             + "log-transformed (log(1 + x))") == true)
        #expect(error?.field == 2)
        // A model fitted on clean data refuses the same row when applied.
        let fitted = try Preparation.fit(try Self.table(), spec: PreparationSpec(transforms: ["spend": .log]))
        let applied = #expect(throws: DataError.self) { try fitted.apply(try Self.table(text: bad)) }
        #expect(applied?.line == 7)
        #expect(applied?.columnName == "spend")
    }

    // Fails on main: the key is unknown there (a different refusal), and nothing checks the type.
    @Test("a transform on a column that is not numeric is refused: in the schema and in the spec")
    func nonNumericRefused() throws {
        let schema = #expect(throws: DataError.self) {
            try Schema.decode(Data("""
                {"version": 1, "columns": [{"name": "region", "type": "categorical", "transform": "log"}]}
                """.utf8), name: "schema.json")
        }
        #expect(schema?.message.contains("is categorical and cannot take a transform") == true)
        let spec = #expect(throws: DataError.self) {
            try Preparation.fit(try Self.table(), spec: PreparationSpec(transforms: ["region": .log]))
        }
        #expect(spec?.columnName == "region")
        #expect(spec?.message.contains("a categorical column cannot take the log transform") == true)
        // A schema without a type whose column reads as categorical is refused when fitted.
        let undeclared = try Schema.decode(Data("""
            {"version": 1, "columns": [{"name": "region", "transform": "log"}]}
            """.utf8), name: "schema.json")
        #expect(throws: DataError.self) { try Preparation.fit(try Self.table(undeclared)) }
        // An unknown transform word is a schema error.
        #expect(throws: DataError.self) {
            try Schema.decode(Data("""
                {"version": 1, "columns": [{"name": "spend", "transform": "sqrt"}]}
                """.utf8), name: "schema.json")
        }
    }

    // Fails on main: PreparationSpec has no `transforms`.
    @Test("a transform for an unknown column, or one that is not a feature, is refused")
    func unknownColumnRefused() throws {
        let unknown = #expect(throws: DataError.self) {
            try Preparation.fit(try Self.table(), spec: PreparationSpec(transforms: ["spnd": .log]))
        }
        #expect(unknown?.kind == .unknownColumn(role: nil, columns: ["id", "spend", "orders", "region"]))
        #expect(unknown?.description.hasPrefix("skew.csv: column \"spnd\": there is no such column") == true)
        let excluded = #expect(throws: DataError.self) {
            try Preparation.fit(try Self.table(), spec: PreparationSpec(exclude: ["spend"], transforms: ["spend": .log]))
        }
        #expect(excluded?.message.contains("not a feature") == true)
    }

    // Fails on main: ColumnSummary has no skewness or suggestedTransform.
    @Test("inspect's summary flags a heavily skewed non-negative feature column and suggests log")
    func skewFlag() throws {
        let directory = try TemporaryDirectory()
        let url = directory.file("skewed.csv")
        try SkewedCustomers.write(rows: 2_000, seed: 4, to: url)
        let table = try CSVReader.read(contentsOf: url, options: CSVOptions(schema: SkewedCustomers.schema()))
        let summaries = Dictionary(uniqueKeysWithValues: table.summaries().map { ($0.name, $0) })
        for name in ["orders", "spend", "support_calls"] {
            let summary = try #require(summaries[name])
            #expect((summary.numeric?.skewness ?? 0) > 2, "\(name): skewness \(summary.numeric?.skewness ?? .nan)")
            #expect(summary.suggestedTransform == .log, "\(name)")
        }
        #expect(summaries["customer_id"]?.suggestedTransform == nil)
        // Symmetric, negative, declared-transformed or non-feature columns get no suggestion.
        let plain = try Self.table(text: "x,y\n" + (0..<50).map { "\($0),\($0 % 7 - 3)" }.joined(separator: "\n"))
        #expect(plain.summaries().allSatisfy { $0.suggestedTransform == nil })
        var declared = SkewedCustomers.schema()
        declared.columns[2].transform = .log
        declared.columns[1].role = .descriptor
        let again = try CSVReader.read(contentsOf: url, options: CSVOptions(schema: declared))
        let flagged = again.summaries().filter { $0.suggestedTransform != nil }.map(\.name)
        #expect(flagged == ["support_calls"] || flagged == ["web_visits", "support_calls"])
        // G1 of a known sample (pandas: pd.Series([1, 2, 3, 10]).skew() = 1.7636…).
        let g1 = try #require(try Self.table(text: "v\n1\n2\n3\n10").summaries()[0].numeric?.skewness)
        #expect(abs(g1 - 1.763_632_614_803_888) < 1e-12)
    }
}

import Foundation
import PersonasData

extension DiscriminantTypingTool {
    /// The total points of class `k` as a SQL expression over the typed question columns: the
    /// constant, then each question's points, added left to right in question order (the order of
    /// ``scores(_:)``, so the doubles agree to the bit). Every literal is cast to the dialect's double
    /// type, so no engine computes in decimals.
    func sqlScore(_ k: Int, dialect: SQLDialect) -> String {
        func number(_ value: Double) -> String { "CAST(\(SQLText.double(value)) AS \(dialect.doubleType))" }
        var total = number(constant[k])
        for (f, term) in terms.enumerated() {
            let column = dialect.identifier(features[f].name)
            let points: String
            if let perUnit = term.pointsPerUnit {
                points = "COALESCE(\(column) * \(number(perUnit[k])), \(number(term.missingPoints[k])))"
            } else {
                let levels = features[f].levels ?? []
                let whens = (term.levelPoints ?? []).enumerated().compactMap { l, row in
                    row.map { "WHEN \(dialect.text(levels[l])) THEN \(number($0[k]))" }
                }
                points = whens.isEmpty ? number(term.missingPoints[k])
                    : "CASE \(column) \(whens.joined(separator: " ")) ELSE \(number(term.missingPoints[k])) END"
            }
            total = "(\(total) + \(points))"
        }
        return total
    }

    /// The argmax over `scores` (one SQL expression per class) as a triangular `CASE`: class k wins
    /// when its score is at least every later class's (earlier classes have already lost), so the
    /// first of equal totals wins, as in ``predict(_:)``.
    func sqlArgmax(_ scores: [String], indent: String, dialect: SQLDialect) -> String {
        guard scores.count > 1 else { return dialect.text(classLabels[0]) }
        var out = "CASE\n"
        for k in 0..<(scores.count - 1) {
            let conditions = ((k + 1)..<scores.count).map { "\(scores[k]) >= \(scores[$0])" }
            out += "\(indent)  WHEN \(conditions.joined(separator: " AND ")) THEN \(dialect.text(classLabels[k]))\n"
        }
        return out + "\(indent)  ELSE \(dialect.text(classLabels[scores.count - 1]))\n\(indent)END"
    }

    /// A `CASE` expression giving the segment label of a row, over the question columns already typed
    /// as the library reads them (`Preparation.typedColumnSQL(_:type:dialect:)`: numbers and booleans
    /// as doubles, levels as trimmed text). `NULL` scores the missing points, and so does a level the
    /// points sheet does not list (the library's ``UnseenLevelPolicy/treatAsMissing``). Each class's
    /// total is written out where it is compared; ``sqlSelect(from:keyColumns:segmentColumn:columnTypes:dialect:)``
    /// computes them once instead.
    public func sqlCaseExpression(indent: String = "", dialect: SQLDialect) -> String {
        sqlArgmax(classLabels.indices.map { sqlScore($0, dialect: dialect) }, indent: indent, dialect: dialect)
    }

    /// The question columns the points sheet reads, each typed as in the training table: `columnTypes`
    /// when it names the column, else the type the question's kind implies.
    public func questionColumns(types columnTypes: [String: ColumnType]) -> [(name: String, type: ColumnType)] {
        features.map { ($0.name, columnTypes[$0.name] ?? $0.fallbackColumnType) }
    }

    /// A query assigning every row of `table`, keeping `keyColumns` first: the question columns read
    /// through `Preparation.typedColumnSQL(_:type:dialect:)` (as `export-sql` reads them), each
    /// class's total computed once, then the triangular `CASE` over the totals. A row with a cell its
    /// column's type cannot read (`Preparation.unreadableSQL(_:dialect:)`) gets a `NULL` segment,
    /// where `personas type` refuses the file.
    public func sqlSelect(from table: String, keyColumns: [String] = [], segmentColumn: String = "segment",
                          columnTypes: [String: ColumnType] = [:], dialect: SQLDialect = .ansi) -> String {
        let keys = keyColumns.map(dialect.identifier)
        let columns = questionColumns(types: columnTypes)
        let unreadable = dialect.identifier(Preparation.unreadableFlag)
        let scoreNames = classLabels.indices.map { dialect.identifier("personas_points_\($0)") }
        let scores = classLabels.indices.map { "\(sqlScore($0, dialect: dialect)) AS \(scoreNames[$0])" }
        return """
            -- Personas typing tool (golden questions, linear discriminant points): \(features.count) question(s), \(classLabels.count) segments. Dialect: \(dialect.rawValue).
            \(TypingToolSQL.typedCommonTable(from: table, keys: keys, columns: columns, dialect: dialect)),
            \(dialect.commonTable("scored")) (
              SELECT
                \((keys + [unreadable] + scores).joined(separator: ",\n    "))
              FROM typed
            )
            SELECT \(keys.map { $0 + ", " }.joined())
              CASE WHEN \(unreadable) = 0 THEN \(sqlArgmax(scoreNames, indent: "  ", dialect: dialect)) END AS \(dialect.identifier(segmentColumn))
            FROM scored;

            """
    }
}

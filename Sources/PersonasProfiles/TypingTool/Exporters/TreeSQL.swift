import Foundation
import PersonasData

extension DecisionTree {
    /// A `CASE WHEN` expression giving the segment label of a row, over the question columns
    /// already typed as the library reads them (`Preparation.typedColumnSQL(_:type:dialect:)`:
    /// numbers and booleans as doubles, dates as days since 1970-01-01, levels as trimmed text).
    ///
    /// Numeric questions are compared as numbers, level questions as text. `NULL` follows each
    /// node's missing-value direction, and so does a level the tree never saw (the library's
    /// ``UnseenLevelPolicy/treatAsMissing``). Names and levels are spelled by `dialect`.
    public func sqlCaseExpression(indent: String = "", dialect: SQLDialect) -> String {
        func condition(_ node: TreeNode) -> String {
            let feature = features[node.feature]
            let column = dialect.identifier(feature.name)
            if feature.kind == .numeric {
                let test = "\(column) <= \(SQLText.number(node.threshold!))"
                return node.missingGoesLeft ? "(\(column) IS NULL OR \(test))" : test
            }
            let levels = feature.levels ?? []
            let leftSet = (node.leftLevels ?? []).map { dialect.text(levels[$0]) }.joined(separator: ", ")
            let test = leftSet.isEmpty ? "1 = 0" : "\(column) IN (\(leftSet))"
            guard node.missingGoesLeft else { return test }
            let all = levels.map(dialect.text).joined(separator: ", ")
            return "(\(column) IS NULL OR \(test) OR \(column) NOT IN (\(all)))"
        }
        func render(_ i: Int, _ pad: String) -> String {
            let node = nodes[i]
            if node.isLeaf { return dialect.text(classLabels[node.segment]) }
            let inner = pad + "  "
            return "CASE\n\(inner)WHEN \(condition(node)) THEN \(render(node.left, inner + "  "))\n"
                + "\(inner)ELSE \(render(node.right, inner + "  "))\n\(pad)END"
        }
        return render(0, indent)
    }

    /// The question columns the tree reads, each typed as in the training table: `columnTypes`
    /// when it names the column, else the type the question's kind implies.
    public func questionColumns(types columnTypes: [String: ColumnType]) -> [(name: String, type: ColumnType)] {
        features.filter { questions.contains($0.name) }.map { ($0.name, columnTypes[$0.name] ?? $0.fallbackColumnType) }
    }

    /// A query assigning every row of `table`, keeping `keyColumns` first: the question columns
    /// read through `Preparation.typedColumnSQL(_:type:dialect:)` (as `export-sql` reads them),
    /// then ``sqlCaseExpression(indent:dialect:)``, so it gives `personas type`'s segments on a
    /// table whose columns are native types or all text. A row with a cell its column's type
    /// cannot read (`Preparation.unreadableSQL(_:dialect:)`) gets a `NULL` segment, where
    /// `personas type` refuses the file.
    public func sqlSelect(from table: String, keyColumns: [String] = [], segmentColumn: String = "segment",
                          columnTypes: [String: ColumnType] = [:], dialect: SQLDialect = .ansi) -> String {
        let keys = keyColumns.map(dialect.identifier)
        let columns = questionColumns(types: columnTypes)
        let unreadable = dialect.identifier(Preparation.unreadableFlag)
        return """
            -- Personas typing tool: \(questions.count) question(s), \(leafCount) leaves. Dialect: \(dialect.rawValue).
            \(TypingToolSQL.typedCommonTable(from: table, keys: keys, columns: columns, dialect: dialect))
            SELECT \(keys.map { $0 + ", " }.joined())
              CASE WHEN \(unreadable) = 0 THEN \(sqlCaseExpression(indent: "  ", dialect: dialect)) END AS \(dialect.identifier(segmentColumn))
            FROM typed;

            """
    }
}

extension TreeFeature {
    /// The column type to read a question's column as when the training table's is not known.
    public var fallbackColumnType: ColumnType {
        switch kind {
        case .numeric: .numeric
        case .categorical: .categorical
        case .ordinal: .ordinal
        }
    }
}

import Foundation
import PersonasData

extension DecisionTree {
    /// An ANSI SQL `CASE WHEN` expression giving the segment label of a row, for a warehouse or Spark SQL.
    ///
    /// Numeric questions are compared as numbers (booleans as 0/1, dates as days since 1970-01-01);
    /// level questions as text. `NULL` follows each node's missing-value direction, and so does a level
    /// the tree never saw (the library's ``UnseenLevelPolicy/treatAsMissing``). Identifiers are quoted
    /// with double quotes, texts with single quotes (doubled inside).
    public func sqlCaseExpression(indent: String = "") -> String {
        func condition(_ node: TreeNode) -> String {
            let feature = features[node.feature]
            let column = SQLText.identifier(feature.name)
            if feature.kind == .numeric {
                let test = "\(column) <= \(SQLText.number(node.threshold!))"
                return node.missingGoesLeft ? "(\(column) IS NULL OR \(test))" : test
            }
            let levels = feature.levels ?? []
            let leftSet = (node.leftLevels ?? []).map { SQLText.text(levels[$0]) }.joined(separator: ", ")
            let test = leftSet.isEmpty ? "1 = 0" : "\(column) IN (\(leftSet))"
            guard node.missingGoesLeft else { return test }
            let all = levels.map(SQLText.text).joined(separator: ", ")
            return "(\(column) IS NULL OR \(test) OR \(column) NOT IN (\(all)))"
        }
        func render(_ i: Int, _ pad: String) -> String {
            let node = nodes[i]
            if node.isLeaf { return SQLText.text(classLabels[node.segment]) }
            let inner = pad + "  "
            return "CASE\n\(inner)WHEN \(condition(node)) THEN \(render(node.left, inner + "  "))\n"
                + "\(inner)ELSE \(render(node.right, inner + "  "))\n\(pad)END"
        }
        return render(0, indent)
    }

    /// A `SELECT` assigning every row of `table`, keeping `keyColumns` first.
    public func sqlSelect(from table: String, keyColumns: [String] = [], segmentColumn: String = "segment") -> String {
        let keys = keyColumns.map { SQLText.identifier($0) + ", " }.joined()
        return "SELECT \(keys)\n  \(sqlCaseExpression(indent: "  ")) AS \(SQLText.identifier(segmentColumn))\n"
            + "FROM \(SQLText.identifier(table));\n"
    }
}

import Foundation
import PersonasClustering
import PersonasData

extension SegmentationModel {
    /// The columns of each segment's latent class score, `class_score_0` …
    static func classScoreColumns(_ k: Int, _ dialect: SQLDialect) -> [String] {
        (0..<k).map { dialect.identifier("class_score_\($0)") }
    }

    /// Each segment's latent class score as a `SELECT` item over the typed columns (the
    /// `typed` common table): `ln π_j` plus, item by item in the preparation's order, the
    /// class's points for the row's answer (`LatentClassPoints`), added left to right as the
    /// library adds them, so the scores agree bit for bit on an engine with IEEE doubles:
    /// - a categorical, ordinal or boolean column: `CASE` on its level (its 0/1) → the point; a
    ///   categorical level the model does not keep scores as `other` when rare levels were
    ///   pooled, else as missing, or makes the row's score `NULL` when the preparation refuses
    ///   unseen levels; an ordinal level it never saw makes it `NULL`;
    /// - a number: `c_j − h_j·((x − μ_j)·(x − μ_j))` with x its feature without the fill
    ///   (transform, standardisation and weight, `Preparation.answers(of:)`); a value its
    ///   transform cannot take makes it `NULL`;
    /// - a missing cell: 0.
    func latentClassScoreSQL(_ latentClass: LatentClassParameters, dialect: SQLDialect) -> [String] {
        let points = LatentClassPoints(latentClass)
        let double = dialect.doubleType
        func literal(_ value: Double) -> String { SQLText.double(value) }
        // One expression per item and class; literals are cast so the sums run in doubles (an
        // engine reads `-1.5` as an exact decimal).
        let terms: [[String]] = zip(preparation.columns, points.items).map { prepared, item in
            let column = dialect.identifier(prepared.name)
            switch item {
            case .categorical(let table):
                let whens: [(String, Int)]
                var otherwise = "0"
                switch prepared.encoding {
                case .oneHot(let levels, let other, _):
                    whens = levels.enumerated().map { ("\(column) = \(dialect.text($1))", $0) }
                    if other != nil {
                        otherwise = "<other>"
                    } else if preparation.spec.unseenLevels == .error {
                        otherwise = "NULL"
                    }
                case .ordinal(let levels, _, _, _):
                    whens = levels.enumerated().map { ("\(column) = \(dialect.text($1))", $0) }
                    otherwise = "NULL"
                case .scaled:
                    whens = [("\(column) = 0", 0)]
                    otherwise = "<other>"
                }
                return (0..<points.k).map { j in
                    let cases = whens.map { "WHEN \($0.0) THEN \(literal(table[j, $0.1]))" }
                    let last = otherwise == "<other>" ? literal(table[j, table.columns - 1]) : otherwise
                    return "CAST(CASE WHEN \(column) IS NULL THEN 0 \(cases.joined(separator: " ")) ELSE \(last) END AS \(double))"
                }
            case .continuous(let means, let halfPrecisions, let constants):
                guard case .scaled(_, let center, let scale) = prepared.encoding else { return [] }
                var value = column
                if prepared.transform == .log {
                    value = "CASE WHEN \(column) >= 0 THEN \(dialect.naturalLog("\(literal(1)) + \(column)")) END"
                }
                var x = "(\(value) - \(literal(center))) / \(literal(scale))"
                if prepared.weight != 1 { x = "\(x) * \(literal(prepared.weight))" }
                return (0..<points.k).map { j in
                    let deviation = "(\(x) - \(literal(means[j])))"
                    return "CASE WHEN \(column) IS NULL THEN 0 ELSE \(literal(constants[j])) - \(literal(halfPrecisions[j])) "
                        + "* (\(deviation) * \(deviation)) END"
                }
            }
        }
        let columns = Self.classScoreColumns(points.k, dialect)
        return (0..<points.k).map { j in
            let sum = ["CAST(\(literal(points.constants[j])) AS \(double))"] + terms.map { $0[j] }
            return "\(sum.joined(separator: "\n      + ")) AS \(columns[j])"
        }
    }
}

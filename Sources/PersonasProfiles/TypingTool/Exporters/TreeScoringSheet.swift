import Foundation
import PersonasData

extension DecisionTree {
    /// The CSV scoring sheet: one row per leaf; a column per question holding the answers that lead to
    /// the leaf ("> 3 and <= 12.5", "GP | ONC", "missing", "… or missing"; empty = any answer), then the
    /// segment, the training rows reaching the leaf and the share of them in that segment. Exactly one
    /// row matches any customer (unseen levels count as missing). A leaf no answer can reach (a
    /// contradictory path, possible in a hand-edited tree) gets no row: its conditions would print as
    /// empty cells, which read as "any answer".
    public var scoringSheetRows: [[String]] {
        let questions = usedFeatures.map { features[$0].name }
        var rows = [["rule"] + questions + ["segment", "training_rows", "segment_share"]]
        for (i, rule) in leafRules.filter(\.isReachable).enumerated() {
            let node = nodes[rule.node]
            let share = node.weight > 0 ? node.distribution[node.segment] / node.weight : 0
            rows.append(["\(i + 1)"] + questions.map { rule.conditions[$0]?.text ?? "" }
                        + [rule.segment, "\(node.samples)", String(format: "%.3f", share)])
        }
        return rows
    }

    /// Writes the scoring sheet atomically.
    public func writeScoringSheet(to writer: AtomicFileWriter) throws(OutputError) {
        var csv = CSVWriter(file: writer)
        for row in scoringSheetRows { try csv.writeRow(row) }
        try csv.finish()
    }
}

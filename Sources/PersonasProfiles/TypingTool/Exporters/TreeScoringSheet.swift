import Foundation
import PersonasData

extension DecisionTree {
    /// The CSV scoring sheet: one row per answer path of the questionnaire
    /// (``TypingToolQuestionnaire``), top to bottom; a column per question (its title) holding
    /// the answer on that path as the Markdown prints it ("up to 35", "Oncology, Surgery (or
    /// unknown)", "Yes"; empty: not asked on that path), then the segment label, the outcome as
    /// a rep reads it ("Segment 3 · Loyal prescribers"), the training customers that reached it
    /// and the share of them in that segment. Exactly one row matches any customer.
    public var scoringSheetRows: [[String]] {
        let view = questionnaire
        let asked = view.askedFeatures
        var rows = [["rule"] + asked.map { features[$0].title } + ["segment", "outcome", "training_rows", "segment_share"]]
        for (i, path) in view.paths.enumerated() {
            let (customers, share) = training(path.outcome)
            let cells = asked.map { f in path.answers.first { $0.feature == f }.map { features[f].answerText($0.answer) } ?? "" }
            rows.append(["\(i + 1)"] + cells + [classLabels[path.outcome.segment], outcomeName(path.outcome.segment),
                                                "\(customers)", String(format: "%.3f", share)])
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

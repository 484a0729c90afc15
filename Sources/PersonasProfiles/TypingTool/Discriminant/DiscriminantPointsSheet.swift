import Foundation
import PersonasData

/// One line of the points sheet: an answer and the points it adds to each segment. The Markdown
/// page, the CSV scoring sheet and a workbook list these lines, in this order.
public struct DiscriminantPointsLine: Sendable, Equatable {
    public enum Answer: Sendable, Equatable {
        /// The points every customer starts with (no question).
        case start
        /// A numeric question: points per unit, multiplied by the answer.
        case perUnit
        /// A level question: this level (its text as in the data).
        case level(String)
        /// A missing answer (for a level question also any level not listed).
        case missing
    }

    /// The question's index in ``DiscriminantTypingTool/features`` (nil for ``Answer/start``).
    public var question: Int?
    public var answer: Answer
    /// Per class.
    public var points: [Double]
}

extension DiscriminantTypingTool {
    /// The sheet's lines: the start, then per question its per-unit points or its levels (those
    /// training rows had, in code order), then the missing answer's.
    public var pointsLines: [DiscriminantPointsLine] {
        var lines = [DiscriminantPointsLine(question: nil, answer: .start, points: constant)]
        for (f, term) in terms.enumerated() {
            if let perUnit = term.pointsPerUnit {
                lines.append(DiscriminantPointsLine(question: f, answer: .perUnit, points: perUnit))
            }
            let levels = features[f].levels ?? []
            for (l, row) in (term.levelPoints ?? []).enumerated() {
                if let row { lines.append(DiscriminantPointsLine(question: f, answer: .level(levels[l]), points: row)) }
            }
            lines.append(DiscriminantPointsLine(question: f, answer: .missing, points: term.missingPoints))
        }
        return lines
    }

    /// The CSV scoring sheet: a header (`question`, `answer`, then one column per segment label), then
    /// one row per ``pointsLines`` entry: question name (empty for the start), the answer (`(start)`,
    /// `(per unit)`, the level, `(missing)`; for a level question `(missing or other)`), and the
    /// points with every digit (they read back as the same numbers, so a sheet adding them agrees
    /// with the library to the bit).
    public var scoringSheetRows: [[String]] {
        var rows = [["question", "answer"] + classLabels]
        for line in pointsLines {
            let question = line.question.map { features[$0].name } ?? ""
            let answer: String
            switch line.answer {
            case .start: answer = "(start)"
            case .perUnit: answer = "(per unit)"
            case .level(let level): answer = level
            case .missing: answer = features[line.question!].kind == .numeric ? "(missing)" : "(missing or other)"
            }
            rows.append([question, answer] + line.points.map { "\($0)" })
        }
        return rows
    }

    /// Writes the scoring sheet atomically.
    public func writeScoringSheet(to writer: AtomicFileWriter) throws(OutputError) {
        var csv = CSVWriter(file: writer)
        for row in scoringSheetRows { try csv.writeRow(row) }
        try csv.finish()
    }

    /// The one-page points sheet a rep reads, in Markdown: per question its answers and each segment's
    /// points, then "add up, the highest total wins". Points are printed to 2 decimals (per-unit
    /// points to 4 significant digits); the exact ones are in the JSON. Levels show their labels and a
    /// yes/no question its two answers. Questions, levels and segment names are data text, escaped
    /// by `MarkdownText.escaped(_:)`.
    public func markdown(title: String = "Typing tool") -> String {
        let headings = classLabels.indices.map { MarkdownText.escaped(segmentTitle($0)) }
        var out = "# \(MarkdownText.escaped(title))\n\n"
        out += "\(features.count) golden question(s), \(classLabels.count) segment(s). For each segment, start from its "
            + "starting points and add the points of each answer; **add up, the highest total wins** (on a tie, the "
            + "segment further left). A numeric answer scores its number times the points per unit.\n\n"
        func table(_ lines: [DiscriminantPointsLine]) {
            // A yes/no question (0 = no, 1 = yes) reads as its two answers: yes scores the points
            // per unit once, no scores nothing.
            let lines = lines.flatMap { line -> [DiscriminantPointsLine] in
                guard case .perUnit = line.answer, let f = line.question, features[f].isYesNo else { return [line] }
                return [DiscriminantPointsLine(question: f, answer: .level("Yes"), points: line.points),
                        DiscriminantPointsLine(question: f, answer: .level("No"), points: line.points.map { _ in 0 })]
            }
            out += "| Answer | \(headings.joined(separator: " | ")) |\n"
            out += "| --- |\(String(repeating: " ---: |", count: headings.count))\n"
            for line in lines {
                let text: String, digits: String
                switch line.answer {
                case .start: (text, digits) = ("Everyone", "%.2f")
                case .perUnit: (text, digits) = ("Per unit (times the answer)", "%.4g")
                case .level(let level):
                    let label = line.question.map { features[$0].isYesNo ? level : features[$0].label(forLevel: level) } ?? level
                    (text, digits) = (MarkdownText.escaped(label), "%.2f")
                case .missing:
                    let numeric = features[line.question!].kind == .numeric
                    (text, digits) = (numeric ? "Unknown" : "Unknown or another answer", "%.2f")
                }
                let cells = line.points.map { v -> String in
                    let s = String(format: digits, v)
                    return s.hasPrefix("-") && Double(s) == 0 ? String(s.dropFirst()) : s
                }
                out += "| \(text) | \(cells.joined(separator: " | ")) |\n"
            }
            out += "\n"
        }
        let lines = pointsLines
        out += "## Starting points\n\n"
        table(lines.filter { $0.question == nil })
        for (f, feature) in features.enumerated() {
            let kind = feature.isYesNo ? " (yes or no)" : feature.kind == .numeric ? " (a number)" : ""
            out += "## \(f + 1). \(MarkdownText.escaped(feature.title))?\(kind)\n\n"
            table(lines.filter { $0.question == f })
        }
        out += "Add up each segment's points: the highest total wins.\n"
        return out
    }
}

import Foundation
import PersonasData

extension DecisionTree {
    /// The questionnaire (``TypingToolQuestionnaire``) as a printable nested list and a
    /// question-by-question flow for a rep, in Markdown: each question once on a path, with its
    /// answers by label, where an unknown answer goes, and the persona each outcome names.
    /// Questions, levels and segment names are data text, escaped by `MarkdownText.escaped(_:)`
    /// so none acts as HTML or Markdown.
    public func markdown(title: String = "Typing tool") -> String {
        let view = questionnaire
        let outcomes = view.paths.count
        var out = "# \(title)\n\n"
        out += "\(view.askedFeatures.count) question(s), \(outcomes) outcome(s). Segments: "
            + "\(classLabels.indices.map { MarkdownText.escaped(outcomeName($0)) }.joined(separator: ", ")).\n\n"
        out += "## Tree\n\n"
        func outcomeText(_ outcome: TypingToolQuestionnaire.Outcome) -> String {
            let (customers, share) = training(outcome)
            return "**\(MarkdownText.escaped(outcomeName(outcome.segment)))** "
                + "(\(Int((share * 100).rounded()))% of \(customers) training customers)"
        }
        func answerText(_ feature: Int, _ answer: TypingToolQuestionnaire.Answer) -> String {
            MarkdownText.escaped(features[feature].answerText(answer))
        }
        func tree(_ step: TypingToolQuestionnaire.Step, _ pad: String) {
            guard case .question(let q) = step else { return }
            out += "\(pad)- **\(MarkdownText.escaped(features[q.feature].questionText))**\n"
            for answer in q.answers {
                if case .outcome(let o) = answer.next {
                    out += "\(pad)  - \(answerText(q.feature, answer)) → \(outcomeText(o))\n"
                } else {
                    out += "\(pad)  - \(answerText(q.feature, answer))\n"
                    tree(answer.next, pad + "    ")
                }
            }
        }
        if case .outcome(let o) = view.root { out += "- Everyone → \(outcomeText(o))\n" } else { tree(view.root, "") }
        out += "\n## Question by question\n\n"
        // Number the questions in preorder, then print each with where every answer leads.
        var numbered: [(TypingToolQuestionnaire.Question, Int)] = []
        var flow: [Int: [String]] = [:]
        func number(_ step: TypingToolQuestionnaire.Step) -> Int? {
            guard case .question(let q) = step else { return nil }
            let n = numbered.count + 1
            numbered.append((q, n))
            var next: [Int?] = []
            for a in q.answers { next.append(number(a.next)) }
            flow[n] = zip(q.answers, next).map { answer, target in
                let to: String
                if let target { to = "go to question \(target)" } else if case .outcome(let o) = answer.next { to = outcomeText(o) } else { to = "" }
                return "   - If \(answerText(q.feature, answer)): \(to)\n"
            }
            return n
        }
        _ = number(view.root)
        for (q, n) in numbered {
            out += "\(n). Ask: *\(MarkdownText.escaped(features[q.feature].questionText))*\n" + flow[n]!.joined()
        }
        return out
    }
}

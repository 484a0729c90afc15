import PersonasData

extension TreeFeature {
    /// The question as printed for a rep: its title and a question mark ("Practice size?").
    public var questionText: String { "\(title)?" }

    /// An answer as a rep reads it: "Yes" / "No" for a yes/no question; whole-number ranges for an
    /// integer one ("up to 35", "36–95", "over 95"), dates for a date one, other numbers as
    /// "up to 0.57", "over 0.57, up to 1.2", "over 1.2"; level labels joined by commas; then
    /// " (or unknown)" when an unknown answer leads here too, or "Unknown" alone. With
    /// `levelLabels: false`, levels read as their codes ("GP, ONC"): shorter, where room is short.
    public func answerText(_ answer: TypingToolQuestionnaire.Answer, levelLabels labelled: Bool = true) -> String {
        let text: String
        switch answer.values {
        case .none:
            return "Unknown"
        case .levels(let codes):
            let levels = levels ?? []
            text = codes.map { labelled ? label(forLevel: levels[$0]) : levels[$0] }.joined(separator: ", ")
        case .range(let lower, let upper):
            text = rangeText(lower: lower, upper: upper)
        }
        return answer.includesUnknown ? text + " (or unknown)" : text
    }

    private func rangeText(lower: Double?, upper: Double?) -> String {
        if isYesNo {
            let no = lower.map { $0 < 0 } ?? true, yes = upper.map { $0 >= 1 } ?? true
            return no && yes ? "Yes or no" : (yes ? "Yes" : "No")
        }
        let whole = columnType == .integer || columnType == .date
        // Whole numbers: lower < x <= upper is floor(lower) + 1 … floor(upper).
        let first = lower.map { whole ? $0.rounded(.down) + 1 : $0 }, last = upper.map { whole ? $0.rounded(.down) : $0 }
        let show = { (v: Double) in
            self.columnType == .date && Swift.abs(v) < 1e9 ? CivilDate(daysSinceEpoch: Int(v)).iso8601 : SQLText.number(v)
        }
        switch (first, last) {
        case (nil, nil): return "Any value"
        case (nil, let b?): return columnType == .date ? "on or before \(show(b))" : "up to \(show(b))"
        case (let a?, nil):
            if columnType == .date { return "on or after \(show(a))" }
            return "over \(show(whole ? a - 1 : a))"
        case (let a?, let b?):
            if whole { return a == b ? show(a) : "\(show(a))\(columnType == .date ? " to " : "–")\(show(b))" }
            return "over \(show(a)), up to \(show(b))"
        }
    }
}

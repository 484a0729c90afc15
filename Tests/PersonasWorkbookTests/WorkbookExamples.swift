import Foundation
import PersonasNumerics
@testable import PersonasWorkbook

/// Workbooks for the tests: hostile texts everywhere (levels and names that look like formulas or
/// break out of a string literal, a comma, a quote, a newline), a drop-down list longer than Excel's
/// 255 characters, and answer rows of every kind; with an evaluator written here, apart from the
/// library's formulas, that gives the segment each row should get.
enum WorkbookExamples {
    static let questions: [WorkbookQuestion] = [
        WorkbookQuestion(name: "monthly_rx", label: "Monthly prescriptions", kind: .number),
        WorkbookQuestion(name: "specialty", label: "Specialty", kind: .levels([
            WorkbookLevel(value: "GP", label: "General practice"), WorkbookLevel(value: "CARD", label: "Cardiology"),
            WorkbookLevel(value: "=1+1"), WorkbookLevel(value: "\"; DROP", label: "Quote \"; DROP"),
            WorkbookLevel(value: "a,b", label: "Comma, level"), WorkbookLevel(value: "3", label: "Three"),
            WorkbookLevel(value: "gp", label: "gp lower"),
        ])),
        WorkbookQuestion(name: "rep_access_restricted", label: "Restricts rep access?", kind: .yesNo),
        WorkbookQuestion(name: "practice_type", label: "Practice type", kind: .levels([
            WorkbookLevel(value: "clinic", label: "Clinic"), WorkbookLevel(value: "gp_practice", label: "GP practice"),
            WorkbookLevel(value: "hospital", label: "Hospital"),
        ])),
        WorkbookQuestion(name: "region", label: "=Region \"where\"", kind: .levels((0..<12).map {
            WorkbookLevel(value: "r\($0)", label: "Region number \($0) with a rather long name")
        })),
        WorkbookQuestion(name: "share", label: "Product share", kind: .number),
    ]

    static let segments: [WorkbookSegment] = [
        WorkbookSegment(label: "A", personaName: "Digital = first", description: "Reads email;\nattends webinars"),
        WorkbookSegment(label: "=2+2", personaName: "=HYPERLINK(\"http://x\")", description: "\"; DROP TABLE personas; --"),
        WorkbookSegment(label: "Seg \"C\"", personaName: "Plain\tbell\u{7} _x0041_", description: ""),
        WorkbookSegment(label: "D", personaName: "Last, but not least", description: "@SUM(1)"),
    ]

    static let tree: WorkbookTree = {
        func split(_ q: Int, _ test: WorkbookSplit.Test, missingPasses: Bool, _ passing: WorkbookTree, _ failing: WorkbookTree) -> WorkbookTree {
            .split(WorkbookSplit(question: q, test: test, missingPasses: missingPasses), passing: passing, failing: failing)
        }
        return split(0, .atMost(50.5), missingPasses: false,
                     split(1, .levelIn([0, 2, 3]), missingPasses: true,
                           split(2, .atMost(0.5), missingPasses: false, .leaf(segment: 0), .leaf(segment: 1)),
                           split(4, .levelIn([1, 5, 7, 9]), missingPasses: false, .leaf(segment: 2),
                                 split(5, .atMost(-0.25), missingPasses: true, .leaf(segment: 3), .leaf(segment: 0)))),
                     split(3, .levelIn([1]), missingPasses: true,
                           .leaf(segment: 3),
                           split(1, .levelIn([4, 5, 6]), missingPasses: false, .leaf(segment: 1),
                                 split(0, .atMost(1000.75), missingPasses: false, .leaf(segment: 2), .leaf(segment: 3)))))
    }()

    /// Points in quarters and number answers in halves, so every total is exact and ties are real:
    /// segment 2 copies segment 1 except on practice type, so the two tie on some rows (1 must win).
    static let points: WorkbookPoints = {
        var random = SeededGenerator(seed: 20)
        func quarters(_ count: Int) -> [Double] { (0..<count).map { _ in Double(random.nextInt(below: 41) - 20) / 4 } }
        var entries: [WorkbookQuestionPoints] = questions.map { question in
            switch question.kind {
            case .number: WorkbookQuestionPoints(answer: .perUnit(quarters(4).map { $0 / 8 }), missing: quarters(4))
            case .yesNo: WorkbookQuestionPoints(answer: .perUnit(quarters(4)), missing: quarters(4))
            case .levels(let levels): WorkbookQuestionPoints(answer: .perLevel(levels.map { _ in quarters(4) }), missing: quarters(4))
            }
        }
        var constant = quarters(4)
        constant[2] = constant[1]
        for q in entries.indices {
            entries[q].missing[2] = entries[q].missing[1]
            switch entries[q].answer {
            case .perUnit(var row):
                row[2] = row[1]
                entries[q].answer = .perUnit(row)
            case .perLevel(var table):
                for l in table.indices { table[l][2] = table[l][1] + (q == 3 ? [0.5, 0, -0.5][l] : 0) }
                entries[q].answer = .perLevel(table)
            }
        }
        return WorkbookPoints(constant: constant, questions: entries)
    }()

    static func description(_ scoring: WorkbookScoring) -> WorkbookDescription {
        WorkbookDescription(title: "Typing tool: \"=SUM(A1)\" & co", questions: questions, segments: segments, scoring: scoring)
    }

    /// `count` answer rows of every kind; every 29th row is empty. `halves` keeps numbers to
    /// multiples of 0.5 (exact points totals).
    static func rows(_ count: Int, seed: UInt64, halves: Bool) -> [[WorkbookAnswer]] {
        var random = SeededGenerator(seed: seed)
        return (0..<count).map { r in
            if r % 29 == 5 { return Array(repeating: WorkbookAnswer.blank, count: questions.count) }
            return questions.map { question in
                let roll = random.nextInt(below: 100)
                if roll < 12 { return .blank }
                switch question.kind {
                case .number:
                    if roll < 15 { return .text("12") }
                    if roll < 18 { return .text("=1+1") }
                    let x = halves ? Double(random.nextInt(below: 4001) - 400) / 2 : Double(random.nextInt(below: 2_100_001) - 100_000) / 1000
                    return .number(x)
                case .yesNo:
                    if roll < 20 { return .text(["yes", "NO", "Yes", "no"][random.nextInt(below: 4)]) }
                    if roll < 24 { return .text("maybe") }
                    return .yesNo(random.nextInt(below: 2) == 1)
                case .levels(let levels):
                    if roll < 17 { return .text("zzz unknown") }
                    if roll < 21 { return .text("=1+1") }
                    if roll < 24, question.name == "specialty" { return .number(3) }
                    if roll < 50 { return .text(levels[random.nextInt(below: levels.count)].value) }
                    return .level(random.nextInt(below: levels.count))
                }
            }
        }
    }

    // MARK: The evaluator, apart from the library

    /// The answer as the formulas should read it: a number (yes = 1, no = 0, a level's 0-based
    /// index), or nil when missing or unknown.
    static func known(_ answer: WorkbookAnswer, _ question: WorkbookQuestion) -> Double? {
        switch (question.kind, answer) {
        case (.number, .number(let x)): return x.isFinite ? x : nil
        case (.yesNo, .yesNo(let yes)): return yes ? 1 : 0
        case (.yesNo, .text(let text)): return text.lowercased() == "yes" ? 1 : text.lowercased() == "no" ? 0 : nil
        case (.levels, .level(let i)): return Double(i)
        case (.levels(let levels), .text(let text)):
            return levels.firstIndex { $0.label == text || $0.value == text }.map(Double.init)
        case (.levels(let levels), .number(let x)):
            let text = x == x.rounded() ? String(Int(x)) : "\(x)"
            return levels.firstIndex { $0.label == text || $0.value == text }.map(Double.init)
        default: return nil
        }
    }

    static func isEmpty(_ row: [WorkbookAnswer]) -> Bool {
        row.allSatisfy {
            switch $0 {
            case .blank: true
            case .text(let text): text.isEmpty
            case .number(let x): !x.isFinite
            default: false
            }
        }
    }

    /// The segment index a row should get, or nil for an empty row.
    static func expected(_ row: [WorkbookAnswer], _ scoring: WorkbookScoring) -> Int? {
        guard !isEmpty(row) else { return nil }
        let values = zip(row, questions).map { known($0, $1) }
        switch scoring {
        case .tree(var node):
            while case .split(let split, let passing, let failing) = node {
                let passes: Bool
                if let v = values[split.question] {
                    switch split.test {
                    case .atMost(let threshold): passes = v <= threshold
                    case .levelIn(let set): passes = set.contains(Int(v))
                    }
                } else {
                    passes = split.missingPasses
                }
                node = passes ? passing : failing
            }
            guard case .leaf(let segment) = node else { return nil }
            return segment
        case .points(let points):
            var best = 0, bestTotal = -Double.infinity
            for s in segments.indices {
                var total = points.constant[s]
                for (q, entry) in points.questions.enumerated() {
                    guard let v = values[q] else { total += entry.missing[s]; continue }
                    switch entry.answer {
                    case .perUnit(let perUnit): total += v * perUnit[s]
                    case .perLevel(let table): total += table[Int(v)][s]
                    }
                }
                if total > bestTotal { best = s; bestTotal = total }
            }
            return best
        }
    }
}

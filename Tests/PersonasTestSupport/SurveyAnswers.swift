import Foundation
import PersonasNumerics

/// A seeded needs-based survey as CSV text, for the survey-preparation tests: respondents `R0001`,
/// `R0002`, … in three attitude groups answer six agreement items `q1`…`q6` on a 1–5 scale,
/// each shifted by their own scale-use bias (−1, 0 or +1 on every item); every `straightLinerEvery`-th
/// respondent answers 3 to every item (a straight-liner), and about 3% of the other answers are
/// missing. A `region` column (N/S) and a `spend` column ride along.
public enum SurveyAnswers {
    public static let items = ["q1", "q2", "q3", "q4", "q5", "q6"]

    /// The group profiles on the six items (before bias and noise).
    static let profiles: [[Double]] = [[5, 5, 4, 2, 1, 2], [1, 2, 1, 5, 5, 4], [3, 5, 1, 3, 5, 1]]

    /// The table and how many straight-liners it holds.
    public static func csv(respondents: Int = 300, straightLinerEvery: Int = 25, seed: UInt64 = 1) -> (text: String, straightLiners: Int) {
        var random = SeededGenerator(seed: seed)
        var text = "respondent_id,region,spend," + items.joined(separator: ",") + "\n"
        var flat = 0
        for r in 1...respondents {
            let id = "R" + String(repeating: "0", count: max(0, 4 - String(r).count)) + String(r)
            var cells = [id, Bool.random(using: &random) ? "N" : "S",
                         String(Int.random(in: 0...900, using: &random))]
            if r % straightLinerEvery == 0 {
                cells += items.map { _ in "3" }
                flat += 1
            } else {
                let profile = profiles[r % profiles.count]
                let bias = Double(Int.random(in: -1...1, using: &random))
                for q in items.indices {
                    let answer = profile[q] + bias + Double.random(in: -0.8...0.8, using: &random)
                    let missing = Double.random(in: 0..<1, using: &random) < 0.03
                    cells.append(missing ? "" : String(Int(min(5, max(1, answer.rounded())))))
                }
            }
            text += cells.joined(separator: ",") + "\n"
        }
        return (text, flat)
    }
}

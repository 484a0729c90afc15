import Foundation
import PersonasData
import PersonasProfiles
import PersonasTestSupport
import Testing

/// `TypingTool.deliver`: the tree, the golden questions, or the better of the two (issue 20).
@Suite("Typing tool by method")
struct DeliveredTypingToolTests {
    // Fails on main before this change: there was one method (the tree) and no choice.
    @Test("best keeps the higher cross-validated accuracy, says why, and carries both results")
    func bestChoosesByCrossValidation() throws {
        let (data, labels) = try TypingToolSamples.hcpSample()
        var configuration = TypingToolConfiguration()
        configuration.method = .tree
        let tree = try TypingTool.deliver(data, labels: labels, configuration: configuration)
        configuration.method = .lda
        let lda = try TypingTool.deliver(data, labels: labels, configuration: configuration)
        configuration.method = .best
        let best = try TypingTool.deliver(data, labels: labels, configuration: configuration)

        guard case .tree = tree.model, case .discriminant = lda.model else {
            Issue.record("each method builds its own kind of tool")
            return
        }
        #expect(tree.choice == nil && lda.choice == nil && tree.discriminant == nil && lda.tree == nil)
        let expected: TypingToolMethod = lda.crossValidatedAccuracy > tree.crossValidatedAccuracy ? .lda : .tree
        #expect(best.method == expected)
        #expect(best.model == (expected == .lda ? lda.model : tree.model), "best is the chosen method's own tool")
        #expect(best.holdOut == (expected == .lda ? lda.holdOut : tree.holdOut))
        #expect(best.tree != nil && best.discriminant != nil, "both results travel with the choice")
        let choice = try #require(best.choice)
        let percent = { (x: Double) in String(format: "%.1f%%", 100 * x) }
        #expect(choice.contains(percent(lda.crossValidatedAccuracy)) && choice.contains(percent(tree.crossValidatedAccuracy)),
                "\(choice)")
        // Both methods are measured on the same held-out customers.
        #expect(tree.testRows == lda.testRows && tree.holdOut.rows == lda.holdOut.rows)
    }

    // Fails on main before this change: the points sheet printed a yes/no question as "Per unit"
    // and levels as their codes.
    @Test("the points sheet asks a boolean yes/no and shows level labels")
    func pointsSheetText() throws {
        let (data, labels) = try TypingToolSamples.hcpSample()
        var configuration = TypingToolConfiguration()
        configuration.method = .lda
        configuration.questions = ["specialty", "rep_access_restricted"]
        configuration.maxQuestions = 2
        let result = try TypingTool.deliver(data, labels: labels, configuration: configuration)
        let markdown = result.model.markdown()
        #expect(markdown.contains("Restricts rep access? (yes or no)"), "\(markdown)")
        #expect(markdown.contains("| Yes |") && markdown.contains("| No | 0.00 |"))
        #expect(markdown.contains("| Oncology |") && !markdown.contains("| ONC |"))
        #expect(!markdown.contains("Per unit"))
    }
}

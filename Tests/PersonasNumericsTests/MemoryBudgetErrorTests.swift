import PersonasNumerics
import Testing

@Suite("Memory budget error")
struct MemoryBudgetErrorTests {
    // Fails on main before this change: `require` took an advice text (which named command-line
    // options) and the error had no kind to switch on.
    @Test("A refusal carries the kind of work refused, and its text names no command-line option")
    func kind() throws {
        let error = try #require(throws: MemoryBudgetError.self) {
            try MemoryBudget.require(Int.max, for: "mini-batch k-means in batches of 10 rows × 2 features", kind: .miniBatch)
        }
        switch error.kind {
        case .miniBatch:
            break
        case .readingTable, .principalComponents, .segmentation, .featureMatrix:
            Issue.record("expected .miniBatch, got \(error.kind)")
        }
        #expect(error.neededBytes == Int.max && error.availableBytes < Int.max)
        #expect(error.description.hasPrefix("mini-batch k-means in batches of 10 rows × 2 features needs about "))
        #expect(error.description.hasSuffix(" is available; use smaller batches"))
        #expect(!error.description.contains("--"))
    }
}

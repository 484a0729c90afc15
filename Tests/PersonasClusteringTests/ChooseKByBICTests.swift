@testable import PersonasClustering
import Testing

/// Issue 23 (CLI and pipeline): a model-based method's k is chosen by BIC, with AIC, ICL and the
/// indices shown beside it, and the size rules still apply.
@Suite("Choosing k by BIC for a model-based method")
struct ChooseKByBICTests {
    /// Candidates whose indices favour k = 3, with criteria whose lowest BIC is at `lowestBIC`.
    static func candidates(sizes: [[Int]], bic: [Double]) -> [ChooseKResult.Candidate] {
        let indices: [(Double, Double, Double, Double)] = [(0.40, 800, 0.9, 1000), (0.50, 900, 0.8, 700),
                                                           (0.45, 850, 0.85, 650)]
        return zip(zip([2, 3, 4], sizes), zip(indices, bic)).map { pair, figures in
            let ((k, sizes), ((silhouette, ch, db, inertia), bic)) = (pair, figures)
            var c = candidate(k, sizes: sizes, silhouette: silhouette, ch: ch, db: db, inertia: inertia)
            c.informationCriteria = InformationCriteria(logLikelihood: -bic / 2, parameterCount: 10 * k, bic: bic,
                                                        aic: bic - 50, icl: bic + Double(5 * k), mclustBIC: -bic)
            return c
        }
    }

    static let configuration = ChooseKConfiguration(ks: [2, 3, 4], bootstrapResamples: 0, gapReferences: 0)

    // Fails on main before this change: no candidate carries criteria, and the indices' k = 3 wins.
    @Test("The lowest BIC decides over the indices' favourite; BIC, AIC and ICL vote first and the headline says why")
    func lowestBICDecides() {
        let result = ChooseK.recommend(Self.candidates(sizes: [[600, 400], [400, 350, 250], [300, 300, 200, 200]],
                                                       bic: [5000, 4900, 4800]),
                                       gap: nil, configuration: Self.configuration, rows: 1000)
        #expect(result.recommendedK == 4 && result.decidedBy == .lowestBIC)
        #expect(result.votes.prefix(3).map(\.criterion) == ["BIC", "AIC", "ICL"])
        #expect(result.votes.prefix(3).allSatisfy { $0.k == 4 })
        #expect(result.summary.hasPrefix("Recommendation: k = 4, the lowest BIC of the k tried (BIC 4800; mclust's BIC, "
                                         + "higher is better, -4800). The criteria disagree: "))
        #expect(result.summary.contains("favour k = 3"))
    }

    // Fails on main before this change: the minimum-share rule's wording names the criteria, not BIC.
    @Test("A segment under the minimum share sets BIC's favourite aside, and the headline says so")
    func minimumShareSetsBICAside() {
        let result = ChooseK.recommend(Self.candidates(sizes: [[600, 400], [400, 350, 250], [590, 200, 200, 10]],
                                                       bic: [5000, 4900, 4800]),
                                       gap: nil, configuration: Self.configuration, rows: 1000)
        #expect(result.recommendedK == 3 && result.decidedBy == .minimumShare)
        #expect(result.summary.hasPrefix("Recommendation: k = 3, decided by the minimum-share rule, not by BIC: BIC is "
                                         + "lowest at k = 4, but it has a segment under 3% of the customers; of the k left, "
                                         + "BIC is lowest at k = 3 (BIC 4900; mclust's BIC, higher is better, -4900)."))
    }
}

import Foundation
@testable import PersonasClustering
import PersonasNumerics
import PersonasTestSupport
import Testing

/// k = 2, 3 and 4 over the given segment sizes, with the same scores each time: k = 3 ahead on
/// silhouette, Calinski–Harabasz and Davies–Bouldin.
func threeCandidates(sizes: [[Int]]) -> [ChooseKResult.Candidate] {
    let scores: [(silhouette: Double, ch: Double, db: Double, inertia: Double)] =
        [(0.40, 500, 0.9, 1000), (0.60, 900, 0.5, 500), (0.45, 600, 0.8, 450)]
    return zip(sizes, scores).map { sizes, score in
        candidate(sizes.count, sizes: sizes, silhouette: score.silhouette, ch: score.ch, db: score.db, inertia: score.inertia)
    }
}

func candidate(_ k: Int, sizes: [Int], silhouette: Double, ch: Double, db: Double, inertia: Double,
                       gap: Double? = nil, jaccard: [Double]? = nil) -> ChooseKResult.Candidate {
    let n = sizes.reduce(0, +)
    return ChooseKResult.Candidate(
        k: k, segmentSizes: sizes, smallestShare: Double(sizes.min()!) / Double(n), inertia: inertia,
        silhouette: silhouette, silhouetteStandardError: 0, calinskiHarabasz: ch, daviesBouldin: db, dunn: nil,
        gap: gap, gapStandardError: gap.map { _ in 0.01 }, stabilityJaccard: jaccard,
        stabilityAdjustedRandIndex: jaccard.map { _ in 0.9 }, labels: [])
}

@Suite("Choosing k")
struct ChooseKTests {
    @Test("Four well-separated blobs: every criterion finds 4, and the report says they agree")
    func findsTheBlobs() throws {
        let x: Matrix<Double> = blobs(n: 2_000, d: 5, k: 4, spread: 0.6, seed: 41)
        let result = try ChooseK.run(x, ChooseKConfiguration(ks: Array(2...7), segmenter: .kMeans(restarts: 2),
                                                             bootstrapResamples: 10, gapReferences: 5, seed: 3))
        #expect(result.recommendedK == 4)
        #expect(result.summary.contains("k = 4"))
        let silhouette = try #require(result.votes.first { $0.criterion == "silhouette" })
        #expect(silhouette.k == 4)
        #expect(result.candidates.count == 6)
        #expect(result.candidates.first { $0.k == 4 }!.minimumJaccard! > 0.85)
        // The same seed gives the same figures.
        let again = try ChooseK.run(x, ChooseKConfiguration(ks: Array(2...7), segmenter: .kMeans(restarts: 2),
                                                            bootstrapResamples: 10, gapReferences: 5, seed: 3))
        #expect(again.candidates.map(\.silhouette) == result.candidates.map(\.silhouette))
        #expect(again.candidates.map { $0.stabilityJaccard! } == result.candidates.map { $0.stabilityJaccard! })
    }

    @Test("Disagreeing criteria are reported as such; the most votes win, then stability, then the smaller k")
    func disagreement() {
        let candidates = [
            candidate(3, sizes: [400, 350, 250], silhouette: 0.50, ch: 900, db: 0.80, inertia: 1000, jaccard: [0.95, 0.9, 0.9]),
            candidate(4, sizes: [300, 300, 200, 200], silhouette: 0.55, ch: 1000, db: 0.70, inertia: 700, jaccard: [0.9, 0.8, 0.78, 0.76]),
            candidate(5, sizes: [300, 250, 200, 150, 100], silhouette: 0.45, ch: 1100, db: 0.75, inertia: 600, jaccard: [0.8, 0.7, 0.6, 0.55, 0.5]),
        ]
        let result = ChooseK.recommend(candidates, gap: nil, configuration: ChooseKConfiguration(ks: [3, 4, 5]), rows: 1000)
        // silhouette 4, CH 5, DB 4, elbow 4 (farthest from the chord), stability 4 (largest all-stable k).
        #expect(result.recommendedK == 4)
        #expect(result.criteriaDisagree)
        #expect(result.summary.contains("disagree") && result.summary.contains("Calinski–Harabasz favours k = 5"))
    }

    // Issue 17, item 6. Fails on main (no size floor: k = 3, with the most votes and a 9-row
    // segment above the 3% share, is recommended).
    @Test("A k with a segment under the minimum size is never recommended, whatever its votes")
    func minimumSize() {
        let candidates = threeCandidates(sizes: [[150, 150], [146, 145, 9], [100, 100, 91, 9]])
        let configuration = ChooseKConfiguration(ks: [2, 3, 4], minimumSegmentSize: 10)
        let result = ChooseK.recommend(candidates, gap: nil, configuration: configuration, rows: 300)
        #expect(result.recommendedK == 2)
        #expect(result.votes.contains { $0.criterion == "minimum segment size" && $0.reason.contains("k = 3 and 4") })
        let unconstrained = ChooseK.recommend(candidates, gap: nil, configuration: ChooseKConfiguration(ks: [2, 3, 4]), rows: 300)
        #expect(unconstrained.recommendedK == 3)
    }

    @Test("A k with a segment under the minimum share cannot win")
    func smallSegments() {
        let candidates = threeCandidates(sizes: [[600, 400], [590, 400, 10], [300, 300, 200, 200]])
        let result = ChooseK.recommend(candidates, gap: nil, configuration: ChooseKConfiguration(ks: [2, 3, 4]), rows: 1000)
        #expect(result.recommendedK != 3)
        #expect(result.votes.contains { $0.criterion == "segment size" && $0.reason.contains("k = 3") })
    }

    @Test("Bad ranges are refused")
    func validation() {
        let x: Matrix<Double> = blobs(n: 50, d: 2, k: 2, seed: 42)
        #expect(throws: ModelSelectionError.self) { try ChooseK.run(x, ChooseKConfiguration(ks: [])) }
        #expect(throws: ModelSelectionError.self) { try ChooseK.run(x, ChooseKConfiguration(ks: [1, 2])) }
        #expect(throws: ModelSelectionError.self) { try ChooseK.run(x, ChooseKConfiguration(ks: [4, 3])) }
        #expect(throws: ModelSelectionError.self) { try ChooseK.run(x, ChooseKConfiguration(ks: [2, 50])) }
    }
}

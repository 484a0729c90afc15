import PersonasNumerics
@testable import PersonasSegmentation
import Testing

/// Issue 18, part 5 (one centroid routine): fails on main before this change, where the segment
/// centers of a hierarchical segmentation were summed from zero by a routine of their own and
/// lost digits on data far from zero (here up to 2.7e-6 off, some 20 units in the last place of 1e9).
@Suite("Segment means")
struct SegmentMeansTests {
    @Test("segment means of data far from zero are exact to the last place, as the validity indices' centroids")
    func farFromZero() {
        var generator = SeededGenerator(seed: 3)
        let n = 4_000
        let noise = (0..<(2 * n)).map { _ in generator.nextUnitDouble() }
        let x = Matrix(rows: n, columns: 2, elements: noise.map { 1e9 + $0 })
        let labels = (0..<n).map { Int32($0 % 2) }
        let means = Segmentation.segmentMeans(x, labels: labels, k: 3)
        for j in 0..<2 {
            for q in 0..<2 {
                // x − 1e9 is exact here, so the mean of the noise is exact to Double's precision.
                let members = (0..<n).filter { $0 % 2 == j }
                let exact = 1e9 + members.reduce(0.0) { $0 + (x[$1, q] - 1e9) } / Double(members.count)
                #expect(abs(means[j, q] - exact) <= (1e9).ulp, "segment \(j), column \(q): \(means[j, q]) vs \(exact)")
            }
        }
        #expect(means[2, 0] == 0 && means[2, 1] == 0)
    }
}

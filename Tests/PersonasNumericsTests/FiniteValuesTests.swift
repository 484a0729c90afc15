import PersonasNumerics
import PersonasTestSupport
import Testing

/// Issue 18, part 5 (one finite-value check): fails on main before this change, where k-means,
/// hierarchical clustering, the validity indices and the preparation each scanned for NaN and
/// infinity themselves and `Matrix.firstNonFinite` did not exist (a compile error).
@Suite("Finite values")
struct FiniteValuesTests {
    @Test("the first NaN or infinity in row-major order is found, on 1 and 2 threads")
    func firstNonFinite() {
        var x = randomMatrix(20_000, 3, seed: 5) as Matrix<Double>
        #expect(x.firstNonFinite == nil)
        x[15_000, 0] = -.infinity
        x[9_000, 2] = .nan
        x[9_001, 0] = .infinity
        for threads in [1, 2] {
            let found = ParallelFor.$threadLimit.withValue(threads) { x.firstNonFinite }
            #expect(found?.row == 9_000 && found?.column == 2)
        }
        #expect(Matrix<Float>(rows: 0, columns: 4).firstNonFinite == nil)
    }
}

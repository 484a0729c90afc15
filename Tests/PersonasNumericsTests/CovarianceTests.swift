import PersonasNumerics
import PersonasTestSupport
import Testing

@Suite("Column statistics")
struct CovarianceTests {
    func naiveCovariance(_ x: Matrix<Double>) -> [Double] {
        let n = x.rows, d = x.columns
        let means = (0..<d).map { j in (0..<n).reduce(0.0) { $0 + x[$1, j] } / Double(n) }
        var c = [Double](repeating: 0, count: d * d)
        for a in 0..<d {
            for b in 0..<d {
                c[a * d + b] = (0..<n).reduce(0.0) { $0 + (x[$1, a] - means[a]) * (x[$1, b] - means[b]) } / Double(n - 1)
            }
        }
        return c
    }

    @Test("covariance matches the two-pass formula", arguments: [(5, 3), (9000, 7), (70000, 4)])
    func covariance(shape: (Int, Int)) {
        var x: Matrix<Double> = randomMatrix(shape.0, shape.1, seed: 21)
        // A large offset would wreck a one-pass sum of squares; centering first keeps precision.
        x.withUnsafeMutableBufferPointer { buffer in for i in buffer.indices { buffer[i] += 1e6 } }
        let c = x.covariance()
        #expect(relativeError(c.elements, naiveCovariance(x)) < 1e-9)
        let means = x.columnMeans()
        #expect(abs(means[0] - 1e6) < 1)
    }

    @Test("means and covariance are bit-identical on 1, 2 and 4 threads")
    func threadIndependence() {
        let x: Matrix<Double> = randomMatrix(100_000, 6, seed: 22)
        let runs = [1, 2, 4].map { threads in
            ParallelFor.$threadLimit.withValue(threads) { (x.columnMeans(), x.covariance()) }
        }
        #expect(runs[0].0 == runs[1].0 && runs[0].0 == runs[2].0)
        #expect(runs[0].1 == runs[1].1 && runs[0].1 == runs[2].1)
    }
}

import PersonasNumerics
import PersonasTestSupport
import Testing

@Suite("GEMM")
struct ProductTests {
    static let shapes: [(Int, Int, Int)] = [(1, 1, 1), (7, 5, 3), (300, 40, 17), (1100, 24, 9), (20, 700, 33)]

    @Test("Double product matches the naive triple loop", arguments: shapes, [false, true])
    func doubleProduct(shape: (Int, Int, Int), transpose: Bool) {
        let (m, k, n) = shape
        let a: Matrix<Double> = transpose ? randomMatrix(k, m, seed: 1) : randomMatrix(m, k, seed: 1)
        let b: Matrix<Double> = transpose ? randomMatrix(n, k, seed: 2) : randomMatrix(k, n, seed: 2)
        let c = Matrix.product(a, b, transposeA: transpose, transposeB: transpose)
        #expect(c.rows == m && c.columns == n)
        let expected = naiveProduct(a, b, transposeA: transpose, transposeB: transpose)
        #expect(relativeError(c.elements, expected) < 1e-13)
    }

    @Test("Float product matches the naive triple loop to single precision", arguments: shapes)
    func floatProduct(shape: (Int, Int, Int)) {
        let (m, k, n) = shape
        let a = randomMatrix(m, k, seed: 3, as: Float.self)
        let b = randomMatrix(k, n, seed: 4, as: Float.self)
        let c = Matrix.product(a, b)
        let expected = naiveProduct(a, b, transposeA: false, transposeB: false)
        #expect(relativeError(c.elements.map(Double.init), expected) < 1e-5)
    }

    @Test("multiplyAdd honours alpha and beta")
    func alphaBeta() {
        let a: Matrix<Double> = randomMatrix(9, 4, seed: 5)
        let b: Matrix<Double> = randomMatrix(4, 6, seed: 6)
        let c0: Matrix<Double> = randomMatrix(9, 6, seed: 7)
        var c = c0
        Matrix.multiplyAdd(alpha: 2, a, b, beta: -0.5, into: &c)
        let ab = naiveProduct(a, b, transposeA: false, transposeB: false)
        let expected = zip(ab, c0.elements).map { 2 * $0 - 0.5 * $1 }
        #expect(relativeError(c.elements, expected) < 1e-13)
    }

    @Test("matrix-vector product matches the naive sum", arguments: [false, true])
    func gemv(transposed: Bool) {
        let a: Matrix<Double> = randomMatrix(13, 7, seed: 8)
        let x = (0..<(transposed ? 13 : 7)).map { Double($0) - 3 }
        let y = a.times(x, transposed: transposed)
        let expected = (0..<(transposed ? 7 : 13)).map { i in
            x.indices.reduce(0.0) { $0 + (transposed ? a[$1, i] : a[i, $1]) * x[$1] }
        }
        #expect(relativeError(y, expected) < 1e-14)
    }

    @Test("large products give the same bits on 1, 2 and 4 threads")
    func threadIndependence() {
        let a: Matrix<Double> = randomMatrix(2000, 48, seed: 9)
        let b: Matrix<Double> = randomMatrix(48, 300, seed: 10)
        let results = [1, 2, 4].map { threads in
            ParallelFor.$threadLimit.withValue(threads) { Matrix.product(a, b) }
        }
        #expect(results[0] == results[1])
        #expect(results[0] == results[2])
        let wide = [1, 3].map { threads in
            ParallelFor.$threadLimit.withValue(threads) { Matrix.product(b, a, transposeA: true, transposeB: true) }
        }
        #expect(wide[0] == wide[1])
        #expect(relativeError(wide[0].elements, naiveProduct(b, a, transposeA: true, transposeB: true)) < 1e-13)
    }
}

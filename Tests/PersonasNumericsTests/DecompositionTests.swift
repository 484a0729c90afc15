import PersonasNumerics
import PersonasTestSupport
import Testing

@Suite("LAPACK decompositions")
struct DecompositionTests {
    /// A random symmetric matrix B + Bᵀ.
    func symmetric(_ n: Int, seed: UInt64) -> Matrix<Double> {
        let b: Matrix<Double> = randomMatrix(n, n, seed: seed)
        return Matrix(rows: n, columns: n, elements: (0..<(n * n)).map { b[$0 / n, $0 % n] + b[$0 % n, $0 / n] })
    }

    @Test("eigendecomposition reconstructs its input to 1e-10", arguments: [1, 2, 5, 32, 120])
    func eigenReconstructs(n: Int) throws {
        let a = symmetric(n, seed: UInt64(n))
        let eig = try a.symmetricEigendecomposition()
        #expect(eig.values.count == n)
        #expect(zip(eig.values, eig.values.dropFirst()).allSatisfy { $0 >= $1 }, "values must descend")
        // A = Vᵀ diag(λ) V with eigenvectors as the rows of V.
        var scaled = eig.vectors
        for j in 0..<n { for i in 0..<n { scaled[j, i] *= eig.values[j] } }
        let rebuilt = Matrix.product(eig.vectors, scaled, transposeA: true)
        #expect(relativeError(rebuilt.elements, a.elements) < 1e-10)
        // Orthonormal rows.
        let gram = Matrix.product(eig.vectors, eig.vectors, transposeB: true)
        #expect(relativeError(gram.elements, Matrix<Double>.identity(n).elements) < 1e-10)
    }

    @Test("eigendecomposition reads only the upper triangle")
    func eigenUpperTriangle() throws {
        let a = symmetric(6, seed: 11)
        var garbled = a
        for i in 0..<6 { for j in 0..<i { garbled[i, j] = 1e6 } }
        #expect(try garbled.symmetricEigendecomposition().values == a.symmetricEigendecomposition().values)
    }

    @Test("Float eigenvalues agree with Double")
    func eigenFloat() throws {
        let a = symmetric(16, seed: 12)
        let d = try a.symmetricEigendecomposition().values
        let f = try Matrix<Float>(converting: a).symmetricEigendecomposition().values.map(Double.init)
        #expect(relativeError(f, d) < 1e-5)
    }

    @Test("SVD reconstructs its input to 1e-10", arguments: [(1, 1), (7, 3), (3, 7), (50, 50), (400, 12), (12, 400)])
    func svdReconstructs(shape: (Int, Int)) throws {
        let (m, n) = shape
        let a: Matrix<Double> = randomMatrix(m, n, seed: UInt64(m * 1000 + n))
        let svd = try a.singularValueDecomposition()
        let r = min(m, n)
        #expect(svd.u.rows == m && svd.u.columns == r && svd.vt.rows == r && svd.vt.columns == n)
        #expect(zip(svd.singularValues, svd.singularValues.dropFirst()).allSatisfy { $0 >= $1 })
        var us = svd.u
        for i in 0..<m { for j in 0..<r { us[i, j] *= svd.singularValues[j] } }
        let rebuilt = Matrix.product(us, svd.vt)
        #expect(relativeError(rebuilt.elements, a.elements) < 1e-10)
        let utu = Matrix.product(svd.u, svd.u, transposeA: true)
        #expect(relativeError(utu.elements, Matrix<Double>.identity(r).elements) < 1e-10)
    }

    @Test("Cholesky factor reconstructs and solves")
    func cholesky() throws {
        let b: Matrix<Double> = randomMatrix(10, 10, seed: 13)
        var spd = Matrix.product(b, b, transposeB: true)
        for i in 0..<10 { spd[i, i] += 1 }
        let l = try spd.choleskyFactor()
        for i in 0..<10 { for j in (i + 1)..<10 { #expect(l[i, j] == 0) } }
        #expect(relativeError(Matrix.product(l, l, transposeB: true).elements, spd.elements) < 1e-12)
        let rhs: Matrix<Double> = randomMatrix(10, 3, seed: 14)
        let x = try spd.choleskySolve(rhs)
        #expect(relativeError(Matrix.product(spd, x).elements, rhs.elements) < 1e-10)
    }

    @Test("Cholesky of a matrix that is not positive definite throws with the failing minor")
    func choleskyFails() {
        // Positive first minor, singular leading 2 × 2: fails at minor 2.
        let a = Matrix<Double>([[4, 2, 0], [2, 3, 0], [0, 0, 3]])
        let spoilt = Matrix<Double>([[4, 2, 0], [2, 1, 0], [0, 0, 3]])
        #expect(throws: Never.self) { _ = try a.choleskyFactor() }
        do {
            _ = try spoilt.choleskyFactor()
            Issue.record("expected a LAPACKError")
        } catch {
            #expect(error.routine == "dpotrf")
            #expect(error.reason == .notPositiveDefinite(minor: 2))
            #expect(error.description.contains("not positive definite"))
        }
        #expect(throws: LAPACKError.self) { try Matrix<Float>(converting: spoilt).choleskySolve(Matrix(rows: 3, columns: 1)) }
    }

    // Fails on main before this change: there is no precision Cholesky factor (LAPACK trtri), which
    // the Gaussian mixtures of issue 23 keep per component.
    @Test("The precision Cholesky factor is upper triangular with U·Uᵀ = A⁻¹, in Double and Float")
    func precisionCholesky() throws {
        let a: Matrix<Double> = randomMatrix(30, 10, seed: 15)
        var spd = Matrix.product(a, a, transposeA: true)
        for i in 0..<10 { spd[i, i] += 1 }
        let u = try spd.precisionCholeskyFactor()
        for i in 0..<10 { for j in 0..<i { #expect(u[i, j] == 0) } }
        for i in 0..<10 { #expect(u[i, i] > 0) }
        // A·U·Uᵀ = I.
        let identity = Matrix.product(spd, Matrix.product(u, u, transposeB: true))
        #expect(relativeError(identity.elements, Matrix<Double>.identity(10).elements) < 1e-10)
        let single = try Matrix<Float>(converting: spd).precisionCholeskyFactor()
        #expect(relativeError(single.elements.map(Double.init), u.elements) < 1e-4)
        #expect(throws: LAPACKError.self) { try Matrix<Double>([[1, 2], [2, 1]]).precisionCholeskyFactor() }
    }

    // Fails on main before this change: there is no least-squares solve (LAPACK gelsd).
    @Test("Least squares: the exact solve when A is invertible, the minimum-norm answer when singular, tall and wide")
    func leastSquares() throws {
        let a = Matrix<Double>([[4, 1, 0], [1, 3, 1], [0, 1, 2]])
        let x = Matrix<Double>([[1, -2], [0.5, 3], [-1, 0.25]])
        let solved = try a.leastSquares(Matrix.product(a, x))
        #expect(relativeError(solved.elements, x.elements) < 1e-12)
        // Singular: the second column repeats the first; b = A·(1, 1) is solved by any (t, 2 − t),
        // the shortest being (1, 1). The duplicate column shares the weight equally.
        let singular = Matrix<Double>([[1, 1], [2, 2], [3, 3]])
        let b = Matrix<Double>([[2], [4], [6]])
        let minimum = try singular.leastSquares(b)
        #expect(abs(minimum[0, 0] - 1) < 1e-12 && abs(minimum[1, 0] - 1) < 1e-12)
        // Tall: the regression line through (0, 1), (1, 3.5), (2, 4.5), (3, 7) is 1.15 + 1.9 x.
        let tall = Matrix<Double>([[1, 0], [1, 1], [1, 2], [1, 3]])
        let line = try tall.leastSquares(Matrix([[1], [3.5], [4.5], [7]]))
        #expect(abs(line[0, 0] - 1.15) < 1e-12 && abs(line[1, 0] - 1.9) < 1e-12)
        // Wide: one equation x + y = 2 has minimum-norm answer (1, 1).
        let wide = try Matrix<Double>([[1, 1]]).leastSquares(Matrix([[2]]))
        #expect(wide.rows == 2 && abs(wide[0, 0] - 1) < 1e-12 && abs(wide[1, 0] - 1) < 1e-12)
        let float = try Matrix<Float>(converting: a).leastSquares(Matrix<Float>(converting: Matrix.product(a, x)))
        #expect(relativeError(float.elements.map(Double.init), x.elements) < 1e-5)
    }
}

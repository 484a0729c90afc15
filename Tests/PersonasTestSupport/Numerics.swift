import PersonasNumerics

/// A deterministic random matrix with entries uniform in [-1, 1).
public func randomMatrix<S: BLASScalar>(_ rows: Int, _ columns: Int, seed: UInt64, as _: S.Type = Double.self) -> Matrix<S> {
    var rng = SeededGenerator(seed: seed)
    return Matrix(rows: rows, columns: columns,
                  elements: (0..<(rows * columns)).map { _ in S(2 * rng.nextUnitDouble() - 1) })
}

/// The textbook triple loop, in Double, as the independent reference for GEMM.
public func naiveProduct<S: BLASScalar>(_ a: Matrix<S>, _ b: Matrix<S>, transposeA: Bool, transposeB: Bool) -> [Double] {
    let m = transposeA ? a.columns : a.rows
    let k = transposeA ? a.rows : a.columns
    let n = transposeB ? b.rows : b.columns
    var c = [Double](repeating: 0, count: m * n)
    for i in 0..<m {
        for j in 0..<n {
            var sum = 0.0
            for p in 0..<k {
                let x = transposeA ? a[p, i] : a[i, p]
                let y = transposeB ? b[j, p] : b[p, j]
                sum += Double(x) * Double(y)
            }
            c[i * n + j] = sum
        }
    }
    return c
}

/// max |a - b| / max |b|.
public func relativeError(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count)
    var diff = 0.0, scale = 0.0
    for i in a.indices {
        diff = max(diff, abs(a[i] - b[i]))
        scale = max(scale, abs(b[i]))
    }
    return scale == 0 ? diff : diff / scale
}

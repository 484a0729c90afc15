@testable import PersonasData
import PersonasNumerics
import Testing

@Suite("Byte interner")
struct ByteInternerTests {
    private func codes(_ values: [String]) -> (codes: [Int32], interner: ByteInterner) {
        var interner = ByteInterner()
        let codes = values.map { value in
            Array(value.utf8).withUnsafeBufferPointer { interner.intern($0).code }
        }
        return (codes, interner)
    }

    @Test("codes follow first appearance, through the switch from ascending keys to the hash table")
    func firstAppearance() {
        let (codes, interner) = codes(["a", "b", "c", "b", "d", "a", "", "", "ccc"])
        #expect(codes == [0, 1, 2, 1, 3, 0, 4, 4, 5])
        #expect(interner.count == 6)
        #expect(Array(interner.bytes(5)) == Array("ccc".utf8))
    }

    @Test("ascending identifiers of growing length stay distinct; a repeat after them is found")
    func ascending() {
        let ids = (1...5_000).map { "H\($0)" }  // H9 < H10: shorter sorts first
        let (codes, interner) = codes(ids + ["H42", "H5000", "H1"])
        #expect(Array(codes.prefix(5_000)) == (0..<5_000).map { Int32($0) })
        #expect(Array(codes.suffix(3)) == [41, 4_999, 0])
        #expect(interner.count == 5_000)
    }

    @Test("random strings: same code for the same bytes, distinct codes otherwise")
    func randomStrings() {
        var rng = SeededGenerator(seed: 5)
        let pool = (0..<300).map { _ in String((0..<(1 + rng.nextInt(below: 12))).map { _ in
            Character(Unicode.Scalar(UInt8(97 + rng.nextInt(below: 3)))) }) }
        let values = (0..<20_000).map { _ in pool[rng.nextInt(below: pool.count)] }
        let (codes, interner) = codes(values)
        var seen: [String: Int32] = [:]
        for (value, code) in zip(values, codes) {
            if let earlier = seen[value] { #expect(earlier == code) } else { seen[value] = code }
        }
        #expect(interner.count == seen.count)
        #expect(Set(seen.values).count == seen.count)
    }
}

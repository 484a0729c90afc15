@testable import PersonasData
import PersonasNumerics
import Testing

@Suite("Missing-value markers and whole numbers")
struct MissingMarkersTests {
    /// The definition the packed comparison must agree with: the cell, ASCII letters folded to
    /// lower case, equals a marker lower-cased and trimmed; an empty cell is missing only when
    /// the empty marker is listed.
    static func reference(_ cell: [UInt8], markers: [String]) -> Bool {
        let trimmed = markers.map(\.trimmingSpaces)
        if cell.isEmpty { return trimmed.contains("") }
        let folded = cell.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }
        return trimmed.filter { !$0.isEmpty }.contains { Array($0.lowercased().utf8) == folded }
    }

    @Test("random cells match exactly when the reference definition says so", arguments: [
        CSVOptions.defaultMissingValues,
        ["-", "NA", " missing ", "not available", "n.a.", "ÉTÉ", "12345678", "123456789"],
        ["?"],
    ])
    func randomCells(markers: [String]) {
        let matcher = MissingMarkers(markers)
        // Cells drawn from the markers' own bytes (flipped in case at random) plus noise, so that
        // near misses of every length are common.
        let alphabet = Array(Set(markers.flatMap { Array($0.utf8) } + Array("aNx.9 ".utf8)))
        var rng = SeededGenerator(seed: 7)
        var matched = 0
        for trial in 0..<20_000 {
            var cell: [UInt8]
            if trial % 3 == 0 {
                let marker = markers[rng.nextInt(below: markers.count)]
                cell = Array(marker.trimmingSpaces.utf8).map { byte in
                    rng.nextInt(below: 2) == 0 && byte >= 97 && byte <= 122 ? byte - 32 : byte
                }
                if rng.nextInt(below: 4) == 0 && !cell.isEmpty { cell[rng.nextInt(below: cell.count)] = UInt8(ascii: "x") }
            } else {
                cell = (0..<rng.nextInt(below: 14)).map { _ in alphabet[rng.nextInt(below: alphabet.count)] }
            }
            let expected = Self.reference(cell, markers: markers)
            if expected { matched += 1 }
            #expect(cell.withUnsafeBufferPointer { matcher.matches($0) } == expected, "\(cell)")
        }
        #expect(matched > 100)  // the draw did reach the markers
    }

    @Test("whole-number check agrees with rounding toward zero", arguments: [
        0.0, -0.0, 1, -1, 0.5, -0.5, 1e-300, 4503599627370495.5, 0x1p52, -0x1p52, 0x1p52 + 1, 0x1p53,
        0x1p53 - 1, 1e15 + 0.25, 1e300, -1e300, Double.greatestFiniteMagnitude, 123456.789,
    ])
    func wholeNumbers(value: Double) {
        #expect(ColumnBuilder.isWhole(value) == (value.rounded(.towardZero) == value))
    }

    @Test("whole-number check on random magnitudes")
    func randomWholeNumbers() {
        var rng = SeededGenerator(seed: 11)
        for _ in 0..<50_000 {
            let scale = Double(sign: .plus, exponent: rng.nextInt(below: 140) - 20, significand: 1)
            var value = (rng.nextUnitDouble() - 0.5) * scale
            if rng.nextInt(below: 2) == 0 { value = value.rounded() }
            #expect(ColumnBuilder.isWhole(value) == (value.rounded(.towardZero) == value), "\(value)")
        }
    }
}

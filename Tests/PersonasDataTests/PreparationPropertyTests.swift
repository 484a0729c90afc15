import Foundation
@testable import PersonasData
import PersonasNumerics
import PersonasTestSupport
import Testing

/// The kinds of column a random table mixes.
private enum Kind: CaseIterable { case numeric, integer, boolean, date, categorical, ordinal }

private let ladder = ["unaware", "aware", "trial", "adopter", "advocate"]
private let categories = ["GP", "ONC", "CARD", "DERM", "NEURO", "PSYCH", "SURG", "ENDO"]

/// One random column of `n` rows: numbers at a random scale with missing cells and ties, or levels
/// with skewed frequencies (some rare) and missing cells. `unseen` adds levels a fitted preparation
/// has not met (next year's file).
private func randomColumn(_ name: String, _ kind: Kind, rows n: Int, unseen: Bool,
                          _ random: inout SeededGenerator) -> Column {
    let missing = Double(random.nextInt(below: 4)) / 10
    func isMissing(_ random: inout SeededGenerator) -> Bool { random.nextUnitDouble() < missing }
    switch kind {
    case .numeric, .integer, .date:
        let scale = [1e-3, 1, 40, 1e6][random.nextInt(below: 4)]
        let offset = kind == .date ? 19_000.0 : Double(random.nextInt(below: 3)) * scale
        let values = (0..<n).map { _ -> Double in
            if isMissing(&random) { return .nan }
            let value = offset + scale * random.nextStandardNormal()
            return kind == .numeric ? value : value.rounded()
        }
        return Column(name: name, type: kind == .date ? .date : kind == .integer ? .integer : .numeric, role: .feature,
                      values: .numbers(values))
    case .boolean:
        let values = (0..<n).map { _ in isMissing(&random) ? Double.nan : Double(random.nextInt(below: 2)) }
        return Column(name: name, type: .boolean, role: .feature, values: .numbers(values))
    case .categorical, .ordinal:
        var levels = kind == .ordinal ? ladder : Array(categories.prefix(2 + random.nextInt(below: 7)))
        if unseen && kind == .categorical { levels.append("NEW") }
        // Squared uniforms: early levels common, late ones rare.
        let codes = (0..<n).map { _ -> Int32 in
            if isMissing(&random) { return -1 }
            let u = random.nextUnitDouble()
            return Int32(min(levels.count - 1, Int(u * u * Double(levels.count))))
        }
        return Column(name: name, type: kind == .ordinal ? .ordinal : .categorical, role: .feature,
                      values: .levels(codes: codes, levels: levels))
    }
}

/// A table with an identifier, a withheld free-text column and 1–6 random feature columns.
private func randomTable(kinds: [Kind], rows n: Int, unseen: Bool, _ random: inout SeededGenerator) -> DataTable {
    var columns = [Column(name: "id", type: .identifier, role: .identifier,
                          values: .levels(codes: (0..<Int32(n)).map { $0 }, levels: (0..<n).map { "C\($0)" })),
                   Column(name: "note", type: .text, role: .ignore, values: .withheld(count: n))]
    for (index, kind) in kinds.enumerated() {
        columns.append(randomColumn("c\(index)", kind, rows: n, unseen: unseen, &random))
    }
    return DataTable(source: "random.csv", columns: columns, rowCount: n)
}

/// A random specification over the table's feature columns `names`.
private func randomSpec(_ names: [String], _ random: inout SeededGenerator) -> PreparationSpec {
    var spec = PreparationSpec()
    if random.nextInt(below: 3) == 0 { spec.features = names.filter { _ in random.nextInt(below: 3) != 0 } }
    if spec.features?.isEmpty == true { spec.features = nil }
    if random.nextInt(below: 4) == 0 { spec.exclude = [names[random.nextInt(below: names.count)]] }
    let imputations: [PreparationSpec.NumericImputation] = [.mean, .median, .constant(Double(random.nextInt(below: 7)) - 3)]
    spec.numericImputation = imputations[random.nextInt(below: 3)]
    spec.categoricalImputation = random.nextInt(below: 2) == 0 ? .mode : .constant("none")
    spec.missingIndicators = random.nextInt(below: 2) == 0
    spec.scaling = PreparationSpec.Scaling.allCases[random.nextInt(below: 4)]
    spec.rareLevelShare = [0, 0.01, 0.1, 0.3][random.nextInt(below: 4)]
    spec.maxLevels = [1, 2, 3, 20][random.nextInt(below: 4)]
    for name in names where random.nextInt(below: 4) == 0 { spec.weights[name] = 0.5 + 2.5 * random.nextUnitDouble() }
    switch random.nextInt(below: 4) {
    case 0: spec.pca = .components(1 + random.nextInt(below: 3))
    case 1: spec.pca = .varianceFraction([0.5, 0.8, 0.95, 1][random.nextInt(below: 4)])
    default: spec.pca = .none
    }
    return spec
}

/// The outcome of applying a preparation, comparable bit for bit.
private struct Applied: Equatable {
    var bits: [UInt64]
    var shape: [Int]
    var warnings: [String]
    var error: DataError?

    init(_ body: () throws(DataError) -> Preparation.Output) {
        do {
            let output = try body()
            bits = output.matrix.elements.map(\.bitPattern)
            shape = [output.matrix.rows, output.matrix.columns]
            warnings = output.warnings
            error = nil
        } catch {
            bits = []
            shape = []
            warnings = []
            self.error = error
        }
    }
}

@Suite("Preparation properties on random tables")
struct PreparationPropertyTests {
    @Test("a preparation saved as JSON and loaded back applies with identical bits, to its table and to next year's")
    func jsonRoundTrip() throws {
        var fitted = 0
        try forEachRandomCase(300, firstSeed: 5_000) { seed, random in
            let kinds = (0..<(1 + random.nextInt(below: 6))).map { _ in Kind.allCases[random.nextInt(below: Kind.allCases.count)] }
            let n = 5 + random.nextInt(below: 56)
            let table = randomTable(kinds: kinds, rows: n, unseen: false, &random)
            let spec = randomSpec(kinds.indices.map { "c\($0)" }, &random)
            let preparation: Preparation
            do {
                preparation = try Preparation.fit(table, spec: spec)
            } catch {
                return  // no usable column in this draw (all constant, all excluded): refused, as designed
            }
            fitted += 1
            let json = try preparation.jsonData()
            let loaded = try Preparation.decode(json, name: "prep.json")
            #expect(try loaded.jsonData() == json, "seed \(seed): the JSON does not re-encode to itself")
            let before = Applied { () throws(DataError) in try preparation.apply(table) }
            let after = Applied { () throws(DataError) in try loaded.apply(table) }
            #expect(before.error == nil, "seed \(seed): \(String(describing: before.error))")
            #expect(before == after, "seed \(seed): fitting table")
            #expect(before.bits.allSatisfy { Double(bitPattern: $0).isFinite }, "seed \(seed): non-finite feature")

            let next = randomTable(kinds: kinds, rows: 1 + random.nextInt(below: 30), unseen: true, &random)
            let nextBefore = Applied { () throws(DataError) in try preparation.apply(next) }
            let nextAfter = Applied { () throws(DataError) in try loaded.apply(next) }
            #expect(nextBefore == nextAfter, "seed \(seed): next year's table")
        }
        // Most draws fit; the rest are the refusals the catalogue documents.
        #expect(fitted > 200, "only \(fitted) of 300 random specifications could be fitted")
    }
}

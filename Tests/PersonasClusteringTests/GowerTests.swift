import Foundation
@testable import PersonasClustering
import PersonasNumerics
import PersonasTestSupport
import Testing

/// R `cluster::daisy(x, metric = "gower")` reference, from Tests/Fixtures/hierarchical/make_gower_fixtures.py.
private struct GowerReference: Decodable {
    let row_ids: [String]
    let dissimilarity: [[Double]]
}

/// gower_mixed.csv as the R call in the fixture script reads it (color: factor; grade: ordered
/// factor very_low < … < very_high; flag: symmetric binary).
private func fixtureVariables() throws -> [GowerVariable] {
    let text = try String(contentsOf: Fixtures.url("hierarchical/gower_mixed.csv"), encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
    #expect(lines.first == "row_id,num_a,num_b,color,grade,flag")
    let colors = ["blue", "green", "red", "yellow"]
    let grades = ["very_low", "low", "medium", "high", "very_high"]
    var numA: [Double] = [], numB: [Double] = [], color: [Double] = [], grade: [Double] = [], flag: [Double] = []
    func number(_ field: Substring) throws -> Double {
        if field.isEmpty { return .nan }
        return try #require(Double(String(field)))
    }
    func code(_ field: Substring, _ levels: [String]) throws -> Double {
        if field.isEmpty { return .nan }
        return Double(try #require(levels.firstIndex(of: String(field))) + 1)
    }
    for line in lines.dropFirst() {
        let fields = line.split(separator: ",", omittingEmptySubsequences: false)
        try #require(fields.count == 6)
        numA.append(try number(fields[1]))
        numB.append(try number(fields[2]))
        color.append(try code(fields[3], colors))
        grade.append(try code(fields[4], grades))
        flag.append(try number(fields[5]))
    }
    return [
        GowerVariable(name: "num_a", kind: .interval, values: numA),
        GowerVariable(name: "num_b", kind: .interval, values: numB),
        GowerVariable(name: "color", kind: .nominal, values: color),
        GowerVariable(name: "grade", kind: .ordinal, values: grade),
        GowerVariable(name: "flag", kind: .symmetricBinary, values: flag),
    ]
}

/// A mixed data set with about 10% missing values in every variable but `grade`, which keeps every
/// pair defined.
private func randomVariables(n: Int, seed: UInt64, weighted: Bool = false) -> [GowerVariable] {
    var rng = SeededGenerator(seed: seed)
    func column(_ make: (inout SeededGenerator) -> Double, missing: Bool = true) -> [Double] {
        (0..<n).map { _ in
            let value = make(&rng)
            return missing && rng.nextUnitDouble() < 0.1 ? .nan : value
        }
    }
    let income = column { 40_000 + 15_000 * $0.nextStandardNormal() }
    let age = column { 18 + 60 * $0.nextUnitDouble() }
    let grade = column({ Double($0.nextInt(below: 5) + 1) }, missing: false)
    let region = column { Double($0.nextInt(below: 7)) }
    let member = column { Double($0.nextInt(below: 2)) }
    let owns = column { $0.nextUnitDouble() < 0.2 ? 1 : 0 }
    func w(_ value: Double) -> Double { weighted ? value : 1 }
    return [
        GowerVariable(name: "income", kind: .interval, values: income, weight: w(2.5)),
        GowerVariable(name: "age", kind: .interval, values: age, weight: w(0.3)),
        GowerVariable(name: "grade", kind: .ordinal, values: grade, weight: w(1.7)),
        GowerVariable(name: "region", kind: .nominal, values: region, weight: w(1)),
        GowerVariable(name: "member", kind: .symmetricBinary, values: member, weight: w(0.9)),
        GowerVariable(name: "owns", kind: .asymmetricBinary, values: owns, weight: w(3)),
    ]
}

private func error(_ body: () throws -> Void) -> HierarchicalError? {
    do {
        try body()
        return nil
    } catch {
        return error as? HierarchicalError
    }
}

@Suite("Gower dissimilarity (R cluster::daisy)")
struct GowerTests {
    @Test("the 30-row mixed fixture matches daisy's matrix, pair by pair")
    func fixture() throws {
        let reference: GowerReference = try Fixtures.json("hierarchical/gower_reference.json")
        let gower = try GowerDissimilarity(fixtureVariables())
        let n = reference.row_ids.count
        #expect(gower.observationCount == n)
        let condensed = try gower.condensed()
        #expect(condensed.count == n)
        var worst = 0.0
        for i in 0..<n {
            #expect(gower.distance(i, i) == 0)
            for j in 0..<n where j != i {
                let expected = reference.dissimilarity[i][j]
                worst = max(worst, abs(gower.distance(i, j) - expected), abs(condensed[i, j] - expected))
            }
        }
        #expect(worst <= 1e-15, "largest difference from daisy: \(worst)")
    }

    @Test("condensed() is bit-identical on 1 and 2 threads")
    func threadCountInvariance() throws {
        let gower = try GowerDissimilarity(randomVariables(n: 500, seed: 20_240_606, weighted: true))
        let one = try ParallelFor.$threadLimit.withValue(1) { try gower.condensed() }
        let two = try ParallelFor.$threadLimit.withValue(2) { try gower.condensed() }
        let many = try ParallelFor.$threadLimit.withValue(5) { try gower.condensed() }
        #expect(GowerDissimilarity.rowChunkBounds(n: 500).count > 3, "the test should span several chunks")
        #expect(one.values.count == 500 * 499 / 2)
        #expect(one.values.map(\.bitPattern) == two.values.map(\.bitPattern))
        #expect(one.values.map(\.bitPattern) == many.values.map(\.bitPattern))
    }

    @Test("symmetric, zero diagonal, within [0, 1], and condensed() equals distance(i, j)")
    func basicProperties() throws {
        let n = 120
        for weighted in [false, true] {
            let gower = try GowerDissimilarity(randomVariables(n: n, seed: 7, weighted: weighted))
            let condensed = try gower.condensed()
            for i in 0..<n {
                #expect(gower.distance(i, i) == 0)
                for j in (i + 1)..<n {
                    let d = gower.distance(i, j)
                    #expect(d.bitPattern == gower.distance(j, i).bitPattern)
                    #expect(d >= 0 && d <= 1)
                    #expect(d.bitPattern == condensed[i, j].bitPattern)
                }
            }
            var row = [Double](repeating: -1, count: n - 10)
            row.withUnsafeMutableBufferPointer { gower.distances(from: 3, to: 10..<n, into: $0.baseAddress!) }
            #expect(row == (10..<n).map { gower.distance(3, $0) })
        }
    }

    @Test("an asymmetric binary 0–0 pair is left out; 1–1 agrees")
    func asymmetricBinary() throws {
        let gower = try GowerDissimilarity([
            GowerVariable(name: "x", kind: .interval, values: [0, 10, 5, 5]),
            GowerVariable(name: "owns", kind: .asymmetricBinary, values: [0, 0, 1, 1]),
        ])
        #expect(gower.distance(0, 1) == 1)      // (1) / 1: owns 0–0 skipped (symmetric would give 0.5)
        #expect(gower.distance(0, 2) == 0.75)   // (0.5 + 1) / 2
        #expect(gower.distance(1, 2) == 0.75)
        #expect(gower.distance(2, 3) == 0)      // (0 + 0) / 2
        let symmetric = try GowerDissimilarity([
            GowerVariable(name: "x", kind: .interval, values: [0, 10, 5, 5]),
            GowerVariable(name: "owns", kind: .symmetricBinary, values: [0, 0, 1, 1]),
        ])
        #expect(symmetric.distance(0, 1) == 0.5)
    }

    @Test("a constant column contributes 0 but counts in the denominator")
    func constantColumn() throws {
        let gower = try GowerDissimilarity([
            GowerVariable(name: "c", kind: .interval, values: [3, 3, 3]),
            GowerVariable(name: "g", kind: .nominal, values: [1, 2, 1]),
        ])
        #expect(gower.distance(0, 1) == 0.5)
        #expect(gower.distance(0, 2) == 0)
        #expect(gower.distance(1, 2) == 0.5)
    }

    @Test("ordinal codes are scaled by the codes present, not the declared levels")
    func ordinalRange() throws {
        let gower = try GowerDissimilarity([GowerVariable(name: "o", kind: .ordinal, values: [2, 4, 3])])
        #expect(gower.distance(0, 1) == 1)
        #expect(gower.distance(0, 2) == 0.5)
        #expect(gower.distance(1, 2) == 0.5)
    }

    @Test("weights change the average as hand-computed")
    func weights() throws {
        let x: [Double] = [0, 5, 10], c: [Double] = [1, 1, 2]
        let weighted = try GowerDissimilarity([
            GowerVariable(name: "x", kind: .interval, values: x, weight: 2),
            GowerVariable(name: "c", kind: .nominal, values: c),
        ])
        #expect(weighted.distance(0, 1) == 1.0 / 3.0)   // (2·0.5 + 0) / 3
        #expect(weighted.distance(0, 2) == 1)           // (2·1 + 1) / 3
        #expect(weighted.distance(1, 2) == 2.0 / 3.0)   // (2·0.5 + 1) / 3
        let plain = try GowerDissimilarity([
            GowerVariable(name: "x", kind: .interval, values: x),
            GowerVariable(name: "c", kind: .nominal, values: c),
        ])
        #expect(plain.distance(0, 1) == 0.25)
        #expect(plain.distance(1, 2) == 0.75)
        #expect(try weighted.condensed().values == [1.0 / 3.0, 1, 2.0 / 3.0])
    }

    @Test("missing values drop the variable for that pair only")
    func missingValues() throws {
        let gower = try GowerDissimilarity([
            GowerVariable(name: "x", kind: .interval, values: [0, .nan, 10]),
            GowerVariable(name: "g", kind: .nominal, values: [1, 2, 2]),
        ])
        #expect(gower.distance(0, 1) == 1)      // only g: 1 / 1
        #expect(gower.distance(0, 2) == 1)      // (1 + 1) / 2
        #expect(gower.distance(1, 2) == 0)      // only g: 0 / 1
    }

    @Test("a pair sharing no variable is NaN from distance and an error from condensed()")
    func noSharedVariable() throws {
        let gower = try GowerDissimilarity([
            GowerVariable(name: "x", kind: .interval, values: [1, 2, .nan, 4]),
            GowerVariable(name: "g", kind: .nominal, values: [1, 2, 1, .nan]),
            GowerVariable(name: "a", kind: .asymmetricBinary, values: [.nan, .nan, 0, 0]),
        ])
        #expect(gower.distance(2, 3).isNaN)     // g vs x only, and a is 0–0
        #expect(gower.distance(3, 2).isNaN)
        #expect(gower.distance(0, 2) == 0)
        let thrown = error { _ = try gower.condensed() }
        #expect(thrown?.description.contains("observations 3 and 4") == true, "\(String(describing: thrown))")
    }

    @Test("invalid input is refused with the row and variable named")
    func validation() {
        let allMissing = error {
            _ = try GowerDissimilarity([
                GowerVariable(name: "x", kind: .interval, values: [1, .nan, 3]),
                GowerVariable(name: "g", kind: .nominal, values: [1, .nan, 2]),
            ])
        }
        #expect(allMissing?.description.contains("row 2 has every variable missing") == true)
        let infinite = error {
            _ = try GowerDissimilarity([GowerVariable(name: "x", kind: .interval, values: [1, 2, -.infinity])])
        }
        #expect(infinite?.description.contains("'x'") == true)
        #expect(infinite?.description.contains("row 3") == true)
        let notBinary = error {
            _ = try GowerDissimilarity([GowerVariable(name: "b", kind: .symmetricBinary, values: [0, 2])])
        }
        #expect(notBinary?.description.contains("row 2") == true)
        #expect(error { _ = try GowerDissimilarity([]) } != nil)
        #expect(error { _ = try GowerDissimilarity([GowerVariable(name: "x", kind: .interval, values: [])]) } != nil)
        #expect(error {
            _ = try GowerDissimilarity([
                GowerVariable(name: "x", kind: .interval, values: [1, 2]),
                GowerVariable(name: "y", kind: .interval, values: [1, 2, 3]),
            ])
        } != nil)
        for weight in [0, -1, .infinity, .nan] {
            #expect(error {
                _ = try GowerDissimilarity([GowerVariable(name: "x", kind: .interval, values: [1, 2], weight: weight)])
            } != nil)
        }
    }

    @Test("one observation gives an empty condensed matrix")
    func singleObservation() throws {
        let gower = try GowerDissimilarity([GowerVariable(name: "x", kind: .interval, values: [4])])
        let condensed = try gower.condensed()
        #expect(condensed.count == 1 && condensed.values.isEmpty)
        #expect(gower.distance(0, 0) == 0)
    }
}

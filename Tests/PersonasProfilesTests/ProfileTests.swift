import Foundation
import Testing
import PersonasData
import PersonasNumerics
import PersonasTestSupport
@testable import PersonasProfiles

private struct ProfileReference: Decodable {
    struct Numeric: Decodable {
        var mean: Double; var median: Double; var q1: Double; var q3: Double; var index: Double
        var missing_share: Double; var t: Double?; var p: Double?; var d: Double?
    }
    struct Segment: Decodable {
        var size: Int
        var numeric: [String: Numeric]
        var levels: [String: [String: LevelOrNumber]]
        var adjusted: [String: Double]
    }
    enum LevelOrNumber: Decodable {
        case level(share: Double, population: Double, index: Double)
        case number(Double)
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let x = try? container.decode(Double.self) { self = .number(x); return }
            let d = try container.decode([String: Double].self)
            self = .level(share: d["share"]!, population: d["population"]!, index: d["index"]!)
        }
    }
    var segments: [String: Segment]
}

private func close(_ a: Double?, _ b: Double?, _ tolerance: Double = 1e-9) -> Bool {
    guard let a, let b else { return a == nil && b == nil }
    return abs(a - b) <= tolerance * max(abs(a), abs(b), 1e-300)
}

func fixtureTableAndLabels() throws -> (DataTable, [Int32]) {
    let table = try CSVReader.read(contentsOf: Fixtures.url("profiles/profile_table.csv"))
    let labels = try SegmentLabelsFile.read(contentsOf: Fixtures.url("profiles/profile_labels.csv"),
                                            identifierColumn: table.identifierColumn?.name)
    return (table, try labels.segmentNumbers(for: table))
}

@Suite("Profiles")
struct ProfileTests {
    @Test func matchesPandasAndSciPy() throws {
        let (table, labels) = try fixtureTableAndLabels()
        let reference: ProfileReference = try Fixtures.json("profiles/profile_reference.json")
        let profiles = try Profiler.profile(table, labels: labels)
        #expect(profiles.rows == 600)
        #expect(!profiles.columns.contains { $0.name == "row_id" })
        for segment in profiles.segments {
            let ref = try #require(reference.segments[String(segment.segment)])
            #expect(segment.size == ref.size)
            #expect(!segment.suppressed)
            for (name, expected) in ref.numeric {
                let p = try #require(segment.numeric.first { $0.column == name })
                let s = try #require(p.summary)
                #expect(close(s.mean, expected.mean) && close(s.median, expected.median))
                #expect(close(s.lowerQuartile, expected.q1) && close(s.upperQuartile, expected.q3))
                #expect(close(p.index, expected.index), "\(name) index")
                #expect(close(p.missingShare, expected.missing_share))
                #expect(close(p.test?.t, expected.t) && close(p.test?.p, expected.p), "\(name) t-test")
                #expect(close(p.cohensD, expected.d))
                #expect(close(p.adjustedP, ref.adjusted[name]), "\(name) adjusted p")
            }
            for (name, expected) in ref.levels {
                let p = try #require(segment.levels.first { $0.column == name })
                for (key, entry) in expected {
                    switch entry {
                    case .number(let x) where key == "p": #expect(close(p.test?.p, x), "\(name) p")
                    case .number(let x): #expect(close(p.missingShare, x), "\(name) missing share")
                    case .level(let share, let population, let index):
                        let level = try #require(p.levels.first { $0.level == key })
                        #expect(close(level.share, share) && close(level.populationShare, population))
                        #expect(close(level.index, index), "\(name)=\(key) index")
                    }
                }
                #expect(close(p.adjustedP, ref.adjusted[name]), "\(name) adjusted p")
            }
        }
    }

    @Test func constantAndZeroMeanColumns() throws {
        let labels: [Int32] = (0..<40).map { Int32($0 % 2) }
        let table = DataTable(source: "t", columns: [
            Column(name: "constant", type: .numeric, role: .feature, values: .numbers(Array(repeating: 3, count: 40))),
            Column(name: "centered", type: .numeric, role: .feature,
                   values: .numbers((0..<40).map { $0 % 4 < 2 ? -1.0 : 1.0 })),
            Column(name: "sparse", type: .numeric, role: .feature, values: .numbers((0..<40).map { $0 < 38 ? .nan : 1 })),
        ], rowCount: 40)
        let profiles = try Profiler.profile(table, labels: labels)
        for segment in profiles.segments {
            let constant = segment.numeric[0], centered = segment.numeric[1], sparse = segment.numeric[2]
            #expect(constant.index == 100 && constant.test == nil && constant.cohensD == nil)
            #expect(centered.index == nil)   // population mean 0: undefined, not inf
            #expect(centered.test != nil)
            #expect(sparse.test == nil && sparse.missingShare == 0.95)
        }
        #expect(profiles.segments.allSatisfy { $0.overIndexed.allSatisfy { $0.index?.isFinite ?? true } })
    }

    @Test(arguments: [1, 2, 3])
    func independentOfThreadCount(threads: Int) throws {
        let universe = try TemporaryDirectory()
        let csv = universe.file("hcp.csv")
        try HCPUniverse.write(.init(rows: 3000, seed: 3), to: csv)
        let table = try CSVReader.read(contentsOf: csv, options: CSVOptions(schema: HCPUniverse.schema()))
        let labels = (0..<table.rowCount).map { Int32(($0 * 7919) % 5) }
        let baseline = try ParallelFor.$threadLimit.withValue(1) { try Profiler.profile(table, labels: labels) }
        let other = try ParallelFor.$threadLimit.withValue(threads) { try Profiler.profile(table, labels: labels) }
        #expect(baseline == other)
    }

    @Test func smallSegmentsAreSuppressed() throws {
        let (table, _) = try fixtureTableAndLabels()
        var labels = [Int32](repeating: 0, count: table.rowCount)
        for i in 0..<table.rowCount { labels[i] = i < 300 ? 0 : (i < 594 ? 1 : 2) }  // segment 2: 6 customers
        let document = try PersonaBuilder.build(table, labels: labels)
        let small = try #require(document.profiles.segments.first { $0.segment == 2 })
        #expect(small.suppressed && small.numeric.isEmpty && small.levels.isEmpty && small.overIndexed.isEmpty)
        #expect(small.valueShare == nil)
        #expect(document.personas.first { $0.segment == 2 }!.suppressed)
        #expect(document.profiles.notes.contains { $0.contains("segment 2") && !$0.contains("6 customers") })
        // Its rows leave the population (a total including them would give theirs back), its
        // size and share are withheld, and six customers are too few to be counted even pooled.
        #expect(small.size == nil && small.share == nil)
        #expect(document.profiles.rows == 594 && document.profiles.suppressedRows == nil)
        #expect(document.profiles.segments.compactMap(\.size) == [300, 294])
        let rows = ProfileTable.rows(document).filter { $0[0] == "2" }
        #expect(rows.map { $0[5] } == ["suppressed"])
        let strict = try PersonaBuilder.build(table, labels: labels, configuration: ProfileConfiguration(minimumSegmentSize: 400))
        #expect(strict.profiles.segments.allSatisfy { $0.suppressed })
        #expect(strict.profiles.rows == 0 && strict.profiles.suppressedRows == 600 && strict.profiles.pareto.isEmpty)
    }

    @Test func identifiersAndFreeTextNeverLeak() throws {
        let n = 400
        var lines = ["customer_code,note,account_ref,volume,kind,value,potential"]
        for i in 0..<n {
            lines.append("SECRETID\(100_000 + i),\"confidential remark \(i) about dr zeta\(i)\",ACCT\(70_000 + i),"
                         + "\(Double(i % 17) + (i < 200 ? 10 : 0)),\(["a", "b", "c"][i % 3]),\(i * 3 % 101),\(i * 7 % 113)")
        }
        let table = try CSVReader.read(text: lines.joined(separator: "\n") + "\n", name: "leak.csv", options: CSVOptions(
            schema: Schema(columns: [ColumnSchema(name: "account_ref", type: .categorical),
                                     ColumnSchema(name: "value", role: .value),
                                     ColumnSchema(name: "potential", role: .potential)])))
        let labels = (0..<n).map { Int32($0 < 200 ? 0 : ($0 < 396 ? 1 : 2)) }
        let document = try PersonaBuilder.build(table, labels: labels)
        var outputs = String(decoding: try document.jsonData(), as: UTF8.self)
        outputs += ProfileTable.rows(document).map { $0.joined(separator: ",") }.joined(separator: "\n")
        outputs += document.personas.map(\.narrative).joined(separator: "\n")
        for i in 0..<n {
            #expect(!outputs.contains("SECRETID\(100_000 + i)"))
            #expect(!outputs.contains("ACCT\(70_000 + i)"))
            #expect(!outputs.contains("zeta\(i)"))
        }
        #expect(!outputs.contains("confidential"))
        #expect(document.profiles.columns.map(\.name) == ["volume", "kind", "value", "potential"])
        #expect(document.profiles.notes.contains { $0.contains("account_ref") })
        #expect(document.targeting != nil)
    }

    @Test func labelsByIdentifierOrRow() throws {
        let table = try CSVReader.read(text: "id,x\nA1,1\nB2,2\nC3,3\n", name: "t.csv",
                                       options: CSVOptions(schema: Schema(columns: [ColumnSchema(name: "id", type: .identifier)])))
        func labels(_ text: String) throws -> SegmentLabelsFile {
            try SegmentLabelsFile.read(text: text, name: "l.csv", identifierColumn: "id")
        }
        #expect(try labels("id,segment\nC3,1\nA1,0\nB2,1\n").segmentNumbers(for: table) == [0, 1, 1])
        #expect(try labels("row,segment\n1,2\n2,2\n3,0\n").segmentNumbers(for: table) == [2, 2, 0])
        #expect(throws: SegmentLabelsError.self) { try labels("row,segment\n1,2\n").segmentNumbers(for: table) }
    }
}

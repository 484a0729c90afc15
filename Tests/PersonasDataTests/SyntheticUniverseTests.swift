import Foundation
@testable import PersonasData
import PersonasNumerics
import PersonasTestSupport
import Testing

/// Writes a universe into `directory` and returns the data and planted-segment files.
private func generate(
    rows: Int, seed: UInt64, in directory: TemporaryDirectory, name: String = "universe"
) throws -> (data: URL, truth: URL) {
    let data = directory.file("\(name).csv"), truth = directory.file("\(name)-truth.csv")
    try HCPUniverse.write(.init(rows: rows, seed: seed), to: data, plantedSegmentsTo: truth)
    return (data, truth)
}

@Suite("Synthetic HCP universe")
struct SyntheticUniverseTests {
    @Test("the same seed writes the same bytes; another seed writes another file")
    func determinism() throws {
        let directory = try TemporaryDirectory()
        let first = try generate(rows: 3_000, seed: 7, in: directory, name: "a")
        let second = try generate(rows: 3_000, seed: 7, in: directory, name: "b")
        let other = try generate(rows: 3_000, seed: 8, in: directory, name: "c")
        #expect(try Data(contentsOf: first.data) == Data(contentsOf: second.data))
        #expect(try Data(contentsOf: first.truth) == Data(contentsOf: second.truth))
        #expect(try Data(contentsOf: first.data) != Data(contentsOf: other.data))
    }

    @Test("the file does not depend on the thread count", arguments: [1, 2, 5])
    func threadIndependence(threads: Int) throws {
        let directory = try TemporaryDirectory()
        // More rows than one parallel batch, so batching and chunk order are exercised.
        let reference = try generate(rows: 70_000, seed: 3, in: directory, name: "reference")
        let limited = try ParallelFor.$threadLimit.withValue(threads) {
            try generate(rows: 70_000, seed: 3, in: directory, name: "limited")
        }
        #expect(try Data(contentsOf: reference.data) == Data(contentsOf: limited.data))
        #expect(try Data(contentsOf: reference.truth) == Data(contentsOf: limited.truth))
    }

    @Test("the wide layout: the standard 19 columns unchanged, then 11 more that follow the customers' own values")
    func wideLayout() throws {
        let directory = try TemporaryDirectory()
        let standard = directory.file("standard.csv"), wide = directory.file("wide.csv")
        try HCPUniverse.write(.init(rows: 20_000, seed: 5), to: standard)
        try HCPUniverse.write(.init(rows: 20_000, seed: 5, missingRate: 0.05, extendedColumns: true), to: wide)
        let narrowTable = try CSVReader.read(contentsOf: standard, options: CSVOptions(schema: HCPUniverse.schema()))
        let table = try CSVReader.read(contentsOf: wide, options: CSVOptions(schema: HCPUniverse.schema(extendedColumns: true)))
        #expect(table.columns.count == 30)
        #expect(table.columns.map(\.name) == HCPUniverse.columnNames + HCPUniverse.extendedColumnNames)
        // The same customers: every always-filled standard column is identical.
        for name in ["hcp_id", "specialty", "monthly_rx", "calls_received", "value", "potential"] {
            let a = try #require(narrowTable[name]), b = try #require(table[name])
            #expect((0..<table.rowCount).allSatisfy { a.text(atRow: $0) == b.text(atRow: $0) }, "\(name)")
        }
        // Missing cells only where documented, near the configured rate.
        for name in HCPUniverse.extendedColumnNames {
            let share = Double(try #require(table[name]).missingCount) / Double(table.rowCount)
            if ["email_click_rate", "telehealth_share", "formulary_status"].contains(name) {
                #expect(abs(share - 0.05) < 0.01, "\(name): \(share)")
            } else {
                #expect(share == 0, "\(name)")
            }
        }
        // Extra measures follow the customers: patients with prescribing, competitor volume with
        // the share left to competitors, samples with rep calls.
        func correlation(_ x: String, _ y: String) throws -> Double {
            let a = try #require(table[x]?.numbers), b = try #require(table[y]?.numbers)
            let pairs = zip(a, b).filter { !$0.0.isNaN && !$0.1.isNaN }
            let n = Double(pairs.count), ma = pairs.map(\.0).reduce(0, +) / n, mb = pairs.map(\.1).reduce(0, +) / n
            let cov = pairs.map { ($0.0 - ma) * ($0.1 - mb) }.reduce(0, +)
            let va = pairs.map { ($0.0 - ma) * ($0.0 - ma) }.reduce(0, +), vb = pairs.map { ($0.1 - mb) * ($0.1 - mb) }.reduce(0, +)
            return cov / (va * vb).squareRoot()
        }
        #expect(try correlation("patients_per_month", "monthly_rx") > 0.8)
        #expect(try correlation("competitor_rx", "monthly_rx") > 0.5)
        #expect(try correlation("samples_requested", "calls_received") > 0.5)
        #expect(try correlation("days_since_last_call", "calls_received") < 0)
        let shares = try #require(table["new_rx_share"]?.numbers)
        #expect(shares.allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    @Test("a prefix of a larger universe has the same customers, up to the decile")
    func rowsAreIndependentOfSize() throws {
        let generator = HCPRowGenerator(seed: 11, missingRate: 0.02)
        let row = generator.row(1_234)
        #expect(generator.monthlyRx(1_234) == row.monthlyRx)
        let again = HCPRowGenerator(seed: 11, missingRate: 0.02).row(1_234)
        #expect(again.monthlyRx == row.monthlyRx && again.segment == row.segment && again.value == row.value)
    }

    @Test("the file reads back with its schema and has the documented shape")
    func shape() throws {
        let directory = try TemporaryDirectory()
        let rows = 20_000
        let files = try generate(rows: rows, seed: 20251122, in: directory)
        let table = try CSVReader.read(contentsOf: files.data, options: CSVOptions(schema: HCPUniverse.schema()))
        #expect(table.rowCount == rows)
        #expect(table.columns.map(\.name) == HCPUniverse.columnNames)
        #expect(table["value"]?.role == .value && table["potential"]?.role == .potential)
        #expect(table.identifierColumn?.name == "hcp_id")

        // Missing cells only where documented, at about 2%.
        for column in table.columns {
            let fraction = Double(column.missingCount) / Double(rows)
            if HCPUniverse.columnsWithMissingCells.contains(column.name) {
                #expect(fraction > 0.012 && fraction < 0.028, "\(column.name): \(fraction)")
            } else {
                #expect(column.missingCount == 0, "\(column.name)")
            }
        }

        // About 15 specialties, skewed: the largest is several times the median one.
        let specialty = try #require(table["specialty"]?.codedLevels)
        var counts = [Int](repeating: 0, count: specialty.levels.count)
        for code in specialty.codes where code >= 0 { counts[Int(code)] += 1 }
        counts.sort(by: >)
        #expect((13...17).contains(counts.count))
        #expect(counts[0] > 3 * counts[counts.count / 2])

        // Heavy-tailed prescribing: the top fifth writes most of the volume.
        let rx = try #require(table["monthly_rx"]?.numbers).sorted(by: >)
        let total = rx.reduce(0, +)
        let topFifth = rx.prefix(rows / 5).reduce(0, +) / total
        #expect(topFifth > 0.7 && topFifth < 0.9, "top 20% share \(topFifth)")

        // Deciles of equal total volume: 1 holds the most customers, 10 the fewest.
        let decile = try #require(table["decile"]?.numbers)
        var volume = [Double](repeating: 0, count: 11), members = [Int](repeating: 0, count: 11)
        for (d, x) in zip(decile, try #require(table["monthly_rx"]?.numbers)) {
            volume[Int(d)] += x
            members[Int(d)] += 1
        }
        for d in 1...10 { #expect(abs(volume[d] / total - 0.1) < 0.03, "decile \(d): \(volume[d] / total)") }
        #expect(members[1] > 10 * members[10])

        // Value and potential are positive money, never missing.
        #expect(try #require(table["value"]?.numbers).allSatisfy { $0 >= 0 })
        #expect(try #require(table["potential"]?.numbers).allSatisfy { $0 > 0 })
    }

    @Test("planted segments appear in their documented shares and differ in profile")
    func plantedSegments() throws {
        let directory = try TemporaryDirectory()
        let rows = 20_000
        let files = try generate(rows: rows, seed: 5, in: directory)
        let truth = try CSVReader.read(contentsOf: files.truth)
        #expect(truth.rowCount == rows)
        let planted = try #require(truth["planted_segment"]?.codedLevels)
        let data = try CSVReader.read(contentsOf: files.data, options: CSVOptions(schema: HCPUniverse.schema()))
        let rx = try #require(data["monthly_rx"]?.numbers)
        let emails = try #require(data["emails_opened"]?.numbers)

        var meanRx: [String: Double] = [:], meanEmails: [String: Double] = [:]
        for segment in HCPUniverse.segments {
            let code = try #require(planted.levels.firstIndex(of: segment.key))
            let members = planted.codes.indices.filter { planted.codes[$0] == Int32(code) }
            let share = Double(members.count) / Double(rows)
            #expect(abs(share - segment.share) < 0.015, "\(segment.key): \(share) vs \(segment.share)")
            meanRx[segment.key] = members.map { rx[$0] }.reduce(0, +) / Double(members.count)
            let seen = members.map { emails[$0] }.filter { !$0.isNaN }
            meanEmails[segment.key] = seen.reduce(0, +) / Double(seen.count)
        }
        // The profiles in the segment table: KOLs prescribe most, digital primary care opens most email.
        #expect(meanRx["onc_kol"]! > 3 * meanRx["traditional"]!)
        #expect(meanRx["traditional"]! > meanRx["low_rural"]!)
        #expect(meanEmails["digital_pc"]! > 2 * meanEmails["traditional"]!)
        // The answer key lists every customer, in file order.
        let ids = try #require(data["hcp_id"]).text(atRow: 4_321)
        #expect(try #require(truth["hcp_id"]).text(atRow: 4_321) == ids)
    }

    @Test("identifiers are zero-padded and grow past seven digits")
    func identifiers() {
        #expect(HCPUniverse.identifier(ofRow: 0) == "HCP0000001")
        #expect(HCPUniverse.identifier(ofRow: 9_999_998) == "HCP9999999")
        #expect(HCPUniverse.identifier(ofRow: 9_999_999) == "HCP10000000")
    }

    @Test("fixed-point formatting rounds and pads without a locale", arguments: [
        (0.0, 3, "0.000"), (0.0704999, 3, "0.070"), (0.0705001, 3, "0.071"), (1234.5, 2, "1234.50"),
        (999.999, 2, "1000.00"), (42.4, 0, "42"), (123456789.125, 2, "123456789.13"),
    ])
    func fixedPoint(value: Double, decimals: Int, text: String) {
        #expect(HCPRowGenerator.fixedPoint(value, decimals: decimals) == text)
    }

    @Test("invalid configurations and protected outputs are refused without writing")
    func refusals() throws {
        let directory = try TemporaryDirectory()
        let out = directory.file("u.csv")
        #expect(throws: OutputError.self) { try HCPUniverse.write(.init(rows: 0, seed: 1), to: out) }
        #expect(throws: OutputError.self) {
            try HCPUniverse.write(.init(rows: 10, seed: 1, missingRate: 1.5), to: out)
        }
        #expect(throws: OutputError.self) {
            try HCPUniverse.write(.init(rows: 10, seed: 1), to: out, plantedSegmentsTo: out)
        }
        #expect(!FileManager.default.fileExists(atPath: out.path))

        try Data("keep me\n".utf8).write(to: out)
        #expect(throws: OutputError.self) {
            try HCPUniverse.write(.init(rows: 10, seed: 1), to: out, protectedInputs: [out])
        }
        #expect(try String(contentsOf: out, encoding: .utf8) == "keep me\n")
    }

    @Test("the schema file round-trips through JSON")
    func schemaRoundTrip() throws {
        let schema = HCPUniverse.schema()
        let decoded = try Schema.decode(schema.jsonData(), name: "hcp.schema.json")
        #expect(decoded == schema)
    }
}

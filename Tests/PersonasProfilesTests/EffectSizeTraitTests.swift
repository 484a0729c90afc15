import Foundation
import Testing
import PersonasData
import PersonasTestSupport
@testable import PersonasProfiles

/// Issue 21, traits by effect size: a segment's traits are chosen and ranked by Cohen's d (h for a
/// level's share) against the rest, collinear traits are named once, names never repeat.
@Suite("Traits by effect size")
struct EffectSizeTraitTests {
    /// `count` values with mean 0 and SD 1 exactly (deterministic: ±1 alternating).
    static func unit(_ count: Int) -> [Double] { (0..<count).map { $0 % 2 == 0 ? 1 : -1 } }

    /// Another such series, uncorrelated with ``unit(_:)`` (+ + − − …; `count` a multiple of 4).
    static func other(_ count: Int) -> [Double] { (0..<count).map { $0 / 2 % 2 == 0 ? 1 : -1 } }

    static func numeric(_ name: String, _ display: String, _ values: [Double]) -> Column {
        Column(name: name, type: .numeric, role: .feature, values: .numbers(values), displayName: display)
    }

    static func names(_ table: DataTable, _ labels: [Int32]) throws -> [Int: String] {
        PersonaNaming.names(for: try Profiler.profile(table, labels: labels).segments)
    }

    // Fails on main before this change: the index of tenure is 104/96, never a trait, so the
    // segments were named by the column whose index crossed 120/80 on a negligible difference.
    @Test("Two segments differing mainly on a low-variance column are named by it")
    func lowVarianceColumn() throws {
        let n = 400
        let labels: [Int32] = (0..<2 * n).map { $0 < n ? 0 : 1 }
        let z = Self.unit(n)
        // Tenure 104 ± 5 against 96 ± 5: d = 1.6, index 104 and 96.
        let tenure = z.map { 104 + 5 * $0 } + z.map { 96 + 5 * $0 }
        // Frequency 3 ± 6 against 2 ± 6: index 120 and 80, but d = 0.17, below a small effect.
        let u = Self.other(n)
        let frequency = u.map { 3 + 6 * $0 } + u.map { 2 + 6 * $0 }
        let table = DataTable(source: "t", columns: [Self.numeric("tenure", "Tenure", tenure),
                                                     Self.numeric("frequency", "Frequency", frequency)], rowCount: 2 * n)
        let profiles = try Profiler.profile(table, labels: labels)
        let first = profiles.segments[0]
        #expect(first.traits.map(\.column) == ["tenure"], "\(first.traits)")
        #expect(first.numeric.first { $0.column == "tenure" }?.index.map { ($0 - 104).magnitude < 1e-9 } == true)
        let names = PersonaNaming.names(for: profiles.segments)
        #expect(names == [0: "Long tenure", 1: "Short tenure"])
    }

    // Fails on main before this change: a column whose mean is not positive had no index, so a
    // decline was never a trait.
    @Test("A negative-mean column is a trait when it is the largest difference")
    func negativeMeanColumn() throws {
        let n = 300
        let labels: [Int32] = (0..<2 * n).map { $0 < n ? 0 : 1 }
        let z = Self.unit(n)
        let trend = z.map { -0.5 + $0 } + z.map { 0.3 + $0 }            // d = −0.8, population mean −0.1
        let visits = z.map { 9.4 + 3 * $0 } + z.map { 10 + 3 * $0 }      // d = −0.2, index 97
        let table = DataTable(source: "t", columns: [Self.numeric("trend", "Prescribing trend", trend),
                                                     Self.numeric("visits", "Visits", visits)], rowCount: 2 * n)
        let profiles = try Profiler.profile(table, labels: labels)
        let top = try #require(profiles.segments[0].traits.first)
        #expect(top.column == "trend" && top.direction == .under && top.index == nil)
        #expect(abs(top.effectSize - 0.8 / (600.0 / 598).squareRoot()) < 1e-9)   // pooled SD with n − 2
        let names = PersonaNaming.names(for: profiles.segments)
        #expect(names[0]?.hasPrefix("Low prescribing trend") == true, "\(names)")
        // The narrative states it without an index it does not have.
        let narrative = Narrative.write(profiles.segments[0], configuration: profiles.configuration)
        #expect(narrative.contains("a lower prescribing trend (mean -0.500 against -0.100 overall)"), "\(narrative)")
    }

    // Fails on main before this change: both collinear columns were traits and both were named
    // ("Low total detailing, low detailing per month").
    @Test("Collinear traits are not both named")
    func collinearTraits() throws {
        let n = 300
        let labels: [Int32] = (0..<2 * n).map { $0 < n ? 0 : 1 }
        let z = Self.unit(n)
        let total = z.map { 60 + 12 * $0 } + z.map { 120 + 12 * $0 }
        let perMonth = total.enumerated().map { $1 / 12 + ($0 % 3 == 0 ? 0.01 : 0) }
        let u = Self.other(n)
        let share = u.map { 0.4 + 0.1 * $0 } + u.map { 0.3 + 0.1 * $0 }
        let table = DataTable(source: "t", columns: [
            Self.numeric("total_detailing", "Total detailing", total),
            Self.numeric("detailing_per_month", "Detailing per month", perMonth),
            Self.numeric("share", "Product share", share),
        ], rowCount: 2 * n)
        let profiles = try Profiler.profile(table, labels: labels)
        for segment in profiles.segments {
            let columns = Set(segment.traits.map(\.column))
            #expect(columns.intersection(["total_detailing", "detailing_per_month"]).count == 1, "\(columns)")
            #expect(columns.contains("share"))
        }
        let names = PersonaNaming.names(for: profiles.segments)
        #expect(!names.values.contains { $0.contains("total detailing") && $0.contains("detailing per month") }, "\(names)")
    }

    static func trait(_ column: String, _ direction: DistinguishingTrait.Direction, _ effect: Double) -> DistinguishingTrait {
        DistinguishingTrait(column: column, displayName: column.capitalized + " score", type: .numeric, level: nil,
                            levelLabel: nil, direction: direction, segmentValue: 1, populationValue: 1, index: 100,
                            effectSize: effect, adjustedP: 0.001)
    }

    static func segment(_ id: Int, size: Int, _ traits: [DistinguishingTrait]) -> SegmentProfile {
        SegmentProfile(segment: id, size: size, share: 0.5, suppressed: false, numeric: [], levels: [],
                       overIndexed: traits.filter { $0.direction == .over }, underIndexed: traits.filter { $0.direction == .under })
    }

    // Fails on main before this change: when the larger segment had the further trait, the smaller
    // one, out of traits, took its segment number ("High x score, low y score (segment 2)").
    @Test("Names are unique: the next most distinctive trait is added until they differ")
    func uniqueNames() {
        let x = Self.trait("x", .over, 1.5), y = Self.trait("y", .under, 1.2), z = Self.trait("z", .over, 0.6)
        let w = Self.trait("w", .under, 0.5)
        // The larger segment has the further trait.
        let larger = PersonaNaming.names(for: [Self.segment(1, size: 500, [x, y, z]), Self.segment(2, size: 300, [x, y])])
        #expect(larger == [1: "High x score, low y score, high z score", 2: "High x score, low y score"])
        // The smaller one has it.
        let smaller = PersonaNaming.names(for: [Self.segment(1, size: 500, [x, y]), Self.segment(2, size: 300, [x, y, z])])
        #expect(smaller == [1: "High x score, low y score", 2: "High x score, low y score, high z score"])
        // Both do: each adds its own.
        let both = PersonaNaming.names(for: [Self.segment(1, size: 500, [x, y, z]), Self.segment(2, size: 300, [x, y, w])])
        #expect(both == [1: "High x score, low y score, high z score", 2: "High x score, low y score, low w score"])
        // Neither does: the smaller takes its number.
        let neither = PersonaNaming.names(for: [Self.segment(1, size: 500, [x, y]), Self.segment(2, size: 300, [x, y])])
        #expect(neither == [1: "High x score, low y score", 2: "High x score, low y score (segment 2)"])
    }

    struct Reference: Decodable {
        var segment: [Int32]
        var spend: [Double]
        var tenure: [Double]
        var trend: [Double]
        var tier: [String]
        var expected: [String: Expected]
        struct Expected: Decodable {
            var skewness: Double?
            var effectScale: String?
            var effectSize: EffectSizes
            var cohensD: [Double]?
        }
        enum EffectSizes: Decodable {
            case numeric([Double]), levels([[String: Double]])
            init(from decoder: any Decoder) throws {
                let c = try decoder.singleValueContainer()
                if let d = try? c.decode([Double].self) { self = .numeric(d) } else { self = .levels(try c.decode([[String: Double]].self)) }
            }
        }
    }

    /// Reference values from Tests/Fixtures/profiles/make_effect_size_fixtures.py (NumPy/SciPy).
    @Test("Cohen's d (on log1p of a heavily skewed column) and Cohen's h match NumPy/SciPy")
    func matchesReference() throws {
        let reference: Reference = try Fixtures.json("profiles/effect_size_reference.json")
        let levels = ["A", "B", "C"]
        let table = DataTable(source: "effect", columns: [
            Self.numeric("spend", "Spend", reference.spend), Self.numeric("tenure", "Tenure", reference.tenure),
            Self.numeric("trend", "Trend", reference.trend),
            Column(name: "tier", type: .categorical, role: .feature,
                   values: .levels(codes: reference.tier.map { Int32(levels.firstIndex(of: $0)!) }, levels: levels)),
        ], rowCount: reference.segment.count)
        let profiles = try Profiler.profile(table, labels: reference.segment)
        for name in ["spend", "tenure", "trend"] {
            let expected = try #require(reference.expected[name])
            let column = try #require(profiles.columns.first { $0.name == name })
            #expect(column.effectScale == expected.effectScale, "\(name)")
            guard case .numeric(let sizes) = expected.effectSize else { Issue.record("\(name)"); continue }
            for (s, segment) in profiles.segments.enumerated() {
                let profile = try #require(segment.numeric.first { $0.column == name })
                #expect(abs(profile.effectSize! - sizes[s]) < 1e-9, "\(name) segment \(s)")
                #expect(abs(profile.cohensD! - expected.cohensD![s]) < 1e-9, "\(name) segment \(s)")
            }
        }
        // The skewed column with negative values says why it is not logged.
        let explained = profiles.notes.contains(where: { $0.hasPrefix("\"trend\" is heavily skewed") })
        #expect(explained, "\(profiles.notes)")
        guard case .levels(let h) = try #require(reference.expected["tier"]).effectSize else { Issue.record("tier"); return }
        for (s, segment) in profiles.segments.enumerated() {
            for level in try #require(segment.levels.first { $0.column == "tier" }).levels {
                let expected: Double = try #require(h[s][level.level])
                #expect(abs(level.effectSize - expected) < 1e-9, "tier \(level.level) segment \(s)")
            }
        }
    }

    @Test("profile.csv gives every numeric column and level an effect_size")
    func profileTableHasEffectSize() throws {
        let n = 100
        let labels: [Int32] = (0..<2 * n).map { $0 < n ? 0 : 1 }
        let z = Self.unit(n)
        let table = DataTable(source: "t", columns: [
            Self.numeric("tenure", "Tenure", z.map { 104 + 5 * $0 } + z.map { 96 + 5 * $0 }),
            Column(name: "flag", type: .boolean, role: .feature, values: .numbers((0..<2 * n).map { $0 % 3 == 0 ? 1 : 0 })),
        ], rowCount: 2 * n)
        let rows = ProfileTable.rows(try PersonaBuilder.build(table, labels: labels))
        let effect = rows.filter { $0[5] == "effect_size" }
        #expect(effect.count == 2 * 3, "\(effect)")   // per segment: tenure, flag no, flag yes
        #expect(effect.first { $0[0] == "0" && $0[2] == "tenure" }.flatMap { Double($0[6]) }.map { abs($0 - 1.6 / (200.0 / 198).squareRoot()) < 1e-9 } == true)
    }

    // Fails on main before this change: inspect said nothing about code-like integers.
    @Test("A whole-number column spread like codes is flagged; a count or a smooth measure is not; a declared type silences it")
    func codeLikeColumns() throws {
        // 41 codes held by lumpy numbers of customers (5 to 85), like a customer-subtype code.
        let lumpy = (1...41).flatMap { code in Array(repeating: Double(code), count: 5 + (code * 37 % 11) * 8) }
        let codes = Column(name: "MOSTYPE", type: .integer, role: .feature, values: .numbers(lumpy))
        let warning = try #require(CodeLikeColumns.warning(codes))
        #expect(warning.hasPrefix("\"MOSTYPE\" looks like a code: 41 distinct whole numbers from 1 to 41"))
        #expect(warning.contains("declare it categorical in the schema"))
        // A count piles up near zero.
        let rows = lumpy.count
        let visits = Column(name: "visits", type: .integer, role: .feature,
                            values: .numbers((0..<rows).map { Double([0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 3, 5, 9][$0 % 14]) }))
        #expect(CodeLikeColumns.warning(visits) == nil)
        // Years in practice, 0 to 48, rising smoothly: a measure.
        let smooth = (0...48).flatMap { year in Array(repeating: Double(year), count: 40 + year) }
        #expect(CodeLikeColumns.warning(Column(name: "years", type: .integer, role: .feature, values: .numbers(smooth))) == nil)
        // A measure with many values, a real number, a boolean: never.
        #expect(CodeLikeColumns.warning(Column(name: "amount", type: .integer, role: .feature,
                                               values: .numbers((0..<rows).map(Double.init)))) == nil)
        #expect(CodeLikeColumns.warning(Column(name: "share", type: .numeric, role: .feature, values: codes.values)) == nil)
        let table = DataTable(source: "t", columns: [codes, visits], rowCount: rows)
        #expect(CodeLikeColumns.warnings(table, schema: nil).count == 1)
        let declared = Schema(columns: [ColumnSchema(name: "MOSTYPE", type: .integer)])
        #expect(CodeLikeColumns.warnings(table, schema: declared).isEmpty)
    }

    @Test("A column the schema declares categorical is profiled as levels and named by its labels")
    func declaredCategoricalIsNamedByLabel() throws {
        let directory = try TemporaryDirectory()
        let csv = directory.file("codes.csv")
        var text = "id,MOSTYPE,visits\n"
        for i in 0..<400 {
            let code = i < 200 ? (i % 4 == 0 ? 12 : 5) : (i % 4 == 0 ? 5 : 12)
            text += "c\(i),\(code),\(i % 7)\n"
        }
        try text.write(to: csv, atomically: true, encoding: .utf8)
        let schema = Schema(columns: [
            ColumnSchema(name: "id", type: .identifier),
            ColumnSchema(name: "MOSTYPE", type: .categorical, displayName: "Customer subtype",
                         labels: ["5": "Young families", "12": "Affluent young families"]),
        ])
        let table = try CSVReader.read(contentsOf: csv, options: CSVOptions(schema: schema))
        let labels: [Int32] = (0..<400).map { $0 < 200 ? 0 : 1 }
        let profiles = try Profiler.profile(table, labels: labels)
        #expect(profiles.columns.first { $0.name == "MOSTYPE" }?.kind == .levels)
        #expect(profiles.segments.allSatisfy { $0.numeric.allSatisfy { $0.column != "MOSTYPE" } })
        let names = PersonaNaming.names(for: profiles.segments)
        #expect(names == [0: "Young families", 1: "Affluent young families"], "\(names)")
    }
}

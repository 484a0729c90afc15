import Foundation
import Testing
import PersonasData
import PersonasTestSupport
@testable import PersonasProfiles

/// The bundled sample's recipe (5,000 rows, seed 20251122) with the TRUE planted labels: the
/// personas must show each planted segment's defining traits, stated here from the generator's
/// parameters (``HCPUniverse/segments``), not from the output.
@Suite("Profiles recover the planted HCP segments")
struct ProfilePlantedTests {
    static let document: PersonasDocument = {
        let directory = try! TemporaryDirectory()
        let csv = directory.file("hcp.csv"), truth = directory.file("truth.csv")
        try! HCPUniverse.write(.init(rows: 5000, seed: 20251122), to: csv, plantedSegmentsTo: truth)
        let table = try! CSVReader.read(contentsOf: csv, options: CSVOptions(schema: HCPUniverse.schema()))
        let truthTable = try! CSVReader.read(contentsOf: truth)
        let keys = HCPUniverse.segments.map(\.key)
        let column = truthTable["planted_segment"]!
        let labels = (0..<truthTable.rowCount).map { Int32(keys.firstIndex(of: column.text(atRow: $0))!) }
        return try! PersonaBuilder.build(table, labels: labels)
    }()

    static func segment(_ key: String) -> SegmentProfile {
        let index = HCPUniverse.segments.firstIndex { $0.key == key }!
        return document.profiles.segments.first { $0.segment == index }!
    }

    static func planted(_ key: String) -> PlantedSegment { HCPUniverse.segments.first { $0.key == key }! }

    /// Whether `trait` (column, optional level, direction) is among the segment's top traits.
    static func has(_ key: String, _ column: String, _ level: String? = nil, _ direction: DistinguishingTrait.Direction) -> Bool {
        let s = segment(key)
        return (direction == .over ? s.overIndexed : s.underIndexed).contains { $0.column == column && $0.level == level }
    }

    /// The segment whose log-normal median is the largest (or smallest) of the six.
    static func extreme(_ path: KeyPath<PlantedSegment, PlantedSegment.LogNormal>, largest: Bool) -> String {
        let sorted = HCPUniverse.segments.sorted { $0[keyPath: path].median < $1[keyPath: path].median }
        return (largest ? sorted.last! : sorted.first!).key
    }

    /// The level a segment weights most relative to the population's expected weight.
    static func mostOverweighted(_ key: String, _ path: KeyPath<PlantedSegment, [String: Double]>) -> String {
        func normalised(_ w: [String: Double]) -> [String: Double] {
            let total = w.values.reduce(0, +)
            return w.mapValues { $0 / total }
        }
        var population: [String: Double] = [:]
        for s in HCPUniverse.segments {
            for (level, w) in normalised(s[keyPath: path]) { population[level, default: 0] += s.share * w }
        }
        let mine = normalised(planted(key)[keyPath: path])
        return mine.keys.sorted().max { mine[$0]! / population[$0]! < mine[$1]! / population[$1]! }!
    }

    /// Whether one of `columns` is among the segment's traits in that direction.
    static func hasAny(_ key: String, _ columns: [String], _ direction: DistinguishingTrait.Direction) -> Bool {
        columns.contains { has(key, $0, nil, direction) }
    }

    /// monthly_rx and the columns the generator derives from it (decile ranks it; value and
    /// potential multiply it): a trait correlated with a chosen one by 0.8 or more is skipped, so
    /// the volume difference may speak through any of them.
    static let volumeColumns = ["monthly_rx", "decile", "value", "potential"]

    @Test func volumeExtremes() {
        // onc_kol has the highest monthly_rx median (650), low_rural the lowest (5).
        #expect(Self.extreme(\.monthlyRx, largest: true) == "onc_kol")
        #expect(Self.hasAny("onc_kol", Self.volumeColumns, .over))
        #expect(Self.extreme(\.monthlyRx, largest: false) == "low_rural")
        #expect(Self.hasAny("low_rural", Self.volumeColumns, .under))
        // hospital_inst has the largest practices (median 220), low_rural the smallest (1.6).
        #expect(Self.extreme(\.practiceSize, largest: true) == "hospital_inst")
        #expect(Self.has("hospital_inst", "practice_size", nil, .over))
        #expect(Self.has("low_rural", "practice_size", nil, .under))
    }

    @Test func digitalAndAccess() {
        // digital_pc: emails (20) and portal visits (14) are the highest medians; 80% restrict reps.
        #expect(Self.extreme(\.emailsOpened, largest: true) == "digital_pc")
        #expect(Self.has("digital_pc", "emails_opened", nil, .over))
        #expect(Self.extreme(\.portalVisits, largest: true) == "digital_pc")
        #expect(Self.has("digital_pc", "portal_visits", nil, .over))
        #expect(Self.planted("digital_pc").repAccessRestrictedProbability == HCPUniverse.segments.map(\.repAccessRestrictedProbability).max())
        #expect(Self.has("digital_pc", "rep_access_restricted", "yes", .over))
        // onc_kol: the most webinars (median 9).
        #expect(Self.extreme(\.webinarsAttended, largest: true) == "onc_kol")
        #expect(Self.has("onc_kol", "webinars_attended", nil, .over))
        // traditional: the fewest emails (median 1) and many calls (10).
        #expect(Self.extreme(\.emailsOpened, largest: false) == "traditional")
        #expect(Self.has("traditional", "emails_opened", nil, .under))
        #expect(Self.has("traditional", "calls_received", nil, .over))
    }

    @Test func specialtiesAndLevels() {
        // Each segment's most over-weighted specialty, practice type or adoption stage shows.
        for key in ["onc_kol", "emerging_spec"] {
            let level = Self.mostOverweighted(key, \.specialtyWeights)
            #expect(Self.has(key, "specialty", level, .over), "\(key): specialty \(level)")
        }
        #expect(Self.mostOverweighted("emerging_spec", \.adoptionWeights) == "unaware")
        #expect(Self.has("emerging_spec", "adoption_stage", "unaware", .over))
        #expect(Self.has("hospital_inst", "practice_type", Self.mostOverweighted("hospital_inst", \.practiceTypeWeights), .over))
        let rural = Self.mostOverweighted("low_rural", \.regionWeights)
        #expect(Self.has("low_rural", "region", rural, .over), "low_rural region \(rural)")
        let age = Self.mostOverweighted("traditional", \.ageBandWeights)
        #expect(Self.has("traditional", "age_band", age, .over), "traditional age \(age)")
        // emerging_spec has the lowest product share (median 0.05).
        #expect(HCPUniverse.segments.min { $0.productShare.median < $1.productShare.median }!.key == "emerging_spec")
        #expect(Self.has("emerging_spec", "product_share", nil, .under))
    }

    @Test func valueAndTargeting() throws {
        // onc_kol: 7% of customers with the highest volume and share: far above its share of value.
        let kol = Self.segment("onc_kol")
        #expect(try #require(kol.valueShare) > 3 * #require(kol.share))
        let targeting = try #require(Self.document.targeting)
        let kolTarget = try #require(targeting.segments.first { $0.segment == kol.segment })
        #expect(kolTarget.tier == "Grow" && kolTarget.channel == "face-to-face")
        // digital_pc restricts reps (80%): never face-to-face.
        let digital = try #require(targeting.segments.first { $0.segment == Self.segment("digital_pc").segment })
        #expect(digital.channel != "face-to-face")
        #expect(Set(Self.document.personas.map(\.name)).count == 6)
        #expect(Self.document.profiles.pareto.first?.segment == kol.segment)
    }
}

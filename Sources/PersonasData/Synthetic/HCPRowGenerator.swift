import Foundation
import PersonasNumerics

/// One synthetic customer before formatting: level indices into the ``HCPUniverse`` level lists
/// and plain numbers. Missing cells are a bit mask over ``HCPRowGenerator/MissableColumn``; the
/// values behind a missing cell are still drawn (and still drive value and potential).
struct HCPRow {
    var segment = 0
    var specialty = 0
    var region = 0
    var practiceType = 0
    var practiceSize = 1
    var ageBand = 0
    var yearsInPractice = 0
    var monthlyRx = 0
    var productShare = 0.0
    var adoptionStage = 0
    var emailsOpened = 0
    var webinarsAttended = 0
    var portalVisits = 0
    var repAccessRestricted = false
    var contentPreference = 0
    var callsReceived = 0
    var value = 0.0
    var potential = 0.0
    var missing: UInt8 = 0
    /// The wide layout's extra columns, when generated.
    var extended: HCPExtendedRow?

    func isMissing(_ column: HCPRowGenerator.MissableColumn) -> Bool {
        missing & (1 << column.rawValue) != 0
    }
}

/// Draws customer `i` of a universe from its own random stream, so any row can be generated
/// alone, in any order and on any thread, and always comes out the same.
///
/// The draws of a row happen in one fixed order (segment, specialty, region, practice, age,
/// prescribing, engagement, money, then the missing-cell coins), so the stream position of each
/// draw depends only on the draws before it in the same row.
struct HCPRowGenerator: Sendable {
    /// The columns that may have empty cells, in the order their missing coins are tossed.
    enum MissableColumn: Int, CaseIterable {
        case practiceSize, ageBand, yearsInPractice, productShare, emailsOpened, portalVisits, contentPreference
    }

    let seed: UInt64
    let missingRate: Double
    let extendedColumns: Bool
    private let segmentCDF: [Double]
    private let segments: [CompiledSegment]
    // The shared constants, read once rather than through a lazy global per row.
    private let price = HCPUniverse.pricePerPrescription
    private let restrictedCallFactor = HCPUniverse.restrictedCallFactor
    private let valueNoiseSigma = HCPUniverse.valueNoiseSigma
    private let potentialNoiseSigma = HCPUniverse.potentialNoiseSigma
    private let potentialSizeElasticity = HCPUniverse.potentialSizeElasticity

    init(seed: UInt64, missingRate: Double, extendedColumns: Bool = false, segments: [PlantedSegment] = HCPUniverse.segments) {
        self.seed = seed
        self.missingRate = missingRate
        self.extendedColumns = extendedColumns
        self.segmentCDF = cumulative(segments.map(\.share))
        self.segments = segments.map(CompiledSegment.init)
    }

    /// Customer `index` (0-based; its identifier is `index + 1`).
    func row(_ index: Int) -> HCPRow {
        var rng = SeededGenerator(seed: seed, stream: UInt64(index))
        var row = HCPRow()
        let s = drawThroughVolume(&rng, &row)
        drawRest(&rng, &row, s)
        if extendedColumns { row.extended = HCPExtendedRow(row, missingRate: missingRate, rng: &rng) }
        return row
    }

    /// Monthly prescriptions of customer `index`: the first pass of the decile computation, which
    /// stops drawing once the volume is known (the same draws, in the same order, as ``row(_:)``).
    func monthlyRx(_ index: Int) -> Int {
        var rng = SeededGenerator(seed: seed, stream: UInt64(index))
        var row = HCPRow()
        _ = drawThroughVolume(&rng, &row)
        return row.monthlyRx
    }

    /// The draws up to and including monthly prescriptions; returns the customer's segment.
    @inline(__always)
    private func drawThroughVolume(_ rng: inout SeededGenerator, _ row: inout HCPRow) -> CompiledSegment {
        row.segment = rng.pick(segmentCDF)
        let s = segments[row.segment]
        row.specialty = rng.pick(s.specialty)
        row.region = rng.pick(s.region)
        row.practiceType = rng.pick(s.practiceType)
        row.practiceSize = max(1, Int(rng.logNormal(s.practiceSize).rounded()))
        row.ageBand = rng.pick(s.ageBand)
        // Age within the band, then a career start between 26 and 32: years in practice follow
        // the age band instead of being drawn on their own.
        let age = 25 + 10 * row.ageBand + rng.nextInt(below: 10)
        let careerStart = 26 + rng.nextInt(below: 7)
        row.yearsInPractice = max(0, age - careerStart)
        row.monthlyRx = Int(rng.logNormal(s.monthlyRx).rounded())
        return s
    }

    /// The draws after monthly prescriptions.
    @inline(__always)
    private func drawRest(_ rng: inout SeededGenerator, _ row: inout HCPRow, _ s: CompiledSegment) {
        row.productShare = rng.logitNormal(s.productShare)
        row.adoptionStage = rng.pick(s.adoption)
        row.emailsOpened = Int(rng.logNormal(s.emailsOpened).rounded())
        row.webinarsAttended = Int(rng.logNormal(s.webinarsAttended).rounded())
        row.portalVisits = Int(rng.logNormal(s.portalVisits).rounded())
        row.repAccessRestricted = rng.nextUnitDouble() < s.restrictedProbability
        row.contentPreference = rng.pick(s.content)
        let calls = rng.logNormal(s.callsReceived)
        row.callsReceived = Int((row.repAccessRestricted ? calls * restrictedCallFactor : calls).rounded())

        let share = (row.productShare * 1000).rounded() / 1000  // the share as written
        row.value = 12 * Double(row.monthlyRx) * share * price * exp(valueNoiseSigma * rng.nextStandardNormal())
        let market = Double(max(row.monthlyRx, 1))
        let sizeFactor = pow(Double(row.practiceSize), potentialSizeElasticity)
        row.potential = 12 * market * (1 - share) * price * s.potentialGrowth * sizeFactor
            * exp(potentialNoiseSigma * rng.nextStandardNormal())

        for column in MissableColumn.allCases where rng.nextUnitDouble() < missingRate {
            row.missing |= 1 << column.rawValue
        }
    }

    /// Appends the row's cells, in ``HCPUniverse/columnNames`` order, to `fields`.
    func appendFields(of row: HCPRow, index: Int, decile: Int, to fields: inout [String]) {
        func optional(_ column: MissableColumn, _ text: @autoclosure () -> String) -> String {
            row.isMissing(column) ? "" : text()
        }
        fields.append(HCPUniverse.identifier(ofRow: index))
        fields.append(HCPUniverse.specialties[row.specialty].code)
        fields.append(HCPUniverse.regions[row.region].code)
        fields.append(HCPUniverse.practiceTypes[row.practiceType].code)
        fields.append(optional(.practiceSize, String(row.practiceSize)))
        fields.append(optional(.ageBand, HCPUniverse.ageBands[row.ageBand].code))
        fields.append(optional(.yearsInPractice, String(row.yearsInPractice)))
        fields.append(String(row.monthlyRx))
        fields.append(optional(.productShare, Self.fixedPoint(row.productShare, decimals: 3)))
        fields.append(String(decile))
        fields.append(HCPUniverse.adoptionStages[row.adoptionStage].code)
        fields.append(optional(.emailsOpened, String(row.emailsOpened)))
        fields.append(String(row.webinarsAttended))
        fields.append(optional(.portalVisits, String(row.portalVisits)))
        fields.append(row.repAccessRestricted ? "yes" : "no")
        fields.append(optional(.contentPreference, HCPUniverse.contentPreferences[row.contentPreference].code))
        fields.append(String(row.callsReceived))
        fields.append(Self.fixedPoint(row.value, decimals: 2))
        fields.append(Self.fixedPoint(row.potential, decimals: 2))
        row.extended?.appendFields(to: &fields)
    }
}

/// A ``PlantedSegment`` with its categorical weights turned into cumulative tables over the
/// canonical level order, so a draw is one uniform and a short scan, and never depends on the
/// iteration order of a dictionary. A class, so reading a row's segment costs one retain.
private final class CompiledSegment: Sendable {
    let specialty: [Double]
    let region: [Double]
    let practiceType: [Double]
    let ageBand: [Double]
    let adoption: [Double]
    let content: [Double]
    let practiceSize: PlantedSegment.LogNormal
    let monthlyRx: PlantedSegment.LogNormal
    let productShare: PlantedSegment.LogitNormal
    let emailsOpened: PlantedSegment.LogNormal
    let webinarsAttended: PlantedSegment.LogNormal
    let portalVisits: PlantedSegment.LogNormal
    let callsReceived: PlantedSegment.LogNormal
    let restrictedProbability: Double
    let potentialGrowth: Double

    init(_ segment: PlantedSegment) {
        func table(_ weights: [String: Double], _ levels: [HCPUniverse.Level], _ what: String) -> [Double] {
            let known = Set(levels.map(\.code))
            precondition(weights.keys.allSatisfy(known.contains),
                         "segment \(segment.key): unknown \(what) in \(weights.keys.sorted())")
            return cumulative(levels.map { weights[$0.code] ?? 0 })
        }
        specialty = table(segment.specialtyWeights, HCPUniverse.specialties, "specialty")
        region = table(segment.regionWeights, HCPUniverse.regions, "region")
        practiceType = table(segment.practiceTypeWeights, HCPUniverse.practiceTypes, "practice type")
        ageBand = table(segment.ageBandWeights, HCPUniverse.ageBands, "age band")
        adoption = table(segment.adoptionWeights, HCPUniverse.adoptionStages, "adoption stage")
        content = table(segment.contentWeights, HCPUniverse.contentPreferences, "content preference")
        practiceSize = segment.practiceSize
        monthlyRx = segment.monthlyRx
        productShare = segment.productShare
        emailsOpened = segment.emailsOpened
        webinarsAttended = segment.webinarsAttended
        portalVisits = segment.portalVisits
        callsReceived = segment.callsReceived
        restrictedProbability = segment.repAccessRestrictedProbability
        potentialGrowth = segment.potentialGrowth
    }
}

/// Normalised running sums of `weights`; the last entry is exactly 1.
private func cumulative(_ weights: [Double]) -> [Double] {
    let total = weights.reduce(0, +)
    precondition(total > 0 && weights.allSatisfy { $0 >= 0 }, "weights must be non-negative with a positive sum")
    var running = 0.0
    var table = weights.map { weight -> Double in
        running += weight
        return running / total
    }
    table[table.count - 1] = 1
    return table
}

extension SeededGenerator {
    /// The index drawn from a cumulative table (one uniform).
    fileprivate mutating func pick(_ cumulative: [Double]) -> Int {
        let u = nextUnitDouble()
        for (index, bound) in cumulative.enumerated() where u < bound { return index }
        return cumulative.count - 1
    }

    fileprivate mutating func logNormal(_ p: PlantedSegment.LogNormal) -> Double {
        p.median * exp(p.sigma * nextStandardNormal())
    }

    fileprivate mutating func logitNormal(_ p: PlantedSegment.LogitNormal) -> Double {
        let logit = log(p.median / (1 - p.median)) + p.sigma * nextStandardNormal()
        return 1 / (1 + exp(-logit))
    }
}

extension HCPRowGenerator {
    /// `value` (≥ 0) rounded to `decimals` places and written with exactly that many digits, with
    /// no locale and no floating-point printing involved ("1234.50", "0.070").
    static func fixedPoint(_ value: Double, decimals: Int) -> String {
        precondition(decimals >= 0 && decimals <= 6 && value >= 0 && value < 1e12, "out of range for fixedPoint")
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        var scaled = UInt64((value * scale).rounded())
        // Digits from the right into a small buffer: the fraction, the point, then the whole part.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            var position = 24
            func put(_ byte: UInt8) {
                position -= 1
                buffer[position] = byte
            }
            for _ in 0..<decimals {
                put(UInt8(ascii: "0") + UInt8(scaled % 10))
                scaled /= 10
            }
            if decimals > 0 { put(UInt8(ascii: ".")) }
            repeat {
                put(UInt8(ascii: "0") + UInt8(scaled % 10))
                scaled /= 10
            } while scaled > 0
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[position..<24]), as: UTF8.self)
        }
    }
}

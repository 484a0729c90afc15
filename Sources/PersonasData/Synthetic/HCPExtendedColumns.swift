import Foundation
import PersonasNumerics

/// The wide layout's 11 extra columns (30 in all): more prescribing, engagement, access and
/// influence measures, as a commercial team's customer master has them.
///
/// They are drawn after every draw of the standard layout, from the same row stream, so a wide
/// file holds exactly the standard file's values in its first 19 columns. Each extra column
/// follows the row's own values (prescribing volume, engagement, adoption, practice) plus noise,
/// so it carries the planted segments' structure instead of pure noise, the way real measures
/// correlate.
struct HCPExtendedRow {
    var patientsPerMonth = 0
    var newRxShare = 0.0
    var competitorRx = 0
    var samplesRequested = 0
    var speakerPrograms = 0
    var emailClickRate = 0.0
    var telehealthShare = 0.0
    var formularyStatus = 0
    var kolScore = 0.0
    var daysSinceLastCall = 0
    var medicalInquiries = 0
    /// Bit mask over ``missableColumns``.
    var missing: UInt8 = 0

    /// The extra columns that may have empty cells, in the order their coins are tossed.
    static let missableColumns = ["email_click_rate", "telehealth_share", "formulary_status"]

    /// Draws the extra columns of `row` (after all of the standard layout's draws).
    init(_ row: HCPRow, missingRate: Double, rng: inout SeededGenerator) {
        let rx = Double(row.monthlyRx)
        func noise(_ sigma: Double) -> Double { exp(sigma * rng.nextStandardNormal()) }
        func logistic(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
        patientsPerMonth = Int((2.2 * rx * noise(0.25) + 8 * Double(row.practiceSize).squareRoot()).rounded())
        newRxShare = logistic(-2.6 + 0.45 * Double(row.adoptionStage) + 0.5 * rng.nextStandardNormal())
        competitorRx = Int((rx * (1 - row.productShare) * noise(0.2)).rounded())
        samplesRequested = Int((0.6 * Double(row.callsReceived) * noise(0.4)).rounded())
        speakerPrograms = Int((0.3 * Double(row.webinarsAttended) * noise(0.6)).rounded(.down))
        emailClickRate = logistic(-2.5 + 0.12 * Double(row.emailsOpened) + 0.4 * rng.nextStandardNormal())
        telehealthShare = logistic(-1.6 + 0.07 * Double(row.portalVisits) + 0.5 * rng.nextStandardNormal())
        // Hospitals and large groups negotiate formularies: more preferred and restricted listings.
        let u = rng.nextUnitDouble()
        let negotiated = row.practiceType >= 2 ? 0.15 : 0.0
        formularyStatus = u < 0.25 + negotiated ? 0 : u < 0.7 ? 1 : u < 0.88 + negotiated / 2 ? 2 : 3
        kolScore = 100 * logistic(-3 + 0.06 * Double(row.yearsInPractice) + 0.6 * Double(speakerPrograms)
                                  + 0.5 * rng.nextStandardNormal())
        let callGap = 90 / Double(row.callsReceived + 1) * -log(1 - rng.nextUnitDouble())
        daysSinceLastCall = min(730, Int(callGap.rounded()))
        medicalInquiries = Int(((0.4 + 0.35 * Double(row.adoptionStage)) * noise(0.7)).rounded(.down))
        for bit in 0..<Self.missableColumns.count where rng.nextUnitDouble() < missingRate {
            missing |= 1 << bit
        }
    }

    /// Appends the cells in ``HCPUniverse/extendedColumnNames`` order.
    func appendFields(to fields: inout [String]) {
        func optional(_ bit: Int, _ text: @autoclosure () -> String) -> String {
            missing & (1 << bit) != 0 ? "" : text()
        }
        fields.append(String(patientsPerMonth))
        fields.append(HCPRowGenerator.fixedPoint(newRxShare, decimals: 3))
        fields.append(String(competitorRx))
        fields.append(String(samplesRequested))
        fields.append(String(speakerPrograms))
        fields.append(optional(0, HCPRowGenerator.fixedPoint(emailClickRate, decimals: 3)))
        fields.append(optional(1, HCPRowGenerator.fixedPoint(telehealthShare, decimals: 3)))
        fields.append(optional(2, HCPUniverse.formularyStatuses[formularyStatus].code))
        fields.append(HCPRowGenerator.fixedPoint(kolScore, decimals: 1))
        fields.append(String(daysSinceLastCall))
        fields.append(String(medicalInquiries))
    }
}

extension HCPUniverse {
    /// The wide layout's extra columns, after ``columnNames``.
    public static let extendedColumnNames = [
        "patients_per_month", "new_rx_share", "competitor_rx", "samples_requested", "speaker_programs",
        "email_click_rate", "telehealth_share", "formulary_status", "kol_score", "days_since_last_call",
        "medical_inquiries",
    ]

    /// The product's listing on the customer's main formulary.
    public static let formularyStatuses: [Level] = [
        Level("preferred", "Preferred"),
        Level("covered", "Covered"),
        Level("restricted", "Restricted (prior authorisation)"),
        Level("not_covered", "Not covered"),
    ]

    /// The schema entries of the extra columns.
    static var extendedColumnSchemas: [ColumnSchema] {
        [
            ColumnSchema(name: "patients_per_month", type: .integer, displayName: "Patients per month"),
            ColumnSchema(name: "new_rx_share", type: .numeric, displayName: "New-to-brand share"),
            ColumnSchema(name: "competitor_rx", type: .integer, displayName: "Competitor prescriptions per month"),
            ColumnSchema(name: "samples_requested", type: .integer, displayName: "Samples requested per quarter"),
            ColumnSchema(name: "speaker_programs", type: .integer, displayName: "Speaker programmes per year"),
            ColumnSchema(name: "email_click_rate", type: .numeric, displayName: "Email click rate"),
            ColumnSchema(name: "telehealth_share", type: .numeric, displayName: "Telehealth share of visits"),
            ColumnSchema(name: "formulary_status", type: .categorical, displayName: "Formulary status",
                         labels: Dictionary(uniqueKeysWithValues: formularyStatuses.map { ($0.code, $0.label) })),
            ColumnSchema(name: "kol_score", type: .numeric, displayName: "Opinion-leader score"),
            ColumnSchema(name: "days_since_last_call", type: .integer, displayName: "Days since last rep call"),
            ColumnSchema(name: "medical_inquiries", type: .integer, displayName: "Medical inquiries per year"),
        ]
    }
}

import Foundation
import Testing
import PersonasData
import PersonasTestSupport
@testable import PersonasProfiles

@Suite("Targeting")
struct TargetingTests {
    @Test func rulesRoundTripAndValidate() throws {
        let data = try TargetingRules.standard.jsonData()
        let decoded = try JSONDecoder().decode(TargetingRules.self, from: data)
        #expect(decoded == .standard)
        try decoded.validate()
        var bad = TargetingRules.standard
        bad.valueQuantiles = [0.8, 0.5]
        #expect(throws: ProfileError.self) { try bad.validate() }
        bad = .standard
        bad.levelNames = ["low", "high"]
        #expect(throws: ProfileError.self) { try bad.validate() }
    }

    @Test func matrixTiersAndChannels() throws {
        // value = potential = row number 1...100; the top 20 are high/high, restricted on odd rows.
        let n = 100
        let table = DataTable(source: "t", columns: [
            Column(name: "value", type: .numeric, role: .value, values: .numbers((1...n).map(Double.init))),
            Column(name: "potential", type: .numeric, role: .potential, values: .numbers((1...n).map(Double.init))),
            Column(name: "rep_restricted", type: .boolean, role: .feature, values: .numbers((0..<n).map { Double($0 % 2) })),
        ], rowCount: n)
        let labels = (0..<n).map { Int32($0 < 80 ? 0 : 1) }
        let (result, customers) = try Targeting.run(table, labels: labels, valueColumn: "value", potentialColumn: "potential")
        #expect(result.valueCutPoints == [50.5, 80.2])
        #expect(result.accessRestrictionColumn == "rep_restricted")
        let top = result.segments[1]
        #expect(top.tier == "Grow" && top.topCellShare == 1)
        #expect(top.channel == "hybrid")   // half restrict access: not a named face-to-face contact
        #expect(customers.tiers[99] == "Grow" && customers.channels[98] == "face-to-face" && customers.channels[99] == "hybrid")
        #expect(customers.tiers[0] == "Monitor")
        // Several standard rules name the same channel: each appears once in a mix, and the shares add up.
        for segment in result.segments {
            #expect(Set(segment.channelMix.map(\.name)).count == segment.channelMix.count)
            #expect(Set(segment.tierMix.map(\.name)).count == segment.tierMix.count)
            #expect(abs(segment.channelMix.reduce(0) { $0 + $1.share } - 1) < 1e-12)
        }
        // A/B/C tiers are only data.
        var abc = TargetingRules.standard
        abc.tiers = [.init(name: "A", value: ["high"]), .init(name: "B", value: ["medium"])]
        abc.defaultTier = "C"
        abc.channels = [.init(channel: "field", tiers: ["A"])]
        abc.defaultChannel = "remote"
        let (custom, _) = try Targeting.run(table, labels: labels, valueColumn: "value", potentialColumn: "potential", rules: abc)
        #expect(custom.segments.map(\.tier) == ["C", "A"] && custom.segments.map(\.channel) == ["remote", "field"])
    }
}

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
        // Half restrict access: the members split 10/10 between face-to-face and hybrid, and the tie
        // goes to the channel the rules name first.
        #expect(top.channel == "face-to-face" && top.channelShare == 0.5)
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

@Suite("Targeting: one rule, two levels")
struct SegmentTargetingRuleTests {
    /// Rows 0..<70 (segment 0) have value = potential = 0…69; segment 1 has twenty customers at 1
    /// and ten at 1,000, so its mean is high while two thirds of its members are low/low.
    private func table() -> (DataTable, [Int32]) {
        let values = (0..<70).map(Double.init) + Array(repeating: 1, count: 20) + Array(repeating: 1_000, count: 10)
        let table = DataTable(source: "t", columns: [
            Column(name: "value", type: .numeric, role: .value, values: .numbers(values)),
            Column(name: "potential", type: .numeric, role: .potential, values: .numbers(values)),
        ], rowCount: values.count)
        return (table, values.indices.map { Int32($0 < 70 ? 0 : 1) })
    }

    /// Issue 21, one targeting rule. Fails on main before this change: segment 1's tier came from its
    /// mean value and potential (both high: Grow, channel hybrid) although 20 of its 30 members are Monitor.
    @Test func segmentTierIsTheMembersMajorityWithItsShare() throws {
        let (table, labels) = table()
        let (result, customers) = try Targeting.run(table, labels: labels, valueColumn: "value", potentialColumn: "potential")
        let skewed = result.segments[1]
        #expect(skewed.valueLevel == "high")   // the mean still reads high
        #expect(skewed.tier == "Monitor" && skewed.channel == "digital")
        #expect(skewed.tierShare == 20.0 / 30 && skewed.channelShare == 20.0 / 30 && skewed.mixed == false)
        #expect(skewed.tierText == "Monitor (66.7% of members)" && skewed.mixedNote == nil)
        for segment in result.segments {
            let members = labels.indices.filter { labels[$0] == Int32(segment.segment) }
            let own = members.filter { customers.tiers[$0] == segment.tier }.count
            #expect(Double(own) / Double(members.count) == segment.tierShare)
        }
    }

    /// Issue 21, one targeting rule. Fails on main before this change: there was no share and no
    /// mixed flag, and segment 0's tier came from its mean (medium/medium: Maintain) whatever its mix.
    @Test func aSegmentWithNoTierOverSixtyPercentIsMixed() throws {
        let (table, labels) = table()
        let (result, _) = try Targeting.run(table, labels: labels, valueColumn: "value", potentialColumn: "potential")
        let spread = result.segments[0]
        // 30 Monitor, 30 Maintain, 10 Grow: the tie goes to the tier the rules name first.
        #expect(spread.tier == "Maintain" && spread.tierShare == 30.0 / 70 && spread.mixed == true)
        #expect(spread.mixedNote == "A mixed segment: no tier holds more than 60.0% of its members.")
        let document = try PersonaBuilder.build(table, labels: labels)
        #expect(document.personas[0].narrative.contains("its tier is Maintain (42.9% of members)"))
        #expect(document.personas[0].narrative.contains("A mixed segment"))
        #expect(!document.personas[1].narrative.contains("A mixed segment"))
    }

    /// Issue 21, the analyst's last word. Fails on main before this change: personas could not be edited.
    @Test func anEditedTierKeepsItsTrueShareAndAWrittenNarrativeFollows() throws {
        let (table, labels) = table()
        let document = try PersonaBuilder.build(table, labels: labels)
        let edited = try document.applying([PersonaEdit(segment: 1, name: "Few giants", tier: "Grow")])
        let target = try #require(edited.targeting?.segments[1])
        #expect(target.tier == "Grow" && target.tierShare == 10.0 / 30 && target.channel == "digital")
        let persona = edited.personas[1]
        #expect(persona.name == "Few giants" && persona.originalName == document.personas[1].name && persona.edited == true)
        #expect(persona.narrative.contains("its tier is Grow (33.3% of members)"))
        #expect(edited.personas[0] == document.personas[0])
        // A description the analyst wrote stays through a later tier edit.
        let described = try edited.applying([PersonaEdit(segment: 1, description: "Ten giants and twenty others.")])
            .applying([PersonaEdit(segment: 1, tier: "Monitor")])
        #expect(described.personas[1].narrative == "Ten giants and twenty others." && described.personas[1].name == "Few giants")
        #expect(described.personas[1].originalName == document.personas[1].name)
        #expect(throws: ProfileError.self) { try document.applying([PersonaEdit(segment: 0, name: document.personas[1].name)]) }
    }
}

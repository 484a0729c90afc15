import Foundation
import Testing
import PersonasData
import PersonasTestSupport
@testable import PersonasProfiles

@Suite("Names and narratives")
struct NamingTests {
    @Test func namesAreDeterministicAndUnique() throws {
        let document = ProfilePlantedTests.document
        let names = document.personas.map(\.name)
        #expect(Set(names.map { $0.lowercased() }).count == names.count)
        #expect(names.allSatisfy { !$0.isEmpty && $0.count <= 80 })
        #expect(PersonaNaming.names(for: document.profiles.segments) == PersonaNaming.names(for: document.profiles.segments))
        // The oncology KOLs are named after their specialty's label.
        let kol = document.personas.first { $0.segment == ProfilePlantedTests.segment("onc_kol").segment }!
        #expect(kol.name.hasPrefix("Oncology"), "\(kol.name)")
    }

    @Test func identicalProfilesGetDistinctNames() {
        var a = ProfilePlantedTests.segment("onc_kol")
        var b = a
        a.segment = 10
        b.segment = 11
        var c = a
        c.segment = 12
        c.overIndexed = []
        c.underIndexed = []
        var d = c
        d.segment = 13
        let names = PersonaNaming.names(for: [a, b, c, d])
        #expect(Set(names.values).count == 4, "\(names)")
    }

    /// Every number in a narrative (after removing column names and level labels, which may
    /// contain digits) is a profile value as the narrative formats it.
    @Test func narrativeNumbersAreProfileValues() throws {
        let document = ProfilePlantedTests.document
        var text = ""
        for persona in document.personas {
            let sentences = persona.narrative.split(separator: /[.!?](\s|$)/).count
            #expect((3...5).contains(sentences), "\(persona.narrative)")
            let profile = document.profiles.segments.first { $0.segment == persona.segment }!
            let targeting = document.targeting?.segments.first { $0.segment == persona.segment }
            var allowed: [Double] = [Double(profile.segment), Double(profile.size ?? 0), (profile.share ?? 0) * 100,
                                     document.profiles.configuration.overIndexThreshold,
                                     Double(document.profiles.configuration.minimumSegmentSize)]
            if let v = profile.valueShare { allowed.append(v * 100) }
            if let v = profile.potentialShare { allowed.append(v * 100) }
            if let t = targeting {
                // The targeting sentence: the top cell, the tier's and channel's shares of members,
                // and the mixed-segment threshold.
                allowed += [t.topCellShare * 100, (t.tierShare ?? 0) * 100, (t.channelShare ?? 0) * 100,
                            SegmentTargeting.mixedTierShare * 100]
            }
            for trait in profile.overIndexed + profile.underIndexed {
                allowed += trait.index.map { [$0] } ?? []
                allowed += trait.level == nil ? [trait.segmentValue, trait.populationValue]
                                              : [trait.segmentValue * 100, trait.populationValue * 100]
            }
            var narrative = persona.narrative
            for column in document.profiles.columns {
                for label in (column.levels ?? []).map(\.label) + [column.displayName] {
                    narrative = narrative.replacingOccurrences(of: lowercasedFirst(label), with: "")
                        .replacingOccurrences(of: label, with: "")
                }
            }
            for match in narrative.matches(of: /\d[\d,]*(\.\d+)?/) {
                let token = String(match.output.0).replacingOccurrences(of: ",", with: "")
                let decimals = token.split(separator: ".").dropFirst().first?.count ?? 0
                let number = Double(token)!
                let unit = 0.5 * pow(10, -Double(decimals)) + 1e-9
                #expect(allowed.contains { abs($0 - number) <= unit || abs(abs($0) - number) <= unit },
                        "\(token) in \"\(persona.narrative)\"")
            }
            text += narrative
        }
        #expect(!text.isEmpty)
    }
}

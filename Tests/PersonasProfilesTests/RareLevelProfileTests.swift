import Foundation
import PersonasData
@testable import PersonasProfiles
import Testing

/// Levels held by fewer customers than the minimum segment size are never named in a profile
/// (issue 17, item 5).
@Suite("Rare levels in profiles")
struct RareLevelProfileTests {
    // On main: every level of a column with at most 50 levels was profiled by name, so a
    // `contact_name` filled for a few customers put their names into profile.csv and personas.json.
    @Test("rare levels are profiled together as other; a column with no common level is not profiled")
    func rareLevels() throws {
        var text = "hcp_id,region,contact_name,practice,visits\n"
        for i in 0..<400 {
            let name = i % 40 == 0 ? "Dr Person \(i)" : ""
            let practice = i < 380 ? ["Big A", "Big B"][i % 2] : "Small practice \(i % 4)"  // 4 practices of 5
            text += "H\(i),\(["North", "South"][i % 2]),\(name),\(practice),\(i % 9)\n"
        }
        let table = try CSVReader.read(text: text, name: "crm.csv")
        let labels = (0..<400).map { Int32($0 % 3) }
        let profiles = try Profiler.profile(table, labels: labels)
        let encoded = String(decoding: try JSONEncoder().encode(profiles), as: UTF8.self)
        #expect(!encoded.contains("Dr Person") && !encoded.contains("Small practice"))
        #expect(!profiles.columns.contains { $0.name == "contact_name" })
        #expect(profiles.notes.contains("\"contact_name\" is not profiled: none of its levels is held by 10 or more "
                                        + "customers (free text or identifier-like)"))
        let practice = try #require(profiles.columns.first { $0.name == "practice" }?.levels)
        #expect(practice.map(\.level) == ["Big A", "Big B", "other"] && practice.map(\.count) == [190, 190, 20])
    }

    @Test("pooling keeps common levels' codes in order and folds rare ones into a last level")
    func pooling() throws {
        // "other" is a common level here, so the pooled one is named "other levels".
        let pooled = try #require(RareLevels.pool(codes: [0, 1, 1, 2, 2, -1, 1, 0, 3], levels: ["a", "b", "other", "d"],
                                                  minimumHolders: 2))
        #expect(pooled.levels == ["a", "b", "other", "other levels"])
        #expect(pooled.codes == [0, 1, 1, 2, 2, -1, 1, 0, 3])
        #expect(RareLevels.pool(codes: [0, 1], levels: ["a", "b"], minimumHolders: 2) == nil)
        #expect(RareLevels.pool(codes: [0, 0, 1, 1], levels: ["a", "b"], minimumHolders: 2)?.codes == [0, 0, 1, 1])
    }
}

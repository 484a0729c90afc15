import PersonasData
import PersonasProfiles
import Testing

// Fails on main before this change: ProfileError held only a text, with no kind to switch on.
@Suite("Profile error kinds")
struct ProfileErrorTests {
    @Test("An unknown value column and an invalid rule set are kinds a caller can switch on")
    func kinds() throws {
        let table = try CSVReader.read(text: "id,visits,tier\na,1,x\nb,2,y\nc,3,x\nd,4,y\n", name: "crm.csv")
        let error = try #require(throws: ProfileError.self) {
            try Profiler.profile(table, labels: [0, 0, 1, 1], configuration: ProfileConfiguration(valueColumn: "nosuch"))
        }
        switch error.kind {
        case .roleColumnNotFound(let role, let name):
            #expect(role == .value && name == "nosuch")
        default:
            Issue.record("expected .roleColumnNotFound, got \(error.kind)")
        }
        #expect(error.description == "value column \"nosuch\" is not in crm.csv")
        var rules = TargetingRules.standard
        rules.valueQuantiles = [0.8, 0.5]
        let invalid = try #require(throws: ProfileError.self) { try rules.validate() }
        #expect(invalid.kind == .invalidRules)
    }
}

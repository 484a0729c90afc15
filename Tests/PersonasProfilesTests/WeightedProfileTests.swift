import Foundation
import PersonasData
import PersonasTestSupport
import Testing
@testable import PersonasProfiles

/// Weighted profiles and the universe projection (issue 23, respondent weights, items 2 and 3).
/// Each test failed on main before this change: profiles had no weight column, no effective
/// sample size and no projection (the tests did not compile).
@Suite("Weighted profiles")
struct WeightedProfileTests {
    private struct Reference: Decodable {
        struct Segment: Decodable {
            var share, weight, effective_size, mean, sd, index, t, df, p, chi_square, projected, lower, upper: Double
            var level_shares: [String: Double]
        }
        var effective_rows: Double
        var total_weight: Double
        var universe: Double
        var segments: [String: Segment]
    }

    private func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-10) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tolerance * max(abs(a), abs(b), 1e-300)
    }

    /// The fixture table (its segment column ignored), its labels and the NumPy reference.
    private func fixture() throws -> (DataTable, [Int32], Reference) {
        var table = try CSVReader.read(contentsOf: Fixtures.url("profiles/weighted_table.csv"))
        let labels = table["segment"]!.numbers!.map { Int32($0) }
        try table.assignRole(.ignore, toColumn: "segment")
        let reference = try JSONDecoder().decode(
            Reference.self, from: Data(contentsOf: Fixtures.url("profiles/weighted_reference.json")))
        return (table, labels, reference)
    }

    // On main: ProfileConfiguration had no weightColumn; shares and means were unweighted.
    @Test("weighted shares, means, SDs, indices, level shares, tests, n_eff and projections equal NumPy's by hand")
    func matchesReference() throws {
        let (table, labels, reference) = try fixture()
        let profiles = try Profiler.profile(table, labels: labels, configuration: ProfileConfiguration(
            minimumSegmentSize: 5, weightColumn: "w", universeSize: reference.universe))
        #expect(close(profiles.effectiveRows, reference.effective_rows))
        #expect(close(profiles.totalWeight, reference.total_weight))
        #expect(profiles.universeSize == reference.universe)
        #expect(!profiles.columns.contains { $0.name == "w" }, "the weight itself is never profiled")
        for segment in profiles.segments {
            let want = try #require(reference.segments[String(segment.segment)])
            #expect(close(segment.share, want.share))
            #expect(close(segment.weight, want.weight))
            #expect(close(segment.effectiveSize, want.effective_size))
            let x = try #require(segment.numeric.first { $0.column == "x" })
            #expect(close(x.summary?.mean, want.mean))
            #expect(close(x.summary?.standardDeviation, want.sd))
            #expect(close(x.index, want.index))
            #expect(close(x.test?.t, want.t))
            #expect(close(x.test?.degreesOfFreedom, want.df))
            #expect(close(x.test?.p, want.p, 1e-8))
            let c = try #require(segment.levels.first { $0.column == "c" })
            for level in c.levels { #expect(close(level.share, want.level_shares[level.level]!) || level.share == 0) }
            #expect(close(c.test?.statistic, want.chi_square))
            let projection = try #require(segment.projection)
            #expect(close(projection.size, want.projected))
            #expect(close(projection.lower, want.lower))
            #expect(close(projection.upper, want.upper))
        }
    }

    // On main: there was no weight role, so the profile was unweighted (and profiled the weight).
    @Test("a column the schema gives the weight role weighs the profile without being named")
    func schemaRoleWeighs() throws {
        var (table, labels, reference) = try fixture()
        try table.assignRole(.weight, toColumn: "w")
        let profiles = try Profiler.profile(table, labels: labels, configuration: ProfileConfiguration(minimumSegmentSize: 5))
        #expect(profiles.weightColumn == "w")
        #expect(close(profiles.effectiveRows, reference.effective_rows))
        #expect(close(profiles.segments[0].share, reference.segments["0"]!.share))
    }

    // On main: no weightColumn, so there was no weighted profile to compare.
    @Test("weights all 1 give the unweighted profile bit for bit, beside the added n_eff and projection")
    func unitWeightsChangeNothing() throws {
        let (table, labels, _) = try fixture()
        var ones = table
        ones.setColumn(Column(name: "one", type: .numeric, role: .weight,
                              values: .numbers([Double](repeating: 1, count: table.rowCount))))
        var plain = table
        plain.setColumn(Column(name: "one", type: .numeric, role: .ignore,
                               values: .numbers([Double](repeating: 1, count: table.rowCount))))
        let unweighted = try PersonaBuilder.build(plain, labels: labels, configuration: ProfileConfiguration(minimumSegmentSize: 5))
        var weighted = try PersonaBuilder.build(ones, labels: labels,
                                                configuration: ProfileConfiguration(minimumSegmentSize: 5, weightColumn: "one"))
        #expect(weighted.profiles.effectiveRows == Double(table.rowCount))
        for segment in weighted.profiles.segments {
            #expect(segment.effectiveSize == segment.size.map(Double.init))
            #expect(segment.projection?.size == segment.weight)
        }
        // Strip what only a weighted profile carries: every other figure must be equal.
        weighted.profiles.configuration.weightColumn = nil
        weighted.profiles.weightColumn = nil
        weighted.profiles.totalWeight = nil
        weighted.profiles.effectiveRows = nil
        weighted.profiles.universeSize = nil
        for i in weighted.profiles.columns.indices {
            weighted.profiles.columns[i].numeric?.weight = nil
            weighted.profiles.columns[i].numeric?.effectiveCount = nil
            for j in (weighted.profiles.columns[i].levels ?? []).indices { weighted.profiles.columns[i].levels![j].weightedCount = nil }
        }
        for s in weighted.profiles.segments.indices {
            weighted.profiles.segments[s].weight = nil
            weighted.profiles.segments[s].effectiveSize = nil
            weighted.profiles.segments[s].projection = nil
            for i in weighted.profiles.segments[s].numeric.indices {
                weighted.profiles.segments[s].numeric[i].summary?.weight = nil
                weighted.profiles.segments[s].numeric[i].summary?.effectiveCount = nil
            }
            for i in weighted.profiles.segments[s].levels.indices {
                for j in weighted.profiles.segments[s].levels[i].levels.indices {
                    weighted.profiles.segments[s].levels[i].levels[j].weightedCount = nil
                }
            }
        }
        #expect(weighted.profiles == unweighted.profiles)
        #expect(weighted.personas == unweighted.personas)
    }

    // On main: there was no UniverseProjection.
    @Test("the projection is Wilson's 95% interval on n_eff times the universe, by hand, inside [0, 1], narrowing with n_eff")
    func projectionInterval() {
        let projection = UniverseProjection(share: 0.2, effectiveSize: 100, universe: 10_000)
        // statsmodels' proportion_confint(20, 100, method="wilson"): (0.13336693, 0.28882917).
        #expect(close(projection.shareLower, 0.13336693333103253))
        #expect(close(projection.shareUpper, 0.28882916559315885))
        #expect(close(projection.size, 2000))
        #expect(close(projection.lower, 1333.6693333103253))
        #expect(close(projection.upper, 2888.2916559315885))
        // A small share on a small n_eff: Wald's interval would start at −3.0%; Wilson's stays above 0.
        let small = UniverseProjection.wilson(share: 0.02, effectiveSize: 30)
        #expect(close(small.lower, 0.002419561015442523))
        #expect(close(small.upper, 0.14655329643156748))
        #expect(UniverseProjection.wilson(share: 0, effectiveSize: 50).lower == 0)
        #expect(UniverseProjection.wilson(share: 1, effectiveSize: 50).upper == 1)
        let widths = [10.0, 100, 1000, 10_000].map { n in
            let (low, high) = UniverseProjection.wilson(share: 0.3, effectiveSize: n)
            return high - low
        }
        #expect(zip(widths, widths.dropFirst()).allSatisfy { $0 > $1 })
    }

    // On main: no weightColumn in ProfileConfiguration.
    @Test("a bad weight cell is refused with its file, line and column")
    func badWeight() throws {
        let table = try CSVReader.read(text: "id,x,w\nA,1,1\nB,2,0\nC,3,2\n", name: "s.csv")
        let error = try #require(throws: ProfileError.self) {
            try Profiler.profile(table, labels: [0, 1, 1], configuration: ProfileConfiguration(minimumSegmentSize: 1,
                                                                                               weightColumn: "w"))
        }
        #expect(error.message.hasPrefix("s.csv:3: column \"w\": \"0\" is not a weight"))
    }
}

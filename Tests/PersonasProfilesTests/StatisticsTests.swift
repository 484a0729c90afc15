import Foundation
import Testing
import PersonasTestSupport
@testable import PersonasProfiles

private struct Reference: Decodable {
    struct T: Decodable { var t: Double; var df: Double; var p: Double }
    struct Chi: Decodable { var x: Double; var df: Double; var p: Double }
    struct Welch: Decodable { var a: [Double]; var b: [Double]; var t: Double; var df: Double; var p: Double; var d: Double }
    struct Table: Decodable {
        var segment: [Int]; var rest: [Int]; var chi2: Double; var df: Int; var p_chi2: Double
        var p_fisher: Double?; var fisher: Bool?
    }
    struct BH: Decodable { var p: [Double]; var adjusted: [Double] }
    var student_t: [T]; var chi_square: [Chi]; var welch: [Welch]; var contingency: [Table]; var bh: [BH]
}

private func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
    abs(a - b) <= tolerance * max(abs(a), abs(b), 1e-300)
}

@Suite("Statistics against SciPy")
struct StatisticsTests {
    private let reference: Reference = try! Fixtures.json("profiles/statistics_reference.json")

    @Test func studentTTails() {
        for c in reference.student_t {
            let p = Distributions.studentTTwoSided(c.t, degreesOfFreedom: c.df)
            // df = 1e6 (a = 500,000 in the continued fraction) keeps about 1e-10.
            #expect(close(p, c.p, c.df > 1e5 ? 1e-10 : 1e-11), "t = \(c.t), df = \(c.df): \(p) vs \(c.p)")
        }
    }

    @Test func chiSquareTails() {
        for c in reference.chi_square {
            let p = Distributions.chiSquareSurvival(c.x, degreesOfFreedom: c.df)
            #expect(close(p, c.p, 1e-11), "x = \(c.x), df = \(c.df): \(p) vs \(c.p)")
        }
    }

    @Test func welchAndCohensD() throws {
        for c in reference.welch {
            let a = GroupMoments(c.a), b = GroupMoments(c.b)
            let test = try #require(WelchTest(a, b))
            #expect(close(test.t, c.t))
            #expect(close(test.degreesOfFreedom, c.df))
            #expect(close(test.p, c.p), "\(test.p) vs \(c.p)")
            #expect(close(try #require(WelchTest.cohensD(a, b)), c.d))
            // Merging halves gives the same moments as one pass.
            let merged = GroupMoments(c.a.prefix(c.a.count / 2)).merged(with: GroupMoments(c.a.dropFirst(c.a.count / 2)))
            #expect(close(merged.mean, a.mean, 1e-12) && close(merged.sumOfSquares, a.sumOfSquares, 1e-12))
        }
    }

    @Test func contingencyTables() throws {
        for c in reference.contingency {
            let test = try #require(ContingencyTest(segment: c.segment, rest: c.rest))
            if c.fisher == true {
                #expect(test.method == .fisherExact)
                #expect(close(test.p, c.p_fisher!), "\(c.segment) \(c.rest): \(test.p) vs \(c.p_fisher!)")
            } else {
                #expect(test.method == .chiSquare)
                #expect(close(test.statistic!, c.chi2))
                #expect(test.degreesOfFreedom == c.df)
                #expect(close(test.p, c.p_chi2), "\(test.p) vs \(c.p_chi2)")
            }
            if let fisher = c.p_fisher, c.segment.count == 2 {
                #expect(close(ContingencyTest.fisherExact(c.segment[0], c.segment[1], c.rest[0], c.rest[1]), fisher))
            }
        }
    }

    @Test func benjaminiHochberg() {
        for c in reference.bh {
            let adjusted = BenjaminiHochberg.adjust(c.p)
            for (x, y) in zip(adjusted, c.adjusted) { #expect(close(x, y, 1e-12)) }
        }
    }

    @Test func undefinedTests() {
        #expect(WelchTest(GroupMoments([1, 1, 1]), GroupMoments([1, 1])) == nil)
        #expect(WelchTest(GroupMoments([1]), GroupMoments([1, 2])) == nil)
        #expect(WelchTest.cohensD(GroupMoments([2, 2]), GroupMoments([2, 2])) == nil)
        #expect(ContingencyTest(segment: [5, 0], rest: [7, 0]) == nil)
        #expect(ContingencyTest(segment: [0, 0], rest: [3, 4]) == nil)
    }
}

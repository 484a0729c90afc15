@testable import PersonasReports
import Testing

@Suite("Report helpers")
struct ReportHelperTests {
    @Test("wrapping keeps whole words on lines of the budget and marks what it drops",
          arguments: [8, 12, 20, 60])
    func wrap(width: Int) {
        let text = "Oncology, high webinars attended per year and a Supercalifragilistic word"
        let all = TextLines.wrap(text, maxCharacters: width, maxLines: 99)
        #expect(all.allSatisfy { $0.count <= width })
        // Nothing lost: the lines put back together are the text (long words were cut, not dropped).
        #expect(all.joined().filter { $0 != " " } == text.filter { $0 != " " })
        if width >= 20 { #expect(all.allSatisfy { !$0.hasPrefix(" ") && !$0.hasSuffix(" ") }) }
        let two = TextLines.wrap(text, maxCharacters: width, maxLines: 2)
        #expect(two.count == min(2, all.count))
        if all.count > 2 {
            #expect(two.last!.hasSuffix("…") && two.last!.count <= width)
            #expect(two[0] == all[0])
        } else {
            #expect(two == all)
        }
        #expect(TextLines.wrap("  ", maxCharacters: width, maxLines: 3).isEmpty)
    }

    @Test("the index scale: white at 100, symmetric in ratio, saturated beyond 40 and 250")
    func indexScale() {
        #expect(IndexScale.position(100) == 0)
        for ratio in [1.1, 1.5, 2, 2.4] {
            #expect(abs(IndexScale.position(100 * ratio) + IndexScale.position(100 / ratio)) < 1e-12)
            #expect(IndexScale.position(100 * ratio) > 0)
        }
        #expect(IndexScale.position(250) == 1 && IndexScale.position(1_000) == 1)
        #expect(abs(IndexScale.position(40) + 1) < 1e-12 && IndexScale.position(0) == -1)
        #expect(IndexScale.colour(100).hex == "#F7F7F7")
        #expect(IndexScale.colour(400).hex == "#B2182B" && IndexScale.colour(10).hex == "#2166AC")
        // Darker away from 100 on both sides, so lightness alone tells the size of the gap.
        let indices = [100.0, 120, 150, 200, 250]
        let above = indices.map { IndexScale.colour($0).brightness }, below = indices.map { IndexScale.colour(10_000 / $0).brightness }
        #expect(zip(above, above.dropFirst()).allSatisfy { $0 > $1 })
        #expect(zip(below, below.dropFirst()).allSatisfy { $0 > $1 })
        #expect(abs(IndexScale.ratio(atPosition: IndexScale.position(180)) * 100 - 180) < 1e-9)
    }

    @Test("colours read and write as #RRGGBB and mix channel by channel")
    func colours() {
        let blue = RGBColour(hex: "#0072B2")
        #expect(blue == RGBColour(red: 0, green: 114, blue: 178) && blue.hex == "#0072B2")
        #expect(blue.mixed(with: .white, 1) == .white && blue.mixed(with: .white, 0) == blue)
        #expect(blue.mixed(with: .white, 0.5).hex == "#80B9D9")
    }
}

@testable import PersonasData
import PersonasNumerics
import Testing

@Suite("Number parser")
struct NumberParserTests {
    static let acceptedForms = [
        "0", "-0", "7", "+7", "3.25", "-0.5", ".5", "5.", "1e3", "1E-3", "2.5e+10", "123456789012345678",
        "9007199254740993", "12345678901234567890123", "1e-300", "1e300", "4.9e-324", "1.7976931348623157e308",
        "0.1", "0.30000000000000004", "000123", "1e400", "-1e400",
    ]

    @Test("accepted forms parse to the standard library's correctly rounded value", arguments: acceptedForms)
    func accepted(text: String) {
        let parsed = NumberParser.parse(text: text)
        #expect(parsed != nil)
        #expect(parsed?.bitPattern == Double(text)?.bitPattern)
    }

    @Test("infinity words parse; nan and garbage do not",
          arguments: [("inf", Double.infinity), ("-Infinity", -Double.infinity), ("INF", Double.infinity)])
    func infinities(text: String, value: Double) {
        #expect(NumberParser.parse(text: text) == value)
    }

    @Test("malformed numbers are rejected",
          arguments: ["", "-", ".", "e5", "1e", "1e+", "1.2.3", "1,5", "12a", "nan", "0x10", "--1", "1 2", "infinit"])
    func rejected(text: String) {
        #expect(NumberParser.parse(text: text) == nil)
    }

    @Test("random decimals round exactly like Double(String)")
    func randomDecimals() {
        var rng = SeededGenerator(seed: 99)
        for _ in 0..<20_000 {
            let digits = 1 + rng.nextInt(below: 20)
            var text = rng.nextInt(below: 2) == 0 ? "-" : ""
            for k in 0..<digits {
                if k == digits / 2 && rng.nextInt(below: 2) == 0 { text += "." }
                text += String(rng.nextInt(below: 10))
            }
            if rng.nextInt(below: 3) == 0 { text += "e" + String(rng.nextInt(below: 80) - 40) }
            #expect(NumberParser.parse(text: text)?.bitPattern == Double(text)?.bitPattern, "\(text)")
        }
    }

    @Test("a decimal comma is honoured when asked")
    func decimalComma() {
        var text = "3,75"
        let value = text.withUTF8 { NumberParser.parse($0, decimal: UInt8(ascii: ",")) }
        #expect(value == 3.75)
        var long = "1234567890123456789012,5"
        let slow = long.withUTF8 { NumberParser.parse($0, decimal: UInt8(ascii: ",")) }
        #expect(slow == Double("1234567890123456789012.5"))
    }
}

/// Parses decimal numbers straight from bytes, with no `String` per cell.
///
/// Hand-written because the standard library parses only from `String`s and a per-cell `String`
/// would dominate load time. The fast path is Clinger's (1990): a mantissa of at most 2^53 scaled
/// by an exactly representable power of ten (|e| ≤ 22) is one correctly rounded IEEE operation.
/// Anything else (long mantissas, large exponents) is well-formed but rare, and goes to the
/// standard library's correctly rounded parser.
enum NumberParser {
    /// 10^`p` for `p` in 0...22: the powers of ten that are exact in binary64. A switch over
    /// literals (a constant table) rather than a static array, whose lazy initialisation would
    /// cost a `swift_once` call per number.
    @inline(__always)
    private static func exactPower(_ p: Int) -> Double {
        switch p {
        case 0: 1e0
        case 1: 1e1
        case 2: 1e2
        case 3: 1e3
        case 4: 1e4
        case 5: 1e5
        case 6: 1e6
        case 7: 1e7
        case 8: 1e8
        case 9: 1e9
        case 10: 1e10
        case 11: 1e11
        case 12: 1e12
        case 13: 1e13
        case 14: 1e14
        case 15: 1e15
        case 16: 1e16
        case 17: 1e17
        case 18: 1e18
        case 19: 1e19
        case 20: 1e20
        case 21: 1e21
        default: 1e22
        }
    }

    /// The number in `bytes`, or nil when the bytes are not a decimal number.
    ///
    /// Grammar: optional sign, digits with at most one `decimal` separator (at least one digit),
    /// optional exponent `e`/`E`, sign and digits; or `inf` / `infinity` with an optional sign.
    /// Surrounding spaces must already be trimmed.
    @inline(__always)
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, decimal: UInt8 = UInt8(ascii: ".")) -> Double? {
        let n = bytes.count
        guard n > 0, let p = bytes.baseAddress else { return nil }
        // The common cell first: an optional sign, then at most 19 digits in all (so the mantissa
        // is exact in a UInt64) around at most one separator, and no exponent. This is exactly
        // what the general path below computes for such input, in fewer steps.
        var i = 0
        let negative = p[0] == UInt8(ascii: "-")
        if negative || p[0] == UInt8(ascii: "+") { i = 1 }
        var mantissa: UInt64 = 0
        let digitsStart = i
        i = accumulateDigits(p, n, from: i, into: &mantissa)
        var digits = i - digitsStart, fractionDigits = 0
        if i < n && p[i] == decimal {
            let fractionStart = i + 1
            i = accumulateDigits(p, n, from: fractionStart, into: &mantissa)
            fractionDigits = i - fractionStart
            digits += fractionDigits
        }
        if i == n && digits > 0 && digits <= 19 && mantissa <= (1 << 53) && fractionDigits <= 22 {
            if mantissa == 0 { return negative ? -0.0 : 0.0 }
            let magnitude = fractionDigits == 0 ? Double(mantissa) : Double(mantissa) / exactPower(fractionDigits)
            return negative ? -magnitude : magnitude
        }
        return parseGeneral(bytes, decimal: decimal)
    }

    /// Appends the decimal digits starting at `start` to `mantissa` (wrapping: the caller uses the
    /// result only when there were at most 19 digits), and returns the position after them.
    @inline(__always)
    private static func accumulateDigits(
        _ p: UnsafePointer<UInt8>, _ n: Int, from start: Int, into mantissa: inout UInt64
    ) -> Int {
        var i = start
        while i < n {
            let d = p[i] &- 48
            if d > 9 { break }
            mantissa = mantissa &* 10 &+ UInt64(d)
            i += 1
        }
        return i
    }

    /// Any decimal number: long mantissas and exponents too (see ``parse(_:decimal:)``).
    private static func parseGeneral(_ bytes: UnsafeBufferPointer<UInt8>, decimal: UInt8) -> Double? {
        let n = bytes.count
        guard n > 0, let p = bytes.baseAddress else { return nil }
        var i = 0
        var negative = false
        if p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+") {
            negative = p[0] == UInt8(ascii: "-")
            i = 1
        }
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var exponent = 0
        var sawDigit = false
        var truncated = false
        while i < n {
            let d = p[i] &- 48
            if d > 9 { break }
            sawDigit = true
            if significantDigits < 19 {
                mantissa = mantissa &* 10 &+ UInt64(d)
                if mantissa > 0 { significantDigits += 1 }
            } else {
                exponent += 1
                truncated = true
            }
            i += 1
        }
        if i < n && p[i] == decimal {
            i += 1
            while i < n {
                let d = p[i] &- 48
                if d > 9 { break }
                sawDigit = true
                if significantDigits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(d)
                    if mantissa > 0 { significantDigits += 1 }
                    exponent -= 1
                } else {
                    truncated = true
                }
                i += 1
            }
        }
        guard sawDigit else { return parseInfinity(p + i, n - i, negative: negative) }
        if i < n && (p[i] | 0x20) == UInt8(ascii: "e") {
            i += 1
            var exponentNegative = false
            if i < n && (p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+")) {
                exponentNegative = p[i] == UInt8(ascii: "-")
                i += 1
            }
            var value = 0
            var sawExponentDigit = false
            while i < n {
                let d = p[i] &- 48
                if d > 9 { break }
                sawExponentDigit = true
                if value < 100_000 { value = value * 10 + Int(d) }
                i += 1
            }
            guard sawExponentDigit else { return nil }
            exponent += exponentNegative ? -value : value
        }
        guard i == n else { return nil }
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        if !truncated && mantissa <= (1 << 53) && exponent >= -22 && exponent <= 22 {
            var value = Double(mantissa)
            value = exponent < 0 ? value / exactPower(-exponent) : value * exactPower(exponent)
            return negative ? -value : value
        }
        return slowParse(bytes, decimal: decimal)
    }

    private static func parseInfinity(_ p: UnsafePointer<UInt8>, _ n: Int, negative: Bool) -> Double? {
        func matches(_ word: StaticString) -> Bool {
            guard n == word.utf8CodeUnitCount else { return false }
            let w = word.utf8Start
            for k in 0..<n where (p[k] | 0x20) != w[k] { return false }
            return true
        }
        guard matches("inf") || matches("infinity") else { return nil }
        return negative ? -.infinity : .infinity
    }

    private static func slowParse(_ bytes: UnsafeBufferPointer<UInt8>, decimal: UInt8) -> Double? {
        var text = String(decoding: bytes, as: UTF8.self)
        if decimal != UInt8(ascii: ".") {
            text = String(text.map { $0 == Character(Unicode.Scalar(decimal)) ? "." : $0 })
        }
        return Double(text)
    }
}

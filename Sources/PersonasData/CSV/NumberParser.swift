/// Parses decimal numbers straight from bytes, with no `String` per cell.
///
/// Hand-written because the standard library parses only from `String`s and a per-cell `String`
/// would dominate load time. The fast path is Clinger's (1990): a mantissa of at most 2^53 scaled
/// by an exactly representable power of ten (|e| ≤ 22) is one correctly rounded IEEE operation.
/// Anything else (long mantissas, large exponents) is well-formed but rare, and goes to the
/// standard library's correctly rounded parser.
enum NumberParser {
    /// Powers of ten that are exact in binary64.
    private static let exactPowers: [Double] = (0...22).map { p in
        var v = 1.0
        for _ in 0..<p { v *= 10 }
        return v
    }

    /// The number in `bytes`, or nil when the bytes are not a decimal number.
    ///
    /// Grammar: optional sign, digits with at most one `decimal` separator (at least one digit),
    /// optional exponent `e`/`E`, sign and digits; or `inf` / `infinity` with an optional sign.
    /// Surrounding spaces must already be trimmed.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, decimal: UInt8 = UInt8(ascii: ".")) -> Double? {
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
            value = exponent < 0 ? value / exactPowers[-exponent] : value * exactPowers[exponent]
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

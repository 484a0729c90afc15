/// Compact decimal text for SVG coordinates and labels, without Foundation: at most a few
/// decimals, trailing zeros dropped, never "nan" or "inf".
enum SVGNumber {
    /// `value` rounded to `decimals` places (0...6) with trailing zeros dropped: 12.5, 3, -0.25.
    /// A non-finite value or one too large to print this way is written as 0 (callers only pass
    /// pixel coordinates and checked heights, so this is a last line of defence).
    static func format(_ value: Double, decimals: Int = 2) -> String {
        let places = min(max(decimals, 0), 6)
        let scale = power10(places)
        let scaled = (value * scale).rounded()
        guard scaled.isFinite, abs(scaled) < 9e15 else { return "0" }
        var units = Int(scaled)
        if units == 0 { return "0" }
        let negative = units < 0
        units = abs(units)
        var whole = units, fraction = 0, digits = places
        if places > 0 {
            let divisor = Int(scale)
            whole = units / divisor
            fraction = units % divisor
            while digits > 0, fraction % 10 == 0 { fraction /= 10; digits -= 1 }
        }
        var text = negative ? "-" : ""
        text += String(whole)
        if digits > 0 {
            let fractionText = String(fraction)
            text += "." + String(repeating: "0", count: digits - fractionText.count) + fractionText
        }
        return text
    }

    /// 10^exponent, exact for |exponent| <= 22 (then one correctly rounded division).
    static func power10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<min(abs(exponent), 400) { result *= 10 }
        return exponent >= 0 ? result : 1 / result
    }

    /// floor(log10(value)) for a finite value > 0.
    static func decimalExponent(_ value: Double) -> Int {
        var exponent = 0
        var scaled = value
        while scaled >= 10 { scaled /= 10; exponent += 1 }
        while scaled < 1 { scaled *= 10; exponent -= 1 }
        // Repeated division can land a hair below a power of ten; trust the exact powers.
        if value >= power10(exponent + 1) { exponent += 1 }
        if value < power10(exponent) { exponent -= 1 }
        return exponent
    }
}

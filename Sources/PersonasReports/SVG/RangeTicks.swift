/// Axis ticks at "nice" values (1, 2 or 5 times a power of ten) covering an arbitrary range
/// [low, high] (which may be negative), for line charts whose axis need not start at 0.
struct RangeTicks {
    let low: Double
    let high: Double
    let values: [Double]
    let step: Double

    init(low: Double, high: Double, targetCount: Int = 4) {
        var a = low.isFinite ? low : 0, b = high.isFinite ? high : 1
        if a > b { swap(&a, &b) }
        if b - a < 1e-12 * max(abs(a), abs(b), 1) {
            a -= max(abs(a) * 0.05, 0.5)
            b += max(abs(b) * 0.05, 0.5)
        }
        let raw = (b - a) / Double(max(targetCount, 1))
        let exponent = SVGNumber.decimalExponent(raw)
        let magnitude = SVGNumber.power10(exponent)
        let fraction = raw / magnitude
        let step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude
        let first = (a / step).rounded(.down) * step
        let last = (b / step).rounded(.up) * step
        var values: [Double] = []
        var v = first
        while v <= last + step * 1e-9 && values.count < 50 {
            values.append(abs(v) < step * 1e-9 ? 0 : v)
            v += step
        }
        self.low = first
        self.high = last
        self.values = values
        self.step = step
    }

    /// The label of a tick: as many decimals as the step needs.
    func label(_ value: Double) -> String {
        let decimals = max(0, -SVGNumber.decimalExponent(step))
        return SVGNumber.format(value, decimals: min(decimals, 6))
    }
}

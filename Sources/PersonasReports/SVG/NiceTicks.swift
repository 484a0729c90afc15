/// Axis ticks at "nice" values (1, 2 or 5 times a power of ten) from 0 up to the first tick at or
/// above a maximum, with labels carrying just the decimals the step needs.
struct NiceTicks {
    /// The distance between ticks.
    let step: Double
    /// The last tick, ≥ the maximum asked for: the top of the axis.
    let top: Double
    /// 0, step, 2·step, …, top.
    let values: [Double]
    /// floor(log10(step)).
    private let stepExponent: Int

    /// About `targetCount` intervals covering [0, maximum]; a maximum that is not a positive
    /// finite number gives the axis [0, 1].
    init(upTo maximum: Double, targetCount: Int = 5) {
        let maxValue = maximum.isFinite && maximum > 0 ? maximum : 1
        let raw = maxValue / Double(max(targetCount, 1))
        var exponent = SVGNumber.decimalExponent(raw)
        let magnitude = SVGNumber.power10(exponent)
        let fraction = raw / magnitude
        let multiple: Double
        if fraction <= 1 { multiple = 1 } else if fraction <= 2 { multiple = 2 } else if fraction <= 5 { multiple = 5 } else {
            multiple = 1
            exponent += 1
        }
        let step = multiple * SVGNumber.power10(exponent)
        // A relative tolerance so that 0.30000000000000004 / 0.1 does not add an empty interval.
        let intervals = max(1, Int((maxValue / step * (1 - 1e-9)).rounded(.up)))
        self.step = step
        self.top = Double(intervals) * step
        self.values = (0...intervals).map { Double($0) * step }
        self.stepExponent = exponent
    }

    /// The tick label for `value` (one of ``values``): plain decimals for steps from 1e-6 to 1e12,
    /// otherwise scientific notation such as 2.5e-8.
    func label(_ value: Double) -> String {
        if value == 0 { return "0" }
        if stepExponent >= -6, stepExponent <= 12 {
            return SVGNumber.format(value, decimals: max(0, -stepExponent))
        }
        let exponent = SVGNumber.decimalExponent(abs(value))
        let mantissa = value / SVGNumber.power10(exponent)
        return SVGNumber.format(mantissa, decimals: min(max(0, exponent - stepExponent), 4)) + "e\(exponent)"
    }
}

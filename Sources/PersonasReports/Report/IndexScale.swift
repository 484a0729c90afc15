import Foundation

/// The diverging colour scale of an index (segment ÷ population × 100): white at 100, blues
/// below, reds above, symmetric in ratio (50 is as blue as 200 is red) and saturated from 40 and
/// 250 on. Colours are ColorBrewer's RdBu, which readers with the common colour-vision
/// deficiencies tell apart (blue against red, and by lightness).
enum IndexScale {
    static let stops = ["#2166AC", "#67A9CF", "#D1E5F0", "#F7F7F7", "#FDDBC7", "#EF8A62", "#B2182B"].map(RGBColour.init(hex:))

    /// The index at which the scale saturates above (and its reciprocal ratio below: 40).
    static let saturation = 250.0

    /// Position on the scale, −1 (far below average) … 0 (average) … 1 (far above): the log of the
    /// ratio to 100 over the log of the saturation ratio.
    static func position(_ index: Double) -> Double {
        guard index.isFinite else { return 0 }
        let ratio = max(index, 1e-9) / 100
        return min(max(log(ratio) / log(saturation / 100), -1), 1)
    }

    /// The fill of a cell with this index.
    static func colour(_ index: Double) -> RGBColour {
        let t = (position(index) + 1) / 2 * Double(stops.count - 1)
        let lower = min(Int(t), stops.count - 2)
        return stops[lower].mixed(with: stops[lower + 1], t - Double(lower))
    }

    /// Dark text on light fills, white on dark ones.
    static func textColour(on fill: RGBColour) -> String {
        fill.brightness < 0.55 ? "#FFFFFF" : ChartStyle.ink
    }

    /// The ratio to 100 at a scale position (the inverse of ``position(_:)`` inside −1…1).
    static func ratio(atPosition position: Double) -> Double {
        exp(min(max(position, -1), 1) * log(saturation / 100))
    }
}

/// A colour as 8-bit red, green and blue, read from and written as "#RRGGBB": for tints and
/// interpolated scales without a colour library.
struct RGBColour: Equatable {
    var red: Double
    var green: Double
    var blue: Double

    init(red: Double, green: Double, blue: Double) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// "#RRGGBB" (or "RRGGBB"); anything else reads as mid grey, as charts only pass constants.
    init(hex: String) {
        let digits = hex.hasPrefix("#") ? hex.dropFirst() : Substring(hex)
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else {
            self.init(red: 128, green: 128, blue: 128)
            return
        }
        self.init(red: Double(value >> 16 & 0xFF), green: Double(value >> 8 & 0xFF), blue: Double(value & 0xFF))
    }

    /// "#RRGGBB", channels rounded and clamped to 0…255.
    var hex: String {
        let digits = "0123456789ABCDEF".map { $0 }
        var text = "#"
        for channel in [red, green, blue] {
            let byte = Int(min(max(channel.rounded(), 0), 255))
            text.append(digits[byte >> 4])
            text.append(digits[byte & 0xF])
        }
        return text
    }

    /// The colour `fraction` (0…1) of the way to `other`, channel by channel.
    func mixed(with other: RGBColour, _ fraction: Double) -> RGBColour {
        let t = min(max(fraction, 0), 1)
        return RGBColour(red: red + (other.red - red) * t, green: green + (other.green - green) * t,
                         blue: blue + (other.blue - blue) * t)
    }

    /// Perceived brightness 0 (black) … 1 (white), the YIQ weighting: enough to choose dark or
    /// light text on a fill.
    var brightness: Double { (0.299 * red + 0.587 * green + 0.114 * blue) / 255 }

    static let white = RGBColour(red: 255, green: 255, blue: 255)
}

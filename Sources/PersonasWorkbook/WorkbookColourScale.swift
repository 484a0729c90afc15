/// A three-colour scale over one column of a ``WorkbookTable``, as Excel's conditional
/// formatting draws it: each number's fill blends between the colours of the stops around it,
/// and a number beyond the outer stops takes their colour.
///
/// The stops are numbers, not the column's minimum and maximum, so a colour means the same figure
/// on every sheet and in every file: white is "no difference" wherever it appears.
public struct WorkbookColourScale: Sendable, Equatable {
    /// A number and its colour (`0xRRGGBB`).
    public struct Stop: Sendable, Equatable {
        public var value: Double
        public var colour: UInt32

        public init(_ value: Double, colour: UInt32) {
            self.value = value
            self.colour = colour
        }
    }

    /// The 0-based column of the table the scale colours (its rows below the header).
    public var column: Int
    public var low: Stop
    public var middle: Stop
    public var high: Stop

    public init(column: Int, low: Stop, middle: Stop, high: Stop) {
        self.column = column
        self.low = low
        self.middle = middle
        self.high = high
    }

    /// The report's heat-map colours: blue below, near-white at the centre, red above.
    public static let blue: UInt32 = 0x2166AC, white: UInt32 = 0xF7F7F7, red: UInt32 = 0xB2182B

    /// Blue at `low`, white at `centre`, red at `high`: a difference of either sign from `centre`
    /// (an effect size centred on 0, an index on 100).
    public static func diverging(column: Int, low: Double, centre: Double, high: Double) -> WorkbookColourScale {
        WorkbookColourScale(column: column, low: Stop(low, colour: blue), middle: Stop(centre, colour: white),
                            high: Stop(high, colour: red))
    }
}

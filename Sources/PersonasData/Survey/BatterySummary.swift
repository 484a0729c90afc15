/// What a table's answers to one attitude battery look like: the scale range seen, how many
/// respondents straight-line it, and how much respondents vary their own answers.
///
/// A respondent (row) is **assessed** on a battery when at least two of its items are answered
/// (not missing), and **straight-lines** it when it is assessed and every answered item holds the
/// same value (all 3s, say): such answers carry no attitude, only a response style, and pull
/// segments towards the scale's middle or ends. Rows with fewer than two answers are neither.
/// Only counts are kept: which respondents straight-line is private and never leaves the library
/// in a summary (``Battery/straightLiners(in:)`` gives the flags to the caller).
public struct BatterySummary: Codable, Sendable, Equatable {
    /// The battery's name.
    public var name: String
    /// Its item columns.
    public var items: [String]
    /// The lowest and highest answer seen over all items (nil when no item is answered).
    public var minimum: Double?
    public var maximum: Double?
    /// Rows with at least two answered items.
    public var assessed: Int
    /// Assessed rows whose answered items are all equal.
    public var straightLiners: Int
    /// ``straightLiners`` over ``assessed`` (nil when no row is assessed).
    public var straightLinerShare: Double?
    /// The mean, over assessed rows, of each row's standard deviation of its own answered items
    /// (population form, dividing by the number answered): 0 when everyone straight-lines, and
    /// small next to the scale's range when respondents use little of it (nil when no row is assessed).
    public var meanWithinSpread: Double?

    /// Summarises `battery`'s items in `table` (a battery checked by ``DataTable/batteries(adding:)``).
    public init(_ battery: Battery, table: DataTable) {
        name = battery.name
        items = battery.columns
        let answers = battery.items(of: table)
        var low = Double.infinity, high = -Double.infinity
        var assessed = 0, flat = 0, spreadSum = 0.0
        for row in 0..<table.rowCount {
            let row = RowAnswers(answers, row: row)
            for v in row.values {
                low = Swift.min(low, v)
                high = Swift.max(high, v)
            }
            guard row.isAssessed else { continue }
            assessed += 1
            if row.isStraightLine { flat += 1 }
            spreadSum += row.standardDeviation
        }
        minimum = low.isFinite ? low : nil
        maximum = high.isFinite ? high : nil
        self.assessed = assessed
        straightLiners = flat
        straightLinerShare = assessed > 0 ? Double(flat) / Double(assessed) : nil
        meanWithinSpread = assessed > 0 ? spreadSum / Double(assessed) : nil
    }
}

// An absent figure is written as null rather than left out, so every battery has the same keys.
extension BatterySummary {
    private enum CodingKeys: String, CodingKey {
        case name, items, minimum, maximum, assessed, straightLiners, straightLinerShare, meanWithinSpread
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(items, forKey: .items)
        try c.encode(minimum, forKey: .minimum)
        try c.encode(maximum, forKey: .maximum)
        try c.encode(assessed, forKey: .assessed)
        try c.encode(straightLiners, forKey: .straightLiners)
        try c.encode(straightLinerShare, forKey: .straightLinerShare)
        try c.encode(meanWithinSpread, forKey: .meanWithinSpread)
    }
}

extension BatterySummary {
    /// The analyst's warning when some respondents straight-line the battery (nil when none does):
    /// how many, of how many assessed, never who.
    public var warning: String? {
        guard straightLiners > 0, let share = straightLinerShare else { return nil }
        return "battery \"\(name)\": \(straightLiners) of \(assessed) respondents (\(percent(share))) give the same "
            + "answer to every item they answered (straight-liners): their answers show a response style, not an attitude"
    }

    private func percent(_ share: Double) -> String {
        let value = (share * 1000).rounded() / 10
        return (value == value.rounded() ? String(Int(value)) : String(value)) + "%"
    }
}

extension Battery {
    /// Per row of `table`, whether the respondent straight-lines this battery (see
    /// ``BatterySummary``). The flags single out respondents: keep them in memory (to leave such
    /// rows out of a fit, say), never in a file that travels.
    public func straightLiners(in table: DataTable) -> [Bool] {
        let answers = items(of: table)
        return (0..<table.rowCount).map { RowAnswers(answers, row: $0).isStraightLine }
    }
}

/// One respondent's answered items of a battery, in item order.
struct RowAnswers {
    var values: [Double]

    init(_ items: [[Double]], row: Int) {
        values = items.compactMap { $0[row].isNaN ? nil : $0[row] }
    }

    /// At least ``Battery/minimumItems`` items answered.
    var isAssessed: Bool { values.count >= Battery.minimumItems }

    /// Assessed, and every answer equal to the first.
    var isStraightLine: Bool { isAssessed && values.allSatisfy { $0 == values[0] } }

    /// The population standard deviation of the answers (0 for none).
    var standardDeviation: Double {
        values.isEmpty ? 0 : Moments(values).standardDeviation
    }
}

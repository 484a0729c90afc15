/// Centring a battery's items within each respondent (ipsatisation), against scale-use bias.
///
/// Some respondents agree with everything, others use only the middle of the scale; segments
/// found on raw answers then split respondents by response style rather than by attitude. With
/// row centering, each of a respondent's answered items is replaced by its difference from that
/// respondent's own mean over the battery's answered items, before imputation and scaling; a
/// missing item stays missing (and is filled like any missing value afterwards). The mean is
/// the sum of the answered items in item order divided by their count, so the SQL export
/// (`(COALESCE(a, 0) + COALESCE(b, 0) + …) / NULLIF(answered, 0)`) computes the same doubles.
///
/// Recorded in ``PreparationSpec/rowCentering``, so a saved model centres new rows the same way.
public struct RowCentering: Codable, Sendable, Equatable {
    /// The battery's name (for messages and the model file).
    public var battery: String
    /// The battery's item columns; every one must be a feature of the preparation.
    public var columns: [String]

    public init(battery: String, columns: [String]) {
        self.battery = battery
        self.columns = columns
    }

    /// The centering of `battery`'s items.
    public init(_ battery: Battery) {
        self.init(battery: battery.name, columns: battery.columns)
    }

    /// Each row's mean over its answered items (NaN when none is answered), summed in item order
    /// from 0 with a missing item adding 0, as the SQL export sums.
    static func rowMeans(_ items: [[Double]], rows: Int) -> [Double] {
        (0..<rows).map { row in
            var sum = 0.0, answered = 0
            for item in items {
                let v = item[row]
                sum += v.isNaN ? 0 : v
                answered += v.isNaN ? 0 : 1
            }
            return answered == 0 ? .nan : sum / Double(answered)
        }
    }

    /// `table` with the items of every centering replaced by their deviations from each row's
    /// mean; `table` itself when there is none.
    /// - Throws: ``DataError`` for an item the table lacks or that is not numeric or integer
    ///   (kind ``DataError/Kind/battery(_:)``), for a non-finite value (with its line), and for a
    ///   row whose mean overflows (values near the floating-point limits).
    static func apply(_ centerings: [RowCentering], to table: DataTable) throws(DataError) -> DataTable {
        guard !centerings.isEmpty else { return table }
        try table.checkBatteries(centerings.map { Battery(name: $0.battery, columns: $0.columns) })
        var out = table
        for centering in centerings {
            let items = centering.columns.map { table[$0]?.numbers ?? [] }
            for (name, values) in zip(centering.columns, items) {
                if let row = values.firstIndex(where: \.isInfinite) {
                    throw DataError(file: table.source, line: table.line(ofRow: row),
                                    field: table.columnIndex(named: name).map { $0 + 1 }, columnName: name,
                                    kind: .nonFiniteValue(found: values[row] > 0 ? "inf" : "-inf"))
                }
            }
            let means = rowMeans(items, rows: table.rowCount)
            if let row = means.indices.first(where: { means[$0].isInfinite }) {
                throw DataError(file: table.source, line: table.line(ofRow: row), kind: .battery(
                    "the mean of this respondent's answers to battery \"\(centering.battery)\" overflows; check its "
                    + "values, which lie near the floating-point limits"))
            }
            for (name, values) in zip(centering.columns, items) {
                guard var column = table[name] else { continue }
                column.values = .numbers(zip(values, means).map { $0 - $1 })
                out.setColumn(column)
            }
        }
        return out
    }

    /// Refuses centerings a preparation cannot record: a battery named twice, fewer than two
    /// items, a column in two batteries or listed twice, or an item that is not a fitted feature
    /// scaled as a number without a transform (the saved model must be able to centre a new row
    /// from its own features).
    /// - Parameter columns: the preparation's fitted columns.
    static func check(_ centerings: [RowCentering], columns: [PreparedColumn],
                      fail: (String, String?) -> DataError) throws(DataError) {
        var batteries = Set<String>(), owner: [String: String] = [:]
        for centering in centerings {
            guard batteries.insert(centering.battery).inserted else {
                throw fail("battery \"\(centering.battery)\" is centred twice", nil)
            }
            guard Set(centering.columns).count == centering.columns.count,
                  centering.columns.count >= Battery.minimumItems else {
                throw fail("battery \"\(centering.battery)\" needs at least \(Battery.minimumItems) distinct items to be "
                           + "centred within respondents", nil)
            }
            for name in centering.columns {
                if let other = owner.updateValue(centering.battery, forKey: name) {
                    throw fail("is an item of both battery \"\(other)\" and battery \"\(centering.battery)\"", name)
                }
                guard let prepared = columns.first(where: { $0.name == name }) else {
                    throw fail("is an item of battery \"\(centering.battery)\", which is centred within respondents, but "
                               + "it is not a feature; a centred battery's items must all be features (name them among "
                               + "the feature columns, or centre a battery of feature columns only)", name)
                }
                guard case .scaled = prepared.encoding, Battery.canBeItem(prepared.type), prepared.transform == nil else {
                    throw fail("is an item of battery \"\(centering.battery)\", which is centred within respondents, so it "
                               + "must be a numeric or integer feature without a transform", name)
                }
            }
        }
    }
}

/// An attitude battery: a named set of survey items answered on one ordinal scale (agreement 1–5,
/// say), such as the statements of a needs-based segmentation questionnaire.
///
/// A battery is declared in the schema (each item's `"battery": "NAME"`) or given by the caller.
/// Its items are what straight-lining is judged on (``BatterySummary``) and what
/// ``RowCentering`` centres within each respondent against scale-use bias.
public struct Battery: Codable, Sendable, Equatable {
    /// The battery's name ("attitudes").
    public var name: String
    /// Its item columns, in table order for a declared battery, as given otherwise.
    public var columns: [String]

    public init(name: String, columns: [String]) {
        self.name = name
        self.columns = columns
    }

    /// Whether a column of `type` can be an item: numbers and whole numbers, the codes a survey
    /// export writes for scale answers (a level column has no shared numeric scale).
    public static func canBeItem(_ type: ColumnType) -> Bool {
        type == .numeric || type == .integer
    }

    /// The fewest items a battery has: one answer cannot be a straight line or have a mean to
    /// centre on.
    public static let minimumItems = 2

    /// Each item's values (NaN = missing), in ``columns`` order, for a battery checked against
    /// `table` (``DataTable/batteries(adding:)``).
    func items(of table: DataTable) -> [[Double]] {
        columns.map { table[$0]?.numbers ?? [Double](repeating: .nan, count: table.rowCount) }
    }
}

extension DataTable {
    /// The batteries of this table: those its schema declares (columns sharing a
    /// ``Column/battery`` name, in table order), then `extra` (a battery of `extra` with a
    /// declared battery's name replaces it), each checked.
    /// - Throws: ``DataError`` of kind ``DataError/Kind/battery(_:)`` naming the battery (and the
    ///   column) for a battery with fewer than two items, an item the table does not have or that
    ///   is not numeric or integer, or a column that is an item of two batteries.
    public func batteries(adding extra: [Battery] = []) throws(DataError) -> [Battery] {
        var batteries: [Battery] = []
        for column in columns {
            guard let name = column.battery else { continue }
            if let index = batteries.firstIndex(where: { $0.name == name }) {
                batteries[index].columns.append(column.name)
            } else {
                batteries.append(Battery(name: name, columns: [column.name]))
            }
        }
        for battery in extra {
            if let index = batteries.firstIndex(where: { $0.name == battery.name }) {
                batteries[index] = battery
            } else {
                batteries.append(battery)
            }
        }
        try checkBatteries(batteries)
        return batteries
    }

    /// Marks exactly the columns of `batteries` as their items (``Column/battery``), so that a
    /// schema written from the table (``inferredSchema``) declares them: a column left out of a
    /// battery of the same name is no longer its item. Names absent from the table are skipped.
    public mutating func declare(_ batteries: [Battery]) {
        let names = Set(batteries.map(\.name))
        for var column in columns where column.battery.map(names.contains) ?? false {
            column.battery = nil
            setColumn(column)
        }
        for battery in batteries {
            for name in battery.columns {
                guard var column = self[name] else { continue }
                column.battery = battery.name
                setColumn(column)
            }
        }
    }

    /// Refuses a battery these columns cannot hold (see ``batteries(adding:)``).
    func checkBatteries(_ batteries: [Battery]) throws(DataError) {
        var owner: [String: String] = [:]
        for battery in batteries {
            func fail(_ message: String, column: String? = nil) -> DataError {
                DataError(file: source, field: column.flatMap(columnIndex(named:)).map { $0 + 1 }, columnName: column,
                          kind: .battery(message))
            }
            guard !battery.name.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw fail("a battery needs a name (such as \"attitudes\")")
            }
            let distinct = Set(battery.columns)
            guard distinct.count == battery.columns.count else {
                throw fail("battery \"\(battery.name)\" lists a column twice")
            }
            guard distinct.count >= Battery.minimumItems else {
                throw fail("battery \"\(battery.name)\" has \(distinct.count == 1 ? "only one item" : "no items"); a battery "
                           + "needs at least \(Battery.minimumItems) numeric items answered on one scale")
            }
            for name in battery.columns {
                guard let column = self[name] else {
                    throw fail("battery \"\(battery.name)\" names this column, but there is no such column"
                               + Column.nearestNameHint(name, among: columns.map(\.name)), column: name)
                }
                guard Battery.canBeItem(column.type) else {
                    throw fail("is \(column.type.rawValue), so it cannot be an item of battery \"\(battery.name)\"; a battery's "
                               + "items are numbers on one scale (1–5, say): declare the column integer, or leave it out",
                               column: name)
                }
                if let other = owner.updateValue(battery.name, forKey: name) {
                    throw fail("is an item of both battery \"\(other)\" and battery \"\(battery.name)\"; a column "
                               + "belongs to one battery", column: name)
                }
            }
        }
    }
}

/// The fitted preparation as SQL expressions, so a warehouse can prepare rows exactly as
/// ``Preparation/apply(_:)`` does.
///
/// Two steps, each a `SELECT` list: ``typedColumnSQL(_:type:dialect:)`` reads a raw column the way
/// the CSV reader does (numbers as doubles, booleans as 0/1, dates as days since 1970-01-01, levels
/// as text), and ``featureSQL(dialect:)`` turns typed columns into features with the fitted fills,
/// centers, scales, levels and weights, evaluated in the library's order of operations so the
/// doubles agree bit for bit. Missing values are SQL `NULL`. An ordinal level the model never saw
/// makes the row's features `NULL` (the library refuses such a row); an unseen categorical level
/// counts as `other` when rare levels were pooled, else as no level (the library's default policy).
/// A log-transformed column is `LN(1.0 + x)`, and a negative value makes the row's features `NULL`.
/// An item of a battery centred within respondents (``RowCentering``) is its value minus the row's
/// mean over the battery's answered items, summed in item order as the library sums.
extension Preparation {
    /// A raw column converted to the library's representation of `type`, whatever the column's
    /// type in the table (native or text): the cell as trimmed text, missing when empty or a
    /// missing-value marker (``SQLDialect/cellText(_:)``), then numbers and integers by the
    /// engine's try-cast to a double (``SQLDialect/number(_:)``), booleans from the reader's words
    /// (true/false, yes/no, y/n, t/f, 1/0 in any case, and `1.0`/`0.0` from a double cast to
    /// text) as 1/0, dates as days since 1970-01-01 (``SQLDialect/daysSinceEpoch(_:)``), levels as
    /// the trimmed text. A cell that cannot be converted is `NULL`.
    public static func typedColumnSQL(_ name: String, type: ColumnType, dialect: SQLDialect) -> String {
        let column = dialect.identifier(name)
        switch type {
        case .numeric, .integer:
            return dialect.number(column)
        case .boolean:
            let word = "LOWER(\(dialect.cellText(column)))"
            let yes = ["true", "yes", "y", "t", "1", "1.0"].map(dialect.text).joined(separator: ", ")
            let no = ["false", "no", "n", "f", "0", "0.0"].map(dialect.text).joined(separator: ", ")
            return "CAST(CASE WHEN \(word) IN (\(yes)) THEN 1 WHEN \(word) IN (\(no)) THEN 0 END AS \(dialect.doubleType))"
        case .date:
            return dialect.daysSinceEpoch(column)
        case .categorical, .ordinal, .identifier, .text:
            return dialect.cellText(column)
        }
    }

    /// The name of the flag column a query's first step adds: 1 when some cell of the row holds a
    /// value its column's type cannot read (text in a number, boolean or date column), else 0.
    public static let unreadableFlag = "personas_unreadable"

    /// The flag's expression over raw `columns`: a cell that is present (``SQLDialect/cellText(_:)``
    /// is not `NULL`) but converts to `NULL`. The library refuses such a file; a query cannot, so it
    /// gives the row a `NULL` segment rather than filling the cell as missing. Level columns read
    /// any text, so only numbers, booleans and dates are checked; `0` when none is.
    public static func unreadableSQL(_ columns: [(name: String, type: ColumnType)], dialect: SQLDialect) -> String {
        let checks = columns.filter { [.numeric, .integer, .boolean, .date].contains($0.type) }.map { column in
            let raw = dialect.identifier(column.name)
            return "(\(dialect.cellText(raw)) IS NOT NULL AND \(typedColumnSQL(column.name, type: column.type, dialect: dialect)) IS NULL)"
        }
        return checks.isEmpty ? "0" : "CASE WHEN \(checks.joined(separator: "\n      OR ")) THEN 1 ELSE 0 END"
    }

    /// Each input column the preparation reads, with its type when fitted.
    public var inputColumns: [(name: String, type: ColumnType)] { columns.map { ($0.name, $0.type) } }

    /// The features as `(name, expression)` pairs over typed columns of the same names, in
    /// ``featureNames`` order (before PCA).
    public func featureSQL(dialect: SQLDialect) -> [(name: String, expression: String)] {
        var out: [(String, String)] = []
        let centered = centeredItemsSQL(dialect: dialect)
        for prepared in columns {
            let column = dialect.identifier(prepared.name)
            let weight = prepared.weight
            // `* 1.0` is exact; leaving it out keeps the common query readable.
            func weighted(_ expression: String) -> String {
                weight == 1 ? expression : "\(expression) * \(SQLText.double(weight))"
            }
            // Engines read a literal such as 0.25 as an exact decimal (PostgreSQL's numeric, DuckDB's
            // DECIMAL): every value that enters the arithmetic is cast to the double type, so the
            // sums run in doubles, as in the library.
            func zeroOr(_ condition: String) -> String {
                "CAST(CASE WHEN \(condition) THEN \(SQLText.double(weight)) ELSE 0 END AS \(dialect.doubleType))"
            }
            switch prepared.encoding {
            case .scaled(let fill, let center, let scale):
                let value = prepared.transform.map { transformSQL($0, column, dialect: dialect, fill: fill) }
                    ?? "COALESCE(\(centered[prepared.name] ?? column), \(SQLText.double(fill)))"
                out.append((prepared.name, weighted(
                    "(\(value) - \(SQLText.double(center))) / \(SQLText.double(scale))")))
            case .ordinal(let levels, let fill, let center, let scale):
                let ranks = levels.enumerated().map { "WHEN \(dialect.text($1)) THEN \(SQLText.double(Double($0)))" }
                let rank = "CAST(CASE \(column) \(ranks.joined(separator: " ")) END AS \(dialect.doubleType))"
                out.append((prepared.name, weighted(
                    "(CASE WHEN \(column) IS NULL THEN \(SQLText.double(fill)) ELSE \(rank) END - \(SQLText.double(center))) / \(SQLText.double(scale))")))
            case .oneHot(let levels, let other, let fill):
                for level in levels {
                    let test = "\(column) = \(dialect.text(level))"
                    out.append(("\(prepared.name)=\(level)", zeroOr(level == fill ? "\(column) IS NULL OR \(test)" : test)))
                }
                if other != nil {
                    let kept = levels.map(dialect.text).joined(separator: ", ")
                    out.append(("\(prepared.name)=other",
                                zeroOr(levels.isEmpty ? "\(column) IS NOT NULL" : "\(column) NOT IN (\(kept))")))
                }
            }
            if prepared.missingIndicator {
                out.append(("\(prepared.name)_missing", zeroOr("\(column) IS NULL")))
            }
        }
        return out
    }

    /// Each centred item's value before filling and scaling, by column name: `(x - mean)`, where
    /// the row's mean is `(COALESCE(a, 0) + COALESCE(b, 0) + …) / NULLIF(answered, 0)` in doubles,
    /// `NULL` when the item (or every item) is missing.
    private func centeredItemsSQL(dialect: SQLDialect) -> [String: String] {
        var out: [String: String] = [:]
        let zero = "CAST(0 AS \(dialect.doubleType))"
        for centering in spec.rowCentering {
            let items = centering.columns.map(dialect.identifier)
            let sum = items.map { "COALESCE(\($0), \(zero))" }.joined(separator: " + ")
            let answered = items.map { "CASE WHEN \($0) IS NULL THEN 0 ELSE 1 END" }.joined(separator: " + ")
            let mean = "(\(sum)) / CAST(NULLIF(\(answered), 0) AS \(dialect.doubleType))"
            for (name, item) in zip(centering.columns, items) { out[name] = "(\(item) - \(mean))" }
        }
        return out
    }

    /// A transformed column's value before scaling: the fill (a transformed value) when missing,
    /// the transform of the value when it can take it (`LN(1 + x)` for `x ≥ 0`), else `NULL`, so
    /// the row gets no segment where the library refuses the file.
    private func transformSQL(_ transform: ColumnTransform, _ column: String, dialect: SQLDialect, fill: Double) -> String {
        switch transform {
        case .log:
            "CASE WHEN \(column) IS NULL THEN \(SQLText.double(fill)) WHEN \(column) >= 0 THEN "
                + "\(dialect.naturalLog("\(SQLText.double(1)) + \(column)")) END"
        }
    }

    /// The principal components as `(name, expression)` pairs over the features (named as in
    /// ``featureNames``), or nil without PCA. Sums run in feature order; the library multiplies
    /// with GEMM, so components agree to rounding rather than bit for bit.
    public func componentSQL(dialect: SQLDialect) -> [(name: String, expression: String)]? {
        guard let pca else { return nil }
        let names = featureNames
        return (0..<pca.components.rows).map { c in
            let terms = names.indices.map { q in
                "(\(dialect.identifier(names[q])) - \(SQLText.double(pca.mean[q]))) * \(SQLText.double(pca.components[c, q]))"
            }
            return (outputNames[c], terms.joined(separator: "\n      + "))
        }
    }
}

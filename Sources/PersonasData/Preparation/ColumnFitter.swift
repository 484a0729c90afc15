import PersonasNumerics

/// Learns one column's imputation, encoding and scaling.
enum ColumnFitter {
    enum Outcome {
        case prepared(PreparedColumn, note: String?)
        case dropped(String)
    }

    /// Fits `column`; `transform` (the spec's or the schema's) is applied to its numbers before
    /// anything is learned from them.
    /// - Throws: ``DataError`` for a non-finite number, or a transform on a column that is not
    ///   numeric or integer, or a value the transform cannot take (with its line).
    static func fit(
        _ column: Column, table: DataTable, spec: PreparationSpec, weight: Double, transform: ColumnTransform? = nil
    ) throws(DataError) -> Outcome {
        let indicator = spec.missingIndicators && column.missingCount > 0
        if let transform, !ColumnTransform.canTransform(column.type) {
            throw DataError(file: table.source, field: table.columnIndex(named: column.name).map { $0 + 1 },
                            columnName: column.name, kind: .preparation(
                                "a \(column.type.rawValue) column cannot take the \(transform.rawValue) transform (only "
                                + "numeric and integer columns can); declare the column numeric or leave it untransformed"))
        }
        switch column.values {
        case .numbers(var values):
            try checkFinite(values, column: column, table: table)
            if let transform {
                try transformValues(&values, transform, column: column, table: table)
            }
            guard let fitted = fitScaled(values, spec: spec) else { return .dropped(unscalable(values)) }
            return .prepared(PreparedColumn(name: column.name, type: column.type,
                                            encoding: .scaled(fill: fitted.fill, center: fitted.center, scale: fitted.scale),
                                            transform: transform, weight: weight, missingIndicator: indicator),
                             note: fitted.note.map { "column \"\(column.name)\": \($0)" })

        case .levels(let codes, let levels) where column.type == .ordinal:
            let ranks = codes.map { $0 < 0 ? Double.nan : Double($0) }
            guard let fitted = fitScaled(ranks, spec: spec) else {
                return .dropped(ranks.allSatisfy(\.isNaN) ? "it has no values" : "it has only one level")
            }
            return .prepared(PreparedColumn(name: column.name, type: .ordinal,
                                            encoding: .ordinal(levels: levels, fill: fitted.fill, center: fitted.center,
                                                               scale: fitted.scale),
                                            weight: weight, missingIndicator: indicator),
                             note: fitted.note.map { "column \"\(column.name)\": \($0)" })

        case .levels(let codes, let levels):
            return fitOneHot(codes: codes, levels: levels, column: column, spec: spec, weight: weight, indicator: indicator)

        case .withheld:
            return .dropped("it is free text")
        }
    }

    private static func checkFinite(_ values: [Double], column: Column, table: DataTable) throws(DataError) {
        if let row = values.firstIndex(where: { $0.isInfinite }) {
            throw DataError(file: table.source, line: table.line(ofRow: row),
                            field: table.columnIndex(named: column.name).map { $0 + 1 }, columnName: column.name,
                            kind: .nonFiniteValue(found: values[row] > 0 ? "inf" : "-inf"))
        }
    }

    /// Replaces each present value with `transform`'s, refusing the first value it cannot take
    /// (a negative number under `log`) with its line; missing values stay missing.
    static func transformValues(
        _ values: inout [Double], _ transform: ColumnTransform, column: Column, table: DataTable
    ) throws(DataError) {
        if let row = values.firstIndex(where: { !$0.isNaN && !transform.accepts($0) }) {
            throw DataError(file: table.source, line: table.line(ofRow: row),
                            field: table.columnIndex(named: column.name).map { $0 + 1 }, columnName: column.name,
                            kind: .transformDomain(found: column.text(atRow: row), transform: transform))
        }
        for i in values.indices where !values[i].isNaN { values[i] = transform.apply(values[i]) }
    }

    /// Why ``fitScaled(_:spec:)`` found nothing to scale: no values, one value, or values whose
    /// center or scale is not a finite number (a range wider than a `Double` holds).
    static func unscalable(_ values: [Double]) -> String {
        let present = values.filter { !$0.isNaN }
        guard let first = present.first else { return "it has no values" }
        guard let low = present.min(), let high = present.max(), low != high else {
            return "it is constant (every value is " + formatNumber(first) + ")"
        }
        return "its values (from \(formatNumber(low)) to \(formatNumber(high))) lie too near the floating-point "
            + "limits to be scaled; rescale the column (in thousands, say)"
    }

    struct Scaled {
        var fill: Double
        var center: Double
        var scale: Double
        var note: String?
    }

    /// Fill, center and scale for numbers (NaN = missing); nil for a column with no values or a
    /// constant one, which would otherwise be divided by zero.
    static func fitScaled(_ values: [Double], spec: PreparationSpec) -> Scaled? {
        let present = values.filter { !$0.isNaN }
        guard !present.isEmpty else { return nil }
        let fill: Double
        switch spec.numericImputation {
        case .mean: fill = Moments(present).mean
        case .median: fill = Quantiles.quantile(sorted: present.sorted(), 0.5)
        case .constant(let value): fill = value
        }
        // Statistics of the imputed column, as scikit-learn's imputer-then-scaler pipeline sees it.
        let imputed = values.count == present.count ? values : values.map { $0.isNaN ? fill : $0 }
        let moments = Moments(imputed)
        guard moments.maximum > moments.minimum else { return nil }
        var note: String?
        let center: Double, scale: Double
        switch spec.scaling {
        case .zScore:
            center = moments.mean
            scale = moments.standardDeviation
        case .robust:
            let sorted = imputed.sorted()
            center = Quantiles.quantile(sorted: sorted, 0.5)
            let iqr = Quantiles.quantile(sorted: sorted, 0.75) - Quantiles.quantile(sorted: sorted, 0.25)
            if iqr > 0 {
                scale = iqr
            } else {
                scale = moments.standardDeviation
                note = "its interquartile range is 0, so it is scaled by its standard deviation instead"
            }
        case .minMax:
            center = moments.minimum
            scale = moments.maximum - moments.minimum
        case .none:
            center = 0
            scale = 1
        }
        guard scale > 0 && scale.isFinite && center.isFinite else { return nil }
        return Scaled(fill: fill, center: center, scale: scale, note: note)
    }

    private static func fitOneHot(
        codes: [Int32], levels: [String], column: Column, spec: PreparationSpec, weight: Double, indicator: Bool
    ) -> Outcome {
        var counts = [Int](repeating: 0, count: levels.count)
        var missing = 0
        for code in codes {
            if code < 0 { missing += 1 } else { counts[Int(code)] += 1 }
        }
        guard counts.contains(where: { $0 > 0 }) else { return .dropped("it has no values") }
        // A level counts only when enough customers hold it, before any filling: the sparse name
        // column filled with its mode would otherwise make one customer's name a large level.
        let floor = minimumLevelHolders(rows: codes.count, spec: spec)
        guard let mode = zip(levels, counts).filter({ $0.1 >= floor }).max(by: { a, b in
            a.1 != b.1 ? a.1 < b.1 : a.0 > b.0
        })?.0 else {
            let distinct = counts.filter { $0 > 0 }.count
            return .dropped("none of its \(distinct) level\(distinct == 1 ? " is" : "s is") held by \(floor) or more "
                            + "customers, so it looks like free text or an identifier (names, comments, addresses) "
                            + "and is never a feature; group its values into fewer, larger levels to use it")
        }
        var tally = Dictionary(uniqueKeysWithValues: zip(levels, counts).filter { $0.1 > 0 })
        var fill: String?
        switch spec.categoricalImputation {
        case .mode:
            fill = mode
        case .constant(let name):
            if missing > 0 { tally[name, default: 0] += missing }
            fill = name
        }
        if spec.categoricalImputation == .mode { tally[mode, default: 0] += missing }
        let ranked = tally.sorted { a, b in a.value != b.value ? a.value > b.value : a.key < b.key }
        let kept = ranked.filter { $0.value >= floor }.prefix(spec.maxLevels).map(\.key)
        let keptSet = Set(kept)
        let pooled = ranked.filter { !keptSet.contains($0.key) }
        guard kept.count + (pooled.isEmpty ? 0 : 1) >= 2 else {
            return .dropped("it has only one level (\(ranked.first?.key ?? ""))")
        }
        if let f = fill, !keptSet.contains(f) { fill = nil }
        let pooledRows = pooled.reduce(0) { $0 + $1.value }
        let other = pooled.isEmpty ? nil
            : PreparedColumn.PooledLevels(count: pooled.count, share: Double(pooledRows) / Double(codes.count))
        let note = pooled.isEmpty ? nil : "column \"\(column.name)\": \(Quantity.count(pooled.count, "rare level")) pooled into \"other\""
        return .prepared(PreparedColumn(name: column.name, type: column.type,
                                        encoding: .oneHot(levels: kept, other: other, fill: fill),
                                        weight: weight, missingIndicator: indicator), note: note)
    }

    /// The fewest customers who must hold a level for it to be kept: the spec's minimum count, or
    /// its rare-level share of the rows when that is more.
    static func minimumLevelHolders(rows: Int, spec: PreparationSpec) -> Int {
        Swift.max(spec.minimumLevelCount, Int((spec.rareLevelShare * Double(rows)).rounded(.up)), 1)
    }
}

/// Mean, population standard deviation and range, computed without overflow for values near the
/// floating-point limits (the data is scaled by its largest magnitude first).
struct Moments {
    var mean: Double
    var standardDeviation: Double
    var minimum: Double
    var maximum: Double

    init(_ values: [Double]) {
        var low = Double.infinity, high = -Double.infinity
        for v in values {
            if v < low { low = v }
            if v > high { high = v }
        }
        minimum = low
        maximum = high
        let magnitude = Swift.max(Swift.abs(low), Swift.abs(high))
        guard !values.isEmpty, magnitude > 0, magnitude.isFinite else {
            mean = values.isEmpty ? .nan : (magnitude == 0 ? 0 : .nan)
            standardDeviation = 0
            return
        }
        let n = Double(values.count)
        var sum = 0.0
        for v in values { sum += v / magnitude }
        let m = sum / n
        var squares = 0.0
        for v in values {
            let d = v / magnitude - m
            squares += d * d
        }
        mean = m * magnitude
        standardDeviation = (squares / n).squareRoot() * magnitude
    }
}

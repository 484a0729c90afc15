/// Learns one column's imputation, encoding and scaling.
enum ColumnFitter {
    enum Outcome {
        case prepared(PreparedColumn, note: String?)
        case dropped(String)
    }

    static func fit(_ column: Column, table: DataTable, spec: PreparationSpec, weight: Double) throws(DataError) -> Outcome {
        let indicator = spec.missingIndicators && column.missingCount > 0
        switch column.values {
        case .numbers(let values):
            try checkFinite(values, column: column, table: table)
            guard let fitted = fitScaled(values, spec: spec) else { return .dropped(unscalable(values)) }
            return .prepared(PreparedColumn(name: column.name, type: column.type,
                                            encoding: .scaled(fill: fitted.fill, center: fitted.center, scale: fitted.scale),
                                            weight: weight, missingIndicator: indicator),
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
        var tally = Dictionary(uniqueKeysWithValues: zip(levels, counts).filter { $0.1 > 0 })
        guard !tally.isEmpty || missing > 0 else { return .dropped("it has no values") }
        var fill: String?
        switch spec.categoricalImputation {
        case .mode:
            fill = tally.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key
        case .constant(let name):
            if missing > 0 { tally[name, default: 0] += missing }
            fill = name
        }
        if spec.categoricalImputation == .mode, let mode = fill { tally[mode, default: 0] += missing }
        let n = Double(codes.count)
        let ranked = tally.sorted { a, b in a.value != b.value ? a.value > b.value : a.key < b.key }
        let kept = ranked.filter { Double($0.value) >= spec.rareLevelShare * n }.prefix(spec.maxLevels).map(\.key)
        let keptSet = Set(kept)
        let pooledLevels = ranked.map(\.key).filter { !keptSet.contains($0) }.sorted()
        let pooled = !pooledLevels.isEmpty
        guard kept.count + (pooled ? 1 : 0) >= 2 else {
            if kept.isEmpty && ranked.count > 1 {
                // Thousands of rare levels (postcodes, practice names) would all pool into "other".
                return .dropped("each of its \(ranked.count) levels is held by fewer than \(formatNumber(spec.rareLevelShare * 100))% "
                                + "of rows, so they would all pool into one level; group the levels into fewer, larger "
                                + "ones to use it")
            }
            return .dropped("it has only one level (\(ranked.first?.key ?? ""))")
        }
        if let f = fill, !kept.contains(f) { fill = nil }
        let note = pooled ? "column \"\(column.name)\": \(pooledLevels.count) rare levels pooled into \"other\"" : nil
        return .prepared(PreparedColumn(name: column.name, type: column.type,
                                        encoding: .oneHot(levels: kept, pooledLevels: pooledLevels, fill: fill),
                                        weight: weight, missingIndicator: indicator), note: note)
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

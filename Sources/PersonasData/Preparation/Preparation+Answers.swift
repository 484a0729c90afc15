import PersonasNumerics

/// The prepared columns as answers, one per column and row, with a missing cell left missing:
/// what a latent class model reads instead of the features (which fill a missing cell and spread
/// a level over one-hot columns).
///
/// A categorical column's answer is its level's code among the kept levels, then `other` (every
/// level the preparation does not keep, pooled when fitting or never seen, as the one-hot
/// encoding counts it; no rare level's name is needed); an ordinal column's is its level's rank;
/// a boolean's is 0 or 1 (two levels). A number, integer or date column's answer is its feature
/// without the fill: the same transform, standardisation and weight, so its scale is the one every
/// other method clusters on. Missing is code −1, or NaN.
extension Preparation {
    /// One column's answers.
    public enum Answers: Sendable, Equatable {
        /// Level codes in `0..<count`, −1 for a missing cell.
        case levels(codes: [Int32], count: Int)
        /// Prepared values, NaN for a missing cell.
        case values([Double])
    }

    /// The shape of each column's answers, in column order: the number of levels, or nil for a
    /// value.
    public var answerLevels: [Int?] {
        columns.map { column in
            switch column.encoding {
            case .oneHot(let levels, let other, _): levels.count + (other == nil ? 0 : 1)
            case .ordinal(let levels, _, _, _): levels.count
            case .scaled: column.type == .boolean ? 2 : nil
            }
        }
    }

    /// Each prepared column's answers in `table` (the fitting table or a new one).
    /// - Throws: ``DataError`` for a missing or retyped column, an infinite number, a value the
    ///   column's transform cannot take, an ordinal level the preparation never saw, or a
    ///   categorical one under the ``PreparationSpec/UnseenLevelPolicy/error`` policy when nothing
    ///   was pooled into `other` (under the default policy it is missing, as it sets no one-hot
    ///   feature).
    public func answers(of table: DataTable) throws(DataError) -> [Answers] {
        var out: [Answers] = []
        for prepared in columns {
            guard let column = table[prepared.name] else {
                throw DataError(file: table.source, columnName: prepared.name, kind: .preparation(
                    "the model needs this column, but the file has no column of that name"))
            }
            let field = table.columnIndex(named: column.name).map { $0 + 1 }
            func located(_ row: Int, _ kind: DataError.Kind) -> DataError {
                DataError(file: table.source, line: table.line(ofRow: row), field: field, columnName: column.name, kind: kind)
            }
            let mismatch = DataError(file: table.source, field: field, columnName: column.name, kind: .preparation(
                "was \(prepared.type.rawValue) when the model was prepared, but reads as \(column.type.rawValue) here; "
                + "read the file with the model's schema, or fix the column"))
            switch prepared.encoding {
            case .oneHot, .ordinal:
                guard case .levels(let codes, let tableLevels) = column.values else { throw mismatch }
                // Every level the preparation does not keep goes to `other` when there is one
                // (a categorical column that pooled rare levels), else it is missing (a
                // categorical level, under the default policy) or refused (an ordinal level).
                let (levels, pooled): ([String], Bool) = switch prepared.encoding {
                case .oneHot(let levels, let other, _): (levels, other != nil)
                case .ordinal(let levels, _, _, _): (levels, false)
                case .scaled: ([], false)
                }
                let isOrdinal = prepared.type == .ordinal
                let position = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, Int32($0)) })
                let mapped = tableLevels.map { position[$0] ?? (pooled ? Int32(levels.count) : -1) }
                if let code = tableLevels.indices.first(where: { mapped[$0] < 0 }),
                   isOrdinal || spec.unseenLevels == .error, let row = codes.firstIndex(of: Int32(code)) {
                    throw located(row, .unknownLevel(found: tableLevels[code], known: levels))
                }
                out.append(.levels(codes: codes.map { $0 < 0 ? -1 : mapped[Int($0)] }, count: levels.count + (pooled ? 1 : 0)))
            case .scaled(_, let center, let scale):
                guard case .numbers(var values) = column.values else { throw mismatch }
                if let row = values.firstIndex(where: { $0.isInfinite }) {
                    throw located(row, .nonFiniteValue(found: values[row] > 0 ? "inf" : "-inf"))
                }
                if prepared.type == .boolean {
                    out.append(.levels(codes: values.map { $0.isNaN ? -1 : ($0 == 0 ? 0 : 1) }, count: 2))
                    continue
                }
                if let transform = prepared.transform {
                    try ColumnFitter.transformValues(&values, transform, column: column, table: table)
                }
                // The feature's arithmetic (`ColumnEncoder`), without the fill.
                let weight = prepared.weight
                for i in values.indices where !values[i].isNaN { values[i] = (values[i] - center) / scale * weight }
                if let row = values.firstIndex(where: { $0.isInfinite }) {
                    throw located(row, .preparation("\"\(column.text(atRow: row))\" lies too far from the values the "
                                                    + "preparation was fitted on: its scaled value overflows; check the value"))
                }
                out.append(.values(values))
            }
        }
        return out
    }
}

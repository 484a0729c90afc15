import PersonasNumerics

/// Writes one prepared column's features into the output matrix.
enum ColumnEncoder {
    static func write(
        _ prepared: PreparedColumn, column: Column, table: DataTable, into matrix: inout Matrix<Double>,
        at offset: Int, policy: PreparationSpec.UnseenLevelPolicy, warnings: inout [String]
    ) throws(DataError) {
        let p = matrix.columns
        let n = table.rowCount
        let field = table.columnIndex(named: column.name).map { $0 + 1 }
        func located(_ row: Int, _ kind: DataError.Kind) -> DataError {
            DataError(file: table.source, line: table.line(ofRow: row), field: field, columnName: column.name, kind: kind)
        }
        func mismatch() -> DataError {
            DataError(file: table.source, field: field, columnName: column.name, kind: .preparation(
                "was \(prepared.type.rawValue) when the model was prepared, but reads as \(column.type.rawValue) here; "
                + "read the file with the model's schema, or fix the column"))
        }
        /// A value so far from the fitted center, relative to the fitted scale and weight, that its
        /// feature is not a finite number (possible only with values near the floating-point limits).
        func overflowing(_ text: String) -> DataError.Kind {
            .preparation("\"\(text.isEmpty ? "(missing)" : text)\" lies too far from the values the preparation was fitted "
                         + "on: its scaled feature overflows; check the value or refit on data that includes it")
        }
        let weight = prepared.weight
        let indicatorColumn = prepared.missingIndicator ? offset + prepared.featureCount - 1 : -1

        switch prepared.encoding {
        case .scaled(let fill, let center, let scale):
            guard case .numbers(var values) = column.values else { throw mismatch() }
            if let row = values.firstIndex(where: { $0.isInfinite }) {
                throw located(row, .nonFiniteValue(found: values[row] > 0 ? "inf" : "-inf"))
            }
            if let transform = prepared.transform {
                try ColumnFitter.transformValues(&values, transform, column: column, table: table)
            }
            let overflow = matrix.withUnsafeMutableBufferPointer { out in
                var overflow: Int?
                for i in 0..<n {
                    let v = values[i]
                    let missing = v.isNaN
                    let feature = ((missing ? fill : v) - center) / scale * weight
                    if !feature.isFinite && overflow == nil { overflow = i }
                    out[i * p + offset] = feature
                    if indicatorColumn >= 0 { out[i * p + indicatorColumn] = missing ? weight : 0 }
                }
                return overflow
            }
            if let row = overflow { throw located(row, overflowing(column.text(atRow: row))) }

        case .ordinal(let levels, let fill, let center, let scale):
            guard case .levels(let codes, let tableLevels) = column.values else { throw mismatch() }
            let position = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, Double($0)) })
            var rank = [Double](repeating: .nan, count: tableLevels.count)
            for (code, level) in tableLevels.enumerated() {
                guard let r = position[level] else {
                    let row = codes.firstIndex(of: Int32(code)) ?? 0
                    throw located(row, .unknownLevel(found: level, known: levels))
                }
                rank[code] = r
            }
            let overflow = matrix.withUnsafeMutableBufferPointer { out in
                var overflow: Int?
                for i in 0..<n {
                    let code = codes[i]
                    let missing = code < 0
                    let feature = ((missing ? fill : rank[Int(code)]) - center) / scale * weight
                    if !feature.isFinite && overflow == nil { overflow = i }
                    out[i * p + offset] = feature
                    if indicatorColumn >= 0 { out[i * p + indicatorColumn] = missing ? weight : 0 }
                }
                return overflow
            }
            if let row = overflow { throw located(row, overflowing(column.text(atRow: row))) }

        case .oneHot(let levels, let other, let fill):
            guard case .levels(let codes, let tableLevels) = column.values else { throw mismatch() }
            let position = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, $0) })
            let otherSlot = other == nil ? -1 : levels.count
            // Table level → output slot (-1: no feature set). Every level that is not kept, pooled
            // when fitting or never seen, counts as `other`: the model keeps no rare level's name.
            var slot = [Int](repeating: -1, count: tableLevels.count)
            var isKept = [Bool](repeating: false, count: tableLevels.count)
            for (code, level) in tableLevels.enumerated() {
                if let s = position[level] {
                    slot[code] = s
                    isKept[code] = true
                } else {
                    slot[code] = otherSlot
                }
            }
            let fillSlot = fill.flatMap { position[$0] } ?? -1
            var otherRows = 0
            var firstOtherRow = -1
            matrix.withUnsafeMutableBufferPointer { out in
                for i in 0..<n {
                    let code = codes[i]
                    let base = i * p + offset
                    if code < 0 {
                        if fillSlot >= 0 { out[base + fillSlot] = weight }
                        if indicatorColumn >= 0 { out[i * p + indicatorColumn] = weight }
                        continue
                    }
                    let s = slot[Int(code)]
                    if s >= 0 { out[base + s] = weight }
                    if !isKept[Int(code)] {
                        otherRows += 1
                        if firstOtherRow < 0 { firstOtherRow = i }
                    }
                }
            }
            guard otherRows > 0 else { return }
            if other == nil && policy == .error {
                let level = tableLevels[Int(codes[firstOtherRow])]
                throw located(firstOtherRow, .unknownLevel(found: level, known: levels))
            }
            if let note = OtherLevelShare.warning(column: column.name, rows: otherRows, of: n, fitted: other) {
                warnings.append(note)
            }
        }
    }
}

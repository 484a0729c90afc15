/// Decides each column's type from what the reader saw, and builds its final storage.
///
/// Declared types (from a ``Schema``) are checked, never overridden; a column with the identifier
/// role and no type, or type text, is the identifier. Undeclared columns are
/// inferred with rules an analyst can predict, in this order:
/// - numbers only: 0/1 → boolean; whole numbers in a column named like an identifier and unique
///   per row (90%) → identifier, each value the cell's text as written; whole numbers → integer;
///   otherwise numeric;
/// - text: at most two yes/no-like values → boolean; all ISO dates → date; long, spaced and
///   nearly all distinct → free text (withheld); unique per row (20+ rows, or named like an
///   identifier) → identifier; otherwise categorical.
/// A few stray texts in a column of numbers (under 1% of its values) are an error at the first
/// one, not a silent type change.
enum TypeInference {
    static func column(
        from builder: ColumnBuilder, rowCount: Int, context: borrowing CellContext, lineMap: LineMap,
        warnings: inout [String]
    ) throws(DataError) -> Column {
        let declaration = builder.declaration
        func located(_ sample: CellSample, _ kind: DataError.Kind) -> DataError {
            DataError(file: context.file, line: sample.line, field: builder.field, columnName: builder.name, kind: kind)
        }
        func finish(_ type: ColumnType, _ values: ColumnValues) -> Column {
            var role = declaration?.role ?? (type == .identifier ? .identifier : type.canBeFeature ? .feature : .ignore)
            if role == .feature && !type.canBeFeature { role = .ignore }
            return Column(name: builder.name, type: type, role: role, values: values,
                          displayName: declaration?.displayName, levelLabels: declaration?.labels ?? [:],
                          askable: declaration?.askable ?? true,
                          transform: declaration?.transform, battery: declaration?.battery)
        }

        switch builder.mode {
        case .withheld:
            if declaration?.type == nil {
                warnings.append("column \"\(builder.name)\" looks like free text; its values are not kept "
                                + "and it is never used as a feature")
            }
            return finish(.text, .withheld(count: rowCount))

        case .numbers:
            // The earlier of a stray text and a non-finite number ("inf", "1e999") is reported.
            let exception = builder.firstException, nonFinite = builder.firstNonFinite
            if let first = exception, first.row <= nonFinite?.row ?? Int.max {
                throw located(first, .expectedNumber(found: first.text))
            }
            if let first = nonFinite {
                throw located(first, .nonFiniteValue(found: first.text))
            }
            let numbers = builder.numbers
            switch declaration?.type {
            case .integer?:
                if let bad = builder.firstNonIntegral {
                    throw located(bad, .schema("expected a whole number, found \"\(bad.text)\""))
                }
                return finish(.integer, .numbers(numbers))
            case .numeric?:
                return finish(.numeric, .numbers(numbers))
            default:
                break
            }
            if builder.numericCount > 0 && builder.integral {
                if builder.minimum >= 0 && builder.maximum <= 1 && builder.firstNonFinite == nil {
                    return finish(.boolean, .numbers(numbers))
                }
                // Unique-enough whole numbers in a column named like an identifier name customers:
                // kept as the text of each cell ("00001", "1e3"), which the builder interned.
                if builder.keepsText, builder.interner.count > 0,
                   Double(builder.interner.count) > 0.9 * Double(builder.numericCount) {
                    warnIfNotUnique(builder.name, values: builder.numericCount, distinct: builder.interner.count,
                                    missing: builder.missing, warnings: &warnings)
                    return finish(.identifier, .levels(codes: builder.codes,
                                                       levels: builder.levelStrings(encoding: context.encoding)))
                }
                return finish(.integer, .numbers(numbers))
            }
            if builder.numericCount == 0 {
                warnings.append("column \"\(builder.name)\" has no values")
            }
            return finish(.numeric, .numbers(numbers))

        case .levels:
            var codes = builder.allCodes()
            var levels = builder.levelStrings(encoding: context.encoding)
            if builder.hasNonASCIILevels { mergeEquivalentLevels(&codes, &levels) }
            let nonMissing = rowCount - builder.missing
            func firstRow(of code: Int) -> Int { codes.firstIndex(of: Int32(code)) ?? 0 }
            func sample(code: Int) -> CellSample {
                let row = firstRow(of: code)
                return CellSample(row: row, line: lineMap.line(ofRow: row), text: levels[code])
            }

            if declaration?.readsAsIdentifier == true && declaration?.type != .identifier {
                // The identifier role without the type (or with type text): an identifier, its
                // repeats a warning as for an inferred one.
                warnIfNotUnique(builder.name, values: nonMissing, distinct: levels.count, missing: builder.missing,
                                warnings: &warnings)
                return finish(.identifier, .levels(codes: codes, levels: levels))
            }
            switch declaration?.type {
            case .categorical?:
                return finish(.categorical, .levels(codes: codes, levels: levels))
            case .ordinal?:
                let declared = declaration?.levels ?? []
                let position = Dictionary(uniqueKeysWithValues: declared.enumerated().map { ($1, Int32($0)) })
                var remap = [Int32](repeating: -1, count: levels.count)
                for (code, level) in levels.enumerated() {
                    guard let p = position[level] else {
                        let shown = declared.map { "\"\($0)\"" }.joined(separator: ", ")
                        throw located(sample(code: code), context.modelName.map { model in
                            .modelMismatch("\"\(level)\" is not one of the levels \(model) was fitted with (\(shown)); "
                                           + "use one of them or leave the cell empty")
                        } ?? .unknownLevel(found: level, known: declared))
                    }
                    remap[code] = p
                }
                return finish(.ordinal, .levels(codes: codes.map { $0 < 0 ? -1 : remap[Int($0)] }, levels: declared))
            case .identifier?:
                if let (row, firstRowOfValue) = firstDuplicate(codes, levelCount: levels.count) {
                    let code = Int(codes[row])
                    throw DataError(
                        file: context.file, line: lineMap.line(ofRow: row), field: builder.field, columnName: builder.name,
                        kind: .schema("duplicate identifier \"\(levels[code])\" (first on line "
                                      + "\(lineMap.line(ofRow: firstRowOfValue))); identifiers must be unique"))
                }
                warnIfNotUnique(builder.name, values: levels.count, distinct: levels.count, missing: builder.missing,
                                warnings: &warnings)  // repeats were refused above
                return finish(.identifier, .levels(codes: codes, levels: levels))
            case .boolean?:
                var truth = [Double](repeating: .nan, count: levels.count)
                for (code, level) in levels.enumerated() {
                    guard let value = BooleanWords.value(of: level) else {
                        throw located(sample(code: code), .schema("expected yes/no, true/false, y/n or 1/0, found \"\(level)\""))
                    }
                    truth[code] = value ? 1 : 0
                }
                return finish(.boolean, .numbers(codes.map { $0 < 0 ? .nan : truth[Int($0)] }))
            case .date?:
                return finish(.date, .numbers(try dates(codes, levels) { code in
                    located(sample(code: code), .invalidDate(found: levels[code]))
                }))
            default:
                break
            }

            if !levels.isEmpty && levels.count <= 2 {
                let values = levels.map(BooleanWords.value(of:))
                if values.allSatisfy({ $0 != nil }) && (levels.count == 1 || values[0] != values[1]) {
                    let truth = values.map { $0! ? 1.0 : 0.0 }
                    return finish(.boolean, .numbers(codes.map { $0 < 0 ? .nan : truth[Int($0)] }))
                }
            }
            if !levels.isEmpty && levels.allSatisfy({ CivilDate.parse($0) != nil }) {
                return finish(.date, .numbers(try dates(codes, levels) { code in
                    located(sample(code: code), .invalidDate(found: levels[code]))
                }))
            }
            if builder.looksLikeFreeText {
                warnings.append("column \"\(builder.name)\" looks like free text; its values are not kept "
                                + "and it is never used as a feature")
                return finish(.text, .withheld(count: rowCount))
            }
            let namedLikeIdentifier = IdentifierNames.matches(builder.name)
            if nonMissing > 1 && levels.count == nonMissing && builder.missing == 0
                && (rowCount >= 20 || namedLikeIdentifier) {
                return finish(.identifier, .levels(codes: codes, levels: levels))
            }
            if namedLikeIdentifier && nonMissing > 1 && Double(levels.count) > 0.9 * Double(nonMissing) {
                warnIfNotUnique(builder.name, values: nonMissing, distinct: levels.count, missing: builder.missing,
                                warnings: &warnings)
                return finish(.identifier, .levels(codes: codes, levels: levels))
            }
            let numericLevels = levels.filter { NumberParser.parse(text: $0) != nil }.count
            if levels.count >= 5 && numericLevels * 5 >= levels.count * 4 {
                let examples = levels.filter { NumberParser.parse(text: $0) == nil }.prefix(3)
                    .map { "\"\($0)\"" }.joined(separator: ", ")
                warnings.append("column \"\(builder.name)\" is mostly numbers but reads as categorical because of "
                                + "values such as \(examples); declare it numeric and mark those values missing "
                                + "if they are codes")
            }
            if levels.count > 1000 {
                warnings.append("column \"\(builder.name)\" has \(levels.count) distinct levels; rare levels "
                                + "will be pooled when it is encoded")
            }
            return finish(.categorical, .levels(codes: codes, levels: levels))
        }
    }

    /// Folds levels that are one text in different Unicode forms ("é" as one character, or "e" and a
    /// combining accent: different bytes, equal `String`s) into the spelling seen first, so level
    /// names stay distinct for everything keyed by them, as an analyst reading them would expect.
    static func mergeEquivalentLevels(_ codes: inout [Int32], _ levels: inout [String]) {
        var codeOfLevel: [String: Int32] = [:]
        var merged: [String] = []
        let remap = levels.map { level in
            if let code = codeOfLevel[level] { return code }
            let code = Int32(merged.count)
            codeOfLevel[level] = code
            merged.append(level)
            return code
        }
        guard merged.count < levels.count else { return }
        codes = codes.map { $0 < 0 ? $0 : remap[Int($0)] }
        levels = merged
    }

    private static func dates(
        _ codes: [Int32], _ levels: [String], invalid: (Int) -> DataError
    ) throws(DataError) -> [Double] {
        var days = [Double](repeating: .nan, count: levels.count)
        for (code, level) in levels.enumerated() {
            guard let date = CivilDate.parse(level) else { throw invalid(code) }
            days[code] = Double(date.daysSinceEpoch)
        }
        return codes.map { $0 < 0 ? .nan : days[Int($0)] }
    }

    /// The warnings for an inferred identifier column with repeated or missing values.
    private static func warnIfNotUnique(_ name: String, values: Int, distinct: Int, missing: Int,
                                        warnings: inout [String]) {
        if values > distinct {
            let repeats = values - distinct
            warnings.append("column \"\(name)\" is treated as an identifier but \(repeats) "
                            + (repeats == 1 ? "value repeats" : "values repeat") + "; identifiers should be unique")
        }
        if missing > 0 {
            warnings.append("column \"\(name)\": \(missing) rows have no identifier")
        }
    }

    /// The first row whose value appeared before, with the row where it first appeared.
    private static func firstDuplicate(_ codes: [Int32], levelCount: Int) -> (Int, Int)? {
        var firstSeen = [Int](repeating: -1, count: levelCount)
        for (row, code) in codes.enumerated() where code >= 0 {
            if firstSeen[Int(code)] >= 0 { return (row, firstSeen[Int(code)]) }
            firstSeen[Int(code)] = row
        }
        return nil
    }
}

/// Column names that announce an identifier ("id", "hcp_id", "CustomerID", "account_number").
enum IdentifierNames {
    static let suffixes: Set<String> = ["id", "ids", "key", "uuid", "guid", "npi", "identifier", "number", "no", "num", "code"]

    static func matches(_ name: String) -> Bool {
        words(name).last.map { suffixes.contains($0) } ?? false
    }

    /// Lower-cased words of a name split at non-letters and at lower-to-upper case changes.
    static func words(_ name: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousLower = false
        for ch in name {
            if !(ch.isLetter || ch.isNumber) {
                if !current.isEmpty { words.append(current.lowercased()) }
                current = ""
                previousLower = false
                continue
            }
            if ch.isUppercase && previousLower && !current.isEmpty {
                words.append(current.lowercased())
                current = ""
            }
            current.append(ch)
            previousLower = ch.isLowercase
        }
        if !current.isEmpty { words.append(current.lowercased()) }
        return words
    }
}

/// Words read as booleans.
enum BooleanWords {
    static func value(of text: String) -> Bool? {
        switch text.trimmingSpaces.lowercased() {
        case "true", "yes", "y", "t", "1": true
        case "false", "no", "n", "f", "0": false
        default: nil
        }
    }
}

extension NumberParser {
    /// Parses a whole string (for inference over level names, not per cell).
    static func parse(text: String) -> Double? {
        var text = text
        return text.withUTF8 { parse($0) }
    }
}

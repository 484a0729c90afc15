/// A cell location kept for a later message.
struct CellSample {
    var row: Int
    var line: Int
    var text: String
}

/// Accumulates one column while the file streams past, deciding its storage as it goes.
///
/// A column starts as numbers (unless the schema says otherwise). A value that is neither a
/// number nor a missing marker is an *exception*: a few of them in a numeric column are data
/// errors reported at the end with their line; once they exceed 1% of the values seen, the
/// column is text after all and switches to level codes. Rows read before the switch are
/// recovered by a second pass over just that prefix (``CSVReader``), so the common case pays for
/// one pass and no per-cell `String`. Text that looks like free text (long, with spaces, nearly
/// all distinct) stops being stored at all.
///
/// A column named like an identifier (``IdentifierNames``) also keeps each number's text while it
/// reads numbers: when it turns out to be the identifier, its values are the cells exactly as
/// written (`00001` stays `00001`), and otherwise that text is dropped and the column is the
/// numbers it always was. A column the schema declares an identifier is read as levels from the start.
struct ColumnBuilder {
    enum Mode { case numbers, levels, withheld }

    let name: String
    /// 1-based field number.
    let field: Int
    let declaration: ColumnSchema?
    private(set) var mode: Mode
    /// Whether number cells are also interned (as levels, missing as -1), so that an identifier
    /// read as numbers keeps its exact text. Only while the column reads numbers.
    private(set) var keepsText: Bool

    private(set) var rows = 0
    private(set) var missing = 0

    // Numbers.
    private(set) var numbers: [Double] = []
    private(set) var numericCount = 0
    private(set) var integral = true
    private(set) var minimum = Double.infinity
    private(set) var maximum = -Double.infinity
    private(set) var firstNonFinite: CellSample?
    private(set) var firstNonIntegral: CellSample?
    private(set) var exceptionCount = 0
    private(set) var firstException: CellSample?

    // Levels.
    private(set) var codes: [Int32] = []
    private(set) var interner = ByteInterner()
    /// Rows before `codes[0]`: recovered by the reader's second pass unless all were missing.
    private(set) var prefixRows = 0
    private(set) var prefixAllMissing = true
    private(set) var prefixCodes: [Int32] = []
    private(set) var levelValues = 0
    private var levelsWithSpace = 0
    private var levelBytes = 0
    /// Whether a level has a byte outside ASCII: only then can two levels be the same text in
    /// different Unicode forms (see ``TypeInference``).
    private(set) var hasNonASCIILevels = false

    /// Rows seen by the free-text check.
    static let freeTextCheckpoint = 1000

    init(name: String, field: Int, declaration: ColumnSchema?) {
        self.name = name
        self.field = field
        self.declaration = declaration
        switch declaration?.type {
        case .text?: mode = .withheld
        case .categorical?, .ordinal?, .identifier?, .boolean?, .date?: mode = .levels
        case .numeric?, .integer?, nil: mode = .numbers
        }
        if declaration?.readsAsIdentifier == true { mode = .levels }
        keepsText = mode == .numbers && declaration?.type == nil && IdentifierNames.matches(name)
    }

    var declaredNumeric: Bool { declaration?.type == .numeric || declaration?.type == .integer }

    var needsPrefixPass: Bool { mode == .levels && prefixRows > 0 && !prefixAllMissing }

    mutating func reserve(_ capacity: Int) {
        switch mode {
        case .numbers:
            numbers.reserveCapacity(capacity)
            if keepsText { codes.reserveCapacity(capacity) }
        case .levels: codes.reserveCapacity(capacity)
        case .withheld: break
        }
    }

    /// Adds the cell of row `row` (on `line`): trimmed, unquoted bytes.
    @inline(__always)
    mutating func append(
        _ bytes: UnsafeBufferPointer<UInt8>, row: Int, line: Int, context: borrowing CellContext
    ) throws(DataError) {
        rows += 1
        switch mode {
        case .numbers:
            try appendNumber(bytes, row: row, line: line, context: context)
        case .levels:
            try appendLevel(bytes, line: line, context: context)
        case .withheld:
            if context.missing.matches(bytes) {
                missing += 1
            } else {
                levelValues += 1
            }
        }
    }

    @inline(__always)
    private mutating func appendNumber(
        _ bytes: UnsafeBufferPointer<UInt8>, row: Int, line: Int, context: borrowing CellContext
    ) throws(DataError) {
        let first = bytes.isEmpty ? 0 : bytes[0]
        let startsLikeNumber = first &- 48 <= 9
        if !startsLikeNumber && context.missing.matches(bytes) {
            numbers.append(.nan)
            if keepsText { codes.append(-1) }
            missing += 1
            return
        }
        if let value = NumberParser.parse(bytes, decimal: context.decimal) {
            numbers.append(value)
            // A number is ASCII, so its text needs no UTF-8 check.
            if keepsText { codes.append(interner.intern(bytes).code) }
            numericCount += 1
            if value.isFinite {
                if value < minimum { minimum = value }
                if value > maximum { maximum = value }
                if integral && !ColumnBuilder.isWhole(value) {
                    integral = false
                    firstNonIntegral = CellSample(row: row, line: line, text: context.text(bytes))
                }
            } else if firstNonFinite == nil {
                firstNonFinite = CellSample(row: row, line: line, text: context.text(bytes))
            }
            return
        }
        let sample = CellSample(row: row, line: line, text: context.text(bytes))
        if declaredNumeric {
            throw DataError(file: context.file, line: line, field: field, columnName: name,
                            kind: context.modelName.map { .modelExpectsNumber(found: sample.text, model: $0) }
                                ?? .expectedNumber(found: sample.text))
        }
        exceptionCount += 1
        if firstException == nil { firstException = sample }
        if exceptionCount * 100 > numericCount + exceptionCount {
            switchToLevels(atRow: row)
            try appendLevel(bytes, line: line, context: context)
        } else {
            numbers.append(.nan)
            // A column of numbers with a stray text is an error at the end, so no level is needed.
            if keepsText { codes.append(-1) }
        }
    }

    /// Whether a finite `value` is a whole number, as `value.rounded(.towardZero) == value` but
    /// without a call into libm per cell: at 2^52 and beyond every binary64 value is whole, and
    /// below it the conversion to Int64 truncates exactly.
    @inline(__always)
    static func isWhole(_ value: Double) -> Bool {
        Swift.abs(value) >= 0x1p52 || Double(Int64(value)) == value
    }

    private mutating func switchToLevels(atRow row: Int) {
        if keepsText {
            // The rows so far are read again as levels, like any column's (the second pass).
            keepsText = false
            codes = []
            interner = ByteInterner()
        }
        mode = .levels
        prefixRows = row
        // Only this value was not a number so far: if nothing was a number either, every earlier
        // row was missing and needs no second pass.
        prefixAllMissing = numericCount == 0 && exceptionCount == 1
        if !prefixAllMissing { missing = 0 }
        numbers = []
        codes.reserveCapacity(Swift.max(16, rows))
    }

    @inline(__always)
    private mutating func appendLevel(
        _ bytes: UnsafeBufferPointer<UInt8>, line: Int, context: borrowing CellContext
    ) throws(DataError) {
        if context.missing.matches(bytes) {
            codes.append(-1)
            missing += 1
            return
        }
        codes.append(try intern(bytes, line: line, context: context))
        levelValues += 1
        if levelValues == ColumnBuilder.freeTextCheckpoint && declaration?.type == nil
            && declaration?.readsAsIdentifier != true && looksLikeFreeText {
            mode = .withheld
            codes = []
            interner = ByteInterner()
            prefixCodes = []
        }
    }

    @inline(__always)
    private mutating func intern(
        _ bytes: UnsafeBufferPointer<UInt8>, line: Int, context: borrowing CellContext
    ) throws(DataError) -> Int32 {
        let (code, isNew) = interner.intern(bytes)
        if isNew {
            // One pass for the common all-ASCII level (always valid UTF-8); the standard
            // library's validator, which costs far more per call, only sees the rest.
            var hasSpace = false, orOfBytes: UInt8 = 0
            for byte in bytes {
                orOfBytes |= byte
                if byte == UInt8(ascii: " ") { hasSpace = true }
            }
            let isASCII = orOfBytes < 0x80
            if !isASCII && context.encoding == .utf8 && String(validating: bytes, as: UTF8.self) == nil {
                throw DataError(file: context.file, line: line, field: field, columnName: name, kind: .invalidUTF8)
            }
            levelBytes += bytes.count
            if hasSpace { levelsWithSpace += 1 }
            if !isASCII { hasNonASCIILevels = true }
        }
        return code
    }

    /// Adds a prefix cell during the reader's second pass.
    mutating func appendPrefix(
        _ bytes: UnsafeBufferPointer<UInt8>, line: Int, context: borrowing CellContext
    ) throws(DataError) {
        if context.missing.matches(bytes) {
            prefixCodes.append(-1)
            missing += 1
        } else {
            prefixCodes.append(try intern(bytes, line: line, context: context))
            levelValues += 1
        }
    }

    /// Long, spaced, nearly all distinct: notes or comments rather than categories.
    var looksLikeFreeText: Bool {
        let distinct = interner.count
        guard distinct >= 10, levelValues > 0 else { return false }
        let averageLength = Double(levelBytes) / Double(distinct)
        return Double(distinct) > 0.5 * Double(levelValues)
            && averageLength >= 25
            && Double(levelsWithSpace) >= 0.5 * Double(distinct)
    }

    /// The codes for every row, prefix included.
    func allCodes() -> [Int32] {
        if prefixRows == 0 { return codes }
        let prefix = prefixAllMissing ? [Int32](repeating: -1, count: prefixRows) : prefixCodes
        return prefix + codes
    }

    /// The level strings in code order.
    func levelStrings(encoding: CSVOptions.TextEncoding) -> [String] {
        (0..<interner.count).map { code in
            let bytes = interner.bytes(code)
            switch encoding {
            case .utf8: return String(decoding: bytes, as: UTF8.self)
            case .latin1: return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
            }
        }
    }
}

/// What every cell of a file shares: missing markers, decimal separator, encoding, file name.
struct CellContext: ~Copyable {
    let file: String
    let missing: MissingMarkers
    let decimal: UInt8
    let encoding: CSVOptions.TextEncoding
    /// The saved model the declared types come from, if they do (``Schema/modelName``).
    var modelName: String? = nil

    /// A cell's text for a message (lossy for invalid UTF-8, clipped when long).
    func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let clipped = UnsafeBufferPointer(rebasing: bytes[0..<Swift.min(bytes.count, 80)])
        let text: String
        switch encoding {
        case .utf8: text = String(decoding: clipped, as: UTF8.self)
        case .latin1: text = String(String.UnicodeScalarView(clipped.map { Unicode.Scalar($0) }))
        }
        return bytes.count > 80 ? text + "…" : text
    }
}

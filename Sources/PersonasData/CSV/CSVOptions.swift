/// How to read a delimited text file.
public struct CSVOptions: Sendable {
    /// The field delimiter; nil detects `,`, `;` or tab from the header line.
    public var delimiter: UInt8?
    /// Cell texts that mean "missing", compared without regard to case (and after trimming spaces).
    public var missingValues: [String]
    /// The character encoding of the file.
    public var encoding: TextEncoding
    /// The decimal separator in numbers; nil uses `.`, or `,` for `;`-delimited files whose
    /// numbers are written with decimal commas.
    public var decimalSeparator: UInt8?
    /// Declared column types, roles and labels; columns it does not name are inferred.
    public var schema: Schema?
    /// The type of every column the schema does not declare; nil infers each one. A file of
    /// labels is read with `.categorical`: every cell is then kept as the text it is written as
    /// (`0` and `1` stay labels, never booleans or numbers).
    public var undeclaredType: ColumnType?
    /// Bytes read per block. Records longer than a block grow it; tune only for tests.
    public var blockSize: Int

    /// The default missing-value markers.
    public static let defaultMissingValues = ["", "NA", "N/A", "null", "NaN"]

    public init(
        delimiter: UInt8? = nil, missingValues: [String] = CSVOptions.defaultMissingValues,
        encoding: TextEncoding = .utf8, decimalSeparator: UInt8? = nil, schema: Schema? = nil,
        undeclaredType: ColumnType? = nil, blockSize: Int = 1 << 22
    ) {
        self.delimiter = delimiter
        self.missingValues = missingValues
        self.encoding = encoding
        self.decimalSeparator = decimalSeparator
        self.schema = schema
        self.undeclaredType = undeclaredType
        self.blockSize = blockSize
    }

    /// Character encodings the reader accepts.
    public enum TextEncoding: String, Sendable, CaseIterable {
        /// UTF-8 (with or without a byte-order mark); invalid sequences are errors.
        case utf8
        /// ISO 8859-1 (Latin-1), as old spreadsheet exports write it: every byte is a character.
        case latin1
    }
}

/// Matches cells against the missing-value markers without allocating.
struct MissingMarkers {
    /// Lower-cased marker bytes, excluding the empty marker.
    private let markers: [[UInt8]]
    private let maxLength: Int
    let emptyIsMissing: Bool
    /// Bit `n` is set when a marker is `n` bytes long (`n` < 64): most cells are refused on their
    /// length alone.
    private let lengths: UInt64
    /// The markers of at most 8 bytes packed little-endian into a word, and their lengths: the
    /// common markers ("NA", "null") compare as one word each, with no array per marker.
    private let packedMarkers: [UInt64]
    private let packedLengths: [Int]

    init(_ values: [String]) {
        let trimmed = values.map { $0.trimmingSpaces }
        emptyIsMissing = trimmed.contains("")
        markers = trimmed.filter { !$0.isEmpty }.map { Array($0.lowercased().utf8) }
        maxLength = markers.map(\.count).max() ?? 0
        lengths = markers.reduce(0) { $1.count < 64 ? $0 | (1 << UInt64($1.count)) : $0 }
        let short = markers.filter { $0.count <= 8 }
        packedMarkers = short.map { marker in
            marker.enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        }
        packedLengths = short.map(\.count)
    }

    @inline(__always)
    func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = bytes.count
        if n == 0 { return emptyIsMissing }
        if n > maxLength { return false }
        if n < 64 && lengths & (1 << UInt64(n)) == 0 { return false }
        if n <= 8 {
            var word: UInt64 = 0
            for k in 0..<n {
                let b = bytes[k]
                word |= UInt64((b >= 65 && b <= 90) ? b | 0x20 : b) << (8 * UInt64(k))
            }
            for j in packedMarkers.indices where packedMarkers[j] == word && packedLengths[j] == n { return true }
            return false
        }
        for marker in markers where marker.count == n {
            var equal = true
            for k in 0..<n {
                let b = bytes[k]
                let lower = (b >= 65 && b <= 90) ? b | 0x20 : b
                if lower != marker[k] {
                    equal = false
                    break
                }
            }
            if equal { return true }
        }
        return false
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}

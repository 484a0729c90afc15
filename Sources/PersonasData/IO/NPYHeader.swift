/// The header of a NumPy `.npy` file: what the array holds and where its bytes start.
///
/// The format (https://numpy.org/neps/nep-0001-npy-format.html) is a magic string, a version, a
/// little-endian header length and a Python dict literal such as
/// `{'descr': '<f8', 'fortran_order': False, 'shape': (1000, 32), }`, padded with spaces to a
/// multiple of 64 bytes; the raw array bytes follow. The dict is parsed by a small hand-written
/// parser that accepts exactly this literal syntax and nothing else (no Python evaluation).
public struct NPYHeader: Sendable, Equatable, CustomStringConvertible {
    /// The format version: 1.0 (16-bit header length), 2.0 (32-bit) or 3.0 (32-bit, UTF-8 header).
    public struct Version: Sendable, Equatable, CustomStringConvertible {
        public var major: Int
        public var minor: Int

        public init(major: Int, minor: Int) {
            self.major = major
            self.minor = minor
        }

        public var description: String { "\(major).\(minor)" }
    }

    /// The format version of the file.
    public var version: Version
    /// The dtype as NumPy describes it: a type string such as `<f8` or `|b1`, or for a structured
    /// array the Python list literal as written (`[('x', '<f8'), ('y', '<i4')]`).
    public var descr: String
    /// Whether the data are stored column by column (Fortran order) rather than row by row.
    public var fortranOrder: Bool
    /// The array's dimensions; `[]` for a 0-dimensional array.
    public var shape: [Int]
    /// The byte offset of the first data byte (the header's total length).
    public var dataOffset: Int

    public init(version: Version, descr: String, fortranOrder: Bool, shape: [Int], dataOffset: Int) {
        self.version = version
        self.descr = descr
        self.fortranOrder = fortranOrder
        self.shape = shape
        self.dataOffset = dataOffset
    }

    public var description: String {
        "NPY \(version): dtype '\(descr)', shape \(NPYHeader.pythonTuple(shape))"
            + (fortranOrder ? ", Fortran order" : "") + ", data at byte \(dataOffset)"
    }

    /// Whether `descr` came from a list literal (a structured dtype) rather than a type string.
    var isStructured = false

    /// The six bytes every `.npy` file starts with.
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // "\x93NUMPY"

    /// A shape the way Python prints a tuple: `()`, `(5,)`, `(3, 4)`.
    static func pythonTuple(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }
}

// MARK: - Element types

/// The element types Personas reads: NumPy's float32, float64, the eight integer types and bool,
/// in either byte order.
struct NPYElementType: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case float32, float64, int8, int16, int32, int64, uint8, uint16, uint32, uint64, bool
    }

    var kind: Kind
    /// Whether multi-byte elements are stored most significant byte first.
    var bigEndian: Bool

    /// Bytes per element.
    var size: Int {
        switch kind {
        case .int8, .uint8, .bool: 1
        case .int16, .uint16: 2
        case .float32, .int32, .uint32: 4
        case .float64, .int64, .uint64: 8
        }
    }

    /// The supported types, named in error messages.
    static let supportedList = "float32, float64, integer or bool"

    /// Parses a type string such as `<f8`, `>i2`, `|u1` or `|b1`; nil when it is not supported.
    ///
    /// Multi-byte types must state their byte order (`<` or `>`, as NumPy always writes them);
    /// single-byte types may use any order character.
    init?(descr: String) {
        let scalars = Array(descr.unicodeScalars)
        guard scalars.count >= 3, scalars[2...].allSatisfy({ ("0"..."9").contains($0) }),
              let size = Int(String(String.UnicodeScalarView(scalars[2...])))
        else { return nil }
        switch (scalars[1], size) {
        case ("f", 4): kind = .float32
        case ("f", 8): kind = .float64
        case ("i", 1): kind = .int8
        case ("i", 2): kind = .int16
        case ("i", 4): kind = .int32
        case ("i", 8): kind = .int64
        case ("u", 1): kind = .uint8
        case ("u", 2): kind = .uint16
        case ("u", 4): kind = .uint32
        case ("u", 8): kind = .uint64
        case ("b", 1): kind = .bool
        default: return nil
        }
        switch scalars[0] {
        case "<": bigEndian = false
        case ">": bigEndian = true
        case "|", "=":
            guard size == 1 else { return nil }
            bigEndian = false
        default: return nil
        }
    }
}

// MARK: - Header dict parser

/// A parse failure, turned into an ``NPYError`` with the file's path by the caller.
struct NPYHeaderSyntaxError: Error {
    var message: String
}

/// Parses the header dict literal: `{'descr': <str or list>, 'fortran_order': <bool>,
/// 'shape': <tuple of int>}` with any key order, whitespace and trailing commas.
///
/// Values follow Python literal syntax restricted to what NumPy writes: quoted strings, decimal
/// integers (a Python 2 `L` suffix is tolerated), `True`, `False`, tuples and lists of these.
struct NPYHeaderParser {
    /// A parsed literal.
    enum Value {
        case string(String)
        case integer(Int)
        case bool(Bool)
        case tuple([Value])
        case list([Value])
    }

    private let text: [Unicode.Scalar]
    private var position = 0

    init(_ text: String) {
        self.text = Array(text.unicodeScalars)
    }

    /// The three fields of the dict, checked for type; `descr` is the raw literal for a list.
    static func parse(_ text: String) throws(NPYHeaderSyntaxError)
        -> (descr: String, isStructured: Bool, fortranOrder: Bool, shape: [Int])
    {
        var parser = NPYHeaderParser(text)
        let entries = try parser.parseDict()
        var descr: (String, Bool)?, fortranOrder: Bool?, shape: [Int]?
        for (key, value, source) in entries {
            switch (key, value) {
            case ("descr", .string(let s)): descr = (s, false)
            case ("descr", .list): descr = (source, true)
            case ("descr", _):
                throw NPYHeaderSyntaxError(message: "'descr' must be a string or a list, found \(source)")
            case ("fortran_order", .bool(let b)): fortranOrder = b
            case ("fortran_order", _):
                throw NPYHeaderSyntaxError(message: "'fortran_order' must be True or False, found \(source)")
            case ("shape", .tuple(let items)):
                var dims: [Int] = []
                for item in items {
                    guard case .integer(let n) = item, n >= 0 else {
                        throw NPYHeaderSyntaxError(
                            message: "'shape' must be a tuple of non-negative integers, found \(source)")
                    }
                    dims.append(n)
                }
                shape = dims
            case ("shape", _):
                throw NPYHeaderSyntaxError(message: "'shape' must be a tuple such as (n, d) or (n,), found \(source)")
            default:
                throw NPYHeaderSyntaxError(
                    message: "unexpected key '\(key)' (expected exactly 'descr', 'fortran_order' and 'shape')")
            }
        }
        guard let descr, let fortranOrder, let shape else {
            let present = Set(entries.map(\.key))
            let missing = ["descr", "fortran_order", "shape"].filter { !present.contains($0) }
            throw NPYHeaderSyntaxError(message: (missing.count == 1 ? "missing key " : "missing keys ")
                + missing.map { "'\($0)'" }.joined(separator: ", "))
        }
        return (descr.0, descr.1, fortranOrder, shape)
    }

    private mutating func parseDict() throws(NPYHeaderSyntaxError) -> [(key: String, value: Value, source: String)] {
        skipWhitespace()
        try expect("{")
        var entries: [(key: String, value: Value, source: String)] = []
        while true {
            skipWhitespace()
            if consume("}") { break }
            guard position < text.count, text[position] == "'" || text[position] == "\"" else {
                throw failure("expected a quoted key")
            }
            let key = try parseString()
            if entries.contains(where: { $0.key == key }) { throw failure("duplicate key '\(key)'") }
            skipWhitespace()
            try expect(":")
            let (value, source) = try parseValue()
            entries.append((key, value, source))
            skipWhitespace()
            if consume("}") { break }
            try expect(",")
        }
        skipWhitespace()
        guard position == text.count else { throw failure("unexpected text after the closing '}'") }
        return entries
    }

    private mutating func parseValue() throws(NPYHeaderSyntaxError) -> (value: Value, source: String) {
        skipWhitespace()
        let start = position
        let value: Value
        guard position < text.count else { throw failure("unexpected end of header") }
        switch text[position] {
        case "'", "\"": value = .string(try parseString())
        case "(":
            position += 1
            let (items, trailingComma) = try parseSequence(closing: ")")
            // `(3)` is a parenthesised 3 in Python, not a tuple.
            if items.count == 1 && !trailingComma { value = items[0] } else { value = .tuple(items) }
        case "[":
            position += 1
            value = .list(try parseSequence(closing: "]").items)
        case "0"..."9", "-", "+": value = .integer(try parseInteger())
        default:
            if consumeWord("True") {
                value = .bool(true)
            } else if consumeWord("False") {
                value = .bool(false)
            } else {
                throw failure("expected a value")
            }
        }
        return (value, String(String.UnicodeScalarView(text[start..<position])))
    }

    /// The items up to `closing` (already past the opener), and whether a comma followed the last.
    private mutating func parseSequence(closing: Unicode.Scalar) throws(NPYHeaderSyntaxError)
        -> (items: [Value], trailingComma: Bool)
    {
        var items: [Value] = []
        var trailingComma = false
        while true {
            skipWhitespace()
            if consume(closing) { return (items, trailingComma) }
            items.append(try parseValue().value)
            skipWhitespace()
            if consume(closing) { return (items, false) }
            try expect(",")
            trailingComma = true
        }
    }

    private mutating func parseString() throws(NPYHeaderSyntaxError) -> String {
        let quote = text[position]
        position += 1
        var result = String.UnicodeScalarView()
        while position < text.count {
            let c = text[position]
            position += 1
            if c == quote { return String(result) }
            if c == "\\" {
                guard position < text.count else { break }
                result.append(text[position])
                position += 1
            } else if c == "\n" {
                break
            } else {
                result.append(c)
            }
        }
        throw failure("unterminated string")
    }

    private mutating func parseInteger() throws(NPYHeaderSyntaxError) -> Int {
        let start = position
        var negative = false
        if text[position] == "-" || text[position] == "+" {
            negative = text[position] == "-"
            position += 1
        }
        var value = 0
        var digits = 0
        while position < text.count, ("0"..."9").contains(text[position]) {
            let digit = Int(text[position].value - 48)
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(digit)
            guard !o1, !o2 else {
                position = start
                throw failure("integer too large")
            }
            value = sum
            digits += 1
            position += 1
        }
        guard digits > 0 else {
            position = start
            throw failure("expected digits")
        }
        if position < text.count, text[position] == "L" || text[position] == "l" { position += 1 }  // Python 2
        return negative ? -value : value
    }

    private mutating func skipWhitespace() {
        while position < text.count, [" ", "\t", "\n", "\r"].contains(text[position]) { position += 1 }
    }

    private mutating func consume(_ c: Unicode.Scalar) -> Bool {
        guard position < text.count, text[position] == c else { return false }
        position += 1
        return true
    }

    private mutating func consumeWord(_ word: String) -> Bool {
        let scalars = Array(word.unicodeScalars)
        guard position + scalars.count <= text.count, Array(text[position..<(position + scalars.count)]) == scalars
        else { return false }
        let end = position + scalars.count
        if end < text.count, text[end].properties.isAlphabetic || text[end] == "_" { return false }
        position = end
        return true
    }

    private mutating func expect(_ c: Unicode.Scalar) throws(NPYHeaderSyntaxError) {
        guard consume(c) else { throw failure("expected '\(c)'") }
    }

    /// An error that quotes the header around the current position.
    private func failure(_ what: String) -> NPYHeaderSyntaxError {
        let found: String
        if position >= text.count {
            found = "the end of the header"
        } else {
            let snippet = String(String.UnicodeScalarView(text[position..<min(text.count, position + 20)]))
            let trimmed = snippet.trimmingSuffix { $0 == " " || $0 == "\n" }
            found = trimmed.isEmpty ? "only padding" : "\"\(trimmed.debugEscaped)\""
        }
        return NPYHeaderSyntaxError(message: "\(what) at character \(position + 1), found \(found)")
    }
}

extension String {
    /// The text without the trailing characters that match `predicate`.
    fileprivate func trimmingSuffix(while predicate: (Character) -> Bool) -> String {
        var result = self
        while let last = result.last, predicate(last) { result.removeLast() }
        return result
    }

    /// The text with control characters and quotes escaped, for quoting in messages.
    fileprivate var debugEscaped: String {
        String(String.UnicodeScalarView(unicodeScalars.flatMap { c -> [Unicode.Scalar] in
            c.isASCII && (c.value < 0x20 || c == "\"") ? Array(c.escaped(asASCII: true).unicodeScalars) : [c]
        }))
    }
}

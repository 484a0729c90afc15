/// The bytes of one field within the current block.
struct FieldSpan {
    var start: Int
    var end: Int
    /// The field was quoted (its bytes exclude the quotes).
    var quoted: Bool
    /// The field contains doubled quotes that must be collapsed.
    var hasEscapedQuotes: Bool
}

/// A malformed record, located within the file (the reader adds the file name).
struct TokenizerError: Error {
    enum Kind { case unterminatedQuote, unexpectedAfterQuote(UInt8) }
    var kind: Kind
    var line: Int
    var field: Int
}

/// An RFC 4180 record splitter over a block of bytes: the CSV reader's inner state machine.
///
/// Accepts `,` `;` or tab delimiters, quoted fields with doubled quotes and embedded newlines, and
/// LF, CRLF or CR line ends. A record that runs past the end of the block is left for the next
/// block (``Step/needMore``), so the reader streams a file of any size through a fixed buffer.
/// Lines are counted as physical lines, so errors point where an editor shows the text.
struct CSVTokenizer {
    enum Step: Equatable {
        /// A record was split and its fields appended to `fields`; it starts on `line`.
        case record(line: Int)
        /// An empty line, skipped.
        case blank
        /// The record continues past the block; read more and call again from the same position.
        case needMore
        /// No more input.
        case end
    }

    let delimiter: UInt8
    /// The physical line at the current position.
    var line: Int = 1

    private static let quote = UInt8(ascii: "\"")
    private static let lf = UInt8(ascii: "\n")
    private static let cr = UInt8(ascii: "\r")

    init(delimiter: UInt8) {
        self.delimiter = delimiter
    }

    /// Splits the record starting at `position`, advancing `position` past it, and appends its
    /// fields to `fields` (the reader tokenizes a whole block of records into one array, with no
    /// copy per record). `fields` is left as it was unless the step is a ``Step/record(line:)``
    /// (or an error).
    @inline(__always)
    mutating func next(
        _ buffer: UnsafeBufferPointer<UInt8>, _ position: inout Int, atEOF: Bool, fields: inout [FieldSpan]
    ) throws(TokenizerError) -> Step {
        let firstField = fields.count
        let step = try split(buffer, &position, atEOF: atEOF, fields: &fields, firstField: firstField)
        if case .record = step { return step }
        if fields.count > firstField { fields.removeLast(fields.count - firstField) }
        return step
    }

    private mutating func split(
        _ buffer: UnsafeBufferPointer<UInt8>, _ position: inout Int, atEOF: Bool, fields: inout [FieldSpan],
        firstField: Int
    ) throws(TokenizerError) -> Step {
        let n = buffer.count
        var i = position
        if i >= n { return atEOF ? .end : .needMore }
        guard let p = buffer.baseAddress else { return atEOF ? .end : .needMore }
        let startLine = line
        let delimiter = self.delimiter

        while true {
            if i < n && p[i] == CSVTokenizer.quote {
                let openedOn = line
                i += 1
                let fieldStart = i
                var escaped = false
                while true {
                    while i < n && p[i] != CSVTokenizer.quote {
                        if p[i] == CSVTokenizer.lf { line += 1 }
                        i += 1
                    }
                    if i >= n {
                        if atEOF {
                            throw TokenizerError(kind: .unterminatedQuote, line: openedOn, field: fields.count - firstField + 1)
                        }
                        line = startLine
                        return .needMore
                    }
                    if i + 1 < n {
                        if p[i + 1] == CSVTokenizer.quote {
                            escaped = true
                            i += 2
                            continue
                        }
                    } else if !atEOF {
                        line = startLine
                        return .needMore
                    }
                    break
                }
                fields.append(FieldSpan(start: fieldStart, end: i, quoted: true, hasEscapedQuotes: escaped))
                i += 1
                // Spaces between a closing quote and the delimiter are tolerated.
                while i < n && (p[i] == UInt8(ascii: " ") || (p[i] == UInt8(ascii: "\t") && delimiter != UInt8(ascii: "\t"))) {
                    i += 1
                }
                if i >= n {
                    if !atEOF {
                        line = startLine
                        return .needMore
                    }
                    position = i
                    return .record(line: startLine)
                }
                let c = p[i]
                if c == delimiter {
                    i += 1
                    continue
                }
                if c == CSVTokenizer.lf || c == CSVTokenizer.cr {
                    guard let after = lineEnd(p, n, i, atEOF: atEOF) else {
                        line = startLine
                        return .needMore
                    }
                    line += 1
                    position = after
                    return .record(line: startLine)
                }
                throw TokenizerError(kind: .unexpectedAfterQuote(c), line: line, field: fields.count - firstField)
            } else {
                let fieldStart = i
                i = unquotedFieldEnd(p, n, i)
                if i >= n && !atEOF {
                    line = startLine
                    return .needMore
                }
                fields.append(FieldSpan(start: fieldStart, end: i, quoted: false, hasEscapedQuotes: false))
                if i >= n {
                    position = i
                    return .record(line: startLine)
                }
                if p[i] == delimiter {
                    i += 1
                    continue
                }
                guard let after = lineEnd(p, n, i, atEOF: atEOF) else {
                    line = startLine
                    return .needMore
                }
                line += 1
                position = after
                if fields.count - firstField == 1 && fieldStart == i { return .blank }
                return .record(line: startLine)
            }
        }
    }

    /// The first position at or after `start` holding the delimiter, LF or CR, or `n`.
    ///
    /// Eight bytes per step while eight remain (fields are short, so usually one step): a byte of
    /// `word ^ broadcast(c)` is zero where the byte equals `c`, and `(x - 0x01…) & ~x & 0x80…` sets
    /// the top bit of each zero byte of `x`. Borrows can also flag bytes *above* a zero byte, never
    /// below one, so the lowest flag of the three masks together is the first match.
    @inline(__always)
    private func unquotedFieldEnd(_ p: UnsafePointer<UInt8>, _ n: Int, _ start: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let delimiters = ones &* UInt64(delimiter)
        let lfs = ones &* UInt64(CSVTokenizer.lf), crs = ones &* UInt64(CSVTokenizer.cr)
        @inline(__always) func zeroBytes(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        var i = start
        // Audited kernel: an unaligned 8-byte load, only while `i + 8 <= n` (inside the buffer).
        let raw = UnsafeRawPointer(p)
        while i + 8 <= n {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            let flags = zeroBytes(word ^ delimiters) | zeroBytes(word ^ lfs) | zeroBytes(word ^ crs)
            if flags != 0 { return i + flags.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < n {
            let c = p[i]
            if c == delimiter || c == CSVTokenizer.lf || c == CSVTokenizer.cr { return i }
            i += 1
        }
        return n
    }

    /// The position after the line end at `i` (LF, CRLF or a lone CR), or nil when a CR ends the
    /// block and the next block might start with its LF.
    @inline(__always)
    private func lineEnd(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int, atEOF: Bool) -> Int? {
        if p[i] == CSVTokenizer.lf { return i + 1 }
        if i + 1 < n { return p[i + 1] == CSVTokenizer.lf ? i + 2 : i + 1 }
        return atEOF ? i + 1 : nil
    }
}

import Foundation

/// Clear descriptions of why JSON bytes do not load: where the text stops being JSON (or that the
/// file is empty or cut short), or the key path of the value that is wrong.
///
/// Foundation's own messages ("The data isn't in the correct format.") name neither, and every loader
/// of a saved file (schema, preparation, model, typing tool) needs both to point an analyst at the fix.
/// `JSONSerialization` gives a byte offset ("… around character 33."), turned here into a line and
/// column.
public enum JSONDiagnostics {
    /// Why and where bytes stop being JSON.
    public struct SyntaxError: Sendable, Equatable, CustomStringConvertible {
        public enum Kind: Sendable, Equatable {
            /// Nothing but white space.
            case empty
            /// The text opens a value that never closes: a copy cut short, a disk that filled up.
            case truncated
            /// Text that is not JSON at `line`, `column`.
            case invalid
        }

        public var kind: Kind
        /// 1-based line: of the error, or the last line of a truncated file.
        public var line: Int
        /// 1-based byte column within the line.
        public var column: Int

        public var description: String {
            switch kind {
            case .empty: "the file is empty"
            case .truncated: "the file ends before its JSON does (after line \(line)): it looks truncated"
            case .invalid: "line \(line), column \(column): not valid JSON"
            }
        }
    }

    /// Where `data` stops being JSON, or nil when it parses.
    public static func syntaxError(in data: Data) -> SyntaxError? {
        let detail: String
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
        }
        let bytes = [UInt8](data)
        guard let firstVisible = bytes.first(where: { !isSpace($0) }) else {
            return SyntaxError(kind: .empty, line: 1, column: 1)
        }
        let lastVisible = bytes.last { !isSpace($0) }
        let opened = firstVisible == UInt8(ascii: "{") || firstVisible == UInt8(ascii: "[")
        let closed = lastVisible == UInt8(ascii: "}") || lastVisible == UInt8(ascii: "]")
        if detail.contains("end of file") || (opened && !closed) {
            let end = position(of: bytes.count, in: bytes)
            return SyntaxError(kind: .truncated, line: end.line, column: end.column)
        }
        // Without an offset the parser ran out of input: the place is the end.
        let offset = characterOffset(in: detail).map { min(max($0, 0), bytes.count) } ?? bytes.count
        let place = position(of: offset, in: bytes)
        return SyntaxError(kind: .invalid, line: place.line, column: place.column)
    }

    /// A decoding error in one phrase: a syntax error with its line and column, or the key path
    /// ("centers.elements[3]") and what is wrong there.
    public static func describe(_ error: any Error, in data: Data) -> String {
        syntaxError(causing: error, in: data)?.description ?? describe(error)
    }

    /// Where `data` stops being JSON when that is why decoding it failed with `error` (a
    /// top-level corruption), or nil for any other failure. Asked only after a decoder fails:
    /// JSONDecoder accepts some text (a number with a leading zero) that the parser finding the
    /// line and column refuses.
    public static func syntaxError(causing error: any Error, in data: Data) -> SyntaxError? {
        guard let error = error as? DecodingError, case .dataCorrupted(let context) = error,
              context.codingPath.isEmpty else { return nil }
        return syntaxError(in: data)
    }

    /// A decoding error as its key path and what is wrong there ("centers.elements[3]: Expected to
    /// decode Double but found a string instead"); other errors as they describe themselves.
    public static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? "top level" : String(text.drop { $0 == "." })
        }
        switch error {
        case .dataCorrupted(let context): return "\(path(context.codingPath)): \(context.debugDescription)"
        case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])): required key is missing"
        case .typeMismatch(_, let context): return "\(path(context.codingPath)): \(context.debugDescription)"
        case .valueNotFound(_, let context): return "\(path(context.codingPath)): value is missing"
        @unknown default: return "\(error)"
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\t")
    }

    /// N in Foundation's "… around character N." (a 0-based byte offset).
    private static func characterOffset(in detail: String) -> Int? {
        guard let range = detail.range(of: "character ") else { return nil }
        return Int(detail[range.upperBound...].prefix { $0.isNumber })
    }

    /// The 1-based line and column of byte `offset`.
    private static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1, lineStart = 0
        for (index, byte) in bytes.prefix(offset).enumerated() where byte == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        return (line, offset - lineStart + 1)
    }
}

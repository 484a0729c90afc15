import Foundation

/// Clear descriptions of why JSON bytes do not load: the line and column where the text stops being
/// JSON, or the key path of the value that is wrong.
///
/// Foundation's own messages ("The data isn't in the correct format.") name neither, and every loader
/// of a saved file (schema, preparation, model, typing tool) needs both to point an analyst at the fix.
public enum JSONDiagnostics {
    /// Where and why bytes stop being JSON.
    public struct SyntaxError: Sendable, Equatable, CustomStringConvertible {
        /// 1-based line.
        public var line: Int
        /// 1-based byte column within the line.
        public var column: Int
        /// The parser's reason ("Invalid value", "Unexpected end of file during JSON parse").
        public var reason: String

        public var description: String { "line \(line), column \(column): \(reason)" }
    }

    /// Where `data` stops being JSON, or nil when it parses.
    public static func syntaxError(in data: Data) -> SyntaxError? {
        let reason: String
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch let error as NSError {
            reason = (error.userInfo[NSDebugDescriptionErrorKey] as? String) ?? error.localizedDescription
        }
        // Foundation reports a byte offset ("Invalid value around character 33."); without one the
        // parser ran out of input, so the place is the end.
        var offset = data.count
        var text = reason
        if let range = reason.range(of: " around character ") {
            let digits = reason[range.upperBound...].prefix { $0.isNumber }
            if let value = Int(digits) { offset = min(max(value, 0), data.count) }
            text = String(reason[..<range.lowerBound])
        }
        if text.hasSuffix(".") { text.removeLast() }
        var line = 1, lineStart = 0
        for (index, byte) in data.prefix(offset).enumerated() where byte == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        return SyntaxError(line: line, column: offset - lineStart + 1, reason: text)
    }

    /// A decoding error in one phrase: a syntax error with its line and column, or the key path
    /// ("centers.elements[3]") and what is wrong there.
    public static func describe(_ error: any Error, in data: Data) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? "top level" : String(text.drop { $0 == "." })
        }
        switch error {
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty, let syntax = syntaxError(in: data) { return syntax.description }
            return "\(path(context.codingPath)): \(context.debugDescription)"
        case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])): required key is missing"
        case .typeMismatch(_, let context): return "\(path(context.codingPath)): \(context.debugDescription)"
        case .valueNotFound(_, let context): return "\(path(context.codingPath)): value is missing"
        @unknown default: return "\(error)"
        }
    }
}

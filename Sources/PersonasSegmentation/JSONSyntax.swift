import Foundation

/// Where a saved JSON file stops being JSON, said for people: "line 12, column 7: …", or that
/// the file ends too early (a copy cut short, a disk that filled up).
///
/// `JSONDecoder` reports a syntax error only as "not valid JSON"; `JSONSerialization` gives the
/// byte offset, which is turned into a line and column here.
enum JSONSyntax {
    /// nil when `data` parses as JSON, otherwise what is wrong and where.
    static func problem(in data: Data) -> String? {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
            let bytes = [UInt8](data)
            guard let firstVisible = bytes.first(where: { !isSpace($0) }) else { return "the file is empty" }
            let lastVisible = bytes.last { !isSpace($0) }
            let opened = firstVisible == UInt8(ascii: "{") || firstVisible == UInt8(ascii: "[")
            if detail.contains("end of file") || (opened && lastVisible != UInt8(ascii: "}") && lastVisible != UInt8(ascii: "]")) {
                return "the file ends before its JSON does (after line \(position(of: bytes.count, in: bytes).line)): "
                    + "it looks truncated"
            }
            if let offset = characterOffset(in: detail), offset <= bytes.count {
                let (line, column) = position(of: offset, in: bytes)
                return "line \(line), column \(column): not valid JSON"
            }
            return "not valid JSON" + (detail.isEmpty ? "" : " (\(detail))")
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
        var line = 1, column = 1
        for byte in bytes.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}

import Foundation
import PersonasData

/// The JSON of a typing-tool file, for either method: how it is written, and the keys a loader
/// reads before decoding it (its layout version and its method: absent for a tree, "lda" for a
/// points sheet).
enum TypingToolJSON {
    struct Header: Decodable {
        var formatVersion: Int?
        var method: String?

        /// Refuses a file without a version or with another version than `current`.
        func requireVersion(_ current: Int) throws(TypingToolError) {
            guard let formatVersion else { throw .invalidTree("no formatVersion field") }
            guard formatVersion == current else { throw .unsupportedFormat(formatVersion) }
        }
    }

    /// The file's bytes: pretty-printed, keys sorted, so diffs stay readable.
    static func encode(_ value: some Encodable) throws(TypingToolError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do { return try encoder.encode(value) } catch { throw .invalidTree("cannot encode: \(error)") }
    }

    /// The header of `data`, refusing what is not a JSON object.
    static func header(_ data: Data) throws(TypingToolError) -> Header {
        do { return try JSONDecoder().decode(Header.self, from: data) } catch {
            throw .invalidTree("not a typing-tool JSON file (\(JSONDiagnostics.describe(error, in: data)))")
        }
    }

    /// The whole file decoded as `T`, a decoding failure said with its place in the file.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws(TypingToolError) -> T {
        do { return try JSONDecoder().decode(T.self, from: data) } catch {
            throw .invalidTree(JSONDiagnostics.describe(error, in: data))
        }
    }
}

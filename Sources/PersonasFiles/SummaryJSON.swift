import Foundation
import PersonasData

/// The one JSON encoder of every summary Personas gives: each `summary.json` and `choose-k.json`
/// it writes and each `--format json` it prints.
///
/// Keys are snake_case (`segment_sizes`, from a Swift `segmentSizes`), so every summary reads the
/// same way from Python or `jq`, whichever command wrote it; keys are sorted and the output
/// pretty-printed so summaries diff cleanly; a non-finite number, which JSON has no literal for,
/// is written as the string `"inf"`, `"-inf"` or `"nan"` rather than failing the run. Data values
/// (segment names, column names, levels) are always values in these documents, never keys, so the
/// snake_case rule never rewrites them.
public enum SummaryJSON {
    /// `value` encoded by the rules above.
    public static func data<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf",
                                                                      nan: "nan")
        return try encoder.encode(value)
    }

    /// A value read back from JSON these rules wrote (snake_case keys, non-finite numbers as strings).
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf",
                                                                        nan: "nan")
        return try decoder.decode(type, from: data)
    }

    /// Writes `value` to `url` atomically, never over one of `protectedInputs`.
    public static func write<T: Encodable>(_ value: T, to url: URL, protectedInputs: [URL]) throws {
        try AtomicFileWriter.write(data(value), to: url, protectedInputs: protectedInputs)
    }

    /// Prints `value` and a newline on stdout, and nothing else: `--format json` output that
    /// parses as one JSON document. (The encoder escapes control characters itself.)
    public static func print<T: Encodable>(_ value: T) throws {
        Swift.print(String(decoding: try data(value), as: UTF8.self))
    }
}

/// A summary field written as `null` when it has no value, where `JSONEncoder` would leave an
/// optional out: a reader of the summary then finds every key, and tells "withheld" (a segment
/// under the minimum size, a segment without targeting) from "not in this version".
@propertyWrapper
public struct NullWhenAbsent<Value: Encodable>: Encodable {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) {
        self.wrappedValue = wrappedValue
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}

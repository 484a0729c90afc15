import Foundation
import PersonasData

/// The JSON summaries the commands write (`summary.json`, `choose-k.json`): pretty, key-sorted and
/// snake_case so they diff cleanly and read naturally from Python, written atomically.
enum SummaryFile {
    static func write<T: Encodable>(_ value: T, to url: URL, protectedInputs: [URL]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        try AtomicFileWriter.write(encoder.encode(value), to: url, protectedInputs: protectedInputs)
    }
}

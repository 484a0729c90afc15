import ArgumentParser
import Foundation
import PersonasData
import PersonasNumerics

/// How to read the input table: shared by every command that reads a CSV.
struct InputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A schema file declaring column types and roles.", valueName: "schema.json"))
    var schema: String?

    @Option(name: .long, help: ArgumentHelp("Field delimiter: , ; or tab (detected when omitted).", valueName: "delimiter"))
    var delimiter: String?

    @Option(name: .customLong("na"), parsing: .singleValue,
            help: ArgumentHelp("A cell text meaning missing; repeat for several (replaces the defaults: empty, NA, N/A, null, NaN).",
                               valueName: "text"))
    var missingValues: [String] = []

    @Option(name: .long, help: "Text encoding: utf8 or latin1.")
    var encoding: CSVOptions.TextEncoding = .utf8

    /// The reader options these flags describe.
    func csvOptions(schemaOverride: Schema? = nil) throws -> CSVOptions {
        var options = CSVOptions(encoding: encoding)
        if let delimiter {
            switch delimiter {
            case ",": options.delimiter = UInt8(ascii: ",")
            case ";": options.delimiter = UInt8(ascii: ";")
            case "tab", "\\t", "\t": options.delimiter = UInt8(ascii: "\t")
            default: throw ValidationError("--delimiter must be , ; or tab, not \"\(delimiter)\"")
            }
        }
        if !missingValues.isEmpty { options.missingValues = missingValues }
        if let schemaOverride {
            options.schema = schemaOverride
        } else if let schema {
            options.schema = try Schema.load(from: URL(fileURLWithPath: schema))
        }
        return options
    }

    /// Reads the table at `path`.
    /// Reads a CSV, first checking that its estimated memory fits (``MemoryBudget``).
    func readTable(_ path: String, schemaOverride: Schema? = nil) throws -> DataTable {
        if let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int {
            try MemoryBudget.require(CSVReader.estimatedPeakBytes(fileBytes: size),
                                     for: "reading \(path) (\(MemoryBudget.describe(size)))",
                                     kind: .readingTable)
        }
        return try CSVReader.read(contentsOf: URL(fileURLWithPath: path), options: csvOptions(schemaOverride: schemaOverride))
    }
}

extension CSVOptions.TextEncoding: ExpressibleByArgument {}

import ArgumentParser
import Foundation
import PersonasData

/// `personas generate`: a synthetic healthcare-professional universe with planted segments.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic HCP customer table with planted segments.")

    @Option(help: "Number of customers.")
    var rows: Int = 5000

    @OptionGroup var seed: SeedOption

    @Option(help: ArgumentHelp("Output CSV file.", valueName: "file.csv"))
    var out: String

    @Option(name: .customLong("planted-segments"), help: ArgumentHelp("Also write each customer's planted segment here (never a feature).", valueName: "file.csv"))
    var plantedSegments: String?

    @Option(name: .customLong("schema-out"), help: ArgumentHelp("Also write the schema describing the columns.", valueName: "schema.json"))
    var schemaOut: String?

    @Flag(help: "The wide layout: 30 columns (11 more prescribing, engagement, access and influence measures).")
    var wide = false

    @Flag(help: ArgumentHelp("Instead, a small customer table (orders, spend, web visits, support calls) whose values "
                             + "are heavily skewed (log-normal) around four planted segments: for trying --transform COLUMN=log."))
    var skewed = false

    @Flag(help: "Replace existing output files.")
    var force = false

    func validate() throws {
        guard rows >= 1 else { throw ValidationError("--rows must be at least 1") }
        if skewed && wide { throw ValidationError("give --skewed or --wide, not both") }
    }

    func run() throws {
        let outputs = [out] + [plantedSegments, schemaOut].compactMap { $0 }
        if !force, let existing = outputs.first(where: { FileManager.default.fileExists(atPath: $0) }) {
            throw CommandFailure("\(existing) exists; pass --force to replace it")
        }
        if skewed {
            try SkewedCustomers.write(rows: rows, seed: seed.seed, to: URL(fileURLWithPath: out),
                                      plantedSegmentsTo: plantedSegments.map { URL(fileURLWithPath: $0) })
            if let schemaOut { try AtomicFileWriter.write(SkewedCustomers.schema().jsonData(), to: URL(fileURLWithPath: schemaOut)) }
            return
        }
        try HCPUniverse.write(HCPUniverse.Configuration(rows: rows, seed: seed.seed, extendedColumns: wide), to: URL(fileURLWithPath: out),
                              plantedSegmentsTo: plantedSegments.map { URL(fileURLWithPath: $0) })
        if let schemaOut {
            try AtomicFileWriter.write(HCPUniverse.schema(extendedColumns: wide).jsonData(), to: URL(fileURLWithPath: schemaOut))
        }
    }
}

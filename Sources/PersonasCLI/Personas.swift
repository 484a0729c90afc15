import ArgumentParser
import PersonasNumerics

/// `personas`: from a customer CSV to segments, personas, a typing tool and reports.
///
/// The command layer parses arguments, reads and writes files and calls the library; no
/// algorithm lives here.
struct PersonasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "personas",
        abstract: "Customer segmentation, personas and typing tools from a customer table.",
        discussion: """
            Start with `personas inspect FILE` to see how a table reads, or `personas generate` for a \
            synthetic healthcare-professional universe to try things on.
            """,
        version: "0.1.0",
        subcommands: [InspectCommand.self, GenerateCommand.self, KMeansCommand.self, HClustCommand.self, ChooseKCommand.self, ProfileCommand.self, SegmentCommand.self, AssignCommand.self, ExportSQLCommand.self, CompareCommand.self, NotebookCommand.self, TypingToolCommand.self, TypeCommand.self]
    )
}

@main
enum PersonasMain {
    static func main() {
        BLASCoreFix.applyOnce()
        Interruption.install()
        PersonasCommand.main()
    }
}

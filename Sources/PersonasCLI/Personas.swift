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
        // Grouped as the work goes: the whole pipeline, its steps one by one, using a saved model or
        // typing tool, and data to try things on.
        groupedSubcommands: [
            CommandGroup(name: "Pipeline", subcommands: [SegmentCommand.self]),
            CommandGroup(name: "Steps", subcommands: [InspectCommand.self, ChooseKCommand.self, KMeansCommand.self,
                                                      HClustCommand.self, ProfileCommand.self, TypingToolCommand.self]),
            CommandGroup(name: "Model use", subcommands: [AssignCommand.self, TypeCommand.self, ExportSQLCommand.self,
                                                          CompareCommand.self, NotebookCommand.self,
                                                          RenameCommand.self]),
            CommandGroup(name: "Data", subcommands: [GenerateCommand.self]),
        ]
    )
}

@main
enum PersonasMain {
    static func main() {
        BLASCoreFix.applyOnce()
        Interruption.install()
        // ArgumentParser's own `main()`, except that its messages pass through `Terminal.escaped`:
        // an error may quote a column name, a level or a cell, which can hold terminal controls.
        do {
            var command = try PersonasCommand.parseAsRoot()
            try command.run()
        } catch {
            // A library error gets the command line's advice for its kind (the options that resolve it).
            let error = ErrorAdvice.advised(error)
            let message = PersonasCommand.fullMessage(for: error)
            let code = PersonasCommand.exitCode(for: error)
            if !message.isEmpty {
                // Help and other clean exits go to stdout, failures to stderr, as ArgumentParser does.
                if code == .success { Terminal.printOutput(message) } else { Terminal.printError(message) }
            }
            PersonasCommand.exit(withError: code == .success ? nil : ExitCode(code.rawValue))
        }
    }
}

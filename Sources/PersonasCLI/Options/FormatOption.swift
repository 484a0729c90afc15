import ArgumentParser
import PersonasFiles

/// `--format text|json`: how a command prints its summary on stdout.
///
/// `text` is for people (escaped for the terminal, see ``Terminal/escaped(_:)``); `json` prints
/// one JSON document alone through ``SummaryJSON``, so `personas … --format json | jq` always
/// parses. Warnings and progress stay on stderr in both.
struct FormatOption: ParsableArguments {
    @Option(help: "Summary on stdout: text or json.")
    var format: OutputFormat = .text

    /// Prints `summary` as JSON, or the lines `text` gives as text.
    func print<T: Encodable>(_ summary: @autoclosure () throws -> T, text: () -> [String]) throws {
        switch format {
        case .json: try SummaryJSON.print(summary())
        case .text: for line in text() { Terminal.printOutput(line) }
        }
    }

    var isJSON: Bool { format == .json }
}

/// The formats of ``FormatOption``.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json

    /// Also reads `table`, the name `inspect --format` gave text before every command shared this option.
    init?(argument: String) {
        self.init(rawValue: argument == "table" ? "text" : argument)
    }
}

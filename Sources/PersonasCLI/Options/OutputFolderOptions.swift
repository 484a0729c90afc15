import ArgumentParser
import Foundation
import PersonasFiles

/// `--out DIR` and `--force`: shared by every command that writes a folder. The folder is staged
/// (``StagedFolder``): written whole or not at all, replaced by `--force` only when it holds
/// nothing but an earlier run's output, never while another run writes it, never when it holds
/// one of the run's inputs.
struct OutputFolderOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Output folder (written whole or not at all).", valueName: "dir"))
    var out: String

    @Flag(help: "Replace an output folder personas wrote before (only when it holds nothing else).")
    var force = false

    /// Takes the folder's lock and starts staging it for `command`, refusing a folder the rules
    /// above protect; `inputs` are the paths the run reads (nil entries are options not given).
    func stage(_ command: String, inputs: [String?]) throws -> StagedFolder {
        do {
            return try StagedFolder(destination: URL(fileURLWithPath: out, isDirectory: true), command: command,
                                    replacing: force, inputs: inputs.compactMap { $0 }.map { URL(fileURLWithPath: $0) })
        } catch {
            throw CommandFailure(ErrorAdvice.line(for: error))
        }
    }

    /// Puts the staged folder in place.
    func commit(_ staged: StagedFolder) throws {
        do { try staged.commit() } catch { throw CommandFailure(ErrorAdvice.line(for: error)) }
    }
}

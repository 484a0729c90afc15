import Foundation
import PersonasData
import PersonasWorkbook

/// An .xlsx output file (`typing-tool.xlsx`, `profile.xlsx`) held to the rules of every other
/// output file: never one of the run's inputs, and its file-system failures reported as
/// `OutputError`s (`.readOnly`, `.failed`), so the commands and their advice treat it like a CSV.
enum WorkbookOutputFile {
    /// Runs `write` (a PersonasWorkbook writer, which writes `url` atomically) unless `url` is one
    /// of `protectedInputs`.
    /// - Throws: `OutputError` `.inputOfThisRun`, `.readOnly` or `.failed`; `WorkbookError` when
    ///   what is written does not fit a workbook (`invalidDescription`, `invalidAnswers`, `tooLarge`).
    static func write(_ url: URL, protectedInputs: [URL], _ write: (URL) throws(WorkbookError) -> Void) throws {
        let id = { (u: URL) in
            (try? FileManager.default.attributesOfItem(atPath: u.path)).map {
                [$0[.systemNumber] as? Int, $0[.systemFileNumber] as? Int]
            }
        }
        if let target = id(url), protectedInputs.contains(where: { id($0) == target }) {
            throw OutputError(path: url.path, kind: .inputOfThisRun, reason: "it is an input of this run; choose another output path")
        }
        do {
            try write(url)
        } catch {
            switch error.kind {
            case .readOnly: throw OutputError(path: url.path, kind: .readOnly, reason: error.reason)
            case .writeFailed: throw OutputError(path: url.path, reason: error.reason)
            case .invalidDescription, .invalidAnswers, .tooLarge: throw error
            }
        }
    }
}

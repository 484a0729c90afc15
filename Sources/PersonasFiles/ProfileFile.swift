import Foundation
import PersonasData
import PersonasProfiles

/// The profile's files, written alike by `segment`, `profile` and a rename: `profile.csv` (every
/// profiled statistic, one per row: `ProfileTable`) and `profile.xlsx` beside it (``ProfileWorkbook``).
public enum ProfileFile {
    /// The files ``write(_:into:protectedInputs:)`` writes.
    public static let names = [OutputFileName.profile, OutputFileName.profileWorkbook]

    /// Writes `profile.csv` and `profile.xlsx` for `document` into `folder`, each atomically.
    /// - Parameters:
    ///   - document: the personas and their profiles.
    ///   - folder: the (staged) output folder.
    ///   - protectedInputs: the run's input files, never overwritten.
    /// - Throws: `OutputError` when a file cannot be written; `WorkbookError` `.tooLarge` for a
    ///   profile beyond a sheet's rows.
    public static func write(_ document: PersonasDocument, into folder: URL, protectedInputs: [URL]) throws {
        // No byte-order mark: pandas would read the first header as "\u{FEFF}segment".
        var csv = CSVWriter(file: try AtomicFileWriter(destination: folder.appendingPathComponent(OutputFileName.profile),
                                                       protectedInputs: protectedInputs))
        try csv.writeRow(ProfileTable.header)
        for row in ProfileTable.rows(document) { try csv.writeRow(row) }
        try csv.finish()
        try ProfileWorkbook.write(document, into: folder, protectedInputs: protectedInputs)
    }
}

import Foundation
import PersonasClustering
import PersonasData
import PersonasFiles
import PersonasNumerics
import PersonasReports
import PersonasSegmentation

/// The command line's advice for a library error: the one place that names an option or a command
/// in an error. The libraries say what went wrong and what to do in their own terms, with a kind a
/// caller can switch on; this maps each kind that an option resolves to the words appended to the
/// library's message, so the printed line stays one `Error:` line ("…; ask for at most 3 segments
/// (--k 3)"), as fastcluster's core throws and its Python binding writes the message.
enum ErrorAdvice {
    /// The line printed after `Error: ` for `error`: its description and, where an option or a
    /// command resolves it, the advice that names it.
    static func line(for error: any Error) -> String {
        if let failure = error as? CommandFailure { return failure.description }
        if let folder = error as? FolderError { return line(for: folder) }
        if let readOnly = readOnlyFolder(error) { return line(for: readOnly) }
        return "\(error)" + (advice(for: error) ?? "")
    }

    /// `error` as the command line reports it: a ``CommandFailure`` carrying ``line(for:)`` when
    /// the line differs from the error's own description, otherwise the error unchanged (so
    /// ArgumentParser's own errors keep their usage text).
    static func advised(_ error: any Error) -> any Error {
        if error is CommandFailure { return error }
        let line = line(for: error)
        return line == "\(error)" ? error : CommandFailure(line)
    }

    /// The words appended to the library's message for `error`, starting with their separator, or
    /// nil when no option resolves it.
    static func advice(for error: any Error) -> String? {
        switch error {
        case let error as DataError: advice(for: error.kind)
        case let error as SegmentLabelsError: advice(for: error.kind)
        case let error as MemoryBudgetError: advice(for: error.kind)
        case let error as SegmentationError: advice(for: error.kind)
        case let error as ClusteringError: advice(for: error.kind)
        case let error as OutputError: advice(for: error.kind)
        default: nil
        }
    }

    private static let missingValueMarkers = "; missing-value markers are given with --na"
    private static let lowerK = "; lower --k or add rows"

    static func advice(for kind: DataError.Kind) -> String? {
        switch kind {
        case .invalidUTF8: " or read it with --encoding latin1"
        case .expectedNumber, .nonFiniteValue, .modelExpectsNumber: missingValueMarkers
        case .distanceRange: "; choose the scaling with --scale zscore, robust or minmax"
        case .transformDomain: " (drop it from --transform, or remove its \"transform\" from the schema)"
        case .unknownColumn(let role, _):
            switch role {
            case nil: "; give the feature columns to --columns"
            case .value?: "; give the value column to --value"
            case .potential?: "; give the potential column to --potential"
            case .weight?: "; give the weight column to --weight"
            default: nil
            }
        default: nil
        }
    }

    static func advice(for kind: SegmentLabelsError.Kind) -> String? {
        switch kind {
        case .unreadable(let error): advice(for: error.kind)
        case .ambiguousSegmentColumn: " with --segment-column"
        case .noSegmentColumn: "; name the segment column with --segment-column"
        case .segmentColumnNotFound: "; give one of them to --segment-column"
        default: nil
        }
    }

    static func advice(for kind: MemoryBudgetError.Kind) -> String? {
        switch kind {
        case .readingTable: "; give the schema with --schema"
        case .principalComponents: nil
        case .segmentation: "; --columns picks the columns, `personas assign` assigns the rest"
        case .featureMatrix: " (--float32, --columns, --algorithm minibatch)"
        case .miniBatch: " (--batch-size)"
        }
    }

    static func advice(for kind: SegmentationError.Kind) -> String? {
        switch kind {
        case .tooFewDistinctRows(let distinct, let ks):
            distinct <= 1 ? nil : ks.count > 1 && distinct > 2 ? " (--k 2...\(distinct - 1))" : " (--k \(distinct))"
        case .tooFewRows: lowerK
        case .noTypingTool: "; `personas segment` builds one by default, `personas typing-tool` from segment labels"
        default: nil
        }
    }

    static func advice(for kind: ClusteringError.Kind) -> String? {
        switch kind {
        case .tooFewRows: lowerK
        default: nil
        }
    }

    /// A refused or unreadable folder with what to do about it.
    static func line(for error: FolderError) -> String {
        switch error.kind {
        case .exists:
            "\(error); choose another output folder, or add --force to replace a folder personas wrote"
        case .noManifest:
            "\(error); --force replaces only a folder personas wrote (this one may predate the manifest or hold "
                + "your own files): remove it yourself or choose another output folder"
        case .foreignFile(let name):
            "\(error); --force replaces only a folder holding nothing but personas output: move \(name) out, "
                + "or choose another output folder"
        case .holdsInput:
            "\(error); choose another output folder (personas never deletes a file it reads)"
        case .locked:
            "\(error); wait for it to finish, or choose another output folder"
        case .notAFolder:
            "\(error); choose another output folder"
        case .readOnly:
            "\(error); give a writable folder to --out"
        case .missingFile:
            "\(error): it is not a folder `personas segment` wrote; run `personas segment FILE --out \(error.path)` first"
        case .system:
            "\(error)"
        }
    }

    static func advice(for kind: OutputError.Kind) -> String? {
        switch kind {
        case .readOnly: "; give a writable folder to --out"
        case .inputOfThisRun, .failed: nil
        }
    }

    /// A Foundation error from creating or writing a folder that is read-only, as the library's
    /// ``OutputError`` (so it reads "cannot write out: the folder is read-only", not as an
    /// `NSCocoaErrorDomain` text).
    private static func readOnlyFolder(_ error: any Error) -> OutputError? {
        guard let cocoa = error as? CocoaError else { return nil }
        let path = cocoa.filePath ?? cocoa.url?.path ?? "the output folder"
        let converted = OutputError(path: path, error: cocoa)
        return converted.kind == .readOnly ? converted : nil
    }
}

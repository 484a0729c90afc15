import Foundation

/// Why a workbook could not be written.
///
/// ``kind`` lets a caller switch (and map a file-system failure onto its own output errors);
/// ``description`` says what is wrong and what to do, naming no command-line option.
public struct WorkbookError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The description does not hold together (a split on a question that is not there, a
        /// points table of the wrong size, two levels with one label, two sheets with one name, a
        /// table row of the wrong length, …).
        case invalidDescription
        /// A pre-filled customer row does not fit the questions.
        case invalidAnswers
        /// Beyond what a spreadsheet holds: rows, columns, or a formula longer than 8,192
        /// characters or nested deeper than 64 functions (a tree too deep for Excel).
        case tooLarge
        /// The destination's folder cannot be written (read-only, or no permission).
        case readOnly
        /// Any other failure to write the file; ``WorkbookError/reason`` says what the system
        /// or libxlsxwriter reported.
        case writeFailed
    }

    public var kind: Kind
    /// The file concerned, when writing had started.
    public var path: String?
    public var reason: String

    public init(kind: Kind, path: String? = nil, reason: String) {
        self.kind = kind
        self.path = path
        self.reason = reason
    }

    public var description: String {
        switch kind {
        case .invalidDescription, .invalidAnswers, .tooLarge:
            "cannot make \(path.map { "the workbook \($0)" } ?? "the typing-tool workbook"): \(reason)"
        case .readOnly, .writeFailed:
            "cannot write \(path ?? "the typing-tool workbook"): \(reason)"
        }
    }
}

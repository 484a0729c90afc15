import PersonasNumerics

/// A problem with input data, a schema or a saved preparation, located as precisely as possible.
///
/// The description reads like a compiler diagnostic, so an analyst can jump to the cell:
/// `customers.csv:9874: column "rx_volume": expected a number, found "n/a?"`. ``kind`` says what
/// went wrong, so a caller can switch on it and add its own advice (a command line names its
/// options); the text never names a command-line option.
public struct DataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file (as the user named it) or another source label.
    public var file: String
    /// The 1-based physical line in the file, when the problem has one.
    public var line: Int?
    /// The 1-based field number within the record, when the problem has one.
    public var field: Int?
    /// The column's name from the header, when known.
    public var columnName: String?
    /// What went wrong.
    public var kind: Kind

    public init(file: String, line: Int? = nil, field: Int? = nil, columnName: String? = nil, kind: Kind) {
        self.file = file
        self.line = line
        self.field = field
        self.columnName = columnName
        self.kind = kind
    }

    public enum Kind: Sendable, Equatable {
        case cannotRead(reason: String)
        case emptyFile
        case headerOnly
        case raggedRow(expected: Int, found: Int)
        case unterminatedQuote
        case unexpectedAfterQuote(found: String)
        case invalidUTF8
        case duplicateColumnName(firstField: Int)
        case emptyColumnName
        case expectedNumber(found: String)
        case nonFiniteValue(found: String)
        case unknownLevel(found: String, known: [String])
        case invalidDate(found: String)
        case schema(String)
        case preparation(String)
        /// The table differs from what a saved model was fitted on: a column missing, retyped, or
        /// holding a level the model does not know.
        case modelMismatch(String)
        /// A cell that is not a number in a column that `model` (a file name) was fitted on as numbers.
        case modelExpectsNumber(found: String, model: String)
        /// A column named as a feature (`role` nil) or given a role is not in the table; `columns`
        /// are the table's.
        case unknownColumn(role: ColumnRole?, columns: [String])
        /// The prepared features span a range whose squared distances overflow or vanish.
        case distanceRange(DistanceRange.Problem)
        /// A value the column's transform cannot take (a negative number in a log-transformed column).
        case transformDomain(found: String, transform: ColumnTransform)
        /// An attitude battery the table cannot hold (fewer than two items, an item that is missing
        /// or not numeric, a column in two batteries), or a row centering the preparation cannot
        /// apply (``RowCentering``).
        case battery(String)
        /// A survey-weight cell that is missing (`found` empty), not a number, not finite, or not
        /// above 0: every respondent needs a weight a profile can multiply by.
        case invalidWeight(found: String)
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        var subject = ""
        if let columnName {
            subject = "column \"\(columnName)\": "
        } else if let field {
            subject = "field \(field): "
        }
        return "\(location): \(subject)\(message)"
    }

    /// The message without the location, ending with what to do next where there is something to do.
    public var message: String {
        switch kind {
        case .cannotRead(let reason):
            return "cannot read the file: \(reason)"
        case .emptyFile:
            return "the file is empty; expected a header line and at least one row"
        case .headerOnly:
            return "the file has a header but no rows; check that the export wrote the data"
        case .raggedRow(let expected, let found):
            return "expected \(expected) fields (as in the header), found \(found); "
                + "check for an unquoted delimiter or a missing field"
        case .unterminatedQuote:
            return "a quoted field opened on this line is never closed; check for a stray \" character"
        case .unexpectedAfterQuote(let found):
            return "unexpected \(found) after a closing quote; a quote inside a quoted field must be doubled (\"\")"
        case .invalidUTF8:
            return "the text is not valid UTF-8; save the file as UTF-8"
        case .duplicateColumnName(let first):
            return "duplicate column name (also field \(first)); rename one of the two columns"
        case .emptyColumnName:
            return "the header has an empty column name; name every column"
        case .expectedNumber(let found):
            return "expected a number, found \"\(found)\"; fix the value, add it to the missing-value "
                + "markers, or declare the column categorical in the schema"
        case .nonFiniteValue(let found):
            return "\"\(found)\" is not a finite number; replace it, or leave the cell empty (or add the text "
                + "to the missing-value markers) to treat it as missing"
        case .unknownLevel(let found, let known):
            let shown = known.prefix(8).map { "\"\($0)\"" }.joined(separator: ", ")
            return "\"\(found)\" is not one of the declared levels (\(shown)\(known.count > 8 ? ", …" : "")); "
                + "add it to the schema's levels"
        case .invalidDate(let found):
            return "expected a date (YYYY-MM-DD), found \"\(found)\""
        case .schema(let text), .preparation(let text), .modelMismatch(let text), .battery(let text):
            return text
        case .modelExpectsNumber(let found, let model):
            return "expected a number, found \"\(found)\": \(model) was fitted on numbers in this column; fix the "
                + "value or mark it missing"
        case .distanceRange(let problem):
            return problem.explanation(of: "it")
        case .unknownColumn(_, let columns):
            return "there is no such column" + Column.nearestNameHint(columnName ?? "", among: columns)
        case .invalidWeight(let found):
            let what = found.isEmpty ? "the weight is missing" : "\"\(found)\" is not a weight"
            return what + "; every respondent needs a survey weight that is a finite number above 0: fix the cell, or "
                + "leave the respondent out of the file"
        case .transformDomain(let found, let transform):
            return "\"\(found)\" is negative, but the column is log-transformed (\(transform.formula)), which takes "
                + "values of 0 or more only; fix the value or mark it missing, or leave the column untransformed"
        }
    }
}

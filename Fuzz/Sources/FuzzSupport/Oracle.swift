import Foundation
import PersonasData
import PersonasNumerics

/// The promises the fuzzers hold the library to, beyond "does not crash": a thrown error is located
/// and readable, a table that loads is internally consistent, and a prepared matrix is finite and
/// survives a JSON round trip bit for bit.
///
/// A broken promise stops the run through `fatalError`, which libFuzzer records as a crash with the
/// input that caused it (in `fuzz-artifacts/`).
public enum Oracle {
    /// Stops the run: the library broke a promise on this input.
    public static func fail(_ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
        fatalError("fuzz oracle: " + message, file: file, line: line)
    }

    public static func require(_ condition: Bool, _ message: @autoclosure () -> String,
                               file: StaticString = #fileID, line: UInt = #line) {
        if !condition { fail(message(), file: file, line: line) }
    }

    /// The largest physical line a message about `bytes` may name: every LF or CR may end a line.
    public static func lastLine(of bytes: [UInt8]) -> Int {
        bytes.reduce(1) { $0 + ($1 == 0x0A || $1 == 0x0D ? 1 : 0) }
    }

    /// A reader's error names the source and, for problems in the text, a line that exists.
    public static func checkReadError(_ error: DataError, source: String, lastLine: Int) {
        require(error.file == source, "error names file \"\(error.file)\", expected \"\(source)\": \(error)")
        require(error.description.hasPrefix(source), "error text does not start with the file: \(error)")
        require(!error.message.isEmpty, "error without a message: \(error)")
        switch error.kind {
        case .emptyFile, .cannotRead:
            break
        case .schema, .preparation, .unknownColumn, .distanceRange:
            if let line = error.line { require(line >= 1 && line <= lastLine, "line \(line) outside 1...\(lastLine): \(error)") }
        default:
            guard let line = error.line else { fail("error on the text without a line: \(error)") }
            require(line >= 1 && line <= lastLine, "line \(line) outside 1...\(lastLine): \(error)")
        }
        if let field = error.field { require(field >= 1, "field \(field) is not 1-based: \(error)") }
    }

    /// A `.npy` reader's error names the file first (as the caller named it) and says what is wrong.
    public static func checkNPYError(_ error: NPYError, path: String) {
        require(error.path == path, "error names \"\(error.path)\", expected \"\(path)\": \(error)")
        require(error.description.hasPrefix(path + ": "), "error text does not start with the file: \(error)")
        require(!error.message.isEmpty, "error without a message: \(error)")
    }

    /// A loaded table keeps its own invariants: every column has one cell per row, codes point at
    /// levels, level names are distinct, booleans are 0/1, rows map to increasing lines within the file,
    /// and every cell can be written back as text (what every writer does).
    public static func checkTable(_ table: DataTable, lastLine: Int) {
        require(table.rowCount >= 1, "a table with no rows loaded")
        require(!table.columns.isEmpty, "a table with no columns loaded")
        require(Set(table.columns.map(\.name)).count == table.columns.count, "duplicate column names loaded")
        var previousLine = 1
        for row in 0..<table.rowCount {
            let line = table.line(ofRow: row)
            require(line > previousLine && line <= lastLine, "row \(row) maps to line \(line) after \(previousLine), last \(lastLine)")
            previousLine = line
        }
        for column in table.columns {
            require(!column.name.isEmpty, "empty column name loaded")
            require(column.count == table.rowCount, "column \"\(column.name)\" has \(column.count) cells for \(table.rowCount) rows")
            switch column.values {
            case .numbers(let numbers):
                require(column.type.isNumericStorage, "column \"\(column.name)\" of type \(column.type) holds numbers")
                if column.type == .boolean {
                    require(numbers.allSatisfy { $0.isNaN || $0 == 0 || $0 == 1 }, "boolean column \"\(column.name)\" holds other numbers")
                }
                if column.type == .integer || column.type == .date {
                    require(numbers.allSatisfy { !$0.isFinite || $0 == $0.rounded() }, "whole-number column \"\(column.name)\" holds fractions")
                }
            case .levels(let codes, let levels):
                require(!column.type.isNumericStorage, "column \"\(column.name)\" of type \(column.type) holds levels")
                require(codes.allSatisfy { $0 >= -1 && Int($0) < levels.count }, "column \"\(column.name)\" has a code outside its levels")
                require(Set(levels).count == levels.count, "column \"\(column.name)\" lists a level twice: \(levels.prefix(20))")
            case .withheld:
                require(column.type == .text, "column \"\(column.name)\" of type \(column.type) withheld")
            }
            require(column.missingCount >= 0 && column.missingCount <= table.rowCount, "column \"\(column.name)\" missing count")
            for row in 0..<table.rowCount { _ = column.text(atRow: row) }
        }
    }

    /// A preparation error names the table (and a column or line when it has one).
    public static func checkPreparationError(_ error: DataError, source: String) {
        require(error.file == source, "preparation error names file \"\(error.file)\", expected \"\(source)\": \(error)")
        require(!error.message.isEmpty, "preparation error without a message: \(error)")
    }

    /// Applies a fitted preparation to `table` and checks the matrix: n × outputs, every element finite
    /// (a NaN here silently poisons every distance downstream), and the same bits after a JSON round trip.
    /// Returns the matrix, or nil when applying threw a (checked) error.
    @discardableResult
    public static func checkApplied(_ preparation: Preparation, to table: DataTable) -> Matrix<Double>? {
        let output: Preparation.Output
        do {
            output = try preparation.apply(table)
        } catch {
            checkPreparationError(error, source: table.source)
            return nil
        }
        let matrix = output.matrix
        require(matrix.rows == table.rowCount, "prepared \(matrix.rows) rows from \(table.rowCount)")
        require(matrix.columns == preparation.outputNames.count,
                "prepared \(matrix.columns) columns for \(preparation.outputNames.count) output names")
        if let bad = matrix.elements.firstIndex(where: { !$0.isFinite }) {
            fail("prepared matrix holds \(matrix.elements[bad]) at row \(bad / max(matrix.columns, 1)), "
                 + "column \(preparation.outputNames[bad % max(matrix.columns, 1)])")
        }
        let saved: Data
        do { saved = try preparation.jsonData() } catch { fail("a fitted preparation cannot be saved: \(error)") }
        let reloaded: Preparation
        do { reloaded = try Preparation.decode(saved, name: "prep.json") } catch {
            fail("a saved preparation does not load back: \(error)")
        }
        do {
            let again = try reloaded.apply(table).matrix
            require(again.rows == matrix.rows && again.columns == matrix.columns
                    && zip(again.elements, matrix.elements).allSatisfy { $0.bitPattern == $1.bitPattern },
                    "the reloaded preparation prepares different numbers")
        } catch {
            fail("the reloaded preparation refuses a table the original accepted: \(error)")
        }
        return matrix
    }
}

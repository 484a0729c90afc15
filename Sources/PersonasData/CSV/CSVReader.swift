import Foundation
import PersonasNumerics

/// Reads a customer table from delimited text into a column-oriented ``DataTable``.
///
/// One streaming pass through a fixed-size buffer: records are split by `CSVTokenizer`, numbers
/// are parsed straight from bytes, text is dictionary-encoded; no `String` is made per numeric
/// cell and memory stays at the loaded columns plus one block. Column types are inferred (see
/// `TypeInference`) unless a ``Schema`` declares them.
///
/// Every malformed input is a ``DataError`` naming the file, line, field and column: ragged rows,
/// unterminated quotes, invalid UTF-8, duplicate or empty column names, an empty file, a header
/// with no rows, a stray text in a column of numbers.
public enum CSVReader {
    /// Reads the file at `url`.
    public static func read(contentsOf url: URL, options: CSVOptions = CSVOptions()) throws(DataError) -> DataTable {
        let name = url.lastPathComponent
        let stream = try ByteStream(origin: .file(path: url.path), displayName: name)
        return try read(stream, options: options)
    }

    /// Reads delimited text already in memory; `name` labels messages.
    public static func read(bytes: [UInt8], name: String, options: CSVOptions = CSVOptions()) throws(DataError) -> DataTable {
        try read(ByteStream(origin: .memory(bytes), displayName: name), options: options)
    }

    /// Reads delimited text from a string; `name` labels messages.
    public static func read(text: String, name: String, options: CSVOptions = CSVOptions()) throws(DataError) -> DataTable {
        try read(bytes: Array(text.utf8), name: name, options: options)
    }

    /// Rows tokenized before the columns take their cells: few enough that a block's text and
    /// spans stay in the core's caches while each column walks through them.
    static let blockRows = 256

    /// Rows read before the columns reserve their storage from the bytes per row so far.
    static let rowsBeforeReserving = 4096

    /// Why ``read(_:options:)``'s block filling stopped.
    enum BlockStop {
        case full, needMore, end
        case failed(DataError)
    }

    static func read(_ stream: ByteStream, options: CSVOptions) throws(DataError) -> DataTable {
        let file = stream.displayName
        let schema = options.schema
        var buffer = BlockBuffer(capacity: options.blockSize)
        try buffer.refill(from: stream)
        buffer.skipByteOrderMark()
        let dataStartsAfterBOM = buffer.position

        let delimiter = options.delimiter
            ?? schema?.delimiter.flatMap { $0.utf8.first }
            ?? detectDelimiter(buffer.bytes, from: buffer.position)
        var tokenizer = CSVTokenizer(delimiter: delimiter)
        var fields: [FieldSpan] = []
        fields.reserveCapacity(64)
        var scratch: [UInt8] = []

        // Header.
        let headerLine: Int
        var names: [String] = []
        // Each name's 1-based field, so a duplicate is found in one pass however wide the header is.
        var fieldOfName: [String: Int] = [:]
        headerSearch: while true {
            fields.removeAll(keepingCapacity: true)
            let step = try tokenize(&tokenizer, &buffer, &fields, file: file, names: nil)
            switch step {
            case .needMore: try buffer.refill(from: stream)
            case .blank: continue
            case .end: throw DataError(file: file, kind: .emptyFile)
            case .record(let line):
                headerLine = line
                for (index, span) in fields.enumerated() {
                    let name = try withCell(span, buffer.bytes, &scratch, delimiter: delimiter) { bytes throws(DataError) in
                        guard options.encoding == .latin1 || String(validating: bytes, as: UTF8.self) != nil else {
                            throw DataError(file: file, line: line, field: index + 1, kind: .invalidUTF8)
                        }
                        return options.encoding == .latin1
                            ? String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
                            : String(decoding: bytes, as: UTF8.self)
                    }
                    guard !name.isEmpty else {
                        throw DataError(file: file, line: line, field: index + 1, kind: .emptyColumnName)
                    }
                    if let first = fieldOfName.updateValue(index + 1, forKey: name) {
                        throw DataError(file: file, line: line, field: index + 1, columnName: name,
                                        kind: .duplicateColumnName(firstField: first))
                    }
                    names.append(name)
                }
                break headerSearch
            }
        }
        if let schema {
            for declared in schema.columns where fieldOfName[declared.name] == nil
                && !(schema.modelName != nil && declared.role == .identifier) {
                throw DataError(file: file, line: headerLine, kind: schema.modelName.map { model in
                    .modelMismatch("\(model) was fitted with column \"\(declared.name)\", but the header has no such "
                                   + "column; add it to the file (same name and meaning)")
                } ?? .schema("the schema declares column \"\(declared.name)\" but the header has no such column"))
            }
        }

        let decimal = options.decimalSeparator
            ?? (delimiter == UInt8(ascii: ";") && usesDecimalComma(buffer.bytes, from: buffer.position, delimiter: delimiter)
                ? UInt8(ascii: ",") : UInt8(ascii: "."))
        let context = CellContext(
            file: file, missing: MissingMarkers(schema?.missingValues ?? options.missingValues),
            decimal: decimal, encoding: options.encoding, modelName: schema?.modelName)
        // The declarations by name (the first of a repeated name, as `Schema.column(named:)` finds).
        let declarations = Dictionary(schema?.columns.map { ($0.name, $0) } ?? [], uniquingKeysWith: { first, _ in first })
        var builders = names.enumerated().map { index, name in
            ColumnBuilder(name: name, field: index + 1, declaration: declarations[name]
                          ?? options.undeclaredType.map { ColumnSchema(name: name, type: $0) })
        }
        var lineMap = LineMap(firstDataLine: headerLine + 1)
        var rowCount = 0
        let dataStart = buffer.discarded + buffer.position
        var reserved = false
        let columnCount = names.count

        // Rows are tokenized into a block of field spans, then each column takes the block's
        // cells in one sequential run: the per-column state stays hot and the columns of a block
        // are independent, so they are filled in parallel (each column by one thread, in row
        // order, so the result does not depend on the thread count), while one more task
        // tokenizes the next block from the same buffer.
        var blockSpans: [FieldSpan] = [], nextSpans: [FieldSpan] = []
        var blockLines: [Int] = [], nextLines: [Int] = []
        blockSpans.reserveCapacity(CSVReader.blockRows * columnCount)
        nextSpans.reserveCapacity(CSVReader.blockRows * columnCount)
        blockLines.reserveCapacity(CSVReader.blockRows)
        nextLines.reserveCapacity(CSVReader.blockRows)
        var columnErrors = [DataError?](repeating: nil, count: columnCount)

        /// Tokenizes records from the buffer straight into a block until it is full, the buffer
        /// needs a refill, the input ends, or a record is malformed.
        func fillBlock(_ spans: inout [FieldSpan], _ lines: inout [Int]) -> BlockStop {
            // Local copies of the captured state: every access to a variable captured by this
            // nested function costs a dynamic exclusivity check, which the per-record loop avoids.
            let bytes = buffer.bytes, atEOF = buffer.atEOF
            var position = buffer.position
            var recordTokenizer = tokenizer
            defer {
                buffer.position = position
                tokenizer = recordTokenizer
            }
            while lines.count < CSVReader.blockRows {
                let recordStart = spans.count
                let step: CSVTokenizer.Step
                do throws(TokenizerError) {
                    step = try recordTokenizer.next(bytes, &position, atEOF: atEOF, fields: &spans)
                } catch {
                    return .failed(located(error, file: file, names: names))
                }
                switch step {
                case .needMore: return .needMore
                case .blank: continue
                case .end: return .end
                case .record(let line):
                    let found = spans.count - recordStart
                    guard found == columnCount else {
                        return .failed(DataError(file: file, line: line,
                                                 kind: .raggedRow(expected: columnCount, found: found)))
                    }
                    lines.append(line)
                }
            }
            return .full
        }

        /// Hands the block's cells to the columns; `alongside` runs as one more parallel task.
        func flushBlock(tokenizingNext: Bool = false, alongside: () -> Void = {}) throws(DataError) {
            guard !blockLines.isEmpty else {
                alongside()
                return
            }
            let bytes = buffer.bytes, firstRow = rowCount, count = blockLines.count
            // Where this block ends: the task alongside may tokenize the next one meanwhile.
            let consumed = buffer.discarded + buffer.position - dataStart
            let extra = tokenizingNext ? 1 : 0
            blockSpans.withUnsafeBufferPointer { spans in
                blockLines.withUnsafeBufferPointer { lines in
                    columnErrors.withUnsafeMutableBufferPointer { errors in
                        builders.withUnsafeMutableBufferPointer { columns in
                            ParallelFor.forEachChunk(columnCount + extra) { task in
                                if task < extra {
                                    alongside()
                                    return
                                }
                                let k = task - extra
                                var scratch: [UInt8] = []
                                do throws(DataError) {
                                    for r in 0..<count {
                                        try withCell(spans[r * columnCount + k], bytes, &scratch, delimiter: delimiter) {
                                            cell throws(DataError) in
                                            try columns[k].append(cell, row: firstRow + r, line: lines[r], context: context)
                                        }
                                    }
                                } catch {
                                    errors[k] = error
                                }
                            }
                        }
                    }
                }
            }
            // The earliest error in file order: lowest line, then lowest field.
            if let error = columnErrors.compactMap({ $0 }).min(by: { ($0.line ?? 0, $0.field ?? 0) < ($1.line ?? 0, $1.field ?? 0) }) {
                throw error
            }
            for r in 0..<count { lineMap.record(row: firstRow + r, line: blockLines[r]) }
            rowCount += count
            blockSpans.removeAll(keepingCapacity: true)
            blockLines.removeAll(keepingCapacity: true)
            if !reserved, rowCount >= CSVReader.rowsBeforeReserving, let size = stream.size {
                // Size the columns once from the bytes per row so far; avoids repeated growth
                // (and its transient copies) on large files.
                reserved = true
                let estimate = Int(Double(size) / Double(Swift.max(1, consumed)) * Double(rowCount) * 1.02) + 16
                for k in builders.indices { builders[k].reserve(estimate) }
            }
        }

        // Rows.
        var stop = fillBlock(&blockSpans, &blockLines)
        rows: while true {
            switch stop {
            case .full:
                var nextStop = BlockStop.end
                try flushBlock(tokenizingNext: true) { nextStop = fillBlock(&nextSpans, &nextLines) }
                swap(&blockSpans, &nextSpans)
                swap(&blockLines, &nextLines)
                stop = nextStop
            case .needMore:
                try flushBlock()  // the spans point into the buffer, which a refill moves
                try buffer.refill(from: stream)
                stop = fillBlock(&blockSpans, &blockLines)
            case .end:
                try flushBlock()
                break rows
            case .failed(let error):
                try flushBlock()  // an error on an earlier line comes first
                throw error
            }
        }
        guard rowCount > 0 else { throw DataError(file: file, line: headerLine, kind: .headerOnly) }

        // Second pass over the prefix of columns that turned out to be text part-way through.
        let prefixEnd = builders.filter(\.needsPrefixPass).map(\.prefixRows).max() ?? 0
        if prefixEnd > 0 {
            try stream.rewind()
            var again = BlockBuffer(capacity: options.blockSize)
            try again.refill(from: stream)
            again.position = dataStartsAfterBOM
            var replay = CSVTokenizer(delimiter: delimiter)
            var row = -1  // the header comes first
            replay: while row < prefixEnd {
                fields.removeAll(keepingCapacity: true)
                let step = try tokenize(&replay, &again, &fields, file: file, names: names)
                switch step {
                case .needMore: try again.refill(from: stream)
                case .blank: continue
                case .end: break replay
                case .record(let line):
                    defer { row += 1 }
                    guard row >= 0 else { continue }
                    let bytes = again.bytes
                    for k in builders.indices where builders[k].needsPrefixPass && row < builders[k].prefixRows {
                        try withCell(fields[k], bytes, &scratch, delimiter: delimiter) { cell throws(DataError) in
                            try builders[k].appendPrefix(cell, line: line, context: context)
                        }
                    }
                }
            }
        }

        var warnings: [String] = []
        var columns: [Column] = []
        columns.reserveCapacity(builders.count)
        for k in builders.indices {
            columns.append(try TypeInference.column(from: builders[k], rowCount: rowCount, context: context,
                                                   lineMap: lineMap, warnings: &warnings))
            builders[k] = ColumnBuilder(name: "", field: 0, declaration: nil)  // release storage as we go
        }
        var table = DataTable(source: file, columns: columns, rowCount: rowCount, lineMap: lineMap)
        table.warnings = warnings
        return table
    }

    private static func tokenize(
        _ tokenizer: inout CSVTokenizer, _ buffer: inout BlockBuffer, _ fields: inout [FieldSpan],
        file: String, names: [String]?
    ) throws(DataError) -> CSVTokenizer.Step {
        do {
            return try tokenizer.next(buffer.bytes, &buffer.position, atEOF: buffer.atEOF, fields: &fields)
        } catch {
            throw located(error, file: file, names: names)
        }
    }

    /// A tokenizer error as a reader error: the file, and the column's name when known.
    private static func located(_ error: TokenizerError, file: String, names: [String]?) -> DataError {
        let name = names.flatMap { error.field >= 1 && error.field <= $0.count ? $0[error.field - 1] : nil }
        switch error.kind {
        case .unterminatedQuote:
            return DataError(file: file, line: error.line, field: error.field, columnName: name, kind: .unterminatedQuote)
        case .unexpectedAfterQuote(let byte):
            let shown = byte >= 32 && byte < 127 ? "\"\(Character(Unicode.Scalar(byte)))\"" : String(format: "byte 0x%02X", byte)
            return DataError(file: file, line: error.line, field: error.field, columnName: name,
                             kind: .unexpectedAfterQuote(found: shown))
        }
    }

    /// Calls `body` with a field's content: spaces trimmed from unquoted fields, doubled quotes
    /// collapsed in quoted ones (into `scratch`, only when there are any).
    @inline(__always)
    private static func withCell<R>(
        _ span: FieldSpan, _ bytes: UnsafeBufferPointer<UInt8>, _ scratch: inout [UInt8], delimiter: UInt8,
        _ body: (UnsafeBufferPointer<UInt8>) throws(DataError) -> R
    ) throws(DataError) -> R {
        var start = span.start, end = span.end
        if !span.quoted {
            let tab = UInt8(ascii: "\t"), space = UInt8(ascii: " ")
            let trimTab = delimiter != tab
            while start < end && (bytes[start] == space || (trimTab && bytes[start] == tab)) { start += 1 }
            while end > start && (bytes[end - 1] == space || (trimTab && bytes[end - 1] == tab)) { end -= 1 }
        }
        if !span.hasEscapedQuotes {
            return try body(UnsafeBufferPointer(rebasing: bytes[start..<end]))
        }
        scratch.removeAll(keepingCapacity: true)
        var i = start
        while i < end {
            scratch.append(bytes[i])
            i += bytes[i] == UInt8(ascii: "\"") ? 2 : 1
        }
        let result: Result<R, DataError> = scratch.withUnsafeBufferPointer { cell in
            do throws(DataError) { return .success(try body(cell)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// The delimiter among `,` `;` and tab that occurs most often, outside quotes, on the first line.
    static func detectDelimiter(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> UInt8 {
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, UInt8(ascii: "\t"): 0]
        var inQuotes = false
        var i = start
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if !inQuotes {
                if c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") {
                    if counts.values.contains(where: { $0 > 0 }) { break }
                } else if counts[c] != nil {
                    counts[c]! += 1
                }
            }
            i += 1
        }
        let best = counts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }!
        return best.value > 0 ? best.key : UInt8(ascii: ",")
    }

    /// Whether the first rows of a `;`-delimited file write numbers with a decimal comma ("3,14").
    static func usesDecimalComma(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, delimiter: UInt8) -> Bool {
        var tokenizer = CSVTokenizer(delimiter: delimiter)
        var fields: [FieldSpan] = []
        var position = start
        var decimalCommas = 0, decimalPoints = 0
        for _ in 0..<50 {
            fields.removeAll(keepingCapacity: true)
            guard let step = try? tokenizer.next(bytes, &position, atEOF: false, fields: &fields),
                  case .record = step else { break }
            for field in fields {
                var sawComma = false, sawPoint = false, digitsOnly = true, digits = 0
                for i in field.start..<field.end {
                    let c = bytes[i]
                    if c == UInt8(ascii: ",") { sawComma = true } else if c == UInt8(ascii: ".") { sawPoint = true }
                    else if c &- 48 <= 9 { digits += 1 } else if !(c == UInt8(ascii: "-") && i == field.start) { digitsOnly = false }
                }
                guard digitsOnly && digits > 0 else { continue }
                if sawComma && !sawPoint { decimalCommas += 1 }
                if sawPoint && !sawComma { decimalPoints += 1 }
            }
        }
        return decimalCommas > 0 && decimalPoints == 0
    }
}

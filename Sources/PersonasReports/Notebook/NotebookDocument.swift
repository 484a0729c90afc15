import Foundation

/// A Jupyter notebook in nbformat 4.5: markdown cells, and Python code cells that may carry the
/// outputs they produce (charts embedded as `image/svg+xml`), so the story reads without running.
///
/// Cells get deterministic ids (`cell-1`, `cell-2`, …; nbformat 4.5 requires ids), and the JSON
/// has sorted keys, so the same content gives the same bytes.
public struct NotebookDocument: Sendable, Equatable {
    public enum Cell: Sendable, Equatable {
        case markdown(String)
        /// Python source and the display outputs it produces.
        case code(String, outputs: [DisplayOutput] = [])
    }

    /// One `display_data` output: MIME type → content.
    public struct DisplayOutput: Sendable, Equatable {
        public var data: [String: String]
        public init(data: [String: String]) { self.data = data }

        /// What `IPython.display.display(SVG(...))` shows.
        public static func svg(_ svg: String) -> DisplayOutput {
            DisplayOutput(data: ["image/svg+xml": svg, "text/plain": "<IPython.core.display.SVG object>"])
        }
    }

    public var cells: [Cell] = []

    public init(cells: [Cell] = []) { self.cells = cells }

    public mutating func markdown(_ text: String) { cells.append(.markdown(text)) }
    public mutating func code(_ source: String, outputs: [DisplayOutput] = []) { cells.append(.code(source, outputs: outputs)) }

    /// The `.ipynb` JSON.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(File(self))
    }

    // MARK: nbformat's JSON layout

    private struct File: Encodable {
        var cells: [FileCell]
        var metadata = Metadata()
        var nbformat = 4
        var nbformat_minor = 5

        init(_ notebook: NotebookDocument) {
            cells = notebook.cells.enumerated().map { FileCell($1, id: "cell-\($0 + 1)") }
        }
    }

    private struct Metadata: Encodable {
        var kernelspec = ["display_name": "Python 3", "language": "python", "name": "python3"]
        var language_info = ["name": "python"]
    }

    private struct FileCell: Encodable {
        var cell_type: String
        var id: String
        var metadata: [String: String] = [:]
        var source: [String]
        var outputs: [FileOutput]?
        var execution_count: Int?

        init(_ cell: Cell, id: String) {
            self.id = id
            switch cell {
            case .markdown(let text):
                cell_type = "markdown"
                source = Self.lines(text)
            case .code(let text, let displays):
                cell_type = "code"
                source = Self.lines(text)
                outputs = displays.map(FileOutput.init)
            }
        }

        enum CodingKeys: String, CodingKey { case cell_type, id, metadata, source, outputs, execution_count }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(cell_type, forKey: .cell_type)
            try container.encode(id, forKey: .id)
            try container.encode(metadata, forKey: .metadata)
            try container.encode(source, forKey: .source)
            if let outputs {
                // A code cell always has both keys; `null` marks a cell not run in this session.
                try container.encode(outputs, forKey: .outputs)
                try container.encodeNil(forKey: .execution_count)
            }
        }

        /// nbformat's multiline strings: the text's lines, each keeping its "\n" (Python's
        /// `splitlines(keepends=True)`), so joining them gives the text back exactly.
        static func lines(_ text: String) -> [String] {
            var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) + "\n" }
            parts[parts.count - 1].removeLast()
            if parts.last == "" { parts.removeLast() }
            return parts
        }
    }

    private struct FileOutput: Encodable {
        var output_type = "display_data"
        var data: [String: [String]]
        var metadata: [String: String] = [:]

        init(_ output: DisplayOutput) {
            data = output.data.mapValues(FileCell.lines)
        }
    }
}

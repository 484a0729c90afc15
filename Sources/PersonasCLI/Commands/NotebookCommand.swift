import ArgumentParser
import Foundation
import PersonasData
import PersonasFiles
import PersonasReports

/// `personas notebook DIR --out FILE.ipynb`: the segmentation in DIR as a Jupyter notebook.
struct NotebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notebook",
        abstract: "Write a Jupyter notebook (nbformat 4) telling the segmentation in a `personas segment` folder as a story.",
        discussion: """
            Markdown cells hold the choice of k, the segments, each persona and the typing tool; the \
            charts are embedded as outputs, so the notebook reads without running; Python cells \
            reload the folder's CSV and JSON files with pandas (the path is written relative to the \
            notebook, so keep the two where they are or edit SEGMENTS in the first code cell).
            """)

    @Argument(help: ArgumentHelp("The folder `personas segment` wrote.", valueName: "dir"))
    var folder: String

    @Option(help: ArgumentHelp("The notebook to write.", valueName: "file.ipynb"))
    var out: String

    func run() throws {
        let folderURL = URL(fileURLWithPath: folder, isDirectory: true)
        let outURL = URL(fileURLWithPath: out)
        let relative = SegmentationNotebook.relativePath(to: folderURL, from: outURL.deletingLastPathComponent())
        let contents: SegmentationFolderContents
        do { contents = try SegmentationFolder.read(folderURL) } catch let error as FolderError {
            throw CommandFailure(ErrorAdvice.line(for: error))
        }
        let notebook = SegmentationNotebook.build(contents, dataPath: relative)
        let inputs = (try? FileManager.default.contentsOfDirectory(atPath: folderURL.path))?
            .map { folderURL.appendingPathComponent($0) } ?? []
        try AtomicFileWriter.write(notebook.jsonData(), to: outURL, protectedInputs: inputs)
        Terminal.printOutput("notebook: \(notebook.cells.count) cells; wrote \(out)")
    }
}

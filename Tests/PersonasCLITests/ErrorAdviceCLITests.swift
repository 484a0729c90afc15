import Foundation
import PersonasData
import PersonasSegmentation
import PersonasTestSupport
import Testing

/// The libraries' errors say what went wrong in their own terms and carry a kind; the command
/// line appends the option that resolves the kind (`ErrorAdvice`). Each case runs the binary and
/// meets the same library error in-process: the printed line is `Error: ` + the library's
/// description + the advice, the advice names the option, and the library's text names none.
///
/// Fails on main before this change: the libraries wrote the options into their own messages
/// (`(--k 2)`, `--na`, `--scale`, `--batch-size`), a read-only output folder printed an
/// `NSCocoaErrorDomain` text, and an unknown `--value` column named no option.
@Suite("Error advice: the CLI names the option, the library does not")
struct ErrorAdviceCLITests {
    /// Checks one refusal: one `Error:` line ending with `advice`, whose library part (everything
    /// before the advice) names no option, and which is `library` (when given) plus the advice.
    private func expect(_ run: PersonasRun, advice: String, library: String? = nil,
                        sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.status != 0, sourceLocation: sourceLocation)
        let lines = run.stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { $0.hasPrefix("Error:") }
        #expect(lines.count == 1, "\(run.stderr)", sourceLocation: sourceLocation)
        let line = String(lines.first ?? "")
        #expect(line.hasSuffix(advice), "\(line)", sourceLocation: sourceLocation)
        let libraryPart = line.dropFirst("Error: ".count).dropLast(advice.count)
        #expect(!libraryPart.contains("--"), "\(line)", sourceLocation: sourceLocation)
        if let library {
            #expect(!library.contains("--"), "\(library)", sourceLocation: sourceLocation)
            #expect(line == "Error: " + library + advice, sourceLocation: sourceLocation)
        }
    }

    @Test("Too large a k: the library asks for fewer segments, the CLI adds --k")
    func tooLargeK() throws {
        let path = Fixtures.url("bad-input/few_distinct_rows.csv")
        let directory = try TemporaryDirectory()
        let run = try PersonasRun(["segment", path.path, "--k", "3", "--out", directory.file("out").path])
        let table = try CSVReader.read(contentsOf: path)
        let error = try #require(throws: SegmentationError.self) {
            try Segmentation.run(table, SegmentationConfiguration(ks: [3], seed: 0))
        }
        #expect(error.kind == .tooFewDistinctRows(distinct: 2, ks: [3]))
        expect(run, advice: " (--k 2)", library: error.description)
    }

    @Test("Over the memory budget: the library says to use smaller batches, the CLI adds --batch-size")
    func memoryBudget() throws {
        let directory = try TemporaryDirectory()
        let npy = directory.file("x.npy")
        try NPY.write(randomMatrix(2_000, 4, seed: 5), to: npy)
        let run = try PersonasRun(["kmeans", npy.path, "--k", "3", "--algorithm", "minibatch", "--batch-size", "2000",
                                   "--out", directory.file("out").path], environment: ["PERSONAS_MEMORY_LIMIT": "10K"])
        expect(run, advice: " (--batch-size)")
        #expect(run.stderr.contains("is available; use smaller batches (--batch-size)"))
    }

    @Test("An unknown value column: the library lists the columns, the CLI adds --value")
    func unknownColumn() throws {
        let path = Fixtures.url("bad-input/few_distinct_rows.csv")
        let directory = try TemporaryDirectory()
        let run = try PersonasRun(["segment", path.path, "--k", "2", "--value", "nosuch", "--out", directory.file("out").path])
        var table = try CSVReader.read(contentsOf: path)
        let error = try #require(throws: DataError.self) { try table.assignRole(.value, toColumn: "nosuch") }
        #expect(error.kind == .unknownColumn(role: .value, columns: table.columns.map(\.name)))
        expect(run, advice: "; give the value column to --value", library: error.description)
    }

    @Test("A read-only output folder is reported as such, and the CLI adds --out",
          .enabled(if: ReadOnlyFolder.isAvailable, Comment(rawValue: ReadOnlyFolder.skipReason)))
    func readOnlyOutput() throws {
        let directory = try TemporaryDirectory()
        let folder = try #require(try ReadOnlyFolder.make(in: directory))
        let out = folder.appendingPathComponent("km")
        let run = try PersonasRun(["kmeans", Fixtures.url("bad-input/few_distinct_rows.csv").path, "--k", "2",
                                   "--out", out.path])
        expect(run, advice: "; give a writable folder to --out")
        #expect(run.stderr.hasPrefix("Error: cannot write \(folder.path)"), "\(run.stderr)")
        #expect(run.stderr.contains(": the folder is read-only;") && !run.stderr.contains("NSCocoaErrorDomain"))
        let error = try #require(throws: OutputError.self) {
            try AtomicFileWriter.write("x", to: folder.appendingPathComponent("x.csv"))
        }
        #expect(error.kind == .readOnly && !error.description.contains("--"))
    }
}

import Foundation
import Testing
@testable import PersonasWorkbook
import PersonasTestSupport

/// The writer without LibreOffice: refusals and their kinds, atomic writing, and the file's XML
/// (no data text in a formula, no cached result).
@Suite("Workbook writer")
struct WorkbookWriterTests {
    static let tree = WorkbookExamples.description(.tree(WorkbookExamples.tree))

    /// Issue 20 (XLSX): fails on main before this change, which has no workbook at all.
    @Test func textsInFormulasAreEscapedLiteralsAndNumbersReadBack() {
        #expect(FormulaText.literal("\"; DROP") == "\"\"\"; DROP\"")
        #expect(FormulaText.literal("Yes,No") == "\"Yes,No\"")
        #expect(FormulaText.number(0.57) == "0.57")
        #expect(FormulaText.number(100) == "100")
        #expect(FormulaText.number(-0.25) == "-0.25")
        #expect(FormulaText.number(1e-05) == "1E-05")
        #expect(Double(FormulaText.number(0.1 + 0.2)) == 0.1 + 0.2)
        #expect(FormulaText.column(0) == "A" && FormulaText.column(25) == "Z" && FormulaText.column(26) == "AA")
        #expect(FormulaText.nesting("IF(A1=\"((\",SUM(B1),0)") == 2)
    }

    /// Issue 20 (XLSX): fails on main before this change, which has no workbook at all.
    @Test(arguments: [
        ("a split on a levels question compares a number",
         WorkbookDescription(title: "", questions: tree.questions, segments: tree.segments,
                             scoring: .tree(.split(WorkbookSplit(question: 1, test: .atMost(1), missingPasses: true),
                                                   passing: .leaf(segment: 0), failing: .leaf(segment: 1))))),
        ("a leaf names a segment that is not there",
         WorkbookDescription(title: "", questions: tree.questions, segments: tree.segments, scoring: .tree(.leaf(segment: 4)))),
        ("a threshold is not finite",
         WorkbookDescription(title: "", questions: tree.questions, segments: tree.segments,
                             scoring: .tree(.split(WorkbookSplit(question: 0, test: .atMost(.nan), missingPasses: true),
                                                   passing: .leaf(segment: 0), failing: .leaf(segment: 1))))),
        ("two segments share a label",
         WorkbookDescription(title: "", questions: tree.questions, segments: tree.segments + [tree.segments[0]],
                             scoring: .tree(.leaf(segment: 0)))),
        ("a label is another level's value",
         WorkbookDescription(title: "", questions: [WorkbookQuestion(name: "x", label: "X", kind: .levels([
             WorkbookLevel(value: "a", label: "b"), WorkbookLevel(value: "b", label: "c")]))],
                             segments: tree.segments, scoring: .tree(.leaf(segment: 0)))),
        ("no question",
         WorkbookDescription(title: "", questions: [], segments: tree.segments, scoring: .tree(.leaf(segment: 0)))),
        ("a points table of the wrong size",
         WorkbookDescription(title: "", questions: tree.questions, segments: tree.segments,
                             scoring: .points(WorkbookPoints(constant: [0, 0, 0], questions: [])))),
    ])
    func inconsistentDescriptionsAreRefused(_ case: String, _ description: WorkbookDescription) throws {
        let directory = try TemporaryDirectory()
        let error = #expect(throws: WorkbookError.self, "\(`case`)") {
            try WorkbookWriter.write(description, to: directory.file("typing-tool.xlsx"))
        }
        #expect(error?.kind == .invalidDescription, "\(`case`): \(String(describing: error))")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).isEmpty)
    }

    /// Issue 20 (XLSX): fails on main before this change, which has no workbook at all.
    @Test func answerRowsThatDoNotFitAreRefused() throws {
        let directory = try TemporaryDirectory(), url = directory.file("typing-tool.xlsx")
        let short = #expect(throws: WorkbookError.self) { try WorkbookWriter.write(Self.tree, customers: [[.blank]], to: url) }
        #expect(short?.kind == .invalidAnswers)
        #expect(short?.description.contains("customer row 1 has 1 answers for 6 questions") == true)
        var row = [WorkbookAnswer](repeating: .blank, count: 6)
        row[1] = .level(7)
        let level = #expect(throws: WorkbookError.self) { try WorkbookWriter.write(Self.tree, customers: [row], to: url) }
        #expect(level?.kind == .invalidAnswers)
    }

    /// Issue 20 (XLSX): fails on main before this change, which has no workbook at all.
    @Test func aTreeTooDeepForExcelIsRefusedAndTheOldFileKept() throws {
        let directory = try TemporaryDirectory(), url = directory.file("typing-tool.xlsx")
        try Data("old".utf8).write(to: url)
        var deep = WorkbookTree.leaf(segment: 0)
        for i in 0..<70 {
            deep = .split(WorkbookSplit(question: 0, test: .atMost(Double(i)), missingPasses: true), passing: deep, failing: .leaf(segment: 1))
        }
        var description = Self.tree
        description.scoring = .tree(deep)
        let error = #expect(throws: WorkbookError.self) { try WorkbookWriter.write(description, to: url) }
        #expect(error?.kind == .tooLarge)
        #expect(try Data(contentsOf: url) == Data("old".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["typing-tool.xlsx"])
    }

    /// Issue 20 (XLSX): fails on main before this change, which has no workbook at all.
    @Test(.enabled(if: ReadOnlyFolder.isAvailable, Comment(rawValue: ReadOnlyFolder.skipReason)))
    func aReadOnlyFolderIsReportedAsSuch() throws {
        let directory = try TemporaryDirectory()
        let folder = try #require(try ReadOnlyFolder.make(in: directory))
        let error = #expect(throws: WorkbookError.self) {
            try WorkbookWriter.write(Self.tree, to: folder.appendingPathComponent("typing-tool.xlsx"))
        }
        #expect(error?.kind == .readOnly)
        #expect(error?.description.hasSuffix("typing-tool.xlsx: the folder is read-only") == true)
    }

    /// Issue 20 (XLSX): fails on main before this change, which has no workbook at all.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/unzip"), "unzip is not installed (make test installs it)"))
    func formulasHoldNoDataTextAndNoCachedResult() throws {
        let directory = try TemporaryDirectory(), url = directory.file("typing-tool.xlsx")
        try Data("old".utf8).write(to: url)
        let rows = WorkbookExamples.rows(40, seed: 3, halves: false)
        for scoring in [WorkbookScoring.tree(WorkbookExamples.tree), .points(WorkbookExamples.points)] {
            try WorkbookWriter.write(WorkbookExamples.description(scoring), customers: rows, to: url)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["typing-tool.xlsx"])
            let xml = try unzipText(url, "xl/worksheets/sheet*.xml")
            let formulas = xml.components(separatedBy: "<f>").dropFirst().map { $0.components(separatedBy: "</f>")[0] }
            #expect(formulas.count > 40 * 8)
            let texts = WorkbookExamples.questions.flatMap { question -> [String] in
                guard case .levels(let levels) = question.kind else { return [question.label] }
                return [question.label] + levels.flatMap { [$0.value, $0.label] }
            } + WorkbookExamples.segments.flatMap { [$0.label, $0.personaName] } + ["zzz unknown", "=1+1"]
            for formula in formulas {
                for text in texts where text.count > 2 {
                    #expect(!formula.contains(xmlEscaped(text)), "the formula \(formula) holds the data text \(text)")
                }
            }
            // Every formula's stored result is empty: <f>…</f><v></v>.
            #expect(xml.components(separatedBy: "</f><v></v>").count - 1 == formulas.count)
        }
    }

    private func xmlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

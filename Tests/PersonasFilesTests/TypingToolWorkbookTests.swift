import Foundation
import PersonasData
import PersonasFiles
@testable import PersonasProfiles
import PersonasTestSupport
import PersonasWorkbook
import Testing

/// `typing-tool.xlsx` for the CART tree: the mapping from ``DecisionTree`` and the workbook that
/// LibreOffice recalculates.
@Suite("typing-tool.xlsx for the tree")
struct TypingToolWorkbookTests {
    /// Issue 20 (XLSX): fails on main before this change, which writes no workbook.
    @Test("On the bundled sample, every row's recalculated segment is tree.predict's",
          .enabled(if: LibreOffice.runsTests, Comment(rawValue: LibreOffice.skipReason)))
    func sampleRowsGetTheTreesSegment() throws {
        _ = try #require(LibreOffice.executable, "CI is set, so LibreOffice must be installed (scripts/setup.sh installs it)")
        let (table, segments) = try SampleSegments.load()
        let data = try TreeDataset(table: table)
        let tree = try TypingTool.build(data, labels: TreeLabels(segments: segments)).tree
        let predicted = try tree.predict(table)

        let personas = tree.classLabels.map { WorkbookSegment(label: $0, personaName: "Persona \"\($0)\"", description: "=\($0)") }
        let description = try TypingToolWorkbook.description(of: tree, title: "HCP typing tool", segments: personas, table: table)
        #expect(description.questions.map(\.name) == tree.questions)
        let answers = TypingToolWorkbook.answers(data, for: description)
        let directory = try TemporaryDirectory()
        try TypingToolWorkbook.write(description, customers: answers, into: directory.url, protectedInputs: [])
        let sheets = try LibreOffice.sheets(of: directory.file(OutputFileName.typingToolWorkbook), in: directory)

        let customers = try #require(sheets["Customers"])
        let q = description.questions.count
        #expect(customers.count > table.rowCount)
        var wrong = 0
        for r in 0..<table.rowCount {
            let cells = customers[r + 1]
            let expected = personas[Int(predicted[r])]
            if cells[q] != expected.label || cells[q + 1] != expected.personaName { wrong += 1 }
            if wrong == 1, cells[q] != expected.label {
                Issue.record("row \(r + 1): the workbook gives \(cells[q]), the tree \(expected.label); answers \(answers[r])")
            }
        }
        #expect(wrong == 0, "\(wrong) of \(table.rowCount) rows differ")
    }

    /// Issue 20 (XLSX): fails on main before this change, which writes no workbook.
    @Test func theTreeMapsSplitForSplit() throws {
        let features = [TreeFeature(name: "size", kind: .numeric, displayName: "Practice size"),
                        TreeFeature(name: "unused", kind: .numeric),
                        TreeFeature(name: "spec", kind: .categorical, levels: ["GP", "ONC"]),
                        TreeFeature(name: "restricted", kind: .numeric)]
        func leaf(_ segment: Int) -> TreeNode {
            TreeNode(feature: -1, threshold: nil, leftLevels: nil, left: -1, right: -1, missingGoesLeft: true,
                     segment: segment, distribution: [1, 1], samples: 2, weight: 2, impurity: 0.5)
        }
        var root = leaf(0), spec = leaf(0), restricted = leaf(1)
        (root.feature, root.threshold, root.left, root.right, root.missingGoesLeft) = (0, 35.5, 1, 4, false)
        (spec.feature, spec.leftLevels, spec.left, spec.right) = (2, [1], 2, 3)
        (restricted.feature, restricted.threshold, restricted.left, restricted.right) = (3, 0.5, 5, 6)
        let tree = DecisionTree(features: features, classLabels: ["0", "1"],
                                nodes: [root, spec, leaf(1), leaf(0), restricted, leaf(0), leaf(1)], criterion: .gini)
        let table = DataTable(source: "test", columns: [
            Column(name: "spec", type: .categorical, role: .feature, values: .levels(codes: [0], levels: ["GP", "ONC"]),
                   levelLabels: ["ONC": "Oncology"]),
            Column(name: "restricted", type: .boolean, role: .feature, values: .numbers([1])),
        ], rowCount: 1)
        let description = try TypingToolWorkbook.description(of: tree, table: table)
        #expect(description.questions == [
            WorkbookQuestion(name: "size", label: "Practice size", kind: .number),
            WorkbookQuestion(name: "spec", label: "Spec", kind: .levels([WorkbookLevel(value: "GP"), WorkbookLevel(value: "ONC", label: "Oncology")])),
            WorkbookQuestion(name: "restricted", label: "Restricted", kind: .yesNo),
        ])
        #expect(description.segments.map(\.personaName) == ["Segment 0", "Segment 1"])
        #expect(description.scoring == .tree(
            .split(WorkbookSplit(question: 0, test: .atMost(35.5), missingPasses: false),
                   passing: .split(WorkbookSplit(question: 1, test: .levelIn([1]), missingPasses: true),
                                   passing: .leaf(segment: 1), failing: .leaf(segment: 0)),
                   failing: .split(WorkbookSplit(question: 2, test: .atMost(0.5), missingPasses: true),
                                   passing: .leaf(segment: 0), failing: .leaf(segment: 1)))))
        let error = #expect(throws: WorkbookError.self) {
            try TypingToolWorkbook.description(of: tree, segments: [WorkbookSegment(label: "0", personaName: "Only one")])
        }
        #expect(error?.kind == .invalidDescription)
    }

    /// Issue 20 (XLSX): fails on main before this change, which writes no workbook.
    @Test func fileFailuresAreOutputErrorsLikeEveryOtherFile() throws {
        let description = WorkbookDescription(
            title: "t", questions: [WorkbookQuestion(name: "x", label: "X", kind: .number)],
            segments: [WorkbookSegment(label: "0", personaName: "P")], scoring: .tree(.leaf(segment: 0)))
        let directory = try TemporaryDirectory()
        let input = directory.file(OutputFileName.typingToolWorkbook)
        try Data("an input".utf8).write(to: input)
        let protected = #expect(throws: OutputError.self) {
            try TypingToolWorkbook.write(description, into: directory.url, protectedInputs: [input])
        }
        #expect(protected?.kind == .inputOfThisRun)
        #expect(try Data(contentsOf: input) == Data("an input".utf8))
        try TypingToolWorkbook.write(description, into: directory.url, protectedInputs: [directory.file("other.csv")])
        #expect(try Data(contentsOf: input).prefix(2) == Data("PK".utf8))
        if let folder = try ReadOnlyFolder.make(in: directory) {
            let readOnly = #expect(throws: OutputError.self) {
                try TypingToolWorkbook.write(description, into: folder, protectedInputs: [])
            }
            #expect(readOnly?.kind == .readOnly)
        }
    }
}

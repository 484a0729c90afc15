import Foundation
import Testing
@testable import PersonasWorkbook
import PersonasTestSupport

/// The workbook's formulas as LibreOffice computes them (headless, recalculation forced on load),
/// row by row against the segment the Swift evaluator in ``WorkbookExamples`` gives.
@Suite("Workbook recalculated by LibreOffice")
struct WorkbookRecalculationTests {
    /// Issue 20 (XLSX): fails on main before this change, which has no workbook at all.
    @Test("A tree workbook gives every row's segment", .enabled(if: LibreOffice.runsTests, Comment(rawValue: LibreOffice.skipReason)))
    func treeWorkbook() throws {
        try check(.tree(WorkbookExamples.tree), halves: false, seed: 1)
    }

    /// Issue 20 (XLSX): fails on main before this change, which has no workbook at all.
    @Test("A points workbook gives every row's segment, the first on ties", .enabled(if: LibreOffice.runsTests, Comment(rawValue: LibreOffice.skipReason)))
    func pointsWorkbook() throws {
        let ties = try check(.points(WorkbookExamples.points), halves: true, seed: 2)
        #expect(ties > 0, "the example must hold rows whose two best totals tie")
    }

    /// Writes the workbook with 300 pre-filled rows and the first non-empty one as the "Typing tool"
    /// example, recalculates it once, and checks every sheet. Returns how many rows had tied totals.
    @discardableResult
    private func check(_ scoring: WorkbookScoring, halves: Bool, seed: UInt64) throws -> Int {
        _ = try #require(LibreOffice.executable, "CI is set, so LibreOffice must be installed (scripts/setup.sh installs it)")
        let directory = try TemporaryDirectory()
        let description = WorkbookExamples.description(scoring)
        let rows = WorkbookExamples.rows(300, seed: seed, halves: halves)
        let example = try #require(rows.first { !WorkbookExamples.isEmpty($0) })
        let url = directory.file("typing-tool.xlsx")
        try WorkbookWriter.write(description, customers: rows, emptyCustomerRows: 20, example: example, to: url)
        let sheets = try LibreOffice.sheets(of: url, in: directory)
        let q = description.questions.count, segments = description.segments

        // "Customers": the header, then per row the answers as written and the expected segment.
        let customers = try #require(sheets["Customers"])
        #expect(Array(customers[0].prefix(q + 2)) == description.questions.map(\.label) + ["Segment", "Persona"])
        var ties = 0
        for (r, row) in rows.enumerated() {
            let cells = customers[r + 1]
            let expected = WorkbookExamples.expected(row, scoring)
            let got = (cells[q], cells[q + 1])
            let want = expected.map { (segments[$0].label, segments[$0].personaName) } ?? ("", "")
            #expect(got == want, "customer row \(r + 1): \(row) gave \(got), expected \(want)")
            for (c, answer) in row.enumerated() {
                if case .text(let text) = answer { #expect(cells[c] == text, "row \(r + 1) column \(c + 1) is not the text written") }
            }
            if case .points(let points) = scoring, expected != nil, tiedBest(row, points) { ties += 1 }
        }
        // The empty rows after them give nothing.
        for r in rows.count + 1...rows.count + 20 { #expect(customers[r][q] == "" && customers[r][q + 1] == "") }

        // "Typing tool": the example's segment, persona and description.
        let typing = try #require(sheets["Typing tool"])
        let index = try #require(WorkbookExamples.expected(example, scoring))
        let results = Dictionary(typing.filter { $0.count > 1 }.map { ($0[0], $0[1]) }, uniquingKeysWith: { a, _ in a })
        #expect(results["Segment"] == segments[index].label)
        #expect(results["Persona"] == segments[index].personaName)
        #expect(results["Description"] == segments[index].description)
        #expect(typing[0][0] == description.title)

        // "Segments": every text byte for byte, none run as a formula.
        let listed = try #require(sheets["Segments"])
        #expect(listed.dropFirst().map { Array($0.prefix(3)) } == segments.map { [$0.label, $0.personaName, $0.description] })
        return ties
    }

    private func tiedBest(_ row: [WorkbookAnswer], _ points: WorkbookPoints) -> Bool {
        let values = zip(row, WorkbookExamples.questions).map { WorkbookExamples.known($0, $1) }
        let totals = WorkbookExamples.segments.indices.map { s in
            zip(points.questions, values).reduce(points.constant[s]) { total, pair in
                guard let v = pair.1 else { return total + pair.0.missing[s] }
                switch pair.0.answer {
                case .perUnit(let perUnit): return total + v * perUnit[s]
                case .perLevel(let table): return total + table[Int(v)][s]
                }
            }
        }
        let best = totals.max()!
        return totals.filter { $0 == best }.count > 1
    }
}

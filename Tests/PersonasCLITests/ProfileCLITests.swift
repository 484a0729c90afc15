import Foundation
import PersonasNumerics
import PersonasTestSupport
import Testing

@Suite("personas profile")
struct ProfileCLITests {
    @Test("Personas from a table and a labels file; identifiers and free text appear in no output")
    func noLeaks() throws {
        let directory = try TemporaryDirectory()
        var rng = SeededGenerator(seed: 3)
        var table = "customer_id,specialty,monthly_rx,webinars,notes\n"
        var labels = "customer_id,segment\n"
        for i in 0..<400 {
            let segment = i % 3
            let specialty = ["Oncology", "Cardiology", "General practice"][segment]
            let volume = [120.0, 40.0, 10.0][segment] * (0.7 + 0.6 * rng.nextUnitDouble())
            let webinars = Int(rng.nextUnitDouble() * Double(2 + 4 * segment))
            table += "CUST-\(100_000 + i),\(specialty),\(String(format: "%.1f", volume)),\(webinars),"
                + "\"Confidential remark number \(i) about Dr Zyx\(i)\"\n"
            labels += "CUST-\(100_000 + i),\(segment)\n"
        }
        let tableURL = directory.file("hcp.csv"), labelsURL = directory.file("labels.csv")
        try table.write(to: tableURL, atomically: true, encoding: .utf8)
        try labels.write(to: labelsURL, atomically: true, encoding: .utf8)
        let out = directory.file("personas")
        let run = try PersonasRun(["profile", tableURL.path, "--labels", labelsURL.path, "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(names == [".personas-manifest.json", "personas.json", "personas.md", "profile.csv", "profile.xlsx"])
        for name in names {
            let url = out.appendingPathComponent(name)
            let text = name.hasSuffix(".xlsx") ? try unzipText(url, "xl/*.xml") + unzipText(url, "xl/worksheets/*.xml")
                : try String(contentsOf: url, encoding: .utf8)
            #expect(!text.contains("CUST-1"), "\(name) shows an identifier")
            #expect(!text.contains("Confidential") && !text.contains("Zyx"), "\(name) shows free text")
        }
        let markdown = try String(contentsOf: out.appendingPathComponent("personas.md"), encoding: .utf8)
        #expect(markdown.contains("Oncology") && markdown.contains("Cardiology"))
        // The labels file must match the table's rows: a wrong file is refused and nothing is written.
        let wrong = directory.file("wrong.csv")
        try "customer_id,segment\nNOPE-1,0\n".write(to: wrong, atomically: true, encoding: .utf8)
        let refused = try PersonasRun(["profile", tableURL.path, "--labels", wrong.path, "--out", directory.file("x").path])
        #expect(refused.status != 0 && !refused.stderr.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: directory.file("x/personas.json").path))
    }

    /// Issue 21 (profile workbook): fails on main before this change, which writes no profile.xlsx.
    @Test("profile and segment write profile.xlsx beside profile.csv, listed in the folder's manifest, with profile.csv's personas",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/unzip"), "unzip is not installed (make test installs it)"))
    func profileWorkbook() throws {
        let directory = try TemporaryDirectory()
        let csv = try BlobCustomers.write(BlobCustomers.withFarOutliers(12), in: directory)
        let segment = directory.file("segment"), profile = directory.file("profile")
        let segmented = try PersonasRun(["segment", csv.path, "--k", "3", "--no-typing-tool", "--quiet", "--out", segment.path])
        #expect(segmented.status == 0, "\(segmented.stderr)")
        let profiled = try PersonasRun(["profile", csv.path, "--labels", segment.appendingPathComponent("assignments.csv").path,
                                        "--out", profile.path])
        #expect(profiled.status == 0, "\(profiled.stderr)")
        for folder in [segment, profile] {
            let manifest = try String(contentsOf: folder.appendingPathComponent(".personas-manifest.json"), encoding: .utf8)
            #expect(manifest.contains("\"profile.xlsx\""), "\(folder.lastPathComponent): \(manifest)")
            let workbook = folder.appendingPathComponent("profile.xlsx")
            let sheets = try unzipText(workbook, "xl/workbook.xml")
            #expect(sheets.contains(#"<sheet name="Traits" sheetId="1""#), "\(sheets)")
            // Every persona of profile.csv is named in the workbook, and the profile has its colour scales.
            let strings = try unzipText(workbook, "xl/sharedStrings.xml")
            let personas = Set(LibreOffice.parseCSV(try String(contentsOf: folder.appendingPathComponent("profile.csv"), encoding: .utf8))
                .dropFirst().map { $0[1] })
            let escaped = personas.map { $0.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;") }
            #expect(personas.count == 3 && escaped.allSatisfy { strings.contains(">\($0)<") }, "\(personas)")
            #expect(try unzipText(workbook, "xl/worksheets/sheet1.xml").contains(#"<cfRule type="colorScale""#))
        }
    }
}

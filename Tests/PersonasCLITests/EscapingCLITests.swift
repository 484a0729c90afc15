import Foundation
import PersonasData
import PersonasTestSupport
import Testing

/// Issue 18, escaping: what `personas` writes from hostile data opens as text in a spreadsheet
/// and renders as text in Markdown, while identifiers and numbers keep their bytes.
@Suite("Escaping: personas commands")
struct EscapingCLITests {
    static let hyperlink = #"=HYPERLINK("http://x","click")"#
    static let script = "<script>alert(1)</script>"
    static let image = "<img src=x onerror=alert(1)>"

    /// 80 customers in two groups: group A's `kind` is the HYPERLINK formula and it is high on the
    /// column named `<script>…`, group B's `kind` is the image with a handler. The identifiers
    /// start with `-`, `@`, `=` and `+`: they must come out untouched all the same.
    static func hostileCSV(in directory: TemporaryDirectory) throws -> (URL, ids: [String]) {
        var ids: [String] = []
        var text = "id,kind,\(script),visits\n"
        for i in 0..<80 {
            let id = ["-C", "@C", "=C", "+C"][i % 4] + String(1000 + i)
            ids.append(id)
            let a = i < 40
            let kind = a ? "\"" + hyperlink.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : image
            text += "\(id),\(kind),\((a ? 20 : 4) + i % 3),\((i * 13) % 17)\n"
        }
        let url = directory.file("hostile.csv")
        try Data(text.utf8).write(to: url)
        return (url, ids)
    }

    /// Every CSV file under `folder` (or the file itself) as RFC 4180 records, parsed by Python's
    /// csv module when python3 is there (else by Personas' own reader, header first).
    static func records(_ url: URL) throws -> [[String]] {
        let python = "/usr/bin/python3"
        if FileManager.default.isExecutableFile(atPath: python) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = ["-c", "import csv, json, sys; print(json.dumps(list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))))", url.path]
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return try #require(try JSONSerialization.jsonObject(with: data) as? [[String]])
        }
        let table = try CSVReader.read(contentsOf: url, options: CSVOptions(schema: nil))
        return [table.columns.map(\.name)] + (0..<table.rowCount).map { r in table.columns.map { $0.text(atRow: r) } }
    }

    /// Cells a spreadsheet would run: they start with = + - @ tab or CR and are not numbers.
    static func formulas(_ records: [[String]], skipping column: String?) -> [String] {
        let skip = column.flatMap { records.first?.firstIndex(of: $0) }
        let number = try! NSRegularExpression(pattern: #"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?(inf|infinity)$"#,
                                              options: .caseInsensitive)
        return records.flatMap { row in
            row.enumerated().compactMap { index, cell -> String? in
                guard index != skip, let first = cell.first, "=+-@\t\r".contains(first) else { return nil }
                let isNumber = number.firstMatch(in: cell, range: NSRange(cell.startIndex..., in: cell)) != nil
                return isNumber ? nil : cell
            }
        }
    }

    // Fails on main before this change: profile.csv, assignments.csv and typing-tool.csv held
    // `=HYPERLINK("http://x","click")` as it is (a live link in LibreOffice), and personas.md
    // and typing-tool.md held the `<script>` column name and the `<img onerror>` level as HTML.
    @Test("segment, assign, type, kmeans, hclust, profile, typing-tool, choose-k and compare write no formula cell, identifiers untouched")
    func everyCSV() throws {
        let directory = try TemporaryDirectory()
        let (csv, ids) = try Self.hostileCSV(in: directory)
        let runs: [[String]] = [
            ["segment", csv.path, "--k", "2", "--seed", "1", "--out", directory.file("seg").path],
            ["assign", directory.file("seg/model.json").path, csv.path, "--out", directory.file("assigned.csv").path],
            ["type", directory.file("seg/typing-tool.json").path, csv.path, "--out", directory.file("typed.csv").path],
            ["kmeans", csv.path, "--k", "2", "--seed", "1", "--out", directory.file("km").path],
            ["kmeans", csv.path, "--k", "2", "--seed", "1", "--algorithm", "minibatch", "--out", directory.file("mb").path],
            ["hclust", csv.path, "--k", "2", "--out", directory.file("hc").path],
            ["profile", csv.path, "--labels", directory.file("km/labels.csv").path, "--out", directory.file("prof").path],
            ["typing-tool", csv.path, "--labels", directory.file("km/labels.csv").path, "--out", directory.file("tt").path],
            ["choose-k", csv.path, "--k", "2,3", "--bootstrap", "0", "--gap-refs", "0", "--out", directory.file("ck").path],
            ["compare", directory.file("seg/assignments.csv").path, directory.file("assigned.csv").path,
             "--out", directory.file("matrix.csv").path],
        ]
        for arguments in runs {
            let run = try PersonasRun(arguments)
            try #require(run.status == 0, "\(arguments[0]): \(run.stderr)")
        }

        var files = ["assigned.csv", "typed.csv", "matrix.csv"]
        for folder in ["seg", "km", "mb", "hc", "prof", "tt", "ck"] {
            files += try FileManager.default.contentsOfDirectory(atPath: directory.file(folder).path)
                .filter { $0.hasSuffix(".csv") }.map { folder + "/" + $0 }
        }
        #expect(files.count == 16, "\(files)")
        var neutralised = Set<String>()
        for name in files {
            let records = try Self.records(directory.file(name))
            #expect(Self.formulas(records, skipping: "id").isEmpty, "\(name): \(Self.formulas(records, skipping: "id"))")
            if let id = records.first?.firstIndex(of: "id") {
                #expect(records.dropFirst().map { $0[id] } == ids, "\(name): the identifiers as written, in order")
            }
            if records.joined().contains(where: { $0.hasPrefix("'" + Self.hyperlink) }) { neutralised.insert(name) }
        }
        // The level reached these files, as text (the typing-tool command's sheet whatever its name).
        for name in ["seg/profile.csv", "seg/assignments.csv", "seg/typing-tool.csv", "prof/profile.csv", "assigned.csv"] {
            #expect(neutralised.contains(name), "\(name) should hold the level, neutralised: \(neutralised)")
        }
        #expect(neutralised.contains { $0.hasPrefix("tt/") }, "\(neutralised)")
        // Personas' own reader reads the identifier back as the join key, byte for byte.
        let assignments = try CSVReader.read(contentsOf: directory.file("seg/assignments.csv"))
        let key = try #require(assignments.identifierColumn)
        #expect((0..<assignments.rowCount).map { key.text(atRow: $0) } == ids)
        // The <script> column name is no formula and stays as it is.
        #expect(try Self.records(directory.file("seg/profile.csv")).contains { $0.contains(Self.script) })

        // profile.xlsx (issue 21; fails on main before this change, which writes none): the level is a
        // text cell, no cell is a formula, and no identifier appears.
        for workbook in ["seg/profile.xlsx", "prof/profile.xlsx"] {
            let url = directory.file(workbook)
            let strings = try unzipText(url, "xl/sharedStrings.xml"), sheets = try unzipText(url, "xl/worksheets/*.xml")
            #expect(strings.contains(">" + Self.hyperlink.replacingOccurrences(of: "\"", with: "&quot;") + "<")
                    || strings.contains(">" + Self.hyperlink + "<"), "\(workbook): \(strings)")
            #expect(!sheets.isEmpty && !sheets.contains("<f>"), "\(workbook)")
            #expect(!ids.contains { strings.contains(">" + $0 + "<") }, "\(workbook)")
        }
        for markdown in ["seg/personas.md", "seg/typing-tool.md", "prof/personas.md"] {
            let text = try String(contentsOf: directory.file(markdown), encoding: .utf8)
            #expect(!text.contains("<script") && !text.contains("<img"), "\(markdown)")
            #expect(text.contains("&lt;img src=x onerror=alert(1)&gt;") || text.contains("&lt;script&gt;"), "\(markdown)")
        }
    }
}

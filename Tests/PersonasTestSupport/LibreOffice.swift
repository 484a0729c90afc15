import Foundation

/// Headless LibreOffice (`soffice`), for recalculating a generated workbook's formulas and reading
/// the results back as CSV.
///
/// LibreOffice shows a formula's cached value unless told to recalculate on load; every conversion
/// here runs with a throwaway profile whose `registrymodifications.xcu` sets OOXML recalculation
/// on load to "always" (or to "never", to show what a stale file would give).
public enum LibreOffice {
    /// The `soffice` on PATH (scripts/setup.sh installs libreoffice-calc-nogui), or nil.
    public static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/soffice" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// CI must run the recalculation tests: there a missing `soffice` fails them instead of skipping them.
    public static let isRequired = ProcessInfo.processInfo.environment["CI"] != nil

    /// Whether a recalculation test runs: `soffice` is there, or CI requires it (and fails without it).
    public static var runsTests: Bool { executable != nil || isRequired }

    /// Why the recalculation tests are skipped outside CI.
    public static let skipReason =
        "soffice is not installed, so the workbook's formulas are not recalculated: `make test` installs LibreOffice (scripts/setup.sh)"

    /// What LibreOffice does with cached formula results on loading an .xlsx.
    public enum Recalculation: Int, Sendable {
        /// Recalculate every formula (`OOXMLRecalcMode` 0).
        case always = 0
        /// Keep the cached results (`OOXMLRecalcMode` 1).
        case never = 1
    }

    /// Converts `workbook` to one CSV per sheet (LibreOffice 7.4's filter option 12 = -1) and returns
    /// each sheet's rows by sheet name. One soffice run.
    public static func sheets(of workbook: URL, in directory: TemporaryDirectory,
                              recalculation: Recalculation = .always) throws -> [String: [[String]]] {
        guard let executable else { throw Failure(message: skipReason) }
        let profile = directory.file("lo-profile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: profile.appendingPathComponent("user"), withIntermediateDirectories: true)
        try """
        <?xml version="1.0" encoding="UTF-8"?>
        <oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
        <item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>\(recalculation.rawValue)</value></prop></item>
        </oor:items>

        """.write(to: profile.appendingPathComponent("user/registrymodifications.xcu"), atomically: true, encoding: .utf8)
        let output = directory.file("lo-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let log = directory.file("lo-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--headless", "--norestore", "-env:UserInstallation=\(profile.absoluteURL.absoluteString)",
                             "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                             "--outdir", output.path, workbook.path]
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = process.standardOutput
        try process.run()
        process.waitUntilExit()
        let said = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        let base = workbook.deletingPathExtension().lastPathComponent + "-"
        var sheets: [String: [[String]]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: output.path) where name.hasPrefix(base) && name.hasSuffix(".csv") {
            let sheet = String(name.dropFirst(base.count).dropLast(4))
            sheets[sheet] = parseCSV(try String(contentsOf: output.appendingPathComponent(name), encoding: .utf8))
        }
        guard process.terminationStatus == 0, !sheets.isEmpty else {
            throw Failure(message: "soffice exited with \(process.terminationStatus) and wrote no CSV: \(said)")
        }
        return sheets
    }

    /// RFC 4180 rows (quoted fields, doubled quotes, LF or CRLF line ends).
    public static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var characters = Array(text).makeIterator()
        var pending: Character? = nil
        while let c = pending ?? characters.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = characters.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else { field.append(c) }
                continue
            }
            switch c {
            case "\"": quoted = true
            case ",": row.append(field); field = ""
            case "\n", "\r\n": row.append(field); rows.append(row); row = []; field = ""
            case "\r": continue
            default: field.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    public struct Failure: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }
}

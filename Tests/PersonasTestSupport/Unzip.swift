import Foundation

/// The members of the zip archive at `url` whose names match `pattern` (unzip's wildcards), but
/// not `excluding`, concatenated as text: how tests read the XML inside an `.xlsx` (`make test`
/// installs unzip).
public func unzipText(_ url: URL, _ pattern: String, excluding: [String] = []) throws -> String {
    let process = Process(), output = Pipe()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
    process.arguments = ["-p", url.path, pattern] + (excluding.isEmpty ? [] : ["-x"] + excluding)
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

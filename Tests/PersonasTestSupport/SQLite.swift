import Foundation

/// The `sqlite3` shell, for checking generated SQL against the library.
public enum SQLite {
    public static let executable = "/usr/bin/sqlite3"

    /// Whether the shell is installed (`scripts/setup.sh` installs it).
    public static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: executable) }

    /// Runs `script` in an in-memory database; returns standard output, or throws with standard
    /// error when the shell fails or reports an error.
    public static func run(_ script: String, in directory: TemporaryDirectory) throws -> String {
        let scriptURL = directory.file("script-\(UUID().uuidString).sql")
        try script.write(to: scriptURL, atomically: true, encoding: .utf8)
        let outputURL = directory.file("output-\(UUID().uuidString).txt")
        FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-bail", ":memory:"]
        process.standardInput = try FileHandle(forReadingFrom: scriptURL)
        process.standardOutput = try FileHandle(forWritingTo: outputURL)
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, message.isEmpty else {
            throw SQLiteFailure(status: process.terminationStatus, message: message)
        }
        return try String(contentsOf: outputURL, encoding: .utf8)
    }

    public struct SQLiteFailure: Error, CustomStringConvertible {
        public var status: Int32
        public var message: String
        public var description: String { "sqlite3 exited with \(status): \(message)" }
    }
}

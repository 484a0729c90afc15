import Foundation
import PersonasData
import PersonasTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Fails on main before this change: OutputError had no kind, and a read-only folder was reported
// with the system's words ("Permission denied", or an NSCocoaErrorDomain text for a folder).
@Suite("Output error kinds")
struct OutputErrorTests {
    @Test("A read-only file system or a refused permission reads as a read-only folder; other failures keep the system's words")
    func fromErrno() {
        for code in [EROFS, EACCES, EPERM] {
            let error = OutputError(path: "out/profile.csv", errno: code)
            #expect(error.kind == .readOnly)
            #expect(error.description == "cannot write out/profile.csv: the folder is read-only")
        }
        let full = OutputError(path: "out/profile.csv", errno: ENOSPC)
        #expect(full.kind == .failed)
        #expect(full.description == "cannot write out/profile.csv: " + String(cString: strerror(ENOSPC)))
    }

    @Test("A Foundation error from creating a folder reads the same way")
    func fromFoundation() {
        let error = OutputError(path: "out", error: CocoaError(.fileWriteNoPermission))
        #expect(error.kind == .readOnly && error.description == "cannot write out: the folder is read-only")
        let posix = OutputError(path: "out", error: NSError(domain: NSPOSIXErrorDomain, code: Int(EROFS)))
        #expect(posix.kind == .readOnly)
    }

    @Test("Writing into a read-only folder is refused with the kind to switch on",
          .enabled(if: ReadOnlyFolder.isAvailable, Comment(rawValue: ReadOnlyFolder.skipReason)))
    func atomicWriter() throws {
        let directory = try TemporaryDirectory()
        let folder = try #require(try ReadOnlyFolder.make(in: directory))
        let destination = folder.appendingPathComponent("labels.csv")
        let error = try #require(throws: OutputError.self) { try AtomicFileWriter.write("a,b\n", to: destination) }
        switch error.kind {
        case .readOnly:
            #expect(error.description == "cannot write \(destination.path): the folder is read-only")
        case .inputOfThisRun, .failed:
            Issue.record("expected .readOnly, got \(error)")
        }
        #expect(!FileManager.default.fileExists(atPath: destination.path))
    }

    @Test("An unknown feature column is a kind with the table's columns, not a preparation text")
    func unknownColumn() throws {
        let table = try CSVReader.read(text: "id,visits,share\na,1,0.5\nb,2,0.25\n", name: "crm.csv")
        let error = try #require(throws: DataError.self) {
            try Preparation.fit(table, spec: PreparationSpec(features: ["visits", "nosuch"]))
        }
        guard case .unknownColumn(let role, let columns) = error.kind else {
            Issue.record("expected .unknownColumn, got \(error.kind)")
            return
        }
        #expect(role == nil && columns == ["id", "visits", "share"])
        #expect(error.description == "crm.csv: column \"nosuch\": there is no such column; the columns are id, visits, share")
    }
}

import Foundation
import PersonasData
import PersonasTestSupport
import Testing

/// Sizes that come from input (a `.npy` header's shape, a range of k) are checked before any
/// arithmetic or allocation: the run exits with one clear error, never a trap, an abort or a
/// segmentation fault.
@Suite("Input sizes: personas commands")
struct InputSizeCLITests {
    /// A 192-byte `.npy` whose version 1.0 header claims `shape` of float64, then 64 zero bytes.
    static func claimedShape(_ shape: String, in directory: TemporaryDirectory) throws -> URL {
        let dict = Array("{'descr': '<f8', 'fortran_order': False, 'shape': \(shape), }".utf8)
        let length = 118  // 10 + 118 = 128: the data start on a 64-byte boundary, as NumPy aligns them
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(length), 0]
        bytes += dict + Array(repeating: 0x20, count: length - dict.count - 1) + [0x0A] + Array(repeating: 0, count: 64)
        let url = directory.file("huge.npy")
        try Data(bytes).write(to: url)
        return url
    }

    // Issue 17, item 7. Fails on main: each command multiplied the header's shape to estimate its
    // memory and trapped on the overflow (signal 4, a crash report instead of an error).
    @Test("A .npy header claiming (2^62, 4) is refused by name by every command that reads matrices",
          arguments: [["kmeans", "--k", "2"], ["hclust", "--k", "2"], ["choose-k", "--k", "2...4"]])
    func overflowingHeader(command: [String]) throws {
        let directory = try TemporaryDirectory()
        let npy = try Self.claimedShape("(4611686018427387904, 4)", in: directory)
        #expect(try Data(contentsOf: npy).count == 192)
        let out = directory.file("out")
        try expectRefusal([command[0], npy.path] + command.dropFirst() + ["--out", out.path], output: out, ExpectedError(
            "Error: \(npy.path): shape (4611686018427387904, 4) of '<f8' is too large: its size in bytes exceeds "
            + "9223372036854775807, more than any file can hold; the header is probably damaged"))
    }

    // Issue 17, item 7. Fails on main: the range was expanded into an array first (2...10000000000
    // aborted allocating 80 GB, 2...9223372036854775807 crashed, and a list with Int.max trapped).
    @Test("A range or list of k beyond the largest k allowed is a validation error, not an allocation",
          arguments: [("segment", "2...10000000000", "10,000,000,000"),
                      ("segment", "2...9223372036854775807", "9,223,372,036,854,775,807"),
                      ("choose-k", "2...9223372036854775807", "9,223,372,036,854,775,807"),
                      ("choose-k", "2-10000000000", "10,000,000,000"),
                      ("segment", "3,9223372036854775807", "9,223,372,036,854,775,807"),
                      ("segment", "10000000000", "10,000,000,000")])
    func hugeK(command: String, k: String, shown: String) throws {
        let directory = try TemporaryDirectory()
        let sample = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples/hcp-sample.csv")
        let out = directory.file("out")
        let run = try PersonasRun([command, sample.path, "--k", k, "--out", out.path])
        #expect(run.status == 64, "stderr: \(run.stderr)")  // ArgumentParser's usage error: a clean exit
        #expect(run.stderr.hasPrefix("Error: --k: k may be at most 1,000 (each segment becomes a persona), not \(shown); "
                                     + "the data allow at most one segment per distinct customer\n"), "stderr: \(run.stderr)")
        for crash in ["Fatal error", "Backtrac", "Program crashed", "failed to allocate"] {
            #expect(!run.stderr.contains(crash), "stderr: \(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    // Issue 17, item 7. Fails on main: the batch size was not checked, so a --batch-size beyond the
    // rows read the whole .npy into memory with no estimate.
    @Test("Mini-batch k-means on a .npy checks one batch against the memory budget before reading")
    func miniBatchSize() throws {
        let directory = try TemporaryDirectory()
        let npy = directory.file("x.npy")
        try NPY.write(randomMatrix(2_000, 4, seed: 5), to: npy)
        let out = directory.file("out")
        let run = try PersonasRun(["kmeans", npy.path, "--k", "3", "--algorithm", "minibatch", "--batch-size",
                                   "9223372036854775807", "--out", out.path], environment: ["PERSONAS_MEMORY_LIMIT": "10K"])
        #expect(run.status == 1)
        #expect(run.stderr == "Error: mini-batch k-means in batches of 2,000 rows × 4 features needs about 64 KB of memory, "
                + "but only 10 KB is available; use smaller batches (--batch-size)\n")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let fits = try PersonasRun(["kmeans", npy.path, "--k", "3", "--algorithm", "minibatch", "--batch-size", "200",
                                    "--out", out.path], environment: ["PERSONAS_MEMORY_LIMIT": "10K"])
        #expect(fits.status == 0, "stderr: \(fits.stderr)")
    }

    @Test("A range up to the limit is accepted, and the data's own limit is then explained")
    func kAtTheLimit() throws {
        let directory = try TemporaryDirectory()
        let csv = directory.file("few.csv")
        try Data("a,b\n1,2\n2,1\n3,5\n4,4\n5,0\n".utf8).write(to: csv)
        let out = directory.file("out")
        try expectRefusal(["segment", csv.path, "--k", "2...1000", "--quiet", "--out", out.path], output: out, ExpectedError(
            "Error: few.csv: choosing among k = 2…1000 needs more than 1000 distinct customers, but the 5 rows of "
            + "features take only 5 distinct values; choose among fewer segments (--k 2...4)"))
    }
}

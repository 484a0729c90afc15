import Foundation
import PersonasData
import PersonasNumerics
import PersonasTestSupport
import Testing

/// `kmeans --weight`: the survey weights reach the k-means fit (scikit-learn's `sample_weight`).
/// Failed on main before this change, which had no `--weight` on `kmeans` (exit status 64).
@Suite("personas kmeans --weight")
struct WeightedKMeansCLITests {
    /// The sample's two complete count columns with a whole-number weight 1–3 per row: the
    /// weighted table, and the same rows each repeated as often as its weight, unweighted.
    private static func tables(in directory: TemporaryDirectory) throws -> (weighted: URL, repeated: URL, weights: [Int]) {
        let sample = try CSVReader.read(contentsOf: WeightCLITests.root.appendingPathComponent("examples/hcp-sample.csv"))
        let ids = sample.columns.first { $0.name == "hcp_id" }!, rx = sample.columns.first { $0.name == "monthly_rx" }!
        let calls = sample.columns.first { $0.name == "calls_received" }!
        var rng = SeededGenerator(seed: 77)
        var weighted = "hcp_id,monthly_rx,calls_received,wt\n", repeated = "hcp_id,monthly_rx,calls_received\n"
        var weights: [Int] = []
        for i in 0..<sample.rowCount {
            let w = 1 + Int(rng.nextUnitDouble() * 3)
            weights.append(w)
            let cells = "\(rx.text(atRow: i)),\(calls.text(atRow: i))"
            weighted += "\(ids.text(atRow: i)),\(cells),\(w)\n"
            for copy in 0..<w { repeated += "\(ids.text(atRow: i))-\(copy),\(cells)\n" }
        }
        let weightedURL = directory.file("weighted.csv"), repeatedURL = directory.file("repeated.csv")
        try weighted.write(to: weightedURL, atomically: true, encoding: .utf8)
        try repeated.write(to: repeatedURL, atomically: true, encoding: .utf8)
        return (weightedURL, repeatedURL, weights)
    }

    private static func centers(_ folder: URL) throws -> [Double] {
        let table = try CSVReader.read(contentsOf: folder.appendingPathComponent("centers.csv"))
        return table.columns.dropFirst().flatMap { column in (0..<table.rowCount).map { column.numbers![$0] } }
    }

    @Test("whole-number weights give the fit of the rows repeated that often (same start, unscaled features)")
    func weightsAreRepeatedRows() throws {
        let directory = try TemporaryDirectory()
        let (weighted, repeated, weights) = try Self.tables(in: directory)
        // A fixed start, so both fits run the same Lloyd iterations: four rows' raw values.
        let start = directory.file("start.csv")
        try "monthly_rx,calls_received\n5,1\n40,6\n120,12\n300,20\n".write(to: start, atomically: true, encoding: .utf8)
        let common = ["--k", "4", "--scale", "none", "--init", start.path, "--algorithm", "lloyd", "--tol", "0"]
        let a = try PersonasRun(["kmeans", weighted.path, "--weight", "wt", "--out", directory.file("w").path] + common)
        try #require(a.status == 0, "\(a.stderr)")
        let b = try PersonasRun(["kmeans", repeated.path, "--out", directory.file("r").path] + common)
        try #require(b.status == 0, "\(b.stderr)")
        #expect(relativeError(try Self.centers(directory.file("w")), try Self.centers(directory.file("r"))) <= 1e-12)
        // The weight is never a feature, and the summary names it with each segment's total weight.
        let header = try String(contentsOf: directory.file("w/centers.csv"), encoding: .utf8).split(separator: "\n")[0]
        #expect(header == "segment,monthly_rx,calls_received")
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.file("w/summary.json"))) as! [String: Any]
        #expect(summary["weight_column"] as? String == "wt")
        let labels = try CSVReader.read(contentsOf: directory.file("w/labels.csv")).columns[1]
        var totals = [Double](repeating: 0, count: 4)
        for i in 0..<weights.count { totals[Int(labels.text(atRow: i))!] += Double(weights[i]) }
        #expect(summary["segment_weights"] as? [Double] == totals)
        // And the weights matter: the unweighted fit of the same rows differs.
        let c = try PersonasRun(["kmeans", weighted.path, "--columns", "monthly_rx,calls_received",
                                 "--out", directory.file("u").path] + common)
        try #require(c.status == 0, "\(c.stderr)")
        #expect(relativeError(try Self.centers(directory.file("u")), try Self.centers(directory.file("w"))) > 1e-6)
    }

    @Test("--weight is refused with mini-batch k-means and with a .npy matrix")
    func refusals() throws {
        let directory = try TemporaryDirectory()
        let (weighted, _, _) = try Self.tables(in: directory)
        let minibatch = try PersonasRun(["kmeans", weighted.path, "--k", "3", "--weight", "wt", "--algorithm", "minibatch",
                                         "--out", directory.file("m").path])
        #expect(minibatch.status != 0)
        #expect(minibatch.stderr.contains("--weight needs the whole table at once"))
        let npy = directory.file("x.npy")
        try NPY.write(Matrix<Double>(rows: 4, columns: 2, elements: [1, 2, 3, 4, 5, 6, 7, 8]), to: npy)
        let matrix = try PersonasRun(["kmeans", npy.path, "--k", "2", "--weight", "wt", "--out", directory.file("n").path])
        #expect(matrix.status != 0)
        #expect(matrix.stderr.contains("a .npy matrix does not have"))
    }
}

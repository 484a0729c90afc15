import Benchmark
import BenchmarkSupport
import Foundation
import PersonasData
import PersonasNumerics
import PersonasSegmentation

/// The analyst's pipeline end to end (`Segmentation.run`, what `personas segment` runs between
/// reading the table and writing the files) on 200,000 generated customers in the wide layout
/// (`generate --wide`: 30 columns), with every default: k = 2…10, 50 bootstrap resamples and
/// 10 gap reference sets per k, k-means with 10 restarts, the typing tool. Issue 22's goal is
/// under 15 s on 2 cores; each stage's wall time is printed, so a regression shows where it is.
///
/// One iteration (a run took minutes before the choice of k was sped up). Under `CI=true`
/// (`make bench-ci`) a 20,000-row smoke run of the same pipeline instead.
let benchmarks: @Sendable () -> Void = {
    BenchmarkSupport.reportEnvironment("Segment")
    let rows = BenchmarkSupport.isCI ? 20_000 : 200_000

    Benchmark("segment \(rows) × 30 (wide), k = 2…10, defaults",
              configuration: .init(metrics: BenchmarkSupport.metrics, warmupIterations: 0,
                                   maxDuration: .seconds(600), maxIterations: 1)) { _, table in
        let result = try Segmentation.run(table, SegmentationConfiguration(ks: Array(2...10), seed: 1))
        print("[segment] k = \(result.model.k); " + (result.chooseK?.summary ?? ""))
        for time in result.stageTimes {
            print("[stage] \(time.stage): \(String(format: "%.2f", time.seconds)) s")
        }
        blackHole(result)
    } setup: {
        let file = try BenchmarkSupport.generatedUniverse(rows: rows, wide: true)
        var options = CSVOptions()
        options.schema = HCPUniverse.schema(extendedColumns: true)
        return try CSVReader.read(contentsOf: file.url, options: options)
    }
}

import Benchmark
import BenchmarkSupport
import Foundation
import PersonasData
import PersonasNumerics

/// Reading customer tables: the CSV reader on a generated 1,000,000-row HCP universe (the peer
/// is `pandas.read_csv` on the same file, timed by `make peers-csv`), and the generator itself.
let benchmarks: @Sendable () -> Void = {
    BenchmarkSupport.reportEnvironment("Data")
    let rows = 1_000_000
    let megabytesPerSecond = BenchmarkMetric.custom("MB/s", polarity: .prefersLarger, useScalingFactor: false)
    let loadedMegabytes = BenchmarkMetric.custom("loaded MB", polarity: .prefersSmaller, useScalingFactor: false)

    Benchmark("CSV read 1M HCP rows", configuration: BenchmarkSupport.configuration(
        maxSeconds: 20, maxIterations: 10,
        metrics: BenchmarkSupport.metrics + [megabytesPerSecond, loadedMegabytes])
    ) { benchmark, file in
        let start = ContinuousClock.now
        let table = try CSVReader.read(contentsOf: file.url)
        let seconds = (ContinuousClock.now - start) / .seconds(1)
        benchmark.measurement(megabytesPerSecond, Int(Double(file.bytes) / 1e6 / seconds))
        benchmark.measurement(loadedMegabytes, table.storageBytes / 1_000_000)
        blackHole(table)
    } setup: {
        try BenchmarkSupport.generatedUniverse(rows: rows)
    }

    Benchmark("Generate 1M HCP rows", configuration: BenchmarkSupport.configuration(maxSeconds: 20, maxIterations: 5)) {
        _, directory in
        try HCPUniverse.write(.init(rows: rows, seed: 2), to: directory.appendingPathComponent("generated.csv"))
    } setup: {
        try BenchmarkSupport.scratchDirectory()
    }
}

import Benchmark
import BenchmarkSupport
import Foundation
import PersonasClustering
import PersonasData
import PersonasNumerics
import PersonasSegmentation

/// The analyst's pipeline end to end (`Segmentation.run`, what `personas segment` runs between
/// reading the table and writing the files) on 200,000 generated customers in the wide layout
/// (`generate --wide`: 30 columns), with every default: k = 2…10, 50 bootstrap resamples and
/// 10 gap reference sets per k, k-means with 10 restarts, the typing tool. Issue 22's goal is
/// under 15 s on 2 cores. Each stage's wall time is a metric of its own (milliseconds, summed over
/// the candidate k), so a regression shows where it is.
///
/// One iteration (a run took minutes before the choice of k was sped up). Under `CI=true`
/// (`make bench-ci`) a 5,000-row smoke run of the same pipeline instead.
let benchmarks: @Sendable () -> Void = {
    BenchmarkSupport.reportEnvironment("Segment")
    let rows = BenchmarkSupport.isCI ? 5_000 : 200_000
    let stages: [Stage] = [.preparing, .segmentingAndIndices, .gapStatistic, .bootstrapStability, .finalFit, .profiling,
                           .typingTool, .targeting]
    let stageMetrics = stages.map { BenchmarkMetric.custom("\($0.name) (ms)", polarity: .prefersSmaller, useScalingFactor: false) }

    Benchmark("segment \(rows) × 30 (wide), k = 2…10, defaults",
              configuration: .init(metrics: BenchmarkSupport.metrics + stageMetrics, warmupIterations: 0,
                                   maxDuration: .seconds(600), maxIterations: 1)) { benchmark, table in
        let result = try Segmentation.run(table, SegmentationConfiguration(ks: Array(2...10), seed: 1))
        for (stage, metric) in zip(stages, stageMetrics) {
            let seconds = result.stageTimes.filter { $0.stage.name == stage.name }.reduce(0) { $0 + $1.seconds }
            benchmark.measurement(metric, Int((seconds * 1000).rounded()))
        }
        blackHole(result)
    } setup: {
        let file = try BenchmarkSupport.generatedUniverse(rows: rows, wide: true)
        var options = CSVOptions()
        options.schema = HCPUniverse.schema(extendedColumns: true)
        return try CSVReader.read(contentsOf: file.url, options: options)
    }
}

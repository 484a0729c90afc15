import Benchmark
import BenchmarkSupport
import Foundation
import PersonasData
import PersonasNumerics
import PersonasProfiles

/// Profiling 1,000,000 customers × 30 columns in 8 segments (goal: under 5 s on 2 cores): the
/// 17 profiled HCP columns read from a generated universe plus 13 synthetic numeric and
/// categorical columns, labelled by a fixed hash of the row.
let benchmarks: @Sendable () -> Void = {
    BenchmarkSupport.reportEnvironment("Profiles")
    Benchmark("Profile 1M rows × 30 columns, 8 segments", configuration: BenchmarkSupport.configuration(
        maxSeconds: 30, maxIterations: 5)
    ) { benchmark, input in
        benchmark.startMeasurement()
        let document = try PersonaBuilder.build(input.table, labels: input.labels)
        benchmark.stopMeasurement()
        blackHole(document)
    } setup: {
        try ProfilesInput.make(rows: 1_000_000)
    }
}

struct ProfilesInput: @unchecked Sendable {
    var table: DataTable
    var labels: [Int32]

    static func make(rows: Int) throws -> ProfilesInput {
        let file = try BenchmarkSupport.generatedUniverse(rows: rows)
        var table = try CSVReader.read(contentsOf: file.url, options: CSVOptions(schema: HCPUniverse.schema()))
        var generator = SeededGenerator(seed: 11)
        for j in 0..<(31 - table.columns.count) {   // 18 profiled HCP columns + 12 = 30
            if j % 3 == 2 {
                let codes = (0..<rows).map { _ in Int32.random(in: 0..<6, using: &generator) }
                table.setColumn(Column(name: "extra_cat_\(j)", type: .categorical, role: .feature,
                                       values: .levels(codes: codes, levels: ["a", "b", "c", "d", "e", "f"])))
            } else {
                let values = (0..<rows).map { _ in Double.random(in: 0..<1000, using: &generator).rounded() }
                table.setColumn(Column(name: "extra_num_\(j)", type: .numeric, role: .feature, values: .numbers(values)))
            }
        }
        let labels = (0..<rows).map { Int32(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 7) & 7 }
        return ProfilesInput(table: table, labels: labels)
    }
}

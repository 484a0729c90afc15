import Benchmark
import Foundation
import PersonasData
import PersonasNumerics

/// Shared set-up for the benchmark targets: metrics, data sources and the BLAS core report.
public enum BenchmarkSupport {
    /// Wall clock, CPU, throughput and memory; the ARC metric is left out (it crashes on this
    /// toolchain's runtime interposer).
    public static let metrics: [BenchmarkMetric] = [
        .wallClock, .cpuTotal, .throughput, .peakMemoryResident, .mallocCountTotal,
    ]

    /// Short runs under `CI=true` (a smoke run that still measures), longer ones otherwise.
    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    public static func configuration(
        maxSeconds: Int = 10, maxIterations: Int = 25, metrics: [BenchmarkMetric] = metrics
    ) -> Benchmark.Configuration {
        .init(metrics: metrics, warmupIterations: 1,
              maxDuration: .seconds(isCI ? min(maxSeconds, 3) : maxSeconds),
              maxIterations: isCI ? min(maxIterations, 3) : maxIterations)
    }

    /// Prints which kernels OpenBLAS runs and how many threads Personas uses, once per target.
    public static func reportEnvironment(_ target: String) {
        let check = BLASRuntime.checkCore()
        print("[\(target)] OpenBLAS core: \(check.coreName) (\(check.kernelLevel)); CPU: \(check.cpuLevel); "
              + "distance kernels: \(distanceKernelInstructionSet); Personas threads: \(ParallelFor.threadCount)" + (check.isFallback ? " — FALLBACK: \(check)" : ""))
    }

    /// The peers' data folder (`$PEERS_DATA`, default the system temp folder's `peers-data`).
    public static var peersData: URL {
        if let path = ProcessInfo.processInfo.environment["PEERS_DATA"] { return URL(fileURLWithPath: path) }
        return URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("peers-data")
    }

    /// A deterministic n × d matrix with entries uniform in [-1, 1).
    public static func randomMatrix<S: BLASScalar>(_ n: Int, _ d: Int, seed: UInt64, as _: S.Type = Double.self) -> Matrix<S> {
        var rng = SeededGenerator(seed: seed)
        return Matrix(rows: n, columns: d, elements: (0..<(n * d)).map { _ in S(2 * rng.nextUnitDouble() - 1) })
    }

    /// The peers' blob matrix when it exists (so times compare on the same data), else a random one.
    public static func peersMatrix<S: BLASScalar>(n: Int, d: Int, as _: S.Type = Double.self) -> Matrix<S> {
        let url = peersData.appendingPathComponent("blobs_n\(n)_d\(d)_\(S.numpyName).npy")
        if let matrix = try? NPY.readMatrix(from: url, as: S.self) {
            print("[data] \(url.path)")
            return matrix
        }
        print("[data] \(url.path) not found: random uniform data instead (run the peers to compare)")
        return randomMatrix(n, d, seed: UInt64(n * 1000 + d), as: S.self)
    }

    /// A fresh folder under the system temp folder for files a benchmark writes.
    public static func scratchDirectory() throws -> URL {
        let url = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("personas-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A generated HCP universe of `rows` customers (seed 1), written once per run and reused;
    /// `wide` adds the 11 extended columns (`generate --wide`). For the standard layout
    /// `$PERSONAS_BENCH_CSV` names a file to read instead (pandas is timed on the same file).
    public static func generatedUniverse(rows: Int, wide: Bool = false) throws -> (url: URL, bytes: Int) {
        let url: URL
        if !wide, let path = ProcessInfo.processInfo.environment["PERSONAS_BENCH_CSV"] {
            url = URL(fileURLWithPath: path)
        } else {
            url = try scratchDirectory().appendingPathComponent("hcp-\(rows)\(wide ? "-wide" : "").csv")
            if !FileManager.default.fileExists(atPath: url.path) {
                try HCPUniverse.write(.init(rows: rows, seed: 1, extendedColumns: wide), to: url)
            }
        }
        let bytes = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
        return (url, bytes)
    }
}

/// Peak resident memory of a piece of work above what the process held before it, from Linux's
/// /proc/self/status (the high-water mark is reset first through /proc/self/clear_refs), so a
/// benchmark can report the extra memory an algorithm needs rather than the whole process's.
public enum ResidentMemory {
    /// Runs `work` and returns its result with the extra peak in MiB (nil where Linux's
    /// counters are unavailable).
    public static func measuringExtraPeak<T>(_ work: () throws -> T) rethrows -> (T, Double?) {
        let before = statusKiB("VmRSS")
        let reset = (try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)) != nil
        let result = try work()
        guard reset, let before, let peak = statusKiB("VmHWM") else { return (result, nil) }
        return (result, Double(peak - before) / 1024)
    }

    private static func statusKiB(_ field: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true)[1])
        }
        return nil
    }
}

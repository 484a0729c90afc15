import CPersonasBLAS

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The state of the BLAS library in this process: which kernels it runs and how many threads.
///
/// Personas runs OpenBLAS single-threaded and parallelises over row chunks itself (``ParallelFor``),
/// so the two thread pools never oversubscribe the cores and results never depend on the thread
/// count. ``ensureConfigured()`` pins OpenBLAS to one thread the first time any routine runs.
///
/// Debian's OpenBLAS 0.3.21 does not recognise some recent CPUs and silently falls back to its
/// SSE3 "Prescott" kernels, about 5x slower. ``checkCore()`` compares the kernels in use with the
/// CPU's instruction set; the fix (``CoreCheck/recommendedCoreType``) must be placed in the
/// environment as `OPENBLAS_CORETYPE` before the library loads, which is why the `personas` CLI
/// re-executes itself once when the check fails.
public enum BLASRuntime {
    /// The name OpenBLAS gives the kernels it selected, such as "Haswell", "SkylakeX" or "Prescott".
    public static var coreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// The build configuration string of the loaded OpenBLAS.
    public static var configuration: String {
        guard let config = openblas_get_config() else { return "unknown" }
        return String(cString: config)
    }

    /// Threads OpenBLAS itself may use (1 once Personas has configured it).
    public static var blasThreadCount: Int { Int(openblas_get_num_threads()) }

    private static let configuredOnce: Bool = {
        openblas_set_num_threads(1)
        return true
    }()

    /// Pins OpenBLAS to one thread; runs once per process. Cheap enough to call before every routine.
    @inline(__always)
    public static func ensureConfigured() {
        _ = configuredOnce
    }

    /// The outcome of comparing OpenBLAS's kernels with the CPU.
    public struct CoreCheck: Sendable, Equatable, CustomStringConvertible {
        /// The kernels OpenBLAS selected.
        public var coreName: String
        /// The widest vector extension OpenBLAS's kernels use.
        public var kernelLevel: VectorLevel
        /// The widest vector extension the CPU (and the operating system) supports.
        public var cpuLevel: VectorLevel
        /// Whether `OPENBLAS_CORETYPE` was already set in the environment.
        public var coreTypeForced: Bool

        public init(coreName: String, kernelLevel: VectorLevel, cpuLevel: VectorLevel, coreTypeForced: Bool) {
            self.coreName = coreName
            self.kernelLevel = kernelLevel
            self.cpuLevel = cpuLevel
            self.coreTypeForced = coreTypeForced
        }

        /// True when OpenBLAS runs kernels narrower than the CPU supports.
        public var isFallback: Bool { kernelLevel < cpuLevel }

        /// The `OPENBLAS_CORETYPE` value that selects kernels matching the CPU, when it differs.
        public var recommendedCoreType: String? {
            guard isFallback else { return nil }
            return cpuLevel.openBLASCoreType
        }

        public var description: String {
            if isFallback {
                return "OpenBLAS uses \(coreName) kernels (\(kernelLevel)) on a CPU with \(cpuLevel); "
                    + "set OPENBLAS_CORETYPE=\(recommendedCoreType ?? "?") before starting for full speed"
            }
            return "OpenBLAS uses \(coreName) kernels (\(kernelLevel)) on a CPU with \(cpuLevel)"
        }
    }

    /// x86-64 vector instruction levels, ordered, as they matter to BLAS kernel choice.
    public enum VectorLevel: Int, Sendable, Comparable, CustomStringConvertible {
        case unknown = 0, sse2, sse3, avx, avx2, avx512

        public static func < (a: VectorLevel, b: VectorLevel) -> Bool { a.rawValue < b.rawValue }

        public var description: String {
            switch self {
            case .unknown: "unknown"
            case .sse2: "SSE2"
            case .sse3: "SSE3"
            case .avx: "AVX"
            case .avx2: "AVX2+FMA"
            case .avx512: "AVX-512"
            }
        }

        /// The OpenBLAS core type that uses this level (nil where no single choice is safe).
        public var openBLASCoreType: String? {
            switch self {
            case .avx512: "SkylakeX"
            case .avx2: "Haswell"
            case .avx: "Sandybridge"
            default: nil
            }
        }

        /// The level of OpenBLAS's kernels for a core name (OpenBLAS's `DYNAMIC_ARCH` core list).
        public init(openBLASCoreName name: String) {
            switch name.lowercased() {
            case "skylakex", "cooperlake", "sapphirerapids": self = .avx512
            case "haswell", "zen", "skylake", "excavator", "zen2", "zen3": self = .avx2
            case "sandybridge", "bulldozer", "piledriver", "steamroller": self = .avx
            case "prescott", "core2", "penryn", "dunnington", "nehalem", "atom", "opteron_sse3",
                 "barcelona", "bobcat", "nano", "opteron", "katmai", "coppermine", "northwood",
                 "athlon": self = .sse3
            default: self = .unknown
            }
        }

        /// The level the CPU supports, from the `flags` line of `/proc/cpuinfo`.
        ///
        /// AVX-512 counts only with the F, BW, DQ and VL subsets that OpenBLAS's SkylakeX kernels
        /// need; AVX2 only together with FMA, as in OpenBLAS's Haswell kernels.
        public init(cpuFlags flags: Set<Substring>) {
            if ["avx512f", "avx512bw", "avx512dq", "avx512vl"].allSatisfy({ flags.contains($0[...]) }) {
                self = .avx512
            } else if flags.contains("avx2"), flags.contains("fma") {
                self = .avx2
            } else if flags.contains("avx") {
                self = .avx
            } else if flags.contains("pni") || flags.contains("sse3") {
                self = .sse3
            } else if flags.contains("sse2") {
                self = .sse2
            } else {
                self = .unknown
            }
        }
    }

    /// Compares the kernels in use with what the CPU supports.
    public static func checkCore() -> CoreCheck {
        let name = coreName
        let forced = getenv("OPENBLAS_CORETYPE") != nil
        return CoreCheck(
            coreName: name, kernelLevel: VectorLevel(openBLASCoreName: name),
            cpuLevel: cpuVectorLevel(), coreTypeForced: forced)
    }

    /// The CPU's vector level on Linux (read from `/proc/cpuinfo`); `.unknown` elsewhere, which
    /// never reports a fallback.
    public static func cpuVectorLevel() -> VectorLevel {
        guard let text = readSmallFile("/proc/cpuinfo") else { return .unknown }
        for line in text.split(separator: "\n") where line.hasPrefix("flags") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let flags = Set(line[line.index(after: colon)...].split(separator: " "))
            return VectorLevel(cpuFlags: flags)
        }
        return .unknown
    }

    private static func readSmallFile(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count <= 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
            if bytes.count > 1 << 22 { break }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

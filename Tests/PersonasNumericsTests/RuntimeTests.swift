import PersonasNumerics
import PersonasTestSupport
import Testing

@Suite("BLAS runtime")
struct RuntimeTests {
    @Test("kernel levels are read from OpenBLAS core names")
    func coreNames() {
        #expect(BLASRuntime.VectorLevel(openBLASCoreName: "Prescott") == .sse3)
        #expect(BLASRuntime.VectorLevel(openBLASCoreName: "Haswell") == .avx2)
        #expect(BLASRuntime.VectorLevel(openBLASCoreName: "Zen") == .avx2)
        #expect(BLASRuntime.VectorLevel(openBLASCoreName: "SkylakeX") == .avx512)
        #expect(BLASRuntime.VectorLevel(openBLASCoreName: "Sandybridge") == .avx)
    }

    @Test("CPU levels are read from /proc/cpuinfo flags")
    func cpuFlags() {
        func level(_ flags: String) -> BLASRuntime.VectorLevel {
            BLASRuntime.VectorLevel(cpuFlags: Set(flags.split(separator: " ")))
        }
        #expect(level("sse2 pni avx avx2 fma avx512f avx512bw avx512dq avx512vl") == .avx512)
        // AVX-512F alone does not run the SkylakeX kernels.
        #expect(level("sse2 pni avx avx2 fma avx512f") == .avx2)
        #expect(level("sse2 pni avx avx2") == .avx)
        #expect(level("sse2 pni") == .sse3)
    }

    @Test("a Prescott core on an AVX-512 CPU is a fallback with a SkylakeX fix")
    func fallbackDiagnosis() {
        let check = BLASRuntime.CoreCheck(coreName: "Prescott", kernelLevel: .sse3, cpuLevel: .avx512, coreTypeForced: false)
        #expect(check.isFallback)
        #expect(check.recommendedCoreType == "SkylakeX")
        #expect(check.description.contains("OPENBLAS_CORETYPE=SkylakeX"))
        let zen = BLASRuntime.CoreCheck(coreName: "Zen", kernelLevel: .avx2, cpuLevel: .avx2, coreTypeForced: false)
        #expect(!zen.isFallback)
        #expect(zen.recommendedCoreType == nil)
        // Never recommend wider kernels than the CPU runs.
        let haswellOnAVX2 = BLASRuntime.CoreCheck(coreName: "Prescott", kernelLevel: .sse3, cpuLevel: .avx2, coreTypeForced: false)
        #expect(haswellOnAVX2.recommendedCoreType == "Haswell")
    }

    @Test("this process runs OpenBLAS single-threaded with kernels no wider than the CPU")
    func liveCheck() {
        BLASRuntime.ensureConfigured()
        #expect(BLASRuntime.blasThreadCount == 1)
        let check = BLASRuntime.checkCore()
        #expect(!check.coreName.isEmpty)
        #expect(check.kernelLevel <= check.cpuLevel || check.cpuLevel == .unknown)
    }
}

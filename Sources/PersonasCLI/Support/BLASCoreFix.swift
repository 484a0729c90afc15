import PersonasNumerics

#if canImport(Glibc)
import Glibc
#endif

/// Makes OpenBLAS use the kernels this CPU supports, without the user having to know.
///
/// Debian's OpenBLAS 0.3.21 falls back to SSE3 kernels on CPUs it does not recognise (about 5x
/// slower GEMM), and reads `OPENBLAS_CORETYPE` only when it loads. So when the check finds a
/// fallback, the CLI sets the variable and re-executes itself once; `PERSONAS_NO_REEXEC=1`
/// disables this (the check result is still reported by `--verbose` runs and benchmarks).
enum BLASCoreFix {
    static func applyOnce() {
        #if os(Linux)
        guard getenv("OPENBLAS_CORETYPE") == nil, getenv("PERSONAS_NO_REEXEC") == nil else { return }
        let check = BLASRuntime.checkCore()
        guard check.isFallback, let core = check.recommendedCoreType else { return }
        setenv("OPENBLAS_CORETYPE", core, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        // execv returns only on failure: carry on with the slower kernels, and say so.
        Terminal.warn("OpenBLAS runs \(check.coreName) kernels on this \(check.cpuLevel) CPU and restarting with "
                      + "OPENBLAS_CORETYPE=\(core) failed; set it in the environment for full speed")
        #endif
    }
}

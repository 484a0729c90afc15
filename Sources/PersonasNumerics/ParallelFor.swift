import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parallel loops over fixed chunks of work: the one audited place where work crosses threads.
///
/// Results never depend on the thread count because the *partition* never does: callers split
/// their work into chunks whose boundaries depend only on the problem size, each chunk writes
/// only its own outputs, and per-chunk partial results are combined by the caller in chunk order.
/// Threads only decide which chunk runs where.
///
/// The thread count is, in order: the task-local ``threadLimit`` (tests and callers that want a
/// fixed count), the `PERSONAS_THREADS` environment variable, or the number of active processors.
/// OpenBLAS itself is pinned to one thread (``BLASRuntime/ensureConfigured()``), so BLAS calls
/// inside a chunk never start threads of their own.
public enum ParallelFor {
    /// A thread limit for the current task and the work it starts synchronously.
    @TaskLocal public static var threadLimit: Int?

    /// The threads a parallel loop started now would use.
    public static var threadCount: Int {
        if let limit = threadLimit { return max(1, limit) }
        return defaultThreadCount
    }

    private static let defaultThreadCount: Int = {
        if let text = getenv("PERSONAS_THREADS"), let value = Int(String(cString: text)), value > 0 {
            return value
        }
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }()

    /// Runs `body(chunk)` for every chunk in `0..<chunkCount`, on up to ``threadCount`` threads.
    ///
    /// Contract for `body`: it may run concurrently with itself for different chunks, so it must
    /// write only memory that belongs to its chunk and read only memory no chunk writes. Under
    /// that contract it may capture unsafe pointers; this is why the closure is not `@Sendable`,
    /// and why this function is the one place that vouches for it (the box below).
    public static func forEachChunk(_ chunkCount: Int, _ body: (Int) -> Void) {
        guard chunkCount > 0 else { return }
        let threads = min(threadCount, chunkCount)
        if threads == 1 {
            for chunk in 0..<chunkCount { body(chunk) }
            return
        }
        BLASRuntime.ensureConfigured()
        let next = Atomic<Int>(0)
        // Dynamic scheduling: a thread takes the next chunk when it is free. Which thread runs a
        // chunk is the only thing that varies between runs.
        func worker() {
            while true {
                let chunk = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if chunk >= chunkCount { break }
                body(chunk)
            }
        }
        if runsUnderThreadSanitizer {
            runOnStartedThreads(threads, worker)
        } else {
            withoutActuallyEscaping(worker) { worker in
                let work = UncheckedSendableBox(worker)
                DispatchQueue.concurrentPerform(iterations: threads) { _ in work.value() }
            }
        }
    }

    /// Runs `body(range)` over `0..<count` split into chunks of `chunkSize` (the last one shorter).
    public static func forEachRange(count: Int, chunkSize: Int, _ body: (Range<Int>) -> Void) {
        precondition(chunkSize > 0, "chunk size must be positive")
        let chunks = (count + chunkSize - 1) / chunkSize
        forEachChunk(chunks) { chunk in
            let start = chunk * chunkSize
            body(start..<min(start + chunkSize, count))
        }
    }

    /// Maps every chunk to a value and returns the values in chunk order, so the caller can reduce
    /// them in an order that does not depend on the thread count.
    public static func mapChunks<T>(_ chunkCount: Int, _ transform: (Int) -> T) -> [T] {
        guard chunkCount > 0 else { return [] }
        let results = UnsafeMutableBufferPointer<T>.allocate(capacity: chunkCount)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        forEachChunk(chunkCount) { chunk in
            (results.baseAddress! + chunk).initialize(to: transform(chunk))
        }
        return Array(results)
    }
}

/// Carries a non-Sendable value into `concurrentPerform`. Only ``ParallelFor`` uses it, under the
/// contract documented on ``ParallelFor/forEachChunk(_:_:)``.
private struct UncheckedSendableBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

// MARK: Threads ThreadSanitizer can see

extension ParallelFor {
    /// Whether ThreadSanitizer's runtime is in this process.
    ///
    /// Its libdispatch interceptors hide races between the iterations of one `concurrentPerform`
    /// (a program whose two iterations write one element unsynchronised runs clean under it, on
    /// Swift 6.3 on Linux), so under it the workers run on threads started and joined here, whose
    /// accesses it does check. Normal builds never take that path.
    static let runsUnderThreadSanitizer: Bool = {
        guard let program = dlopen(nil, RTLD_NOW) else { return false }
        defer { dlclose(program) }
        return dlsym(program, "__tsan_init") != nil
    }()

    /// Runs `worker` on the calling thread and on `count - 1` POSIX threads, and returns when every
    /// one has finished (`pthread_join`, which orders their writes before the caller's next reads).
    private static func runOnStartedThreads(_ count: Int, _ worker: () -> Void) {
        withoutActuallyEscaping(worker) { worker in
            var started: [StartedThread] = []
            for _ in 1..<count {
                let context = Unmanaged.passRetained(ThreadWork(worker)).toOpaque()
                guard let thread = StartedThread(context) else {
                    Unmanaged<ThreadWork>.fromOpaque(context).release()
                    break  // fewer threads: the remaining workers share the chunks
                }
                started.append(thread)
            }
            worker()
            for thread in started { thread.join() }
        }
    }
}

/// A worker handed to a POSIX thread (retained across `pthread_create`).
private final class ThreadWork: @unchecked Sendable {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}

private func runThreadWork(_ context: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    Unmanaged<ThreadWork>.fromOpaque(context!).takeRetainedValue().run()
    return nil
}

/// A POSIX thread running a ``ThreadWork``, to be joined.
private struct StartedThread {
    #if canImport(Darwin)
    private var handle: pthread_t?
    #else
    private var handle = pthread_t()
    #endif

    init?(_ context: UnsafeMutableRawPointer) {
        guard pthread_create(&handle, nil, { runThreadWork($0) }, context) == 0 else { return nil }
    }

    func join() {
        #if canImport(Darwin)
        pthread_join(handle!, nil)
        #else
        pthread_join(handle, nil)
        #endif
    }
}

import PersonasNumerics

/// Replicates (bootstrap resamples, gap reference sets) fitted side by side, one per thread.
///
/// A replicate's fit on a few thousand rows is too small to split across threads with profit,
/// so the replicates themselves run in parallel, each fit single-threaded inside
/// (``ParallelFor/threadLimit`` 1), in batches of as many replicates as threads: memory holds
/// one batch's resampled data, not every replicate's. Each replicate depends on its index and
/// the seed alone (``ReplicateSeeds``), and the caller consumes the results in replicate order,
/// so the outcome does not depend on the thread count or the batch size.
enum ReplicateBatches {
    /// `replicate(b)` for every b in `0..<count`, handed to `consume` in increasing b; the first
    /// error (in replicate order) is thrown.
    static func run<T>(_ count: Int, _ replicate: (Int) throws -> T, consume: (Int, T) throws -> Void) throws {
        let batch = max(1, ParallelFor.threadCount)
        var start = 0
        while start < count {
            let size = min(batch, count - start)
            let first = start
            let results: [Result<T, any Error>] = ParallelFor.mapChunks(size) { offset in
                ParallelFor.$threadLimit.withValue(1) {
                    Result { try replicate(first + offset) }
                }
            }
            for (offset, result) in results.enumerated() { try consume(first + offset, result.get()) }
            start += size
        }
    }
}

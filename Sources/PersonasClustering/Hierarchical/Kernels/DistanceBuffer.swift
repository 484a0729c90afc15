#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The working copy of a condensed distance matrix: n(n − 1)/2 doubles in one allocation aligned
/// to 2 MiB and advised for transparent huge pages, left uninitialised (the writer's first touch
/// faults the pages in, in parallel, instead of a zero fill first).
///
/// Why not an Array: the nearest-neighbour chain reads a column of the upper triangle with a
/// stride of about n doubles, one page per element with 4 KiB pages; huge pages turn those TLB
/// misses into hits (measured at n = 20,000: see Benchmarks/Hierarchical). And the linkage must
/// own the only copy, so memory stays at the matrix itself.
final class DistanceBuffer {
    let count: Int
    let pointer: UnsafeMutablePointer<Double>
    private let raw: UnsafeMutableRawPointer
    private static let hugePage = 2 << 20

    init(count: Int) {
        self.count = count
        let bytes = max(Self.hugePage, (count * MemoryLayout<Double>.stride + Self.hugePage - 1) / Self.hugePage * Self.hugePage)
        raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: Self.hugePage)
        #if canImport(Glibc)
        _ = madvise(raw, bytes, MADV_HUGEPAGE)
        #endif
        pointer = raw.bindMemory(to: Double.self, capacity: count)
    }

    /// A buffer holding a copy of `values`.
    convenience init(copying values: [Double]) {
        self.init(count: values.count)
        values.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress else { return }
            pointer.update(from: base, count: values.count)
        }
    }

    deinit { raw.deallocate() }
}

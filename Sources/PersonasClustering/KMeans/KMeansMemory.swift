import Foundation
import PersonasNumerics

extension KMeans {
    /// Bytes a fit needs beside the data matrix (which it reads in place, shifted on the fly):
    /// labels for the current and the best restart, Hamerly's two bounds (Elkan's three), the
    /// k-means++ trial distances (2 + ln k candidates at a time), plus per-thread chunk buffers.
    ///
    /// O(n) with a small constant: 10,000,000 rows at k = 8 need about 0.7 GB besides the data.
    public static func estimatedWorkingBytes(rows: Int, k: Int) -> Int {
        let trials = 2 + Int(log(Double(max(k, 1))))
        let perRow = 4 + 4 + 24 + 8 * (trials + 1)
        return MemoryBudget.sum(MemoryBudget.product(rows, perRow), 64 << 20)
    }
}

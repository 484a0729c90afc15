import Foundation
import PersonasNumerics

/// Why a hierarchical clustering, a cut or a dissimilarity computation was refused. Checked once
/// at the boundary; the kernels assume valid input.
public struct HierarchicalError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    init(_ description: String) { self.description = description }

    static func nonFinite(row: Int, column: Int) -> HierarchicalError {
        HierarchicalError("the data has a non-finite value at row \(row + 1), column \(column + 1); "
                          + "impute or drop it before clustering")
    }

    /// The condensed matrix would not fit in the memory allowed.
    static func tooLarge(n: Int, bytes: Int, limit: Int, method: LinkageMethod) -> HierarchicalError {
        HierarchicalError("\(method.rawValue) linkage of \(n) rows needs the condensed distance matrix, "
                          + "n(n-1)/2 doubles = \(MemoryBudget.describe(bytes)), more than the \(MemoryBudget.describe(limit)) allowed; "
                          + "use ward, single, centroid or median (O(n·d) memory), sample the rows, or use the "
                          + "hybrid (k-means micro-clusters, then Ward)")
    }
}

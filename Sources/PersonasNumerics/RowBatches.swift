/// A matrix that can be read in consecutive blocks of rows, from its first row, as many times as
/// asked: what mini-batch k-means streams its epochs and its labelling pass over.
///
/// A ``Matrix`` in memory is one; so is a `.npy` file on disk (`NPYRowBatches` in PersonasData),
/// which then never needs more memory than one block.
public protocol RowBatches<Scalar> {
    associatedtype Scalar: BLASScalar

    /// Calls `body` with every block of at most `maxRows` consecutive rows, in row order.
    func forEachBatch(maxRows: Int, _ body: (Matrix<Scalar>) throws -> Void) throws
}

extension Matrix: RowBatches {
    public func forEachBatch(maxRows: Int, _ body: (Matrix<Scalar>) throws -> Void) throws {
        precondition(maxRows >= 1, "maxRows must be at least 1")
        for start in stride(from: 0, to: rows, by: maxRows) {
            try body(self.rows(at: start..<Swift.min(rows, start + maxRows)))
        }
    }
}

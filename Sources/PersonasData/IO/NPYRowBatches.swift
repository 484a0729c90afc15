import Foundation
import PersonasNumerics

/// A `.npy` matrix on disk as `RowBatches`: every pass opens the file again and reads it a
/// block of rows at a time (``NPYRowReader``), so memory stays at one block however large the file.
public struct NPYRowBatches<Scalar: BLASScalar>: RowBatches {
    public let url: URL
    /// Rows and columns of the whole matrix.
    public let rows: Int
    public let columns: Int

    /// Checks the file's header as ``NPYRowReader/init(url:as:)`` does.
    public init(url: URL, as _: Scalar.Type = Scalar.self) throws(NPYError) {
        let reader = try NPYRowReader(url: url, as: Scalar.self)
        self.url = url
        rows = reader.rows
        columns = reader.columns
    }

    public func forEachBatch(maxRows: Int, _ body: (Matrix<Scalar>) throws -> Void) throws {
        let reader = try NPYRowReader(url: url, as: Scalar.self)
        while let batch = try reader.next(maxRows: maxRows) { try body(batch) }
    }
}

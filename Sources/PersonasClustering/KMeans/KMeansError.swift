/// Why a k-means fit or prediction was refused. Checked once at the boundary; kernels assume
/// valid input.
public struct KMeansError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    init(_ description: String) { self.description = description }

    static func nonFinite(row: Int, column: Int, what: String = "the data") -> KMeansError {
        KMeansError("\(what) has a non-finite value at row \(row + 1), column \(column + 1); "
                    + "impute or drop it before clustering")
    }
}

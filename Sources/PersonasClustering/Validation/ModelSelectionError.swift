/// Why a validity index, a stability or gap computation, or a choice of k was refused. Checked
/// once at the boundary; the kernels assume valid input.
public struct ModelSelectionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}

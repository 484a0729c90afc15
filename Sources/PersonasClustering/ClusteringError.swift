import PersonasNumerics

/// Why a clustering, a cut, a dissimilarity, a validity index or a choice of k was refused: the
/// one error of this module. Checked once at the boundary; the kernels assume valid input.
///
/// ``kind`` says what went wrong, so a caller can switch on it and add its own advice (a command
/// line names the option that changes k); ``description`` says what to do without naming any
/// command-line option.
public struct ClusteringError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// An argument or input the algorithm cannot work with (a k below 1, weights of the wrong
        /// count, a malformed linkage matrix, …); the description says which.
        case invalidInput
        /// k segments (the largest candidate when choosing) need more rows than the data has.
        case tooFewRows(k: Int, rows: Int)
        /// A NaN or infinity at this 0-based row and column.
        case nonFiniteValue(row: Int, column: Int)
        /// The data's squared distances overflow or all underflow.
        case distanceRange(DistanceRange.Problem)
        /// A condensed distance matrix that would not fit in the memory allowed.
        case tooLarge(rows: Int, neededBytes: Int, limitBytes: Int)
        /// A Gaussian mixture component (0-based) whose covariance is not positive definite, even
        /// with the regularisation added to its diagonal (collapsed or singleton rows).
        case illDefinedCovariance(component: Int)
        /// A sample (respondent) weight that is negative, NaN or infinite, at this 0-based row.
        case invalidWeight(row: Int)
    }

    public var kind: Kind
    public var description: String

    /// An error of kind ``Kind/invalidInput``.
    public init(_ description: String) {
        self.init(.invalidInput, description)
    }

    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }

    static func nonFinite(row: Int, column: Int, what: String = "the data") -> ClusteringError {
        ClusteringError(.nonFiniteValue(row: row, column: column),
                        "\(what) has a non-finite value at row \(row + 1), column \(column + 1); "
                        + "impute or drop it before clustering")
    }

    static func distanceRange(_ problem: DistanceRange.Problem, of subject: String) -> ClusteringError {
        ClusteringError(.distanceRange(problem), problem.explanation(of: subject))
    }

    /// The condensed matrix would not fit in the memory allowed.
    static func tooLarge(n: Int, bytes: Int, limit: Int, method: LinkageMethod) -> ClusteringError {
        ClusteringError(.tooLarge(rows: n, neededBytes: bytes, limitBytes: limit),
                        "\(method.rawValue) linkage of \(n) rows needs the condensed distance matrix, "
                        + "n(n-1)/2 doubles = \(MemoryBudget.describe(bytes)), more than the \(MemoryBudget.describe(limit)) allowed; "
                        + "use ward, single, centroid or median (O(n·d) memory), sample the rows, or use the "
                        + "hybrid (k-means micro-clusters, then Ward)")
    }
}

/// The k-means algorithms' name for ``ClusteringError``.
public typealias KMeansError = ClusteringError
/// Hierarchical clustering's name for ``ClusteringError``.
public typealias HierarchicalError = ClusteringError
/// Gaussian mixtures' name for ``ClusteringError``.
public typealias GaussianMixtureError = ClusteringError
/// Validity indices' and ChooseK's name for ``ClusteringError``.
public typealias ModelSelectionError = ClusteringError

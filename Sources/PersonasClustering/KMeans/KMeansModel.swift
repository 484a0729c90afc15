import PersonasNumerics

/// A fitted k-means segmentation: centers, each row's segment, and how the fit went.
public struct KMeansModel<Scalar: BLASScalar>: Sendable {
    /// The centers, k × d, in the data's coordinates.
    public let centers: Matrix<Scalar>
    /// Each training row's cluster, 0..<k; matches ``centers`` (a final assignment follows the
    /// last update).
    public let labels: [Int32]
    /// Σ w ‖x − c_label‖² over the training rows (scikit-learn's `inertia_`), computed exactly.
    public let inertia: Double
    /// Lloyd iterations of the kept run (scikit-learn's `n_iter_`).
    public let iterations: Int
    /// Whether the kept run stopped by convergence rather than by the iteration limit.
    public let converged: Bool
    /// The inertia of each iteration's assignment, with respect to the centers assigned to.
    public let inertiaHistory: [Double]
    /// Every run, in restart order; the kept one has the lowest inertia (the first on ties).
    public let restarts: [KMeansRestart]
    /// The configuration the model was fitted with.
    public let configuration: KMeansConfiguration

    /// The data mean the centers were computed around; distances for new rows are taken in the
    /// same shifted coordinates, so predictions match the training labels bit for bit.
    let shift: [Scalar]
    /// The centers in those coordinates, exactly as the last assignment compared against.
    let shiftedCenters: Matrix<Scalar>

    /// Number of clusters.
    public var k: Int { centers.rows }

    /// Fraction of restarts that found the same partition as the kept one (adjusted Rand index
    /// above 0.999): analysts read reproducibility from it.
    public var restartAgreement: Double {
        Double(restarts.filter { $0.agreementWithBest > 0.999 }.count) / Double(restarts.count)
    }

    /// The nearest center of each row of `x` (lowest index on ties).
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public func predict(_ x: Matrix<Scalar>) throws(KMeansError) -> [Int32] {
        try validate(x)
        return panel.nearestCenters(x)
    }

    /// The Euclidean distance of each row of `x` to each center, n × k (scikit-learn's
    /// `transform`).
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public func transform(_ x: Matrix<Scalar>) throws(KMeansError) -> Matrix<Scalar> {
        try validate(x)
        var distances = panel.squaredDistances(x)
        distances.withUnsafeMutableBufferPointer { values in
            for i in values.indices { values[i] = values[i].squareRoot() }
        }
        return distances
    }

    private var panel: CenterPanel<Scalar> { CenterPanel(centers: shiftedCenters, shift: shift) }

    private func validate(_ x: Matrix<Scalar>) throws(KMeansError) {
        guard x.columns == centers.columns else {
            throw KMeansError("rows have \(x.columns) features; the model was fitted on \(centers.columns)")
        }
        try KMeans.checkFinite(x, what: "the rows to predict")
    }
}

/// One k-means run of a fit with restarts.
public struct KMeansRestart: Sendable, Equatable {
    /// The stream of the master seed this run drew from.
    public var stream: UInt64
    public var inertia: Double
    public var iterations: Int
    public var converged: Bool
    /// Adjusted Rand index between this run's labels and the kept run's (1 for the kept run).
    public var agreementWithBest: Double
}

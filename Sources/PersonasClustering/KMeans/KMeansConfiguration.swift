import PersonasNumerics

/// What a k-means fit should do: the number of segments and how to find them.
///
/// Defaults follow scikit-learn's `KMeans` (greedy k-means++, at most 300 iterations, tolerance
/// 1e-4 relative to the mean feature variance) so results can be checked against it.
public struct KMeansConfiguration: Sendable, Equatable {
    /// Number of clusters (at least 1, at most the number of rows).
    public var k: Int
    /// How the first centers are chosen.
    public var initialization: Initialization
    /// Independent runs from different seeds, keeping the lowest inertia. `nil` chooses as
    /// scikit-learn's `n_init="auto"` does: 1 for k-means++ and given centers, 10 for random rows.
    public var restarts: Int?
    /// Lloyd iterations per run (at least 1).
    public var maxIterations: Int
    /// Convergence threshold on the total squared center shift, as a fraction of the mean
    /// variance of the features (scikit-learn's `tol`); 0 runs until labels stop changing.
    public var tolerance: Double
    /// The iteration algorithm.
    public var algorithm: Algorithm
    /// The master seed: restart r draws from `SeededGenerator(seed: seed, stream: r)`.
    public var seed: UInt64
    /// One weight per row (a survey respondent's weight, or a row that stands for several
    /// customers), finite and ≥ 0 with at least k positive, or `nil` for all 1; a bad weight
    /// throws ``ClusteringError/Kind/invalidWeight(row:)``. scikit-learn's `sample_weight`: the
    /// centers are weighted means, the inertia is weighted, k-means++ and k-means|| draw with
    /// probability w · D², random rows are drawn by weight, and the rows of a
    /// ``restartSampleSize`` sample keep their weights; the data mean the rows are shifted by and
    /// the tolerance's feature variances stay unweighted, as in scikit-learn. All 1 gives the
    /// unweighted fit bit for bit.
    public var sampleWeights: [Double]?
    /// Rows per kernel call: small enough that a chunk's scratch stays in L1/L2.
    public var chunkRows: Int
    /// When set and the data has more rows, the restarts run on a seeded uniform sample of this
    /// many rows and the best of them (lowest inertia on the sample) starts one Lloyd run on all
    /// the rows: Bradley & Fayyad's refinement of initial points from subsamples (ICML 1998), as
    /// scikit-learn's `MiniBatchKMeans(init_size=)` initialises on a sample. The result is a
    /// k-means fit of all the rows from its own initialisation, at the cost of one full run
    /// instead of `restarts`. `nil` (the default) runs every restart on all rows.
    public var restartSampleSize: Int?

    public init(
        k: Int, initialization: Initialization = .kMeansPlusPlus(), restarts: Int? = nil,
        maxIterations: Int = 300, tolerance: Double = 1e-4, algorithm: Algorithm = .auto, seed: UInt64 = 0,
        sampleWeights: [Double]? = nil, chunkRows: Int = 256, restartSampleSize: Int? = nil
    ) {
        self.k = k
        self.initialization = initialization
        self.restarts = restarts
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.algorithm = algorithm
        self.seed = seed
        self.sampleWeights = sampleWeights
        self.chunkRows = chunkRows
        self.restartSampleSize = restartSampleSize
    }

    /// How the initial centers are chosen.
    public enum Initialization: Sendable, Equatable {
        /// Greedy k-means++ (Arthur & Vassilvitskii 2007, scikit-learn's variant): each new center
        /// is the best of `localTrials` candidates drawn with probability proportional to the
        /// weighted squared distance; `nil` uses 2 + ⌊ln k⌋.
        case kMeansPlusPlus(localTrials: Int? = nil)
        /// k-means|| (Bahmani et al. 2012): `rounds` passes that each sample about
        /// `oversampling` × k rows with probability proportional to w · D², then greedy
        /// k-means++ and a few Lloyd steps on the weighted candidates. Fewer passes over the data
        /// than k-means++ (rounds + 1 instead of k), for large n and k.
        case kMeansParallel(rounds: Int = 5, oversampling: Double = 2)
        /// k distinct rows drawn at random (weighted by the sample weights).
        case randomRows
        /// The first k rows, in order: deterministic, for comparisons with other tools.
        case firstRows
        /// Given centers (k × d, in the data's coordinates).
        case centers(Matrix<Double>)

        var defaultRestarts: Int {
            switch self {
            case .randomRows: 10
            case .kMeansPlusPlus, .kMeansParallel, .firstRows, .centers: 1
            }
        }

        /// Whether restarts can differ (a fixed start gives the same run every time).
        var isRandom: Bool {
            switch self {
            case .randomRows, .kMeansPlusPlus, .kMeansParallel: true
            case .firstRows, .centers: false
            }
        }
    }

    /// The iteration algorithm.
    public enum Algorithm: String, Sendable, Equatable, CaseIterable {
        /// Picks the fastest exact algorithm for the data's shape.
        case auto
        /// Lloyd's algorithm: every point against every center, every iteration.
        case lloyd
        /// Hamerly's algorithm: Lloyd's iterations with bounds that skip most distance
        /// computations once centers settle (two bounds per row: 16 bytes of memory per row).
        case hamerly
        /// Elkan's algorithm: Lloyd's iterations (the same labels) where a row near two or three
        /// centers costs those few distances rather than k, by the triangle inequality between
        /// centers; for many overlapping clusters. Keeps two bounds per row rather than Elkan's
        /// n × k (24 bytes of memory per row; see `ElkanIterations.swift` for the measured choice).
        case elkan
    }
}

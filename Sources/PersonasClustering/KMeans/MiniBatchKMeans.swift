import Foundation
import PersonasNumerics

/// Mini-batch k-means (Sculley 2010, scikit-learn's `MiniBatchKMeans` update) for data streamed
/// in blocks: tables larger than memory, read from disk a batch at a time.
///
/// ```swift
/// var clusterer = MiniBatchKMeans<Float>(k: 12, seed: 7)
/// let file = try NPYRowBatches(url: url, as: Float.self)    // PersonasData; or a Matrix in memory
/// try clusterer.fit(file, epochs: 3, batchSize: 65_536)
/// let pass = try clusterer.label(file, batchSize: 65_536) { firstRow, labels in /* write them */ }
/// ```
///
/// or one ``partialFit(_:weights:)`` per batch, from any source.
///
/// The first batch seeds the centers with greedy k-means++ (it must hold at least k rows with
/// positive weight) and fixes the shift μ (its mean) that distances are taken around. Each batch
/// then assigns its rows to the nearest center and moves every center to the weighted mean of
/// everything it has been assigned so far: c ← (c·W + Σ w x) / (W + Σ w), W the weight seen by
/// the center. Batches are processed in order and each batch's sums over fixed row groups are
/// combined in order, so the same batches and seed give the same centers on any thread count.
public struct MiniBatchKMeans<Scalar: BLASScalar>: Sendable {
    /// Number of clusters.
    public let k: Int
    /// The seed of the k-means++ seeding on the first batch.
    public let seed: UInt64
    /// Rows per kernel call.
    public var chunkRows = 256

    /// Centers in shifted coordinates (k × d, Double) once the first batch has been seen.
    private var shiftedCenters: [Double] = []
    private var shift: [Scalar] = []
    /// Total weight each center has been assigned.
    public private(set) var centerWeights: [Double] = []
    /// Rows seen so far.
    public private(set) var rowsSeen = 0
    /// For each batch: Σ w ‖x − c‖² of its rows against the centers they were assigned to,
    /// divided by the batch weight (the mean squared distance; comparable across batch sizes).
    public private(set) var batchInertia: [Double] = []
    /// The total squared movement of the centers at each batch.
    public private(set) var centerShift: [Double] = []

    public init(k: Int, seed: UInt64 = 0) {
        precondition(k >= 1, "k must be at least 1")
        self.k = k
        self.seed = seed
    }

    /// Number of features, once the first batch has been seen.
    public var dimension: Int? { shift.isEmpty ? nil : shift.count }

    /// The centers in the data's coordinates (k × d), or `nil` before the first batch.
    public var centers: Matrix<Scalar>? {
        guard let d = dimension else { return nil }
        return Matrix(rows: k, columns: d, elements: shiftedCenters.enumerated().map { index, value in
            Scalar(value + Double(shift[index % d]))
        })
    }

    /// Updates the centers with one batch (n × d); `weights` gives one weight per row.
    /// - Throws: ``KMeansError`` for non-finite values, a dimension different from earlier
    ///   batches, bad weights, or a first batch with fewer than k weighted rows.
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public mutating func partialFit(_ batch: Matrix<Scalar>, weights: [Double]? = nil) throws(KMeansError) {
        guard batch.rows > 0 else { return }
        if let d = dimension, batch.columns != d {
            throw KMeansError("the batch has \(batch.columns) features; earlier batches had \(d)")
        }
        if let weights {
            guard weights.count == batch.rows else {
                throw KMeansError("\(weights.count) sample weights for a batch of \(batch.rows) rows")
            }
            if let bad = weights.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
                throw KMeansError("sample weight of batch row \(bad + 1) is \(weights[bad]); weights must be finite and ≥ 0")
            }
        }
        try KMeans.checkFinite(batch, what: "the batch")
        // Overflow is checked on every batch; underflow only on the first, whose spread seeds the
        // centers (a later batch may legitimately be narrow).
        if let problem = DistanceRange.problem(in: batch), problem.isOverflow || dimension == nil {
            throw ClusteringError.distanceRange(problem, of: "column \(problem.column + 1) of the batch")
        }
        if dimension == nil {
            var seeding = KMeansConfiguration(k: k, sampleWeights: weights)
            seeding.chunkRows = chunkRows
            try KMeans.validate(batch, seeding)
            let data = KMeansData(batch, weights: weights, chunkRows: chunkRows)
            var generator = SeededGenerator(seed: seed)
            shiftedCenters = data.plusPlusCenters(k: k, trials: 2 + Int(log(Double(k))), generator: &generator)
            shift = data.mean
            centerWeights = [Double](repeating: 0, count: k)
        }
        // The batch, shifted by the first batch's mean (not its own), against the current centers.
        let data = KMeansData(batch, shift: shift, weights: weights, chunkRows: chunkRows)
        var labels = [Int32](repeating: -1, count: batch.rows)
        let step = data.assign(shiftedCenters, k: k, labels: &labels, accumulate: true)
        let d = batch.columns
        var moved = 0.0
        for j in 0..<k where step.weights[j] > 0 {
            let total = centerWeights[j] + step.weights[j]
            for q in 0..<d {
                let old = shiftedCenters[j * d + q]
                let new = (old * centerWeights[j] + step.sums[j * d + q]) / total
                moved += (new - old) * (new - old)
                shiftedCenters[j * d + q] = new
            }
            centerWeights[j] = total
        }
        rowsSeen += batch.rows
        let batchWeight = weights?.reduce(0, +) ?? Double(batch.rows)
        batchInertia.append(batchWeight > 0 ? step.inertia / batchWeight : 0)
        centerShift.append(moved)
    }

    /// The nearest center of each row (lowest index on ties).
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public func predict(_ x: Matrix<Scalar>) throws(KMeansError) -> [Int32] {
        guard let d = dimension else { throw KMeansError("mini-batch k-means has not seen any data yet") }
        guard x.columns == d else { throw KMeansError("rows have \(x.columns) features; the model has \(d)") }
        try KMeans.checkFinite(x, what: "the rows to predict")
        let panel = CenterPanel(centers: Matrix(rows: k, columns: d, elements: shiftedCenters.map { Scalar($0) }),
                                shift: shift)
        return panel.nearestCenters(x)
    }

    /// Σ w ‖x − c_label‖² of `x` against the current centers, exactly (for a final pass over the
    /// data after streaming).
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public func inertia(_ x: Matrix<Scalar>, labels: [Int32], weights: [Double]? = nil) -> Double {
        KMeansData(x, shift: shift, weights: weights, chunkRows: chunkRows).inertia(shiftedCenters, labels: labels, k: k)
    }
}

// MARK: Streaming a whole matrix

extension MiniBatchKMeans {
    /// What the labelling pass of ``label(_:batchSize:_:)`` found.
    public struct StreamedLabels: Sendable, Equatable {
        /// Rows labelled.
        public var rows: Int
        /// Σ ‖x − c_label‖² over every row, exactly (differences, not the expansion).
        public var inertia: Double
        /// Rows per center (k entries).
        public var sizes: [Int]
    }

    /// Fits on `batches` streamed `epochs` times in blocks of `batchSize` rows, each block one
    /// ``partialFit(_:weights:)``: a `.npy` larger than memory is read a block at a time, a
    /// matrix in memory is cut into the same blocks, and either gives the same centers.
    /// - Throws: what ``partialFit(_:weights:)`` throws, or the batches' own read errors.
    public mutating func fit<Batches: RowBatches>(
        _ batches: Batches, epochs: Int, batchSize: Int
    ) throws where Batches.Scalar == Scalar {
        precondition(epochs >= 0 && batchSize >= 1, "epochs must be ≥ 0 and batchSize ≥ 1")
        for _ in 0..<epochs {
            try batches.forEachBatch(maxRows: batchSize) { batch in try partialFit(batch) }
        }
    }

    /// The labelling pass after a fit: every row's nearest center, block by block, handed to
    /// `body` with the index of the block's first row (to write them out as they come), and the
    /// exact inertia and the sizes of the segments.
    /// - Throws: ``KMeansError`` before any data was seen or for rows that do not fit the model,
    ///   the batches' read errors, and what `body` throws.
    public func label<Batches: RowBatches>(
        _ batches: Batches, batchSize: Int, _ body: (_ firstRow: Int, _ labels: [Int32]) throws -> Void
    ) throws -> StreamedLabels where Batches.Scalar == Scalar {
        var result = StreamedLabels(rows: 0, inertia: 0, sizes: [Int](repeating: 0, count: k))
        try batches.forEachBatch(maxRows: batchSize) { batch in
            let labels = try predict(batch)
            result.inertia += inertia(batch, labels: labels)
            for label in labels { result.sizes[Int(label)] += 1 }
            try body(result.rows, labels)
            result.rows += labels.count
        }
        return result
    }
}

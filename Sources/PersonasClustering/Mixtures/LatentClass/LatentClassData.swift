import PersonasNumerics

/// The rows a latent class model is fitted on or scores: its items, validated once, and optional
/// case weights.
///
/// ```swift
/// let data = try LatentClassData(items: [
///     .categorical(codes: [0, 2, 1, LatentClassItem.missingCode], levels: 3),
///     .continuous([4.5, .nan, 3.0, 7.25]),
/// ], weights: [1, 2, 1, 0.5])
/// ```
///
/// A case weight multiplies its row's contribution to the log-likelihood and to every sum of the
/// M-step, so a row of weight 3 counts as three identical rows (frequency weights). Survey weights
/// that project to a universe should be rescaled to sum to the number of respondents first, or
/// the log-likelihood, and the criteria's n, count the universe.
///
/// A missing answer is left out of its row's likelihood (the item's term is skipped for that row,
/// nothing is imputed), so the parameters are the maximum likelihood estimates under missingness at
/// random; a row with every item missing gets the class weights as its membership probabilities.
public struct LatentClassData: Sendable {
    /// The items' kinds, in the order given.
    public let kinds: [LatentClassItem.Kind]
    /// Number of rows.
    public let rows: Int
    /// Each row's case weight (all 1 when none were given).
    public let weights: [Double]
    /// Whether case weights were given.
    public let isWeighted: Bool
    /// Σ of the case weights: the number of cases the log-likelihood counts (the rows when
    /// unweighted).
    public let totalWeight: Double

    /// The answers, rows × items, row-major: a categorical level code as a Double, a continuous
    /// value as is, NaN for a missing answer of either kind.
    let values: [Double]
    let layout: LatentClassLayout
    /// The fixed row groups every pass is reduced over, in order (``RowBlockReduction``).
    let groups: [Range<Int>]

    var items: Int { kinds.count }

    /// The largest continuous answer accepted: squared deviations, weighted and summed over the
    /// rows, stay far from overflow.
    static let largestMagnitude = 1e100

    /// Validates the items (equal lengths, at least two levels per categorical item, level codes
    /// in range, continuous values NaN or finite within ±1e100, at least one answer per item) and
    /// the weights (one per row, positive and finite).
    public init(items: [LatentClassItem], weights: [Double]? = nil) throws(ClusteringError) {
        guard let first = items.first else { throw ClusteringError("a latent class model needs at least one item") }
        let n = first.count, q = items.count
        var values = [Double](repeating: .nan, count: n * q)
        for (column, item) in items.enumerated() {
            guard item.count == n else {
                throw ClusteringError("item \(column + 1) has \(item.count) rows; item 1 has \(n)")
            }
            var observed = false
            switch item {
            case .categorical(let codes, let levels):
                guard levels >= 2 else {
                    throw ClusteringError("categorical item \(column + 1) has \(levels) level\(levels == 1 ? "" : "s"); "
                                          + "an item needs at least 2 levels to tell classes apart: drop it")
                }
                for (row, code) in codes.enumerated() where code != LatentClassItem.missingCode {
                    guard code >= 0, Int(code) < levels else {
                        throw ClusteringError("item \(column + 1), row \(row + 1): level code \(code) is outside 0..<\(levels) "
                                              + "(\(LatentClassItem.missingCode) marks a missing answer)")
                    }
                    values[row * q + column] = Double(code)
                    observed = true
                }
            case .continuous(let answers):
                for (row, value) in answers.enumerated() where !value.isNaN {
                    guard value.isFinite else {
                        throw ClusteringError(.nonFiniteValue(row: row, column: column),
                                              "item \(column + 1), row \(row + 1) is \(value); a continuous answer must be "
                                              + "finite (NaN marks a missing answer)")
                    }
                    guard abs(value) <= Self.largestMagnitude else {
                        throw ClusteringError("item \(column + 1), row \(row + 1) is \(value), too large for the squared "
                                              + "deviations of a variance; rescale the item")
                    }
                    values[row * q + column] = value
                    observed = true
                }
            }
            guard observed || n == 0 else {
                throw ClusteringError("item \(column + 1) has no answer in any row: drop it")
            }
        }
        if let weights {
            guard weights.count == n else { throw ClusteringError("\(weights.count) case weights for \(n) rows") }
            if let bad = weights.firstIndex(where: { !($0.isFinite && $0 > 0) }) {
                throw ClusteringError("the case weight of row \(bad + 1) is \(weights[bad]); case weights must be "
                                      + "positive finite numbers (drop a row of weight 0)")
            }
        }
        self.kinds = items.map(\.kind)
        self.rows = n
        self.weights = weights ?? [Double](repeating: 1, count: n)
        self.isWeighted = weights != nil
        self.totalWeight = RowBlockReduction.sum(rows: n, width: 1) { range, total in
            for i in range { total[0] += weights?[i] ?? 1 }
        }[0]
        self.values = values
        self.layout = LatentClassLayout(kinds)
        self.groups = RowBlockReduction.groups(rows: n)
    }

    /// Row i's answers (items of them) at `values + i·items`.
    func withValues<R>(_ body: (UnsafePointer<Double>) -> R) -> R {
        values.withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    /// The chunk loop of every pass: `body` runs once per fixed row group, in parallel
    /// (``ParallelFor``); the partial results come back in group order, for the caller to add up in
    /// that order, so no result depends on the thread count.
    func mapGroups<Partial>(_ body: (Range<Int>) -> Partial) -> [Partial] {
        ParallelFor.mapChunks(groups.count) { body(groups[$0]) }
    }

    /// Checks that these rows have the items a model was fitted on.
    func checkKinds(_ expected: [LatentClassItem.Kind]) throws(ClusteringError) {
        guard kinds == expected else {
            throw ClusteringError("the rows' items (\(LatentClassLayout.describe(kinds))) differ from the model's "
                                  + "(\(LatentClassLayout.describe(expected)))")
        }
    }
}

/// Where each item's parameters live in the kernels' flat tables: a categorical item's level rows
/// in the table of all levels, a continuous item's slot among the continuous items.
struct LatentClassLayout: Sendable {
    let kinds: [LatentClassItem.Kind]
    /// Per item: the first row of its levels in the level table (categorical), or its index among
    /// the continuous items (continuous).
    let offsets: [Int]
    /// Per item, what the kernels read in one load: the offset of a categorical item, −1 − the
    /// index of a continuous one.
    let slots: [Int]
    let totalLevels: Int
    let continuousCount: Int

    init(_ kinds: [LatentClassItem.Kind]) {
        self.kinds = kinds
        var offsets: [Int] = [], slots: [Int] = [], levels = 0, continuous = 0
        for kind in kinds {
            switch kind {
            case .categorical(let count):
                offsets.append(levels)
                slots.append(levels)
                levels += count
            case .continuous:
                offsets.append(continuous)
                slots.append(-1 - continuous)
                continuous += 1
            }
        }
        self.offsets = offsets
        self.slots = slots
        self.totalLevels = levels
        self.continuousCount = continuous
    }

    /// "3 items: categorical (4 levels), continuous, …" for an error message.
    static func describe(_ kinds: [LatentClassItem.Kind]) -> String {
        let shown = kinds.prefix(6).map { kind in
            switch kind {
            case .categorical(let levels): "categorical (\(levels) levels)"
            case .continuous: "continuous"
            }
        }
        return "\(kinds.count) item\(kinds.count == 1 ? "" : "s"): " + shown.joined(separator: ", ")
            + (kinds.count > 6 ? ", …" : "")
    }
}

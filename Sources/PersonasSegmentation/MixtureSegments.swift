import PersonasClustering
import PersonasNumerics

/// A fitted mixture's components as the pipeline's segments: numbered by size (0 the largest),
/// without components no customer is most likely to belong to, and, under the minimum segment
/// size rule (``SmallSegments``), without the small ones.
///
/// A small component is dropped from the mixture itself (its weight shared out in proportion),
/// and its customers go to their most probable remaining segment: so the saved mixture assigns
/// exactly as the labels say, in `assign` and the SQL export alike, where moving them to the
/// nearest center would leave the mixture disagreeing with its own segments. With the analyst's
/// `keepSmallSegments` a small component stays, as ``SmallSegments`` keeps a small segment.
enum MixtureSegments {
    struct Outcome<Model> {
        /// Each row's segment: its most probable component of ``mixture``.
        var labels: [Int32]
        /// The components in segment order.
        var mixture: Model
        var warnings: [String]
    }

    static func resolve(_ x: Matrix<Double>, _ fitted: GaussianMixtureParameters, minimumSize: Int,
                        keep: Bool) throws -> Outcome<GaussianMixtureParameters> {
        try resolve(x, fitted, minimumSize: minimumSize, keep: keep, predict: { try $0.predict(x) },
                    centers: { mixture, _ in mixture.means })
    }

    /// The same for any mixture whose components can be selected (a latent class model's
    /// classes): `predict` gives each row's most probable component, `centers` the segments'
    /// centers in the prepared features (for the warning of small segments kept).
    static func resolve<Model: SelectableComponents>(
        _ x: Matrix<Double>, _ fitted: Model, minimumSize: Int, keep: Bool, predict: (Model) throws -> [Int32],
        centers: (Model, [Int32]) -> Matrix<Double>
    ) throws -> Outcome<Model> {
        let k = fitted.k
        var mixture = fitted
        var labels = try predict(mixture)
        var emptied = 0, moved: [Int] = [], warnings: [String] = []
        // Each round drops components or only renumbers; after a renumbering the sizes are in
        // order, so the loop ends (the bound guards against ties flipping the order).
        for _ in 0...(2 * k) {
            let sizes = segmentSizes(labels, count: mixture.k)
            let order = sizes.indices.sorted { sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : $0 < $1 }
            let empty = Set(sizes.indices.filter { sizes[$0] == 0 })
            let small = keep ? [] : order.filter { sizes[$0] > 0 && sizes[$0] < minimumSize }
            let kept = order.filter { !empty.contains($0) && !small.contains($0) }
            if kept == Array(sizes.indices) { break }
            guard !kept.isEmpty else {
                throw SegmentationError(.everySegmentTooSmall, "every one of the \(sizes.count) segments has fewer than "
                                        + "\(minimumSize) customers, so there is no segment to move them to; segment "
                                        + "a larger table, ask for fewer segments or lower the minimum segment size")
            }
            if moved.isEmpty && !small.isEmpty {
                // Numbered by size before the move, as ``SmallSegments`` names them.
                moved = small.map { order.firstIndex(of: $0)! }
            }
            emptied += empty.count
            mixture = mixture.selectingComponents(kept)
            labels = try predict(mixture)
        }
        if emptied > 0 {
            warnings.append("only \(k - emptied) of the \(k) segments asked for are non-empty (the mixture's other "
                            + "components are no customer's most probable; they were left out of the model)")
        }
        if !moved.isEmpty {
            let count = k - emptied
            warnings.append("segment\(moved.count == 1 ? "" : "s") \(SmallSegments.list(moved)) of the \(count) (numbered "
                            + "by size) had fewer than \(minimumSize) customers; \(moved.count == 1 ? "its component was" : "their components were") "
                            + "dropped from the mixture and \(moved.count == 1 ? "its" : "their") customers moved to their most "
                            + "probable remaining segment, leaving \(mixture.k) segment\(mixture.k == 1 ? "" : "s")")
        }
        if keep {
            // Kept as asked: the same warning as for any method.
            warnings += try SmallSegments.resolve(x, labels: labels, centers: centers(mixture, labels), minimumSize: minimumSize,
                                                  keep: true, centersAreMeans: false).warnings
        }
        return Outcome(labels: labels, mixture: mixture, warnings: warnings)
    }
}

/// A fitted mixture whose components can be renumbered or dropped (``MixtureSegments``).
protocol SelectableComponents {
    /// Number of components.
    var k: Int { get }
    /// The mixture with only the components `order` names, in that order, the weights of any
    /// dropped shared out in proportion.
    func selectingComponents(_ order: [Int]) -> Self
}

extension GaussianMixtureParameters: SelectableComponents {}

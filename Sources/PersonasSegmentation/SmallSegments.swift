import PersonasClustering
import PersonasNumerics

/// What the pipeline does with a segment of fewer customers than the minimum segment size
/// (``PersonasProfiles/ProfileConfiguration/minimumSegmentSize``): such a segment singles out its
/// customers (a one-customer segment's center *is* that customer's prepared row), so it is never
/// delivered silently.
///
/// By default its customers move to the nearest remaining segment (the smallest distance to the
/// remaining centers in the prepared feature space, for every method), the segments are numbered
/// by size again, and a warning names each moved segment by its number before the move. When the
/// analyst explicitly keeps small segments, they stay, with their centers in the model so
/// customers can still be assigned to them; the personas then withhold every figure of them.
enum SmallSegments {
    /// The segments after the rule, and what the run should say about it.
    struct Outcome {
        /// Each row's segment, numbered by size.
        var labels: [Int32]
        /// One center per segment, in the labels' numbering.
        var centers: Matrix<Double>
        var warnings: [String]
    }

    /// Applies the rule to `labels` (numbered by size, so small segments are the last ones) and
    /// their `centers`.
    /// - Parameter centersAreMeans: whether a center is its segment's mean (Ward and the hybrid,
    ///   recomputed after the move) or a fitted center kept as it is (k-means, whose rows stay
    ///   nearest to their own center when the moved rows go to their nearest).
    /// - Throws: ``SegmentationError`` when every segment is under the minimum size, so there is
    ///   nowhere to move customers to.
    static func resolve(_ x: Matrix<Double>, labels: [Int32], centers: Matrix<Double>, minimumSize: Int, keep: Bool,
                        centersAreMeans: Bool) throws -> Outcome {
        let sizes = segmentSizes(labels, count: centers.rows)
        let small = sizes.indices.filter { sizes[$0] < minimumSize }
        guard !small.isEmpty else { return Outcome(labels: labels, centers: centers, warnings: []) }
        let named = "segment\(small.count == 1 ? "" : "s") \(list(small)) of the \(sizes.count) (numbered by size)"
        let had = small.count == 1 ? "has" : "each have"
        if keep {
            return Outcome(labels: labels, centers: centers, warnings: [
                "\(named) \(had) fewer than \(minimumSize) customers; kept as asked: the model still assigns customers "
                + "to \(small.count == 1 ? "it" : "them") from \(small.count == 1 ? "its center" : "their centers"), "
                + "and the personas and reports withhold every figure of \(small.count == 1 ? "it" : "them")"])
        }
        // Numbered by size, the segments that stay are 0..<remaining.
        let remaining = sizes.count - small.count
        guard remaining > 0 else {
            throw SegmentationError(.everySegmentTooSmall, "\(sizes.count == 1 ? "the one segment has" : "every one of the \(sizes.count) segments has") "
                                    + "fewer than \(minimumSize) customers, so there is no segment to move them to; "
                                    + "segment a larger table\(sizes.count == 1 ? "" : ", ask for fewer segments") "
                                    + "or lower the minimum segment size")
        }
        let d = x.columns
        var moved = labels
        for i in 0..<x.rows where Int(labels[i]) >= remaining {
            var best = Double.infinity, nearest = 0
            for j in 0..<remaining {
                var s = 0.0
                for q in 0..<d {
                    let t = x[i, q] - centers[j, q]
                    s += t * t
                }
                if s < best { best = s; nearest = j }
            }
            moved[i] = Int32(nearest)
        }
        let renumbered = numberedBySize(moved)
        let newCenters = centersAreMeans
            ? Segmentation.segmentMeans(x, labels: renumbered, k: remaining)
            : Segmentation.renumbered(centers, from: moved, to: renumbered, count: remaining)
        let warning = "\(named) had fewer than \(minimumSize) customers; "
            + "\(small.count == 1 ? "its" : "their") customers were moved to the nearest remaining segment, "
            + "leaving \(remaining) segment\(remaining == 1 ? "" : "s")"
        return Outcome(labels: renumbered, centers: newCenters, warnings: [warning])
    }

    /// "3", "3 and 4", "3, 4 and 5".
    static func list(_ segments: [Int]) -> String {
        segments.count <= 2 ? segments.map(String.init).joined(separator: " and ")
            : segments.dropLast().map(String.init).joined(separator: ", ") + " and \(segments.last!)"
    }
}

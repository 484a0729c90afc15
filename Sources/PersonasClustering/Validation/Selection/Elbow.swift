/// The "elbow" of a decreasing curve such as inertia against k, found as the point farthest from
/// the chord: a heuristic, not a test.
///
/// Both axes are first scaled to [0, 1] (k by its range, the values by theirs), so the answer
/// does not depend on the units of the inertia; the chord joins the first and last points, and
/// the elbow is the point with the largest perpendicular distance to it (the idea behind
/// Satopää et al.'s 2011 "Kneedle", without its smoothing). It finds where the curve bends most
/// against its overall trend; a curve without a clear bend still has a farthest point, so read
/// it alongside the other criteria.
public enum Elbow {
    /// The k of the point farthest from the chord of (`ks`, `values`), the points taken in
    /// increasing k. Ties go to the smallest k.
    ///
    /// `nil` for fewer than 3 points, a non-finite value, repeated ks, or when every point lies
    /// on the chord (a straight line has no elbow).
    public static func farthestFromChord(ks: [Int], values: [Double]) -> Int? {
        precondition(ks.count == values.count, "\(ks.count) ks for \(values.count) values")
        guard ks.count >= 3, values.allSatisfy(\.isFinite) else { return nil }
        let points = zip(ks, values).sorted { $0.0 < $1.0 }
        for i in points.indices.dropFirst() where points[i].0 == points[i - 1].0 { return nil }
        let k0 = Double(points.first!.0), kSpan = Double(points.last!.0) - k0
        let low = values.min()!, span = values.max()! - low
        guard span > 0 else { return nil }
        let scaled = points.map { ((Double($0.0) - k0) / kSpan, ($0.1 - low) / span) }
        let (x0, y0) = scaled.first!, (x1, y1) = scaled.last!
        let dx = x1 - x0, dy = y1 - y0
        let length = (dx * dx + dy * dy).squareRoot()
        var best: Int?, bestDistance = 0.0
        for (index, (x, y)) in scaled.enumerated() {
            // |cross product| / chord length: the perpendicular distance.
            let distance = abs(dx * (y - y0) - dy * (x - x0)) / length
            if distance > bestDistance {
                best = index
                bestDistance = distance
            }
        }
        // Distances within rounding of zero mean the points are collinear.
        guard let best, bestDistance > 1e-12 else { return nil }
        return points[best].0
    }
}

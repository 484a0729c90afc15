import PersonasData
import PersonasSegmentation

extension ReportFigures {
    /// How sure a model-based method (a Gaussian mixture) is of its segments: per reported
    /// segment, the distribution of its customers' probability of it, as quantiles, and the share
    /// under 0.5 (`low_probability` in assignments.csv). Aggregates only, and none of a segment
    /// withheld as too small.
    public struct Membership: Codable, Sendable, Equatable {
        /// One segment's distribution.
        public struct Segment: Codable, Sendable, Equatable {
            public var segment: Int
            /// The 10%, 25%, 50%, 75% and 90% quantiles of its customers' probability of it.
            public var quantiles: [Double]
            /// The lowest probability among its customers.
            public var minimum: Double
            /// The share of its customers under ``lowProbability``.
            public var lowShare: Double
        }

        /// The quantiles ``Segment/quantiles`` holds.
        public static let levels = [0.1, 0.25, 0.5, 0.75, 0.9]
        /// Under this probability a customer is flagged (`low_probability`).
        public static let lowProbability = 0.5

        public var segments: [Segment]
        /// The share of all reported customers under ``lowProbability``.
        public var lowShare: Double

        /// The distribution of `assignments`' probabilities per segment but `hidden`; nil when
        /// they carry none (k-means, Ward, the hybrid).
        init?(_ assignments: [Assignment], k: Int, hidden: Set<Int>) {
            var bySegment = [[Double]](repeating: [], count: k)
            for a in assignments {
                guard let p = a.probability else { return nil }
                if !hidden.contains(Int(a.segment)) { bySegment[Int(a.segment)].append(p) }
            }
            guard !assignments.isEmpty else { return nil }
            segments = bySegment.enumerated().compactMap { segment, values in
                guard !values.isEmpty else { return nil }
                let sorted = Quantiles.sortedFinite(values)
                return Segment(segment: segment, quantiles: Self.levels.map { Quantiles.quantile(sorted: sorted, $0) },
                               minimum: sorted[0], lowShare: Self.share(under: Self.lowProbability, of: sorted))
            }
            let all = bySegment.flatMap { $0 }
            lowShare = all.isEmpty ? 0 : Self.share(under: Self.lowProbability, of: all)
        }

        static func share(under threshold: Double, of values: [Double]) -> Double {
            Double(values.filter { $0 < threshold }.count) / Double(values.count)
        }
    }
}

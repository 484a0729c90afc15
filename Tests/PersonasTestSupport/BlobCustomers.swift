import Foundation
import PersonasNumerics

/// A customer table of well-separated groups, as CSV text, for the small-segment tests: each
/// group a seeded cloud (standard deviation 0.5) around its center on the features `x1`, `x2`,
/// `x3`, with a `value` around the group's value. Ids are `C0001`, `C0002`, … in row order.
public enum BlobCustomers {
    public struct Group: Sendable {
        public var center: (Double, Double, Double)
        public var size: Int
        public var value: Double
        public init(center: (Double, Double, Double), size: Int, value: Double) {
            self.center = center
            self.size = size
            self.value = value
        }
    }

    /// Three groups of `groupSize` customers worth about 300 each, and `outliers` customers far
    /// from all of them (at 200 on every feature) worth about 200,000 each: most of the value.
    public static func withFarOutliers(_ outliers: Int, groupSize: Int = 100) -> [Group] {
        [Group(center: (0, 0, 0), size: groupSize, value: 300), Group(center: (10, 0, 0), size: groupSize, value: 300),
         Group(center: (0, 10, 0), size: groupSize, value: 300), Group(center: (200, 200, 200), size: outliers, value: 200_000)]
    }

    /// The table written as `customers.csv` in `directory`.
    public static func write(_ groups: [Group], in directory: TemporaryDirectory) throws -> URL {
        let url = directory.file("customers.csv")
        try csv(groups).write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    public static func csv(_ groups: [Group], seed: UInt64 = 1) -> String {
        var random = SeededGenerator(seed: seed)
        func noise() -> Double { Double.random(in: -0.5...0.5, using: &random) + Double.random(in: -0.5...0.5, using: &random) }
        var text = "customer_id,x1,x2,x3,value\n"
        var row = 0
        for group in groups {
            for _ in 0..<group.size {
                row += 1
                let value = group.value * (1 + 0.2 * noise())
                text += String(format: "C%04d,%.4f,%.4f,%.4f,%.2f\n", row, group.center.0 + noise(), group.center.1 + noise(),
                               group.center.2 + noise(), value)
            }
        }
        return text
    }
}

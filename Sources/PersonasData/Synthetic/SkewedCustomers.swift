import Foundation
import PersonasNumerics

/// A synthetic customer table whose value-like columns are heavily skewed, with planted segments.
///
/// Real customer measures (orders, spend, visits, calls) are log-normal more often than normal:
/// a few customers hold most of the volume. Scaled as they are, those few dominate every distance,
/// so each segment beyond the second splits off a sliver of them and the minimum-share rule keeps
/// k at 2. Taking `log(1 + x)` first (``ColumnTransform/log``) recovers the planted segments. This
/// table shows both, with the answer key to check against.
///
/// Columns (``columnNames``): `customer_id` ("C000001"…), then `orders`, `spend`, `web_visits`,
/// `support_calls`, each drawn per customer as exp(μ + σ·z) with the segment's μ (``segments``)
/// and one σ (``logSpread``); counts are rounded to whole numbers, spend to cents. No cell is
/// empty. A customer's segment follows from its row (``segment(ofRow:rows:)``: the first 40% of
/// rows are the first segment, and so on), and customer *i* is drawn only from
/// `SeededGenerator(seed: seed, stream: i)`, so the same seed writes the same bytes.
public enum SkewedCustomers {
    /// One planted segment: its name, share of the customers, and μ of each value column (in
    /// ``valueColumns`` order, natural-log units).
    public struct Segment: Sendable {
        public var name: String
        public var share: Double
        public var logMeans: [Double]
    }

    /// The value columns, in file order after the identifier.
    public static let valueColumns = ["orders", "spend", "web_visits", "support_calls"]
    /// Every column, in file order.
    public static let columnNames = ["customer_id"] + valueColumns
    /// Which value columns are whole numbers (the others are amounts with cents).
    static let isCount = [true, false, true, true]

    /// The within-segment spread σ of every value column, in natural-log units.
    public static let logSpread = 1.2

    /// The planted segments; any two have μ 2.8 or more (2.3 σ) apart on at least one column, so
    /// they separate on the log scale, while on the raw scale the long tails swamp them.
    public static let segments = [
        Segment(name: "Occasional", share: 0.40, logMeans: [3.0, 5.0, 2.0, 1.0]),
        Segment(name: "Loyal", share: 0.30, logMeans: [6.4, 8.2, 2.4, 1.4]),
        Segment(name: "Digital", share: 0.20, logMeans: [3.6, 5.6, 7.0, 1.2]),
        Segment(name: "High-touch", share: 0.10, logMeans: [6.8, 9.8, 3.2, 5.2]),
    ]

    /// The planted segment (index into ``segments``) of row `index` (0-based) among `rows`.
    public static func segment(ofRow index: Int, rows: Int) -> Int {
        var cumulative = 0.0
        for (s, segment) in segments.enumerated() {
            cumulative += segment.share
            if Double(index) < (cumulative * Double(rows)).rounded() { return s }
        }
        return segments.count - 1
    }

    /// The identifier of row `index` (0-based).
    public static func identifier(ofRow index: Int) -> String {
        let digits = String(index + 1)
        return "C" + String(repeating: "0", count: Swift.max(0, 6 - digits.count)) + digits
    }

    /// Row `index`'s fields, in ``columnNames`` order.
    static func row(_ index: Int, rows: Int, seed: UInt64) -> [String] {
        var random = SeededGenerator(seed: seed, stream: UInt64(index))
        let segment = segments[segment(ofRow: index, rows: rows)]
        var fields = [identifier(ofRow: index)]
        for (c, mu) in segment.logMeans.enumerated() {
            let value = Foundation.exp(mu + logSpread * random.nextStandardNormal())
            fields.append(isCount[c] ? String(Int(value.rounded())) : String(format: "%.2f", value))
        }
        return fields
    }

    /// Writes `rows` customers to `url` (and each one's planted segment name to `truthURL`).
    /// - Throws: ``OutputError`` when a file cannot be written, both outputs are the same file, or
    ///   `rows` is below 1.
    public static func write(rows: Int, seed: UInt64, to url: URL, plantedSegmentsTo truthURL: URL? = nil) throws(OutputError) {
        guard rows >= 1 else { throw OutputError(path: url.path, reason: "the table needs at least 1 row, got \(rows)") }
        if let truthURL, truthURL.standardizedFileURL.path == url.standardizedFileURL.path {
            throw OutputError(path: truthURL.path, reason: "the planted segments cannot go to the data file itself")
        }
        var data = CSVWriter(file: try AtomicFileWriter(destination: url), verbatimColumns: [0])
        var truth: CSVWriter? = nil
        if let truthURL { truth = CSVWriter(file: try AtomicFileWriter(destination: truthURL), verbatimColumns: [0]) }
        try data.writeRow(columnNames)
        if truth != nil { try truth!.writeRow(["customer_id", "planted_segment"]) }
        for i in 0..<rows {
            try data.writeRow(row(i, rows: rows, seed: seed))
            if truth != nil { try truth!.writeRow([identifier(ofRow: i), segments[segment(ofRow: i, rows: rows)].name]) }
        }
        try data.finish()
        if let truth = truth.take() { try truth.finish() }
    }

    /// The schema of the generated file: the identifier, integer counts and numeric spend, with
    /// display names. It declares no transform, so `inspect` flags the skewed columns.
    public static func schema() -> Schema {
        Schema(columns: [
            ColumnSchema(name: "customer_id", type: .identifier, role: .identifier),
            ColumnSchema(name: "orders", type: .integer, displayName: "Orders"),
            ColumnSchema(name: "spend", type: .numeric, displayName: "Spend"),
            ColumnSchema(name: "web_visits", type: .integer, displayName: "Web visits"),
            ColumnSchema(name: "support_calls", type: .integer, displayName: "Support calls"),
        ])
    }
}

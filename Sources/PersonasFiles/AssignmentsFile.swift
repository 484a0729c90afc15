import Foundation
import PersonasData
import PersonasProfiles
import PersonasSegmentation

/// `assignments.csv`: one row per customer with its segment, written with the same columns by
/// `segment` (the training table) and `assign` (new customers).
///
/// Columns: the table's identifier column under its own name (or `row`, 1-based, when the table
/// has none), `segment` (0 the largest), `segment_name`, `distance` (to the segment's center in
/// the prepared features), `confidence` (how much nearer the segment's center is than the next
/// one's), `tier` and `channel` (the customer's own targeting: the rules applied to its value and
/// potential), `segment_tier` and `segment_channel` (the segment's targeting, as in
/// `personas.md`). A cell with no figure is empty: distance and confidence when the typing tool
/// assigned the customer, the targeting without a value and a potential column.
///
/// A model-based method's model (`SegmentationModel.hasProbabilities`, a
/// Gaussian mixture or a latent class model) adds two columns at the end: `probability`, the customer's probability of
/// its segment, and `low_probability`, `1` when that is under 0.5 (no segment holds the customer
/// more than all others together), else `0`; both empty when the typing tool assigned it. The
/// other methods' files have the nine columns alone, as before.
public enum AssignmentsFile {
    /// The header row, the identifier column first; with the probability columns for a
    /// model-based method's model.
    public static func header(identifier: String, probabilities: Bool = false) -> [String] {
        [identifier, "segment", "segment_name", "distance", "confidence", "tier", "channel", "segment_tier",
         "segment_channel"] + (probabilities ? probabilityColumns : [])
    }

    /// The columns a model-based method's file adds.
    public static let probabilityColumns = ["probability", "low_probability"]

    /// Below this probability of its segment a customer is flagged (`low_probability`).
    public static let lowProbability = 0.5

    /// Writes the rows of `table` assigned as `assignments` to the segments of `model`.
    /// - Parameters:
    ///   - assignments: each row's segment, distance and confidence.
    ///   - table: the table assigned, for its identifier column.
    ///   - model: the model whose segments they are (names, tiers, channels).
    ///   - targets: each customer's own tier and channel (`SegmentationModel.customerTargets(_:labels:)`).
    ///   - file: where to write.
    public static func write(_ assignments: [Assignment], of table: DataTable, model: SegmentationModel,
                             targets: CustomerTargets?, to file: AtomicFileWriter) throws(OutputError) {
        let id = table.identifierColumn
        var csv = CSVWriter(file: file, verbatimColumns: [0])
        let probabilities = model.hasProbabilities
        try csv.writeRow(header(identifier: id?.name ?? "row", probabilities: probabilities))
        func figure(_ x: Double) -> String { x.isNaN ? "" : "\(x)" }
        for (row, a) in assignments.enumerated() {
            let j = Int(a.segment)
            let probability = !probabilities ? [] : a.probability.map { [figure($0), $0 < lowProbability ? "1" : "0"] } ?? ["", ""]
            try csv.writeRow([id?.text(atRow: row) ?? String(row + 1), String(j), model.segmentNames[j],
                              figure(a.distance), figure(a.confidence), targets?.tiers[row] ?? "",
                              targets?.channels[row] ?? "", model.segmentTiers[j] ?? "", model.segmentChannels[j] ?? ""]
                             + probability)
        }
        try csv.finish()
    }
}

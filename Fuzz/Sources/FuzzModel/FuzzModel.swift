import Foundation
import FuzzSupport
import PersonasData
import PersonasSegmentation

/// Fuzzes the saved-model loader (`model.json`) and then uses what loads as `personas assign` does:
/// reads the fixed table with the model's input schema, assigns every row to its nearest center and
/// by the typing tool, and looks up each segment's name, tier and channel. A model that decodes but
/// does not hang together must be refused by the loader, not trap or mislead later.
///
/// Input: the bytes of a `model.json`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModel(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Data(bytes: $0, count: size) } ?? Data()
    let model: SegmentationModel
    do {
        model = try SegmentationModel.load(from: bytes, name: "model.json")
    } catch {
        Oracle.require("\(error)".contains("model.json"), "a loading error that does not name the file: \(error)")
        return 0
    }
    let k = model.k
    Oracle.require(model.segmentNames.count == k && model.segmentTiers.count == k && model.segmentChannels.count == k,
                   "a loaded model with \(k) centers but \(model.segmentNames.count) names, "
                   + "\(model.segmentTiers.count) tiers, \(model.segmentChannels.count) channels")
    guard let table = FixedTable.read(schema: model.preparation.inputSchema) else { return 0 }
    Oracle.checkApplied(model.preparation, to: table)

    do {
        let assignments = try model.assign(table)
        Oracle.require(assignments.count == table.rowCount, "\(assignments.count) assignments for \(table.rowCount) rows")
        for a in assignments {
            Oracle.require(a.segment >= 0 && Int(a.segment) < k, "assigned to segment \(a.segment) of \(k)")
            Oracle.require(a.distance.isFinite && a.distance >= 0, "distance \(a.distance) to the nearest center")
            Oracle.require(a.confidence >= 0 && a.confidence <= 1, "confidence \(a.confidence)")
        }
    } catch {
        Oracle.require(!"\(error)".isEmpty, "an assignment error without a message")
    }

    guard model.typingTool != nil else { return 0 }
    do {
        let segments = try model.type(table)
        Oracle.require(segments.count == table.rowCount, "\(segments.count) typed rows for \(table.rowCount)")
        Oracle.require(segments.allSatisfy { $0 >= 0 && Int($0) < k }, "the typing tool names a segment outside 0..<\(k)")
    } catch {
        Oracle.require(!"\(error)".isEmpty, "a typing error without a message")
    }
    return 0
}

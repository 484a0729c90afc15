import Foundation
import PersonasData
import PersonasNumerics
import PersonasProfiles

/// `model.json`: everything needed to apply a segmentation to new customers: the fitted
/// preparation, the segment centers in the prepared feature space, and the personas.
///
/// Format version 1. A new table is prepared exactly as the training table was (same columns,
/// imputations, levels and scaling) and each row goes to its nearest center. The creation time is
/// the one field that differs between two runs with the same seed.
public struct SegmentationModel: Codable, Sendable {
    public static let currentFormatVersion = 1

    public var formatVersion: Int
    /// ISO 8601, UTC: the only field that changes between identical runs.
    public var createdAt: String
    public var method: SegmentationConfiguration.Method
    public var seed: UInt64
    /// The fitted preparation (apply it to new tables).
    public var preparation: Preparation
    /// k × d segment centers in the prepared feature space (k-means centers, or the mean of each
    /// hierarchical segment's prepared rows).
    public var centers: Matrix<Double>
    /// Persona name per segment.
    public var segmentNames: [String]
    /// Tier and channel per segment, when targeting ran.
    public var segmentTiers: [String?]
    public var segmentChannels: [String?]
    /// The personas (profiles, narratives, targeting).
    public var personas: PersonasDocument
    /// The typing tool (segment from a few questions), when one was built.
    public var typingTool: DecisionTree?
    /// The training table's identifier column, kept first in scored outputs (optional in format 1).
    public var identifierColumn: String?
    /// The type of each typing-tool question's column in the training table (optional in format 1),
    /// so exports read a raw column as the tool did (a boolean's words, a date's days).
    public var questionTypes: [String: ColumnType]?

    public var k: Int { centers.rows }

    /// Each row of `table` assigned to its nearest center, with the distance and a confidence.
    public func assign(_ table: DataTable) throws -> [Assignment] {
        let prepared = try preparation.apply(table).matrix
        return Self.nearest(prepared, centers: centers)
    }

    /// Each row of `table` typed by the model's typing tool (unseen levels follow the missing-value
    /// path, as the tool's documentation states); distance and confidence are not defined there.
    public func type(_ table: DataTable) throws -> [Int32] {
        guard let tree = typingTool else {
            throw SegmentationError("this model has no typing tool; build one with `personas segment` (default) "
                                    + "or `personas typing-tool`")
        }
        let classes = try tree.predict(table)
        let segments = tree.classLabels.map { Int32($0) ?? -1 }
        return classes.map { segments[Int($0)] }
    }

    /// The nearest center of every row (lowest index on ties), its Euclidean distance, and the
    /// confidence 1 − d₁/d₂ (d₂ the distance to the second-nearest center): 0 on a boundary,
    /// near 1 deep inside a segment.
    static func nearest(_ x: Matrix<Double>, centers: Matrix<Double>) -> [Assignment] {
        let n = x.rows, d = x.columns, k = centers.rows
        var out = [Assignment](repeating: Assignment(segment: 0, distance: 0, confidence: 0), count: n)
        x.withUnsafeBufferPointer { xb in
            centers.withUnsafeBufferPointer { cb in
                out.withUnsafeMutableBufferPointer { ob in
                    ParallelFor.forEachRange(count: n, chunkSize: 8_192) { rows in
                        for i in rows {
                            var best = Double.infinity, second = Double.infinity, label = 0
                            for j in 0..<k {
                                var s = 0.0
                                for q in 0..<d {
                                    let t = xb[i * d + q] - cb[j * d + q]
                                    s += t * t
                                }
                                if s < best {
                                    second = best
                                    best = s
                                    label = j
                                } else if s < second {
                                    second = s
                                }
                            }
                            let d1 = best.squareRoot(), d2 = second.squareRoot()
                            ob[i] = Assignment(segment: Int32(label), distance: d1,
                                               confidence: d2.isFinite && d2 > 0 ? 1 - d1 / d2 : 1)
                        }
                    }
                }
            }
        }
        return out
    }

    /// Pretty-printed JSON with sorted keys.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(self)
    }

    /// A model read back from `model.json`, with a clear error for other files and versions.
    public static func load(from url: URL) throws -> SegmentationModel {
        let data = try Data(contentsOf: url)
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let model: SegmentationModel
        do {
            model = try decoder.decode(SegmentationModel.self, from: data)
        } catch {
            throw SegmentationError("\(url.path) is not a Personas model.json (\(error.localizedDescription)); "
                                    + "write one with `personas segment`")
        }
        guard model.formatVersion == currentFormatVersion else {
            throw SegmentationError("\(url.path) has model format \(model.formatVersion); this version reads "
                                    + "format \(currentFormatVersion)")
        }
        guard model.centers.columns == model.preparation.outputNames.count, model.centers.rows >= 1,
              model.segmentNames.count == model.centers.rows else {
            throw SegmentationError("\(url.path) is inconsistent: \(model.centers.rows) × \(model.centers.columns) "
                                    + "centers for \(model.preparation.outputNames.count) features")
        }
        return model
    }
}

/// One row's segment.
public struct Assignment: Sendable, Equatable {
    public var segment: Int32
    /// Euclidean distance to the segment's center in the prepared feature space.
    public var distance: Double
    /// 1 − d₁/d₂: how much nearer the row is to its own center than to the next one.
    public var confidence: Double

    public init(segment: Int32, distance: Double, confidence: Double) {
        self.segment = segment
        self.distance = distance
        self.confidence = confidence
    }
}

/// Why a segmentation could not be run, saved or applied.
public struct SegmentationError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

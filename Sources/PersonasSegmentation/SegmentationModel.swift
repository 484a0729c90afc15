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

    public var k: Int { centers.rows }

    /// Each row of `table` assigned to its nearest center, with the distance and a confidence.
    /// - Throws: ``DataError`` for a table the preparation refuses, or a row so far from every center
    ///   (values near the floating-point limits) that its distances overflow.
    public func assign(_ table: DataTable) throws -> [Assignment] {
        let prepared = try preparation.apply(table).matrix
        let assignments = Self.nearest(prepared, centers: centers)
        if let row = assignments.firstIndex(where: { !$0.distance.isFinite }) {
            throw DataError(file: table.source, line: table.line(ofRow: row), kind: .preparation(
                "this row is too far from every segment center to be assigned (its distance overflows); check its values"))
        }
        return assignments
    }

    /// Each row of `table` typed by the model's typing tool (unseen levels follow the missing-value
    /// path, as the tool's documentation states); distance and confidence are not defined there.
    public func type(_ table: DataTable) throws -> [Int32] {
        guard let tree = typingTool else {
            throw SegmentationError("this model has no typing tool; build one with `personas segment` (default) "
                                    + "or `personas typing-tool`")
        }
        let segments = tree.classLabels.compactMap { Int32($0) }.filter { $0 >= 0 && Int($0) < k }
        guard segments.count == tree.classLabels.count else {
            throw SegmentationError("the typing tool's segments \(tree.classLabels) are not this model's \(k) segments")
        }
        let classes = try tree.predict(table)
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
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SegmentationError("cannot read \(url.path) (\(error.localizedDescription))")
        }
        return try load(from: data, name: url.path)
    }

    /// A model decoded from the bytes of a `model.json`; `name` labels messages.
    ///
    /// Everything ``assign(_:)`` and ``type(_:)`` rely on is checked here, so a file that decodes but
    /// does not hang together (edited by hand, truncated and repaired, from another tool) is refused
    /// with its first inconsistency rather than failing, or misleading, later.
    public static func load(from data: Data, name: String) throws -> SegmentationModel {
        func fail(_ problem: String) -> SegmentationError {
            SegmentationError("\(name) is not a valid Personas model.json (\(problem)); write one with `personas segment`")
        }
        // The version first: a later format need not decode as this one.
        struct Version: Decodable { var formatVersion: Int? }
        let version: Int?
        do { version = try JSONDecoder().decode(Version.self, from: data).formatVersion } catch {
            throw fail(JSONDiagnostics.describe(error, in: data))
        }
        guard let version else { throw fail("no formatVersion") }
        guard version == currentFormatVersion else {
            throw SegmentationError("\(name) has model format \(version); this version reads format \(currentFormatVersion)")
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let model: SegmentationModel
        do {
            model = try decoder.decode(SegmentationModel.self, from: data)
        } catch {
            throw fail(JSONDiagnostics.describe(error, in: data))
        }
        try model.preparation.validate(source: name)
        let k = model.centers.rows
        guard k >= 1, model.centers.columns == model.preparation.outputNames.count else {
            throw fail("\(k) × \(model.centers.columns) centers for \(model.preparation.outputNames.count) features")
        }
        guard model.centers.elements.allSatisfy(\.isFinite) else { throw fail("a center holds a non-finite number") }
        guard model.segmentNames.count == k, model.segmentTiers.count == k, model.segmentChannels.count == k else {
            throw fail("\(k) segments but \(model.segmentNames.count) names, \(model.segmentTiers.count) tiers and "
                       + "\(model.segmentChannels.count) channels")
        }
        if let tree = model.typingTool {
            do { try tree.validate() } catch { throw fail("typing tool: \(error)") }
            guard tree.classLabels.allSatisfy({ Int($0).map { (0..<k).contains($0) } ?? false }) else {
                throw fail("the typing tool's segments \(tree.classLabels) are not all among the \(k) segments")
            }
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

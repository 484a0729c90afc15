import Foundation
import PersonasClustering
import PersonasData
import PersonasNumerics
import PersonasProfiles

/// `model.json`: everything needed to apply a segmentation to new customers: the fitted
/// preparation, the segment centers in the prepared feature space, and the personas.
///
/// A new table is prepared exactly as the training table was (same columns, imputations, levels
/// and scaling) and each row goes to its nearest center, or, for a model-based method, to its
/// most probable segment under the saved ``mixture``. The creation time is the one field that
/// differs between two runs with the same seed.
///
/// Format version 2 adds ``mixture``; a model is written with the lowest version that holds it
/// (``formatVersion(holding:_:)``): 1 for k-means, Ward and the hybrid, byte for byte as before, so
/// earlier versions of personas still read them; 2 for a Gaussian mixture, which they refuse by
/// its version. This version reads both.
public struct SegmentationModel: Codable, Sendable {
    public static let currentFormatVersion = 2
    /// The format versions this version reads.
    public static let readableFormatVersions = 1...currentFormatVersion

    /// The version a model is written with: 2 when it holds a mixture or a latent class model,
    /// else 1.
    public static func formatVersion(holding mixture: GaussianMixtureParameters?,
                                     _ latentClass: LatentClassParameters? = nil) -> Int {
        mixture == nil && latentClass == nil ? 1 : 2
    }

    public var formatVersion: Int
    /// ISO 8601, UTC: the only field that changes between identical runs.
    public var createdAt: String
    public var method: SegmentationConfiguration.Method
    public var seed: UInt64
    /// The fitted preparation (apply it to new tables).
    public var preparation: Preparation
    /// k × d segment centers in the prepared feature space (k-means centers, or the mean of each
    /// hierarchical segment's prepared rows). No segment under the minimum size has a center here
    /// unless the analyst kept it (``SegmentationConfiguration/keepSmallSegments``): its center is
    /// then its few members' mean (one customer's own prepared row), kept so that `assign` and the
    /// SQL export can still place customers in it.
    public var centers: Matrix<Double>
    /// Persona name per segment.
    public var segmentNames: [String]
    /// Tier and channel per segment, when targeting ran.
    public var segmentTiers: [String?]
    public var segmentChannels: [String?]
    /// The personas (profiles, narratives, targeting).
    public var personas: PersonasDocument
    /// The typing tool (segment from a few questions), when one was built.
    public var typingTool: TypingToolModel?
    /// The training table's identifier column, kept first in scored outputs (optional in format 1).
    public var identifierColumn: String?
    /// The type of each typing-tool question's column in the training table (optional in format 1),
    /// so exports read a raw column as the tool did (a boolean's words, a date's days).
    public var questionTypes: [String: ColumnType]?
    /// The Gaussian mixture that assigns customers (format 2; nil for the other methods): one
    /// component per segment in the segments' order, in the prepared feature space. Its means are
    /// ``centers``.
    public var mixture: GaussianMixtureParameters?
    /// The latent class model that assigns customers (format 2; `--method latent-class` only):
    /// one class per segment in the segments' order, one item per prepared column in the
    /// preparation's order (`latentClassData(_:preparation:)`). ``centers`` are then the
    /// segments' mean prepared features, for the distances.
    public var latentClass: LatentClassParameters?

    public var k: Int { centers.rows }

    /// Whether assignments carry each customer's probability of its segment (a model-based
    /// method): `assignments.csv`'s `probability` and `low_probability` columns.
    public var hasProbabilities: Bool { mixture != nil || latentClass != nil }

    /// How to read a table to assign: the preparation's declared columns, and the training
    /// table's identifier with the identifier role, so it is read as the text it is written as
    /// (`00001`) whatever it looks like. A file without the identifier is still assigned (by row).
    public var inputSchema: Schema {
        var schema = preparation.inputSchema
        if let identifierColumn, schema.column(named: identifierColumn) == nil {
            schema.columns.append(ColumnSchema(name: identifierColumn, role: .identifier))
        }
        return schema
    }

    /// Each row of `table` assigned to its nearest center, with the distance and a confidence.
    /// - Throws: `DataError` for a table the preparation refuses, or a row so far from every center
    ///   (values near the floating-point limits) that its distances overflow.
    public func assign(_ table: DataTable) throws -> [Assignment] {
        var warnings: [String] = []
        return try assign(table, warnings: &warnings)
    }

    /// The same, adding to `warnings` what preparing the table noticed (levels the model never
    /// saw, counted as "other" by the preparation's documented rule).
    public func assign(_ table: DataTable, warnings: inout [String]) throws -> [Assignment] {
        let prepared = try preparation.apply(table)
        warnings += prepared.warnings
        if let mixture { return try Self.assignments(prepared.matrix, mixture: mixture, centers: centers) }
        if let latentClass {
            return try Self.assignments(prepared.matrix, latentClass: latentClass,
                                        items: Self.latentClassData(table, preparation: preparation), centers: centers)
        }
        let assignments = Self.nearest(prepared.matrix, centers: centers)
        if let row = assignments.firstIndex(where: { !$0.distance.isFinite }) {
            throw DataError(file: table.source, line: table.line(ofRow: row), kind: .preparation(
                "this row is too far from every segment center to be assigned (its distance overflows); check its values"))
        }
        return assignments
    }

    /// Each row of `table` typed by the model's typing tool (unseen levels follow the missing-value
    /// path, as the tool's documentation states); distance and confidence are not defined there.
    public func type(_ table: DataTable) throws -> [Int32] {
        var warnings: [String] = []
        return try type(table, warnings: &warnings)
    }

    /// The same, adding a warning per question whose answers include levels the tool never saw.
    public func type(_ table: DataTable, warnings: inout [String]) throws -> [Int32] {
        guard let tree = typingTool else {
            throw SegmentationError(.noTypingTool, "this model has no typing tool; build one with the segmentation "
                                    + "(its default) or from the segment labels")
        }
        let data = try tree.encode(table)
        for (f, values) in data.columns.enumerated() {
            guard case .codes(let codes) = values else { continue }
            let unseen = codes.reduce(0) { $0 + ($1 == -2 ? 1 : 0) }
            if unseen > 0 {
                warnings.append("column \"\(tree.features[f].name)\": \(unseen) rows have levels the typing tool never "
                                + "saw; they follow the missing-value path")
            }
        }
        let classes = tree.predict(data)
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

    /// Each row's most probable segment under `mixture` (the first on ties, as the fit labelled
    /// its training rows), with its probability, and its distance to its segment's center.
    static func assignments(_ x: Matrix<Double>, mixture: GaussianMixtureParameters,
                            centers: Matrix<Double>) throws -> [Assignment] {
        let labels = try mixture.predict(x), probabilities = try mixture.predictProba(x)
        var rows = assignments(x, labels: labels, centers: centers)
        for i in rows.indices { rows[i].probability = probabilities[i, Int(labels[i])] }
        return rows
    }

    /// Rows that keep the segment they were given (`labels`), with their distance to that
    /// segment's center; a row nearer to another center (possible for every method but k-means)
    /// has confidence 0.
    static func assignments(_ x: Matrix<Double>, labels: [Int32], centers: Matrix<Double>) -> [Assignment] {
        zip(labels, nearest(x, centers: centers)).enumerated().map { i, pair in
            let (label, nearest) = pair
            return nearest.segment == label ? nearest
                : Assignment(segment: label, distance: Segmentation.distanceToCenter(x, row: i, centers: centers,
                                                                                      segment: Int(label)),
                             confidence: 0)
        }
    }

    /// Pretty-printed JSON with sorted keys.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(self)
    }

    /// A model read back from `model.json`, with an error naming the file and what is wrong with
    /// it for anything else: a missing file, a truncated or corrupted one (with the line and
    /// column of a JSON syntax error), another format version, or parts that do not fit together.
    public static func load(from url: URL) throws -> SegmentationModel {
        let name = url.relativePath
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw SegmentationError(.unreadableModel, "\(name): there is no such file; give the model.json that `personas segment` wrote")
        }
        guard !isFolder.boolValue else {
            throw SegmentationError(.unreadableModel, "\(name): this is a folder; give the model.json inside it")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SegmentationError(.unreadableModel, "\(name): cannot read the file (\(error.localizedDescription))")
        }
        return try load(from: data, name: name)
    }

    /// A model decoded from the bytes of a `model.json`; `name` labels messages.
    ///
    /// Everything ``assign(_:)`` and ``type(_:)`` rely on is checked here, so a file that decodes but
    /// does not hang together (edited by hand, truncated and repaired, from another tool) is refused
    /// with its first inconsistency rather than failing, or misleading, later.
    public static func load(from data: Data, name: String) throws -> SegmentationModel {
        func fail(_ problem: String) -> SegmentationError {
            SegmentationError(.unreadableModel, "\(name): \(problem)")
        }
        func decodingFailure(_ error: any Error) -> SegmentationError {
            if let syntax = JSONDiagnostics.syntaxError(causing: error, in: data) {
                return fail("\(syntax); it is not a model.json as `personas segment` writes it (write it again)")
            }
            return fail("not a Personas model.json (\(JSONDiagnostics.describe(error))); write one with `personas segment`")
        }
        // The version first: a later format need not decode as this one.
        struct Version: Decodable { var formatVersion: Int? }
        do {
            if let version = try JSONDecoder().decode(Version.self, from: data).formatVersion,
               !readableFormatVersions.contains(version) {
                throw fail("model format \(version); this version of personas reads formats "
                           + readableFormatVersions.map(String.init).joined(separator: ", ")
                               .replacingOccurrences(of: ", (\\d+)$", with: " and $1", options: .regularExpression))
            }
        } catch let error as DecodingError {
            throw decodingFailure(error)
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let model: SegmentationModel
        do {
            model = try decoder.decode(SegmentationModel.self, from: data)
        } catch {
            throw decodingFailure(error)
        }
        do {
            try model.validate()
        } catch let error as SegmentationError {
            throw fail(error.description)
        } catch let error as DataError {
            throw fail("the saved preparation is damaged: \(error.message)")
        } catch let error as TypingToolError {
            throw fail("the saved typing tool is damaged: \(error)")
        }
        return model
    }

    /// Checks that the parts of a decoded model fit together, so applying it cannot trap.
    func validate() throws {
        func fail(_ problem: String) -> SegmentationError {
            SegmentationError(.unreadableModel, "the model is inconsistent: \(problem)")
        }
        // The preparation first: the centers' width depends on it.
        try preparation.validate(source: "model.json")
        let k = centers.rows
        guard k >= 1 else { throw fail("it has no segment centers") }
        guard centers.columns == preparation.outputNames.count else {
            throw fail("\(k) × \(centers.columns) centers for \(preparation.outputNames.count) prepared features")
        }
        guard centers.elements.allSatisfy(\.isFinite) else { throw fail("a segment center holds a non-finite number") }
        guard segmentNames.count == k, segmentTiers.count == k, segmentChannels.count == k else {
            throw fail("\(segmentNames.count) names, \(segmentTiers.count) tiers and \(segmentChannels.count) channels "
                       + "for \(k) segments")
        }
        if let mixture {
            guard formatVersion >= 2 else { throw fail("a format \(formatVersion) model holds a mixture (format 2 and later)") }
            do {
                try mixture.validate()
            } catch {
                throw fail(error.description)
            }
            guard mixture.k == k, mixture.features == centers.columns else {
                throw fail("a mixture of \(mixture.k) components over \(mixture.features) features for \(k) segments "
                           + "over \(centers.columns)")
            }
        } else if method == .gmm {
            throw fail("a \(method.rawValue) model without its mixture")
        }
        if let latentClass {
            try validateLatentClass(latentClass)
        } else if method == .latentClass {
            throw fail("a \(method.rawValue) model without its latent class parameters")
        }
        if let typingTool {
            try typingTool.validate()
            if let bad = typingTool.classLabels.first(where: { Int($0).map { !(0..<k).contains($0) } ?? true }) {
                throw fail("the typing tool names segment \"\(bad)\", which is not one of 0…\(k - 1)")
            }
        }
    }
}

/// One row's segment.
public struct Assignment: Sendable, Equatable {
    public var segment: Int32
    /// Euclidean distance to the segment's center in the prepared feature space.
    public var distance: Double
    /// 1 − d₁/d₂: how much nearer the row is to its own center than to the next one.
    public var confidence: Double
    /// The probability of the segment under a model-based method's model (a Gaussian mixture, a
    /// latent class model);
    /// nil for the other methods.
    public var probability: Double?

    public init(segment: Int32, distance: Double, confidence: Double) {
        self.segment = segment
        self.distance = distance
        self.confidence = confidence
    }
}

/// Why a segmentation could not be run, saved or applied.
///
/// ``kind`` says what went wrong, so a caller can switch on it and add its own advice (a command
/// line names the option that changes k); ``description`` never names a command-line option.
public struct SegmentationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// The configuration itself is invalid (no k, a minimum segment size below 1).
        case invalidConfiguration
        /// k is not below the number of rows.
        case tooFewRows(k: Int, rows: Int)
        /// The rows take fewer distinct values than the k asked for (`ks` holds every candidate).
        case tooFewDistinctRows(distinct: Int, ks: [Int])
        /// Every segment is under the minimum segment size.
        case everySegmentTooSmall
        /// The model has no typing tool to type customers with.
        case noTypingTool
        /// A `model.json` that is missing, unreadable, of another format or inconsistent.
        case unreadableModel
        /// Two sets of assignments that cannot be compared (a customer twice, none in common), or
        /// labels that are not the segments of the model said to name them.
        case assignmentsMismatch
    }

    public var kind: Kind
    public var description: String

    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}

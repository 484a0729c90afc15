import Foundation
import PersonasData
import PersonasNumerics

/// Golden questions scored by linear discriminant analysis, stored as a points sheet: every answer
/// adds points to every segment, and the segment with the highest total wins.
///
/// The points are the discriminant functions of ``fit(_:labels:)`` rewritten per answer: a segment
/// starts from its ``constant``; a numeric (or yes/no, 1/0) question adds its answer times the
/// segment's points per unit; a question with levels adds the points of the level given, the
/// reference level (the first level in code order that training rows have) scoring 0. A missing
/// answer, or a level training never saw, adds the points of the training average (mean
/// imputation): the mean times the points per unit, or the average of the level points weighted
/// by the levels' training shares.
///
/// ``predict(_:)``, the SQL and a spreadsheet all add the same numbers in the same order
/// (the constant, then each question in order), so they agree to the bit; ties go to the first
/// segment. The JSON encoding of this type is the loadable typing-tool file; its `method` key
/// ("lda") tells it from a tree's (see ``TypingToolModel``).
public struct DiscriminantTypingTool: Codable, Sendable, Equatable {
    /// The version of the JSON layout; loading refuses other versions.
    public static let currentFormatVersion = 1
    /// The value of ``method`` in every file of this type.
    public static let methodName = "lda"

    public var formatVersion: Int
    /// Always ``methodName``: the key a loader reads to tell a points sheet from a tree.
    public var method: String
    /// The questions, in the order their points are added.
    public var features: [TreeFeature]
    /// The segment labels, indexed by class.
    public var classLabels: [String]
    /// Persona names by class (set by the caller), shown beside the labels where present.
    public var segmentNames: [String]?
    /// Points every customer starts with, per class.
    public var constant: [Double]
    /// Per question (parallel to ``features``), the points each answer adds.
    public var terms: [DiscriminantTerm]

    public init(features: [TreeFeature], classLabels: [String], segmentNames: [String]? = nil,
                constant: [Double], terms: [DiscriminantTerm]) {
        formatVersion = Self.currentFormatVersion
        method = Self.methodName
        self.features = features
        self.classLabels = classLabels
        self.segmentNames = segmentNames
        self.constant = constant
        self.terms = terms
    }

    /// Names of the questions, in order.
    public var questions: [String] { features.map(\.name) }

    /// The heading of segment `k`: its label, and its persona name when one is set.
    public func segmentTitle(_ k: Int) -> String {
        if let name = segmentNames?[k], !name.isEmpty, name != classLabels[k] { return "\(classLabels[k]): \(name)" }
        return classLabels[k]
    }
}

/// The points one question adds to each segment.
public struct DiscriminantTerm: Codable, Sendable, Equatable {
    /// Numeric questions: points per unit of the answer, per class.
    public var pointsPerUnit: [Double]?
    /// Level questions: per level (indexed like the feature's levels) the points per class; 0 for the
    /// reference level; nil for a level no training row had (it scores as missing).
    public var levelPoints: [[Double]?]?
    /// Points a missing answer (or an unseen level) adds, per class: the training average's points.
    public var missingPoints: [Double]
    /// Numeric questions: the training mean the missing points stand for.
    public var trainingMean: Double?
    /// Level questions: the index of the reference level (scores 0).
    public var referenceLevel: Int?

    public init(pointsPerUnit: [Double]? = nil, levelPoints: [[Double]?]? = nil, missingPoints: [Double],
                trainingMean: Double? = nil, referenceLevel: Int? = nil) {
        self.pointsPerUnit = pointsPerUnit
        self.levelPoints = levelPoints
        self.missingPoints = missingPoints
        self.trainingMean = trainingMean
        self.referenceLevel = referenceLevel
    }

    /// The points row `r` of a column adds to class `k`: what every export spells out.
    @inline(__always)
    func points(_ column: TreeDataset.Values, row r: Int, class k: Int) -> Double {
        switch column {
        case .numbers(let v):
            let x = v[r]
            return x.isNaN ? missingPoints[k] : x * pointsPerUnit![k]
        case .codes(let c):
            let code = Int(c[r])
            guard code >= 0, let levels = levelPoints, code < levels.count, let row = levels[code] else { return missingPoints[k] }
            return row[k]
        }
    }
}

extension DiscriminantTypingTool {
    /// The table's question columns (matched by name; see `TreeDataset.init(encoding:as:asked:unseen:)`).
    public func encode(_ table: DataTable, unseen: UnseenLevelPolicy = .treatAsMissing) throws(TypingToolError) -> TreeDataset {
        try TreeDataset(encoding: table, as: features, asked: Set(features.indices), unseen: unseen)
    }

    /// The class index of every row of `table` (see ``encode(_:unseen:)``).
    public func predict(_ table: DataTable, unseen: UnseenLevelPolicy = .treatAsMissing) throws(TypingToolError) -> [Int32] {
        predict(try encode(table, unseen: unseen))
    }

    /// The total points of every class for every row (n × classes, row-major): the constant, then each
    /// question's points, added in question order.
    public func scores(_ data: TreeDataset) -> [Double] {
        let n = data.rowCount, k = classLabels.count
        var out = [Double](repeating: 0, count: n * k)
        out.withUnsafeMutableBufferPointer { out in
            ParallelFor.forEachRange(count: n, chunkSize: 16_384) { range in
                for r in range {
                    for c in 0..<k {
                        var total = constant[c]
                        for (f, term) in terms.enumerated() { total += term.points(data.columns[f], row: r, class: c) }
                        out[r * k + c] = total
                    }
                }
            }
        }
        return out
    }

    /// The class index of every row: the highest total, the first class on ties. Level codes -1
    /// (missing) and -2 (unseen) score the missing points.
    public func predict(_ data: TreeDataset) -> [Int32] {
        let k = classLabels.count
        let totals = scores(data)
        return (0..<data.rowCount).map { r in
            var best = 0
            for c in 1..<max(k, 1) where totals[r * k + c] > totals[r * k + best] { best = c }
            return Int32(best)
        }
    }
}

import Foundation
import PersonasData

extension DiscriminantTypingTool {
    /// The versioned JSON file (pretty-printed, keys sorted, so diffs stay readable).
    public func jsonData() throws(TypingToolError) -> Data {
        try TypingToolJSON.encode(self)
    }

    /// Loads a points-sheet JSON file, checking its version, its method and its consistency (``validate()``).
    public static func load(json data: Data) throws(TypingToolError) -> DiscriminantTypingTool {
        let header = try TypingToolJSON.header(data)
        try header.requireVersion(currentFormatVersion)
        guard header.method == methodName else {
            throw .invalidTree("method is \(header.method.map { "'\($0)'" } ?? "absent"), not '\(methodName)': not a points sheet")
        }
        let model = try TypingToolJSON.decode(DiscriminantTypingTool.self, from: data)
        try model.validate()
        return model
    }

    /// Checks that applying and exporting can index without checks: one constant per class, one term
    /// per question, a numeric question with points per unit and a training mean, a level question
    /// with points for each of its levels (or none, for a level without training rows) and a
    /// reference level scoring 0, one point per class everywhere, every number finite, every
    /// question's levels distinct (they are looked up by name), persona names one per class.
    public func validate() throws(TypingToolError) {
        let k = classLabels.count
        guard method == Self.methodName else { throw .invalidTree("method is '\(method)', not '\(Self.methodName)'") }
        guard k >= 1 else { throw .invalidTree("no segments") }
        guard constant.count == k else { throw .invalidTree("\(constant.count) constants for \(k) segments") }
        guard constant.allSatisfy(\.isFinite) else { throw .invalidTree("a constant is not a finite number") }
        if let names = segmentNames, names.count != k {
            throw .invalidTree("\(names.count) segment names for \(k) segments")
        }
        guard terms.count == features.count else { throw .invalidTree("\(terms.count) point terms for \(features.count) questions") }
        for (f, (feature, term)) in zip(features, terms).enumerated() {
            let label = "question \(f + 1) (\(feature.name))"
            func check(_ points: [Double], _ what: String) throws(TypingToolError) {
                guard points.count == k else { throw .invalidTree("\(label): \(points.count) \(what) for \(k) segments") }
                guard points.allSatisfy(\.isFinite) else { throw .invalidTree("\(label): \(what) not all finite numbers") }
            }
            try check(term.missingPoints, "missing-answer points")
            if feature.kind == .numeric {
                guard let perUnit = term.pointsPerUnit, term.levelPoints == nil, term.referenceLevel == nil else {
                    throw .invalidTree("\(label) is numeric: it needs points per unit and no level points")
                }
                try check(perUnit, "points per unit")
                guard term.trainingMean?.isFinite ?? true else { throw .invalidTree("\(label): the training mean is not finite") }
            } else {
                let levels = feature.levels ?? []
                guard Set(levels).count == levels.count else { throw .invalidTree("\(label) lists a level twice") }
                guard let points = term.levelPoints, term.pointsPerUnit == nil else {
                    throw .invalidTree("\(label) has levels: it needs level points and no points per unit")
                }
                guard points.count == levels.count else {
                    throw .invalidTree("\(label): points for \(points.count) levels, the question has \(levels.count)")
                }
                for case let row? in points { try check(row, "level points") }
                if let reference = term.referenceLevel {
                    guard reference >= 0, reference < levels.count, let row = points[reference], row.allSatisfy({ $0 == 0 }) else {
                        throw .invalidTree("\(label): the reference level must be one of its levels and score 0")
                    }
                }
            }
        }
    }
}

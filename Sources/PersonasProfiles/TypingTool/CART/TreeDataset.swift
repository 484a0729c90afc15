import PersonasData

/// The inputs of a tree, one array per feature (column-major, n rows each).
///
/// Numeric features hold `Double` with NaN for missing; categorical and ordinal features hold level
/// codes (indices into ``TreeFeature/levels``) with -1 for missing, and -2 for a level the tree never
/// saw (only when applying; see ``UnseenLevelPolicy``).
public struct TreeDataset: Sendable {
    public enum Values: Sendable {
        case numbers([Double])
        case codes([Int32])
    }

    public var features: [TreeFeature]
    public var columns: [Values]
    public let rowCount: Int

    public init(features: [TreeFeature], columns: [Values], rowCount: Int) {
        precondition(features.count == columns.count, "one column per feature")
        self.features = features
        self.columns = columns
        self.rowCount = rowCount
    }

    /// Numeric columns named `x0`, `x1`, … (benchmarks, fixtures).
    public init(numericColumns: [[Double]], names: [String]? = nil) {
        let n = numericColumns.first?.count ?? 0
        precondition(numericColumns.allSatisfy { $0.count == n }, "columns must have equal length")
        features = numericColumns.indices.map { TreeFeature(name: names?[$0] ?? "x\($0)", kind: .numeric) }
        columns = numericColumns.map { .numbers($0) }
        rowCount = n
    }

    /// The features of `table` named in `columns` (default: every column whose type can be a feature
    /// and whose role is feature or descriptor, and which the schema does not mark `askable: false`).
    /// Identifiers, free text and the value and potential measures are never questions
    /// (`Column.reasonItIsNeverAFeature`), nor is a column that is not askable: naming one is refused.
    public init(table: DataTable, columns names: [String]? = nil) throws(TypingToolError) {
        let chosen: [Column]
        if let names {
            var list: [Column] = []
            for name in names {
                guard let column = table[name] else { throw .missingColumn(name) }
                if let reason = column.reasonItIsNeverAFeature { throw .notAQuestion(name, reason: reason) }
                guard column.askable else {
                    throw .notAQuestion(name, reason: "the schema marks it \"askable\": false (no rep or survey can ask "
                                        + "a customer for it)")
                }
                list.append(column)
            }
            chosen = list
        } else {
            chosen = table.columns.filter {
                $0.type.canBeFeature && $0.reasonItIsNeverAFeature == nil && $0.role != .ignore && $0.askable
            }
        }
        var features: [TreeFeature] = []
        var values: [Values] = []
        for column in chosen {
            let display = column.displayName == column.name ? nil : column.displayName
            switch column.values {
            case .numbers(let numbers):
                features.append(TreeFeature(name: column.name, kind: .numeric, displayName: display, columnType: column.type))
                values.append(.numbers(numbers))
            case .levels(let codes, let levels):
                let labels = column.levelLabels.filter { levels.contains($0.key) && $0.value != $0.key }
                features.append(TreeFeature(name: column.name, kind: column.type == .ordinal ? .ordinal : .categorical,
                                            levels: levels, displayName: display, levelLabels: labels.isEmpty ? nil : labels,
                                            columnType: column.type))
                values.append(.codes(codes))
            case .withheld:
                throw .notAQuestion(column.name, reason: "it is free text, whose values are not kept")
            }
        }
        self.features = features
        self.columns = values
        self.rowCount = table.rowCount
    }

    /// The rows `rows`, in that order.
    public func selectingRows(_ rows: [Int]) -> TreeDataset {
        TreeDataset(features: features, columns: columns.map {
            switch $0 {
            case .numbers(let v): .numbers(rows.map { v[$0] })
            case .codes(let c): .codes(rows.map { c[$0] })
            }
        }, rowCount: rows.count)
    }

    /// Only the features at `indices`, in that order.
    public func selectingFeatures(_ indices: [Int]) -> TreeDataset {
        TreeDataset(features: indices.map { features[$0] }, columns: indices.map { columns[$0] }, rowCount: rowCount)
    }

    /// Only the features named `names`, in that order; a name the dataset lacks is refused.
    public func selectingFeatures(named names: [String]) throws(TypingToolError) -> TreeDataset {
        var indices: [Int] = []
        for name in names {
            guard let i = features.firstIndex(where: { $0.name == name }) else { throw .missingColumn(name) }
            indices.append(i)
        }
        return selectingFeatures(indices)
    }
}

/// Segment labels as class indices, with their names.
public struct TreeLabels: Sendable, Equatable {
    /// A class index per row, in `0..<classLabels.count`.
    public var classes: [Int32]
    public var classLabels: [String]
    /// The survey weight of every row (finite, above 0), or nil when every customer counts once.
    /// Weighted, a tree fits with them as sample weights (weighted Gini, weighted leaf majority,
    /// as scikit-learn's `fit(X, y, sample_weight=w)`), the golden questions' discriminant weights
    /// its class means, priors and pooled covariance, and every accuracy is the weighted share of
    /// correct assignments. ``selectingRows(_:)`` keeps them with their rows.
    public var weights: [Double]?

    public init(classes: [Int32], classLabels: [String], weights: [Double]? = nil) {
        self.classes = classes
        self.classLabels = classLabels
        self.weights = weights
    }

    /// Integer segment ids; classes are the distinct ids in ascending order.
    public init(segments: [Int]) {
        let distinct = Array(Set(segments)).sorted()
        var index: [Int: Int32] = [:]
        for (i, s) in distinct.enumerated() { index[s] = Int32(i) }
        classes = segments.map { index[$0]! }
        classLabels = distinct.map(String.init)
    }

    /// Text labels; classes are the distinct labels, numerically sorted when all are integers.
    public init(names: [String]) {
        let distinct = Array(Set(names))
        let sorted: [String]
        if distinct.allSatisfy({ Int($0) != nil }) {
            sorted = distinct.sorted { Int($0)! < Int($1)! }
        } else {
            sorted = distinct.sorted()
        }
        var index: [String: Int32] = [:]
        for (i, s) in sorted.enumerated() { index[s] = Int32(i) }
        classes = names.map { index[$0]! }
        classLabels = sorted
    }

    public var count: Int { classes.count }

    public func selectingRows(_ rows: [Int]) -> TreeLabels {
        TreeLabels(classes: rows.map { classes[$0] }, classLabels: classLabels, weights: weights.map { w in rows.map { w[$0] } })
    }

    /// The weight of the rows `rows` whose class `predicted` (one per row of `rows`) gets right, and
    /// of all of them: counts when unweighted, sums of ``weights`` otherwise. Their ratio is the
    /// accuracy every cross-validation reports.
    func agreement(_ predicted: [Int32], rows: [Int]) -> (correct: Double, total: Double) {
        var correct = 0.0, total = 0.0
        for (p, r) in zip(predicted, rows) {
            let w = weights?[r] ?? 1
            if p == classes[r] { correct += w }
            total += w
        }
        return (correct, total)
    }
}

/// Errors of the typing tool, with what to do next.
public enum TypingToolError: Error, Sendable, Equatable, CustomStringConvertible {
    case missingColumn(String)
    /// The column, and why it cannot be a question.
    case notAQuestion(String, reason: String)
    case wrongType(column: String, expected: String, found: String)
    case unseenLevel(column: String, level: String, row: Int)
    case invalidParameter(String)
    case labelMismatch(String)
    case unsupportedFormat(Int)
    case invalidTree(String)

    public var description: String {
        switch self {
        case .missingColumn(let name):
            "column '\(name)' is not in the table; the tree asks about it, so add it (empty cells count as missing)"
        case .notAQuestion(let name, let reason):
            "column '\(name)' cannot be a question: \(reason); leave it out of the questions"
        case .wrongType(let column, let expected, let found):
            "column '\(column)' should hold \(expected) values but holds \(found); fix the column or declare its type in a schema"
        case .unseenLevel(let column, let level, let row):
            "column '\(column)' has level '\(level)' (row \(row + 1)) that the tree never saw; map it to a known level or apply with unseen levels treated as missing"
        case .invalidParameter(let text):
            "invalid parameter: \(text)"
        case .labelMismatch(let text):
            "labels do not match the table: \(text)"
        case .unsupportedFormat(let version):
            "typing-tool file has format version \(version); this build reads version \(DecisionTree.currentFormatVersion)"
        case .invalidTree(let text):
            "typing-tool file is inconsistent: \(text)"
        }
    }
}

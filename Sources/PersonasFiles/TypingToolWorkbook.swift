import Foundation
import PersonasData
import PersonasProfiles
import PersonasWorkbook

/// `typing-tool.xlsx` for a CART typing tool: the `DecisionTree` mapped to PersonasWorkbook's
/// neutral description, its rows as pre-filled answers, and the workbook written beside the other
/// typing-tool files.
public enum TypingToolWorkbook {
    /// The workbook description of `tree`.
    ///
    /// The questions are the features the tree asks, in the tree's feature order (every feature when
    /// it asks none), labelled with their display names. A numeric feature is a number question, or a
    /// yes/no one when `table` holds it as a boolean column (yes = 1, no = 0, as the tree compares
    /// it); a categorical or ordinal feature offers its training levels, labelled from `table`'s level
    /// labels (the schema's). A split `x ≤ t` passes left, `x in {levels}` passes for the levels going
    /// left, and a missing or unknown answer takes the node's missing-value side, as
    /// `DecisionTree.predict` does with `.treatAsMissing`.
    /// - Parameters:
    ///   - tree: the fitted tree.
    ///   - title: the title at the top of the "Typing tool" sheet.
    ///   - segments: one per class of the tree (label, persona name, description); by default the
    ///     class label and "Segment <label>".
    ///   - table: the table the tree was fitted on (or one with its columns), for yes/no questions
    ///     and level labels; nil asks booleans as numbers and shows level values.
    /// - Throws: `WorkbookError` `.invalidDescription` when the segments do not match the classes,
    ///   the tree has no feature, or a node is inconsistent.
    public static func description(of tree: DecisionTree, title: String = "Typing tool", segments: [WorkbookSegment]? = nil,
                                   table: DataTable? = nil) throws(WorkbookError) -> WorkbookDescription {
        let segments = segments ?? tree.classLabels.map { WorkbookSegment(label: $0, personaName: "Segment \($0)") }
        guard segments.count == tree.classLabels.count else {
            throw invalid("\(segments.count) segments for the tree's \(tree.classLabels.count) classes")
        }
        let features = tree.usedFeatures.isEmpty ? Array(tree.features.indices) : tree.usedFeatures
        guard !features.isEmpty else { throw invalid("the tree has no question") }
        let questions = features.map { Self.question(tree.features[$0], table: table) }
        let question = Dictionary(uniqueKeysWithValues: features.enumerated().map { ($1, $0) })
        func node(_ i: Int, depth: Int) throws(WorkbookError) -> WorkbookTree {
            guard tree.nodes.indices.contains(i), depth <= tree.nodes.count else { throw invalid("node \(i) is not in the tree") }
            let n = tree.nodes[i]
            if n.isLeaf { return .leaf(segment: n.segment) }
            guard let q = question[n.feature] else { throw invalid("node \(i) asks feature \(n.feature), which the tree does not have") }
            let test: WorkbookSplit.Test
            if let levels = n.leftLevels {
                test = .levelIn(levels)
            } else if let threshold = n.threshold {
                test = .atMost(threshold)
            } else {
                throw invalid("node \(i) has neither a threshold nor levels")
            }
            return .split(WorkbookSplit(question: q, test: test, missingPasses: n.missingGoesLeft),
                          passing: try node(n.left, depth: depth + 1), failing: try node(n.right, depth: depth + 1))
        }
        let description = WorkbookDescription(title: title, questions: questions, segments: segments,
                                              scoring: .tree(try node(0, depth: 0)))
        try description.validate()
        return description
    }

    /// The workbook description of a typing tool of either method: the tree's splits or the points
    /// sheet's points, as the two overloads for `DecisionTree` and `DiscriminantTypingTool` map them.
    /// - Parameters:
    ///   - tool: the typing tool.
    ///   - title: the title at the top of the "Typing tool" sheet.
    ///   - segments: one per class of the tool; by default the class label and "Segment <label>".
    ///   - table: the training table, for yes/no questions and level labels.
    /// - Throws: `WorkbookError` `.invalidDescription` when the tool does not fit a workbook.
    public static func description(of tool: TypingToolModel, title: String = "Typing tool", segments: [WorkbookSegment]? = nil,
                                   table: DataTable? = nil) throws(WorkbookError) -> WorkbookDescription {
        switch tool {
        case .tree(let tree): try description(of: tree, title: title, segments: segments, table: table)
        case .discriminant(let sheet): try description(of: sheet, title: title, segments: segments, table: table)
        }
    }

    /// The workbook description of a golden-questions points sheet: one question per term, in the
    /// sheet's order, the constant and each answer's points exactly as `DiscriminantTypingTool`
    /// adds them (a level no training customer gave scores as missing, as it does there).
    /// - Parameters:
    ///   - sheet: the points sheet.
    ///   - title: the title at the top of the "Typing tool" sheet.
    ///   - segments: one per class of the sheet; by default the class label and "Segment <label>".
    ///   - table: the training table, for yes/no questions and level labels.
    /// - Throws: `WorkbookError` `.invalidDescription` when the segments do not match the classes or
    ///   a term does not fit its question.
    public static func description(of sheet: DiscriminantTypingTool, title: String = "Typing tool",
                                   segments: [WorkbookSegment]? = nil, table: DataTable? = nil) throws(WorkbookError) -> WorkbookDescription {
        let segments = segments ?? sheet.classLabels.map { WorkbookSegment(label: $0, personaName: "Segment \($0)") }
        guard segments.count == sheet.classLabels.count else {
            throw invalid("\(segments.count) segments for the points sheet's \(sheet.classLabels.count) classes")
        }
        guard sheet.terms.count == sheet.features.count, !sheet.features.isEmpty else {
            throw invalid("\(sheet.terms.count) points terms for \(sheet.features.count) questions")
        }
        let points = try zip(sheet.features, sheet.terms).map { feature, term throws(WorkbookError) -> WorkbookQuestionPoints in
            if let perUnit = term.pointsPerUnit {
                return WorkbookQuestionPoints(answer: .perUnit(perUnit), missing: term.missingPoints)
            }
            guard let levels = term.levelPoints, levels.count == (feature.levels ?? []).count else {
                throw invalid("question \(feature.name) has no points for its answers")
            }
            return WorkbookQuestionPoints(answer: .perLevel(levels.map { $0 ?? term.missingPoints }), missing: term.missingPoints)
        }
        let description = WorkbookDescription(title: title, questions: sheet.features.map { Self.question($0, table: table) },
                                              segments: segments,
                                              scoring: .points(WorkbookPoints(constant: sheet.constant, questions: points)))
        try description.validate()
        return description
    }

    /// A typing-tool question as the workbook asks it: numbers, yes/no for a boolean column (the
    /// feature's training column type, else `table`'s), or the training levels labelled with the
    /// feature's level labels (else `table`'s).
    static func question(_ feature: TreeFeature, table: DataTable?) -> WorkbookQuestion {
        let column = table?[feature.name]
        switch feature.kind {
        case .numeric:
            let yesNo = feature.isYesNo || (feature.columnType == nil && column?.type == .boolean)
            return WorkbookQuestion(name: feature.name, label: feature.title, kind: yesNo ? .yesNo : .number)
        case .categorical, .ordinal:
            let levels = (feature.levels ?? []).map { level in
                WorkbookLevel(value: level, label: feature.levelLabels?[level] ?? column?.label(forLevel: level))
            }
            return WorkbookQuestion(name: feature.name, label: feature.title, kind: .levels(levels))
        }
    }

    /// The rows of `data` (a tree's dataset: levels as codes, numbers with NaN for missing) as
    /// answers to `description`'s questions, matched by name: a number, Yes/No for 1 and 0 of a
    /// yes/no question, a level (shown by its label), or blank for a missing cell or a level the tree
    /// never saw (both take the missing-value side).
    /// - Parameters:
    ///   - data: the rows, encoded for the tree (`DecisionTree.encode`, or the training dataset).
    ///   - description: the workbook's description (from one of the `description(of:…)` overloads).
    public static func answers(_ data: TreeDataset, for description: WorkbookDescription) -> [[WorkbookAnswer]] {
        let columns = description.questions.map { question in
            data.features.firstIndex { $0.name == question.name }.map { data.columns[$0] }
        }
        return (0..<data.rowCount).map { r in
            zip(description.questions, columns).map { question, column -> WorkbookAnswer in
                switch column {
                case .numbers(let values)?:
                    let v = values[r]
                    if v.isNaN { return .blank }
                    if case .yesNo = question.kind, v == 0 || v == 1 { return .yesNo(v == 1) }
                    return .number(v)
                case .codes(let codes)?:
                    return codes[r] >= 0 ? .level(Int(codes[r])) : .blank
                case nil:
                    return .blank
                }
            }
        }
    }

    /// Writes `typing-tool.xlsx` into `folder` (atomically), with `customers` pre-filled on its
    /// "Customers" sheet.
    /// - Parameters:
    ///   - description: what the workbook asks and answers.
    ///   - customers: pre-filled answer rows (``answers(_:for:)``), scored by the workbook's formulas.
    ///   - folder: the output folder; the file is `typing-tool.xlsx` (`OutputFileName.typingToolWorkbook`).
    ///   - protectedInputs: the run's input files, never overwritten.
    /// - Throws: `OutputError` when the file cannot be written (`.inputOfThisRun` when it is one of
    ///   `protectedInputs`, `.readOnly`, `.failed`), as every other output file;
    ///   `WorkbookError` when the description does not fit a workbook.
    public static func write(_ description: WorkbookDescription, customers: [[WorkbookAnswer]] = [],
                             into folder: URL, protectedInputs: [URL]) throws {
        try WorkbookOutputFile.write(folder.appendingPathComponent(OutputFileName.typingToolWorkbook),
                                     protectedInputs: protectedInputs) { url throws(WorkbookError) in
            try WorkbookWriter.write(description, customers: customers, to: url)
        }
    }
}

private func invalid(_ reason: String) -> WorkbookError {
    WorkbookError(kind: .invalidDescription, reason: "typing tool: \(reason)")
}

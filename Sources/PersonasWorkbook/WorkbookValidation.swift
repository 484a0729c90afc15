extension WorkbookDescription {
    /// Checks that the description holds together before anything is written: at least one
    /// question and one segment; distinct question names and segment labels; per levels
    /// question, distinct non-empty labels and values, no label equal to another level's value
    /// (an answer must name one level); tree splits on existing questions with a test of their
    /// kind and finite thresholds; leaves and points tables sized to the segments, every number finite.
    /// - Throws: ``WorkbookError`` of kind ``WorkbookError/Kind/invalidDescription``.
    public func validate() throws(WorkbookError) {
        guard !questions.isEmpty else { throw invalid("a typing tool needs at least one question") }
        guard !segments.isEmpty else { throw invalid("a typing tool needs at least one segment") }
        var names = Set<String>()
        for question in questions {
            guard names.insert(question.name).inserted else { throw invalid("two questions are named '\(question.name)'") }
            if case .levels(let levels) = question.kind { try Self.validate(levels, of: question) }
        }
        var labels = Set<String>()
        for segment in segments where !labels.insert(segment.label).inserted {
            throw invalid("two segments are labelled '\(segment.label)'; give each its own label")
        }
        switch scoring {
        case .tree(let tree): try validate(tree)
        case .points(let points): try validate(points)
        }
    }

    private static func validate(_ levels: [WorkbookLevel], of question: WorkbookQuestion) throws(WorkbookError) {
        guard !levels.isEmpty else { throw invalid("question '\(question.name)' has no levels") }
        var labels = Set<String>(), values = Set<String>()
        for level in levels {
            guard !level.label.isEmpty, !level.value.isEmpty else {
                throw invalid("question '\(question.name)' has an empty level or label; an empty cell means no answer")
            }
            guard labels.insert(level.label).inserted else {
                throw invalid("question '\(question.name)' has two levels labelled '\(level.label)'")
            }
            guard values.insert(level.value).inserted else {
                throw invalid("question '\(question.name)' has the level '\(level.value)' twice")
            }
        }
        for (i, level) in levels.enumerated() {
            if let j = levels.firstIndex(where: { $0.value == level.label }), j != i {
                throw invalid("question '\(question.name)': the label '\(level.label)' is also the value of another level, so the answer would be ambiguous")
            }
        }
    }

    private func validate(_ tree: WorkbookTree) throws(WorkbookError) {
        switch tree {
        case .leaf(let segment):
            guard segments.indices.contains(segment) else {
                throw invalid("a leaf names segment \(segment), but there are \(segments.count) segments")
            }
        case .split(let split, let passing, let failing):
            guard questions.indices.contains(split.question) else {
                throw invalid("a split asks question \(split.question), but there are \(questions.count) questions")
            }
            let question = questions[split.question]
            switch (split.test, question.kind) {
            case (.atMost(let threshold), .number), (.atMost(let threshold), .yesNo):
                guard threshold.isFinite else { throw invalid("a split on '\(question.name)' has the threshold \(threshold)") }
            case (.levelIn(let set), .levels(let levels)):
                guard set.allSatisfy(levels.indices.contains) else {
                    throw invalid("a split on '\(question.name)' names a level outside its \(levels.count) levels")
                }
            case (.atMost, .levels):
                throw invalid("a split compares the levels question '\(question.name)' with a number")
            case (.levelIn, _):
                throw invalid("a split asks for levels of '\(question.name)', which takes a number or yes/no")
            }
            try validate(passing)
            try validate(failing)
        }
    }

    private func validate(_ points: WorkbookPoints) throws(WorkbookError) {
        let k = segments.count
        try Self.check(points.constant, count: k, "the constants")
        guard points.questions.count == questions.count else {
            throw invalid("the points sheet has \(points.questions.count) questions, the workbook \(questions.count)")
        }
        for (question, entry) in zip(questions, points.questions) {
            try Self.check(entry.missing, count: k, "the missing-answer points of '\(question.name)'")
            switch (entry.answer, question.kind) {
            case (.perUnit(let row), .number), (.perUnit(let row), .yesNo):
                try Self.check(row, count: k, "the points of '\(question.name)'")
            case (.perLevel(let table), .levels(let levels)):
                guard table.count == levels.count else {
                    throw invalid("'\(question.name)' has \(levels.count) levels but points for \(table.count)")
                }
                for (level, row) in zip(levels, table) {
                    try Self.check(row, count: k, "the points of '\(question.name)' = '\(level.label)'")
                }
            case (.perUnit, .levels):
                throw invalid("'\(question.name)' takes levels but has points per unit")
            case (.perLevel, _):
                throw invalid("'\(question.name)' takes a number or yes/no but has points per level")
            }
        }
    }

    private static func check(_ row: [Double], count: Int, _ what: String) throws(WorkbookError) {
        guard row.count == count else { throw invalid("\(what) hold \(row.count) numbers for \(count) segments") }
        guard row.allSatisfy(\.isFinite) else { throw invalid("\(what) include a number that is not finite") }
    }
}

private func invalid(_ reason: String) -> WorkbookError {
    WorkbookError(kind: .invalidDescription, reason: reason)
}

/// Where the tables the formulas read lie: level lists on the hidden "Lists" sheet, the points
/// table on the hidden "Points" sheet, the segments on "Segments". The numbers and texts of the
/// description live in cells, not in formulas, so a formula holds no data text and every point
/// is the exact double the caller gave.
struct WorkbookTables {
    /// Per question: the ranges of its level labels and values (nil for number and yes/no questions).
    var levelLabels: [String?]
    var levelValues: [String?]
    /// Per segment, the constant's cell; per question and segment, the cell of the points per unit,
    /// the range of the points per level, and the cell of the missing-answer points.
    var constant: [String]
    var perUnit: [[String]?]
    var perLevel: [[String]?]
    var missing: [[String]]
    /// The columns of "Segments": labels, persona names, descriptions.
    var segmentLabels: String
    var personaNames: String
    var descriptions: String
}

/// Where one row of answers and its hidden helpers lie on a sheet (0-based rows and columns): an
/// input and a value helper per question, a total per segment (points only), and the index of the
/// chosen segment.
struct AnswerRowLayout {
    typealias Position = (row: Int, column: Int)
    var input: (Int) -> Position
    var value: (Int) -> Position
    var total: (Int) -> Position
    var index: Position
    /// `$` references (the "Typing tool" cells), or relative ones (a "Customers" row, so that a row
    /// of formulas copied down reads its own row).
    var absolute: Bool
}

/// The references of one row of answers and of its helpers, as the formulas name them: a value per
/// question (a number, or the 1-based level; "" or 0 when missing or unknown), a total per segment,
/// and the chosen segment's 1-based index.
struct AnswerRowCells {
    var inputs: [String]
    /// All inputs as one range (to test whether anything is answered).
    var inputRange: String
    var values: [String]
    var totals: [String]
    var totalRange: String
    var index: String

    init(_ layout: AnswerRowLayout, questions: Int, segments: Int) {
        func reference(_ position: AnswerRowLayout.Position) -> String {
            FormulaText.cell(row: position.row, column: position.column, absolute: layout.absolute)
        }
        inputs = (0..<questions).map { reference(layout.input($0)) }
        inputRange = "\(inputs[0]):\(inputs[questions - 1])"
        values = (0..<questions).map { reference(layout.value($0)) }
        totals = (0..<segments).map { reference(layout.total($0)) }
        totalRange = "\(totals[0]):\(totals[segments - 1])"
        index = reference(layout.index)
    }
}

/// The formulas of one row of answers, generated from the description.
struct ScoringFormulas {
    let description: WorkbookDescription
    let tables: WorkbookTables

    /// The value helper of question `q`: the answer as a number, or "" (levels: 0) when it is
    /// missing or unknown.
    func value(_ q: Int, _ cells: AnswerRowCells) -> String {
        let input = cells.inputs[q]
        switch description.questions[q].kind {
        case .number:
            return "IF(ISNUMBER(\(input)),\(input),\"\")"
        case .yesNo:
            // UPPER: "yes" and "YES" count whether or not the application compares text case-sensitively.
            return "IF(UPPER(\(input))=\"YES\",1,IF(UPPER(\(input))=\"NO\",0,\"\"))"
        case .levels:
            // The 1-based level whose label or value equals the answer exactly (EXACT: case-sensitive,
            // numbers read as their text); 0 when none does. SUMPRODUCT evaluates the arrays in Excel
            // and LibreOffice alike, without an array formula.
            let labels = tables.levelLabels[q]!, values = tables.levelValues[q]!
            return "SUMPRODUCT(SIGN(EXACT(\(input),\(labels))+EXACT(\(input),\(values)))*(ROW(\(labels))-1))"
        }
    }

    /// Whether question `q`'s value helper holds a known answer.
    private func known(_ q: Int, _ cells: AnswerRowCells) -> String {
        if case .levels = description.questions[q].kind { return "\(cells.values[q])>0" }
        return "ISNUMBER(\(cells.values[q]))"
    }

    /// The total of segment `s` (points only): its constant, then each question's points in order.
    func total(_ s: Int, _ cells: AnswerRowCells) -> String {
        guard case .points(let points) = description.scoring else { return "" }
        var formula = tables.constant[s]
        for q in points.questions.indices {
            let v = cells.values[q], missing = tables.missing[q][s]
            switch points.questions[q].answer {
            case .perUnit:
                formula += "+IF(\(known(q, cells)),\(v)*\(tables.perUnit[q]![s]),\(missing))"
            case .perLevel:
                formula += "+IF(\(known(q, cells)),INDEX(\(tables.perLevel[q]![s]),\(v)),\(missing))"
            }
        }
        return formula
    }

    /// The chosen segment's 1-based index, or "" when no question is answered.
    func index(_ cells: AnswerRowCells) -> String {
        let choice: String
        switch description.scoring {
        case .tree(let tree): choice = node(tree, cells)
        case .points:
            // The first total equal to the largest: a chain of IFs rather than MATCH over the totals,
            // whose lookup cache LibreOffice can fill from the cells' stored (empty) results before
            // recalculating them.
            let best = "MAX(\(cells.totalRange))"
            choice = cells.totals.indices.dropLast().reversed().reduce("\(cells.totals.count)") { otherwise, s in
                "IF(\(cells.totals[s])=\(best),\(s + 1),\(otherwise))"
            }
        }
        return "IF(COUNTA(\(cells.inputRange))=0,\"\",\(choice))"
    }

    private func node(_ tree: WorkbookTree, _ cells: AnswerRowCells) -> String {
        switch tree {
        case .leaf(let segment):
            return "\(segment + 1)"
        case .split(let split, let passing, let failing):
            let otherwise = split.missingPasses ? "TRUE" : "FALSE"
            let condition = "IF(\(known(split.question, cells)),\(test(split, cells)),\(otherwise))"
            return "IF(\(condition),\(node(passing, cells)),\(node(failing, cells)))"
        }
    }

    private func test(_ split: WorkbookSplit, _ cells: AnswerRowCells) -> String {
        let v = cells.values[split.question]
        switch split.test {
        case .atMost(let threshold):
            return "\(v)<=\(FormulaText.number(threshold))"
        case .levelIn(let set):
            guard case .levels(let levels) = description.questions[split.question].kind else { return "FALSE" }
            let codes = Array(Set(set)).sorted().map { $0 + 1 }
            if codes.isEmpty { return "FALSE" }
            if codes.count == levels.count { return "TRUE" }
            if codes.count == 1 { return "\(v)=\(codes[0])" }
            if codes.count <= 30 { return "OR(" + codes.map { "\(v)=\($0)" }.joined(separator: ",") + ")" }
            return "ISNUMBER(MATCH(\(v),{" + codes.map(String.init).joined(separator: ";") + "},0))"
        }
    }

    /// The result cell `column` ("Segments" labels, persona names or descriptions) for the row's index.
    func result(_ column: String, _ cells: AnswerRowCells) -> String {
        "IF(ISNUMBER(\(cells.index)),INDEX(\(column),\(cells.index))&\"\",\"\")"
    }
}

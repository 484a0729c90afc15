/// What a typing-tool workbook asks and what it answers, independent of how the scoring was fitted.
///
/// Personas' own model types (the CART tree, the discriminant points sheet) live in other modules;
/// they are mapped to this description (PersonasFiles does it for the tree), so this module needs
/// nothing but libxlsxwriter. ``WorkbookWriter`` turns a description into `typing-tool.xlsx`.
public struct WorkbookDescription: Sendable, Equatable {
    /// The title at the top of the "Typing tool" sheet.
    public var title: String
    /// The questions, in the order the rep answers them (at least one).
    public var questions: [WorkbookQuestion]
    /// The segments the scoring chooses among; ``WorkbookTree`` and ``WorkbookPoints`` refer to
    /// them by index into this array. Labels must differ, as the workbook shows the label.
    public var segments: [WorkbookSegment]
    /// How the answers give a segment.
    public var scoring: WorkbookScoring

    public init(title: String, questions: [WorkbookQuestion], segments: [WorkbookSegment], scoring: WorkbookScoring) {
        self.title = title
        self.questions = questions
        self.segments = segments
        self.scoring = scoring
    }
}

/// One question of the typing tool: one input cell on the "Typing tool" sheet, one column on
/// "Customers".
public struct WorkbookQuestion: Sendable, Equatable {
    /// What kind of answer the question takes.
    public enum Kind: Sendable, Equatable {
        /// A number (the input cell accepts numbers only).
        case number
        /// One of these levels, chosen from a drop-down list of their labels. An answer matches
        /// a level when it equals its label or its value exactly (case and spaces included).
        case levels([WorkbookLevel])
        /// "Yes" or "No" (either case), scored as 1 and 0.
        case yesNo
    }

    /// The column the answers come from (kept for the reader of the workbook; formulas do not use it).
    public var name: String
    /// What the rep reads.
    public var label: String
    public var kind: Kind

    public init(name: String, label: String, kind: Kind) {
        self.name = name
        self.label = label
        self.kind = kind
    }
}

/// One answer of a levels question.
public struct WorkbookLevel: Sendable, Equatable {
    /// The level as the data holds it ("gp_practice").
    public var value: String
    /// The level as the rep reads it in the drop-down list ("GP practice").
    public var label: String

    /// A level; `label` defaults to `value`.
    public init(value: String, label: String? = nil) {
        self.value = value
        self.label = label ?? value
    }
}

/// One segment and its persona, as the workbook shows them.
public struct WorkbookSegment: Sendable, Equatable {
    /// The segment's label ("3"), shown as the result.
    public var label: String
    /// The persona's name ("Digital-first specialists").
    public var personaName: String
    /// A sentence or two on the persona.
    public var description: String

    public init(label: String, personaName: String, description: String = "") {
        self.label = label
        self.personaName = personaName
        self.description = description
    }
}

/// The pre-filled answer of one question on one row of the "Customers" sheet.
public enum WorkbookAnswer: Sendable, Equatable {
    /// No answer (an empty cell): the missing-answer rule applies.
    case blank
    /// A number (a non-finite number is written as an empty cell).
    case number(Double)
    /// Any text, written as a text cell: a level's label or value, "Yes" or "No", or something the
    /// tool does not know (scored as an unknown answer). A text starting with `=` stays text.
    case text(String)
    /// The level at this index of a levels question, written as its label.
    case level(Int)
    /// Yes (true) or No (false), written as the text "Yes" or "No".
    case yesNo(Bool)
}

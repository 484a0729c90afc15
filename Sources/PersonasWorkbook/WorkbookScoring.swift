/// How a workbook turns answers into a segment.
public enum WorkbookScoring: Sendable, Equatable {
    /// A binary tree: each split asks one question, each leaf names a segment.
    case tree(WorkbookTree)
    /// A points sheet: every answer adds points to every segment; the highest total wins.
    case points(WorkbookPoints)
}

/// A binary decision tree over a workbook's questions.
public indirect enum WorkbookTree: Sendable, Equatable {
    /// The segment at this index of ``WorkbookDescription/segments``.
    case leaf(segment: Int)
    /// Asks `split`; an answer that passes its test goes to `passing`, one that fails to `failing`,
    /// and a missing or unknown answer to the side ``WorkbookSplit/missingPasses`` names.
    case split(WorkbookSplit, passing: WorkbookTree, failing: WorkbookTree)

    /// The number of splits on the longest path from this node to a leaf.
    public var depth: Int {
        switch self {
        case .leaf: 0
        case .split(_, let passing, let failing): 1 + max(passing.depth, failing.depth)
        }
    }
}

/// One question asked by a ``WorkbookTree``.
public struct WorkbookSplit: Sendable, Equatable {
    /// The test an answer passes.
    public enum Test: Sendable, Equatable {
        /// A number (or yes/no, as 1 and 0) at most this threshold.
        case atMost(Double)
        /// A level among these indices into the question's levels.
        case levelIn([Int])
    }

    /// The index of the question in ``WorkbookDescription/questions``.
    public var question: Int
    public var test: Test
    /// Whether a missing answer (an empty cell) or an unknown one (a text that is no level, a
    /// number where text was expected, or the reverse) goes the passing way.
    public var missingPasses: Bool

    public init(question: Int, test: Test, missingPasses: Bool) {
        self.question = question
        self.test = test
        self.missingPasses = missingPasses
    }
}

/// A points sheet (discriminant functions as points): each segment's total is its constant plus,
/// question by question in order, the points of the answer; the highest total wins, and on a tie
/// the segment that comes first.
public struct WorkbookPoints: Sendable, Equatable {
    /// One constant per segment.
    public var constant: [Double]
    /// One entry per question, in the order of ``WorkbookDescription/questions``.
    public var questions: [WorkbookQuestionPoints]

    public init(constant: [Double], questions: [WorkbookQuestionPoints]) {
        self.constant = constant
        self.questions = questions
    }
}

/// The points one question gives each segment.
public struct WorkbookQuestionPoints: Sendable, Equatable {
    /// Points for a known answer.
    public enum Answer: Sendable, Equatable {
        /// Number and yes/no questions: per segment, points per unit of the answer (yes = 1, no = 0).
        case perUnit([Double])
        /// Levels questions: per level (in the question's order), per segment, the points.
        case perLevel([[Double]])
    }

    public var answer: Answer
    /// Per segment, the points of a missing or unknown answer.
    public var missing: [Double]

    public init(answer: Answer, missing: [Double]) {
        self.answer = answer
        self.missing = missing
    }
}

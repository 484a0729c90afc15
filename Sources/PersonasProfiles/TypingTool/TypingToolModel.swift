import Foundation
import PersonasData

/// A typing tool of either method: the CART tree or the discriminant points sheet.
///
/// Encoded as the inner value's own JSON (no extra nesting), so a tree file written before this
/// type existed still loads; a points sheet carries `"method": "lda"`, and a file without a
/// `method` key is a tree. Every deliverable is forwarded to the inner value.
public enum TypingToolModel: Codable, Sendable, Equatable {
    case tree(DecisionTree)
    case discriminant(DiscriminantTypingTool)

    /// "tree" or "lda": the value of the file's `method` key (absent for a tree).
    public var method: String {
        switch self {
        case .tree: "tree"
        case .discriminant: DiscriminantTypingTool.methodName
        }
    }

    private struct MethodKey: Decodable { var method: String? }

    public init(from decoder: any Decoder) throws {
        switch try MethodKey(from: decoder).method {
        case nil, "tree"?: self = .tree(try DecisionTree(from: decoder))
        case DiscriminantTypingTool.methodName?: self = .discriminant(try DiscriminantTypingTool(from: decoder))
        case let other?:
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "unknown typing-tool method '\(other)'"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .tree(let tree): try tree.encode(to: encoder)
        case .discriminant(let sheet): try sheet.encode(to: encoder)
        }
    }

    /// Loads a typing-tool JSON file of either method, by its `method` key (absent: a tree), with
    /// that method's checks.
    public static func load(json data: Data) throws(TypingToolError) -> TypingToolModel {
        switch try TypingToolJSON.header(data).method {
        case nil, "tree"?: return .tree(try DecisionTree.load(json: data))
        case DiscriminantTypingTool.methodName?: return .discriminant(try DiscriminantTypingTool.load(json: data))
        case let other?:
            throw .invalidTree("method '\(other)' is not one this build reads (tree, \(DiscriminantTypingTool.methodName))")
        }
    }

    public var classLabels: [String] {
        switch self {
        case .tree(let tree): tree.classLabels
        case .discriminant(let sheet): sheet.classLabels
        }
    }

    /// Every feature the tool knows (a tree keeps its training features; a points sheet, its questions).
    public var features: [TreeFeature] {
        switch self {
        case .tree(let tree): tree.features
        case .discriminant(let sheet): sheet.features
        }
    }

    /// The persona name of each class, shown on the tool's outcomes (nil: "Segment <label>").
    public var segmentNames: [String]? {
        get {
            switch self {
            case .tree(let tree): tree.segmentNames
            case .discriminant(let sheet): sheet.segmentNames
            }
        }
        set {
            switch self {
            case .tree(var tree):
                tree.segmentNames = newValue
                self = .tree(tree)
            case .discriminant(var sheet):
                sheet.segmentNames = newValue
                self = .discriminant(sheet)
            }
        }
    }

    /// Names of the questions the tool asks.
    public var questions: [String] {
        switch self {
        case .tree(let tree): tree.questions
        case .discriminant(let sheet): sheet.questions
        }
    }

    /// The question columns of `table` encoded as the tool reads them (level codes, -2 for a level
    /// the tool never saw under ``UnseenLevelPolicy/treatAsMissing``).
    public func encode(_ table: DataTable, unseen: UnseenLevelPolicy = .treatAsMissing) throws(TypingToolError) -> TreeDataset {
        switch self {
        case .tree(let tree): try tree.encode(table, unseen: unseen)
        case .discriminant(let sheet): try sheet.encode(table, unseen: unseen)
        }
    }

    public func predict(_ table: DataTable, unseen: UnseenLevelPolicy = .treatAsMissing) throws(TypingToolError) -> [Int32] {
        switch self {
        case .tree(let tree): try tree.predict(table, unseen: unseen)
        case .discriminant(let sheet): try sheet.predict(table, unseen: unseen)
        }
    }

    public func predict(_ data: TreeDataset) -> [Int32] {
        switch self {
        case .tree(let tree): tree.predict(data)
        case .discriminant(let sheet): sheet.predict(data)
        }
    }

    public func jsonData() throws(TypingToolError) -> Data {
        switch self {
        case .tree(let tree): try tree.jsonData()
        case .discriminant(let sheet): try sheet.jsonData()
        }
    }

    public func markdown(title: String = "Typing tool") -> String {
        switch self {
        case .tree(let tree): tree.markdown(title: title)
        case .discriminant(let sheet): sheet.markdown(title: title)
        }
    }

    public var scoringSheetRows: [[String]] {
        switch self {
        case .tree(let tree): tree.scoringSheetRows
        case .discriminant(let sheet): sheet.scoringSheetRows
        }
    }

    /// Writes the scoring sheet (``scoringSheetRows``) atomically.
    public func writeScoringSheet(to writer: AtomicFileWriter) throws(OutputError) {
        switch self {
        case .tree(let tree): try tree.writeScoringSheet(to: writer)
        case .discriminant(let sheet): try sheet.writeScoringSheet(to: writer)
        }
    }

    public func sqlSelect(from table: String, keyColumns: [String] = [], segmentColumn: String = "segment",
                          columnTypes: [String: ColumnType] = [:], dialect: SQLDialect = .ansi) -> String {
        switch self {
        case .tree(let tree):
            tree.sqlSelect(from: table, keyColumns: keyColumns, segmentColumn: segmentColumn, columnTypes: columnTypes, dialect: dialect)
        case .discriminant(let sheet):
            sheet.sqlSelect(from: table, keyColumns: keyColumns, segmentColumn: segmentColumn, columnTypes: columnTypes, dialect: dialect)
        }
    }

    public func sqlCaseExpression(indent: String = "", dialect: SQLDialect) -> String {
        switch self {
        case .tree(let tree): tree.sqlCaseExpression(indent: indent, dialect: dialect)
        case .discriminant(let sheet): sheet.sqlCaseExpression(indent: indent, dialect: dialect)
        }
    }

    public func questionColumns(types columnTypes: [String: ColumnType]) -> [(name: String, type: ColumnType)] {
        switch self {
        case .tree(let tree): tree.questionColumns(types: columnTypes)
        case .discriminant(let sheet): sheet.questionColumns(types: columnTypes)
        }
    }

    public func validate() throws(TypingToolError) {
        switch self {
        case .tree(let tree): try tree.validate()
        case .discriminant(let sheet): try sheet.validate()
        }
    }
}

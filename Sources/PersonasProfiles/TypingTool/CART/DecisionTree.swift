import PersonasData

/// A fitted CART tree stored as a flat array of nodes: what the typing tool saves, applies and exports.
///
/// Nodes are numbered in depth-first preorder (left child first), as scikit-learn numbers them, so
/// node 0 is the root. A node with `feature == -1` is a leaf. The JSON encoding of this type is
/// the versioned, loadable typing-tool file (``formatVersion``). Fields added since version 1
/// (``segmentNames``, ``TreeFeature/levelLabels``, ``TreeFeature/columnType``) are optional, so
/// files written before them still load.
public struct DecisionTree: Codable, Sendable, Equatable {
    /// The version of the JSON layout; loading refuses other versions.
    public static let currentFormatVersion = 1

    public var formatVersion: Int
    /// The questions the tree may ask, in training order; nodes refer to them by index.
    public var features: [TreeFeature]
    /// The segment names, indexed by class.
    public var classLabels: [String]
    /// The nodes, root first, preorder.
    public var nodes: [TreeNode]
    /// The criterion the tree was grown with.
    public var criterion: TreeCriterion
    /// The persona names, indexed by class as ``classLabels`` (set by the caller that named the
    /// segments; absent in files written before, and then leaves read "Segment 3" alone).
    public var segmentNames: [String]?

    public init(features: [TreeFeature], classLabels: [String], nodes: [TreeNode], criterion: TreeCriterion,
                segmentNames: [String]? = nil) {
        self.formatVersion = Self.currentFormatVersion
        self.features = features
        self.classLabels = classLabels
        self.nodes = nodes
        self.criterion = criterion
        self.segmentNames = segmentNames
    }

    /// How a leaf names its segment for a rep: "Segment 3 · Loyal prescribers", or "Segment 3"
    /// when the segment has no persona name.
    public func outcomeName(_ segment: Int) -> String {
        let name = segmentNames.flatMap { segment < $0.count ? $0[segment] : nil } ?? ""
        return "Segment \(classLabels[segment])" + (name.isEmpty ? "" : " · \(name)")
    }

    /// Number of leaves.
    public var leafCount: Int { nodes.reduce(0) { $0 + ($1.isLeaf ? 1 : 0) } }

    /// Depth (a lone root has depth 0).
    public var depth: Int {
        var best = 0
        var stack = [(0, 0)]
        while let (node, d) = stack.popLast() {
            best = max(best, d)
            if !nodes[node].isLeaf {
                stack.append((nodes[node].left, d + 1))
                stack.append((nodes[node].right, d + 1))
            }
        }
        return best
    }

    /// Indices of the features some split asks about, ascending.
    public var usedFeatures: [Int] {
        Array(Set(nodes.filter { !$0.isLeaf }.map(\.feature))).sorted()
    }

    /// Names of the distinct questions the tree asks.
    public var questions: [String] { usedFeatures.map { features[$0].name } }
}

/// The criterion that measures node impurity.
public enum TreeCriterion: String, Codable, Sendable, CaseIterable {
    /// Gini impurity 1 − Σ p².
    case gini
    /// Shannon entropy −Σ p log₂ p.
    case entropy
}

/// One question (input column) of a tree.
public struct TreeFeature: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// Numbers (numeric, integer, boolean 0/1, date as days since 1970-01-01): `x <= threshold`.
        case numeric
        /// Unordered levels: `x in {levels going left}`; levels ordered per node by class distribution.
        case categorical
        /// Ordered levels: split like numbers on the level rank, stored as the set of levels going left.
        case ordinal
    }

    public var name: String
    public var kind: Kind
    /// The levels known at training (categorical and ordinal), in code order.
    public var levels: [String]?
    /// A label for reports ("Monthly prescriptions").
    public var displayName: String?
    /// Readable labels of levels from the schema ("ONC" → "Oncology"); levels without one read as
    /// themselves. Absent in files written before labels were kept.
    public var levelLabels: [String: String]?
    /// The type of the training column: `boolean` is asked yes/no, `integer` in whole-number
    /// ranges, `date` in dates. Absent in files written before, which read as plain numbers.
    public var columnType: ColumnType?

    public init(name: String, kind: Kind, levels: [String]? = nil, displayName: String? = nil,
                levelLabels: [String: String]? = nil, columnType: ColumnType? = nil) {
        self.name = name
        self.kind = kind
        self.levels = levels
        self.displayName = displayName
        self.levelLabels = levelLabels
        self.columnType = columnType
    }

    /// The question as a rep reads it: the schema's display name, else the column name made
    /// readable (`restricts_rep_access` → "Restricts rep access").
    public var title: String { displayName ?? Self.readable(name) }

    /// Whether the question is asked yes/no (a boolean column, 0 = no, 1 = yes).
    public var isYesNo: Bool { kind == .numeric && columnType == .boolean }

    /// The label of a level: the schema's, else the level itself.
    public func label(forLevel level: String) -> String { levelLabels?[level] ?? level }

    /// A column name made readable: underscores and hyphens become spaces, runs of spaces one,
    /// and the first letter upper case (`restricts_rep_access` → "Restricts rep access").
    public static func readable(_ name: String) -> String {
        let words = String(name.map { $0 == "_" || $0 == "-" ? " " : $0 }).split(separator: " ").joined(separator: " ")
        guard let first = words.first else { return name }
        return first.uppercased() + words.dropFirst()
    }
}

/// One node of a ``DecisionTree``.
public struct TreeNode: Codable, Sendable, Equatable {
    /// The feature asked, or -1 for a leaf.
    public var feature: Int
    /// Numeric features: rows with `value <= threshold` go left.
    public var threshold: Double?
    /// Categorical and ordinal features: the level codes (indices into the feature's levels) going left.
    public var leftLevels: [Int]?
    /// Child indices (-1 for a leaf).
    public var left: Int
    public var right: Int
    /// Where a missing value goes (learned from training rows with a missing value; when training saw
    /// none at this node, the child with more training weight).
    public var missingGoesLeft: Bool
    /// The predicted segment (class index): the largest weighted class, lowest index on ties.
    public var segment: Int
    /// Weighted class totals of the training rows reaching the node.
    public var distribution: [Double]
    /// Training rows reaching the node.
    public var samples: Int
    /// Their total weight.
    public var weight: Double
    /// The node's impurity under the tree's criterion.
    public var impurity: Double

    public var isLeaf: Bool { feature < 0 }
}

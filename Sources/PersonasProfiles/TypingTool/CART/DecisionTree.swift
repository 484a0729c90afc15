/// A fitted CART tree stored as a flat array of nodes: what the typing tool saves, applies and exports.
///
/// Nodes are numbered in depth-first preorder (left child first), as scikit-learn numbers them, so
/// node 0 is the root. A node with `feature == -1` is a leaf. The JSON encoding of this type is
/// the versioned, loadable typing-tool file (``formatVersion``).
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

    public init(features: [TreeFeature], classLabels: [String], nodes: [TreeNode], criterion: TreeCriterion) {
        self.formatVersion = Self.currentFormatVersion
        self.features = features
        self.classLabels = classLabels
        self.nodes = nodes
        self.criterion = criterion
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

    public init(name: String, kind: Kind, levels: [String]? = nil, displayName: String? = nil) {
        self.name = name
        self.kind = kind
        self.levels = levels
        self.displayName = displayName
    }

    public var title: String { displayName ?? name }
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

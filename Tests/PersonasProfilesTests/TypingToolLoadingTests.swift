import Foundation
import PersonasData
import PersonasProfiles
import PersonasTestSupport
import Testing

/// A valid typing-tool file: `x <= 1.5` at the root, then `c in {a}` on the right.
private let validTree = """
    {"formatVersion": 1, "criterion": "gini", "classLabels": ["0", "1"],
     "features": [{"name": "x", "kind": "numeric"}, {"name": "c", "kind": "categorical", "levels": ["a", "b"]}],
     "nodes": [
      {"feature": 0, "threshold": 1.5, "left": 1, "right": 2, "missingGoesLeft": true, "segment": 0,
       "distribution": [3, 2], "samples": 5, "weight": 5, "impurity": 0.48},
      {"feature": -1, "left": -1, "right": -1, "missingGoesLeft": true, "segment": 0,
       "distribution": [2, 0], "samples": 2, "weight": 2, "impurity": 0},
      {"feature": 1, "leftLevels": [0], "left": 3, "right": 4, "missingGoesLeft": false, "segment": 1,
       "distribution": [1, 2], "samples": 3, "weight": 3, "impurity": 0.44},
      {"feature": -1, "left": -1, "right": -1, "missingGoesLeft": true, "segment": 0,
       "distribution": [1, 0], "samples": 1, "weight": 1, "impurity": 0},
      {"feature": -1, "left": -1, "right": -1, "missingGoesLeft": true, "segment": 1,
       "distribution": [0, 2], "samples": 2, "weight": 2, "impurity": 0}
     ]}
    """

/// Edits of the valid file that decode but are not one tree the applier can walk without checks:
/// each trapped in prediction (an index out of range, an `Int32` conversion overflow, a duplicate
/// dictionary key; found by Fuzz/Sources/FuzzTypingTool) and is now refused by `load`.
enum TreeCorruption: String, CaseIterable, Sendable {
    case numericSplitWithLevels, levelSplitWithThreshold, leafWithHugeFeature, leafWithChildren, leafWithLevels
    case duplicateLevel, shortClassTotals, classTotalsBeyondWeight, impurityBeyondCriterion

    var edit: (String, String) {
        switch self {
        case .numericSplitWithLevels: ("\"threshold\": 1.5,", "\"threshold\": 1.5, \"leftLevels\": [0],")
        case .levelSplitWithThreshold: ("\"leftLevels\": [0],", "\"leftLevels\": [0], \"threshold\": 0,")
        case .leafWithHugeFeature: ("{\"feature\": -1, \"left\": -1, \"right\": -1, \"missingGoesLeft\": true, \"segment\": 0,\n   \"distribution\": [2, 0]",
                                    "{\"feature\": -1099511627776, \"left\": -1, \"right\": -1, \"missingGoesLeft\": true, \"segment\": 0,\n   \"distribution\": [2, 0]")
        case .leafWithChildren: ("{\"feature\": -1, \"left\": -1, \"right\": -1, \"missingGoesLeft\": true, \"segment\": 1",
                                 "{\"feature\": -1, \"left\": 8589934592, \"right\": -1, \"missingGoesLeft\": true, \"segment\": 1")
        case .leafWithLevels: ("{\"feature\": -1, \"left\": -1, \"right\": -1, \"missingGoesLeft\": true, \"segment\": 1",
                               "{\"feature\": -1, \"leftLevels\": [0], \"left\": -1, \"right\": -1, \"missingGoesLeft\": true, \"segment\": 1")
        case .duplicateLevel: ("\"levels\": [\"a\", \"b\"]", "\"levels\": [\"a\", \"a\"]")
        case .shortClassTotals: ("\"distribution\": [1, 2]", "\"distribution\": [1]")
        case .classTotalsBeyondWeight: ("\"distribution\": [0, 2]", "\"distribution\": [0, 922337203685477580780]")
        case .impurityBeyondCriterion: ("\"impurity\": 0.48}", "\"impurity\": 0.5000001}")
        }
    }

    var expected: TypingToolError {
        switch self {
        case .numericSplitWithLevels: .invalidTree("node 0 splits numeric feature x but lists levels going left")
        case .levelSplitWithThreshold: .invalidTree("node 2 splits categorical feature c but has a threshold")
        case .leafWithHugeFeature:
            .invalidTree("node 1 is a leaf (negative feature) but has feature -1099511627776, children -1, -1; "
                         + "a leaf has feature -1, children -1 and no split")
        case .leafWithChildren:
            .invalidTree("node 4 is a leaf (negative feature) but has feature -1, children 8589934592, -1; "
                         + "a leaf has feature -1, children -1 and no split")
        case .leafWithLevels:
            .invalidTree("node 4 is a leaf (negative feature) but has feature -1, children -1, -1, levels [0]; "
                         + "a leaf has feature -1, children -1 and no split")
        case .duplicateLevel: .invalidTree("feature 1 (c) lists a level twice")
        case .shortClassTotals:
            .invalidTree("node 2 needs 2 class totals, a weight, a sample count and an impurity, all finite and not negative")
        case .classTotalsBeyondWeight:
            // Found by FuzzTypingTool: the Markdown export printed the share as a percentage and trapped converting it to Int.
            .invalidTree("node 4's class totals add up to 9.223372036854776e+20, not to its weight 2.0")
        case .impurityBeyondCriterion:
            // Gini impurity of two classes is at most 1/2 (an even split).
            .invalidTree("node 0 has gini impurity 0.5000001, above the largest possible for 2 classes (0.5)")
        }
    }
}

@Suite("Typing-tool files: loading refuses what prediction cannot walk")
struct TypingToolLoadingTests {
    @Test("The valid file loads and types a small table")
    func validTreeLoads() throws {
        let tree = try DecisionTree.load(json: Data(validTree.utf8))
        let table = try CSVReader.read(text: "x,c\n1,b\n2,a\n2,b\n,\n", name: "new.csv")
        #expect(try tree.predict(table) == [0, 0, 1, 0])  // the last row is missing both: left at the root
    }

    @Test("An inconsistent file is refused with the node at fault", arguments: TreeCorruption.allCases)
    func corruptedTreeIsRefused(_ corruption: TreeCorruption) throws {
        let (original, replacement) = corruption.edit
        #expect(validTree.contains(original))
        let text = validTree.replacingOccurrences(of: original, with: replacement)
        #expect(throws: corruption.expected) { try DecisionTree.load(json: Data(text.utf8)) }
    }

    @Test("The fuzzer's minimised crash (a leaf carrying a level set, which prediction indexed as a split) is refused")
    func minimisedCrash() throws {
        // Node 11 is a leaf with leftLevels; before that, node 1 lists two class totals for three classes
        // (which the Markdown and scoring-sheet exports index), and the root's impurity is larger than
        // three classes allow, so loading stops at the root.
        let data = try Fixtures.data("fuzz-regressions/FuzzTypingTool-leaf-with-levels.json")
        #expect(throws: TypingToolError.invalidTree(
            "node 0 has gini impurity 0.8105, above the largest possible for 3 classes (0.6666666666666667)")) {
            try DecisionTree.load(json: data)
        }
    }

    @Test("The fuzzer's crash with an impossible impurity (pruning found no finite alpha and indexed node -1) is refused")
    func impossibleImpurity() throws {
        let data = try Fixtures.data("fuzz-regressions/FuzzTypingTool-impossible-impurity.json")
        #expect(throws: TypingToolError.invalidTree(
            "node 0 has gini impurity 6.28874397371e+307, above the largest possible for 3 classes (0.6666666666666667)")) {
            try DecisionTree.load(json: data)
        }
    }

    @Test("Pruning a tree whose weighted impurity overflows collapses that branch last, at alpha infinity")
    func pruningWithOverflowingImpurity() throws {
        // Built in memory (decoded without `load`'s checks), as a caller of the library could.
        var tree = try JSONDecoder().decode(DecisionTree.self, from: Data(validTree.utf8))
        #expect(tree.pruningPath.alphas == [0, 0.48 / 2])  // the root's alpha is the smallest: it goes first
        tree.nodes[0].impurity = 1e308  // × weight 5 overflows
        let path = tree.pruningPath
        // Node 2's branch first (R = 3 × 0.44 / 5 against leaves of impurity 0), then the root at infinity.
        #expect(path.alphas == [0, 3 * 0.44 / 5, .infinity])
        #expect(tree.pruned(alpha: path.alphas[1]).leafCount == 2)
    }

    @Test("A file that is not JSON names the line and column where it breaks")
    func syntaxErrorIsLocated() throws {
        #expect(throws: TypingToolError.invalidTree("not a typing-tool JSON file (line 2, column 15: not valid JSON)")) {
            try DecisionTree.load(json: Data("{\"formatVersion\":\n 1, \"nodes\": [}".utf8))
        }
    }
}

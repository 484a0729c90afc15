import Foundation
import FuzzSupport
import PersonasData
import PersonasProfiles

/// Fuzzes the typing-tool loader (``DecisionTree/load(json:)``) and then applies what loads to the
/// fixed table as `personas type` does, under both unseen-level policies: every row must reach a leaf
/// naming one of the tree's segments. What a library user may do with a loaded tree must work too:
/// its summaries, its exports (Markdown, SQL, scoring sheet, rules) and pruning, whose result must
/// itself be a valid tree. A file that decodes but is not one tree must be refused by the loader.
///
/// Input: the bytes of a typing-tool JSON file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTypingTool(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Data(bytes: $0, count: size) } ?? Data()
    let tree: DecisionTree
    do {
        tree = try DecisionTree.load(json: bytes)
    } catch {
        Oracle.require(!error.description.isEmpty, "a loading error without a message")
        return 0
    }
    Oracle.require(tree.depth < tree.nodes.count, "depth \(tree.depth) with \(tree.nodes.count) nodes")
    Oracle.require(tree.leafCount >= 1, "a tree without leaves")
    _ = tree.questions
    _ = tree.markdown()
    _ = tree.sqlCaseExpression()
    _ = tree.scoringSheetRows
    _ = tree.leafRules.flatMap { $0.conditions.values.map(\.text) }
    let path = tree.pruningPath
    for alpha in [0] + path.alphas.suffix(2) {
        do { try tree.pruned(alpha: alpha).validate() } catch { Oracle.fail("pruning a loaded tree made an invalid one: \(error)") }
    }

    guard let table = FixedTable.read() else { return 0 }
    for policy in [UnseenLevelPolicy.treatAsMissing, .error] {
        do {
            let classes = try tree.predict(table, unseen: policy)
            Oracle.require(classes.count == table.rowCount, "\(classes.count) typed rows for \(table.rowCount)")
            Oracle.require(classes.allSatisfy { $0 >= 0 && Int($0) < tree.classLabels.count },
                           "a row typed outside the \(tree.classLabels.count) segments")
            let leaves = tree.leaves(try tree.encode(table, unseen: policy))
            Oracle.require(leaves.allSatisfy { tree.nodes.indices.contains($0) && tree.nodes[$0].isLeaf },
                           "a row ends on a node that is not a leaf")
        } catch {
            Oracle.require(!error.description.isEmpty, "a typing error without a message")
        }
    }
    return 0
}

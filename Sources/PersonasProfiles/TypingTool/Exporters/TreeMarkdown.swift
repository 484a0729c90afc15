import Foundation
import PersonasData

extension DecisionTree {
    /// A printable tree (nested list) and a question-by-question flow for a rep, in Markdown.
    /// Questions, levels and segment names are data text, escaped by `MarkdownText.escaped(_:)`
    /// so none acts as HTML or Markdown.
    public func markdown(title: String = "Typing tool") -> String {
        var out = "# \(title)\n\n"
        out += "\(questions.count) question(s), \(leafCount) outcome(s). Segments: \(classLabels.map(MarkdownText.escaped).joined(separator: ", ")).\n\n"
        out += "## Tree\n\n"
        // A repeated question lists only the answers that can still occur.
        let possible = reachableLevels()
        func answer(_ i: Int, left: Bool) -> String {
            let node = nodes[i]
            let feature = features[node.feature]
            var text: String
            if feature.kind == .numeric {
                // Eight significant digits, as a rep reads them (175409.41, not 175409.40999999997); the
                // exact threshold is in the JSON and the SQL.
                text = "\(MarkdownText.escaped(feature.title)) \(left ? "≤" : ">") \(String(format: "%.8g", node.threshold!))"
            } else {
                let all = feature.levels ?? []
                let set = Set(node.leftLevels ?? [])
                let still = possible[i][node.feature]
                let names = all.indices.filter { set.contains($0) == left && (still?.contains($0) ?? true) }.map { MarkdownText.escaped(all[$0]) }
                text = "\(MarkdownText.escaped(feature.title)) is \(names.joined(separator: ", "))"
            }
            if node.missingGoesLeft == left { text += " (or unknown)" }
            return text
        }
        func leafText(_ node: TreeNode) -> String {
            let share = node.weight > 0 ? node.distribution[node.segment] / node.weight : 0
            return "**Segment \(MarkdownText.escaped(classLabels[node.segment]))** (\(Int((share * 100).rounded()))% of \(node.samples) training customers)"
        }
        func tree(_ i: Int, _ pad: String) {
            let node = nodes[i]
            if node.isLeaf { return }
            for left in [true, false] {
                let child = left ? node.left : node.right
                let tail = nodes[child].isLeaf ? " → \(leafText(nodes[child]))" : ""
                out += "\(pad)- \(answer(i, left: left))\(tail)\n"
                tree(child, pad + "  ")
            }
        }
        if nodes[0].isLeaf { out += "- Everyone → \(leafText(nodes[0]))\n" } else { tree(0, "") }
        out += "\n## Question by question\n\n"
        var number = [Int: Int]()
        for (i, node) in nodes.enumerated() where !node.isLeaf { number[i] = number.count + 1 }
        func target(_ i: Int) -> String {
            nodes[i].isLeaf ? leafText(nodes[i]) : "go to question \(number[i]!)"
        }
        for (i, node) in nodes.enumerated() where !node.isLeaf {
            let feature = features[node.feature]
            out += "\(number[i]!). Ask: *\(MarkdownText.escaped(feature.title))?*\n"
            out += "   - If \(answer(i, left: true)): \(target(node.left))\n"
            out += "   - If \(answer(i, left: false)): \(target(node.right))\n"
        }
        return out
    }
}

import Foundation

extension DecisionTree {
    /// The versioned JSON file (pretty-printed, keys sorted, so diffs stay readable).
    public func jsonData() throws(TypingToolError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do { return try encoder.encode(self) } catch { throw .invalidTree("cannot encode: \(error)") }
    }

    /// Loads a typing-tool JSON file, checking its version and that the nodes form one tree.
    public static func load(json data: Data) throws(TypingToolError) -> DecisionTree {
        struct Version: Decodable { var formatVersion: Int? }
        let version: Version
        do { version = try JSONDecoder().decode(Version.self, from: data) } catch {
            throw .invalidTree("not a typing-tool JSON file (\(error.localizedDescription))")
        }
        guard let v = version.formatVersion else { throw .invalidTree("no formatVersion field") }
        guard v == currentFormatVersion else { throw .unsupportedFormat(v) }
        let tree: DecisionTree
        do { tree = try JSONDecoder().decode(DecisionTree.self, from: data) } catch {
            throw .invalidTree("\(error)")
        }
        try tree.validate()
        return tree
    }

    /// Checks the node links, feature indices, level codes and class indices.
    public func validate() throws(TypingToolError) {
        guard !nodes.isEmpty else { throw .invalidTree("no nodes") }
        var reached = [Bool](repeating: false, count: nodes.count)
        var stack = [0]
        while let i = stack.popLast() {
            guard !reached[i] else { throw .invalidTree("node \(i) is reached twice") }
            reached[i] = true
            let node = nodes[i]
            guard node.segment >= 0 && node.segment < classLabels.count else { throw .invalidTree("node \(i) has segment \(node.segment)") }
            if node.isLeaf { continue }
            guard node.feature < features.count else { throw .invalidTree("node \(i) asks feature \(node.feature)") }
            guard node.left > 0, node.left < nodes.count, node.right > 0, node.right < nodes.count else {
                throw .invalidTree("node \(i) has children \(node.left), \(node.right)")
            }
            let feature = features[node.feature]
            if feature.kind == .numeric {
                guard node.threshold?.isFinite == true else { throw .invalidTree("node \(i) has no finite threshold") }
            } else {
                let count = feature.levels?.count ?? 0
                guard let set = node.leftLevels, set.allSatisfy({ $0 >= 0 && $0 < count }) else {
                    throw .invalidTree("node \(i) has an invalid level set")
                }
            }
            stack.append(node.left)
            stack.append(node.right)
        }
        guard reached.allSatisfy({ $0 }) else { throw .invalidTree("some nodes are not reachable from the root") }
    }
}

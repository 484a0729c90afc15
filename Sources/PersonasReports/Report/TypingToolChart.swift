import Foundation
import PersonasProfiles

/// `charts/typing-tool.svg`: the typing tool as a tree a rep can follow: a box per question
/// ("Portal visits per quarter ≤ 8.5?"), "yes" and "no" on the branches, and a leaf per outcome
/// in its segment's colour with the share of training customers it got right; a legend names the
/// personas.
///
/// Leaves sit in a row per depth, left to right in the tree's order; a question sits above the
/// middle of its two answers. Questions are `<g class="question">`, leaves `<g class="leaf"
/// data-segment="…">`, branches `<path class="branch">` with their `<text class="answer">`.
struct TypingToolChart {
    /// Horizontal room per leaf.
    static let leafSpacing = 90.0
    static let questionFont = 12.5
    static let questionLines = 4

    /// - Parameters:
    ///   - names: persona names by segment number.
    ///   - yesNoQuestions: the features that are yes/no columns (asked as "…?" with no threshold).
    ///   - levelLabels: per feature, readable labels of its levels ("ONC" → "Oncology").
    ///   - subtitle: a line under the title (the accuracy).
    func svg(_ tree: DecisionTree, names: [String], yesNoQuestions: Set<String> = [],
             levelLabels: [String: [String: String]] = [:], subtitle: String) -> String {
        let f = { (v: Double) in SVGNumber.format(v, decimals: 1) }
        let layout = TreeLayout(tree)
        let spacing = Self.leafSpacing
        let width = max(960, Double(layout.leafCount) * spacing + 40)
        let left = (width - Double(layout.leafCount) * spacing) / 2
        let x = { (node: Int) in left + (layout.position[node] + 0.5) * spacing }
        let reachable = tree.reachableLevels()

        // Each box's text and size, then the row heights per depth.
        struct Box { var lines: [String]; var note: String?; var width: Double; var height: Double }
        var boxes: [Box] = []
        var answers: [(left: String, right: String)] = []
        for (i, node) in tree.nodes.enumerated() {
            if node.isLeaf {
                boxes.append(Box(lines: [], note: nil, width: spacing - 8, height: 44))
                answers.append(("", ""))
                continue
            }
            // As wide as the room between this question and its neighbours' subtrees allows.
            let roomLeft = x(i) - (left + layout.span[i].lowerBound * spacing)
            let roomRight = left + layout.span[i].upperBound * spacing - x(i)
            let boxWidth = min(260, 2 * min(roomLeft, roomRight) - 12)
            let characters = TextLines.characters(fitting: boxWidth - 12, fontSize: Self.questionFont)
            // Level labels read best; a list too long for the box falls back to the level codes.
            var question = self.question(tree, node: i, reachable: reachable[i], yesNoQuestions: yesNoQuestions,
                                         levelLabels: levelLabels)
            if TextLines.wrap(question.text, maxCharacters: characters, maxLines: 99).count > Self.questionLines {
                question = self.question(tree, node: i, reachable: reachable[i], yesNoQuestions: yesNoQuestions, levelLabels: [:])
            }
            let lines = TextLines.wrap(question.text, maxCharacters: characters, maxLines: Self.questionLines)
            let note = "unknown: \(node.missingGoesLeft ? question.left : question.right)"
            boxes.append(Box(lines: lines, note: note, width: boxWidth,
                             height: 8 + Double(lines.count) * Self.questionFont * 1.25 + 19))
            answers.append((question.left, question.right))
        }
        var rowHeight = [Double](repeating: 0, count: layout.depthCount)
        for (i, box) in boxes.enumerated() { rowHeight[layout.depth[i]] = max(rowHeight[layout.depth[i]], box.height) }
        let gap = 46.0
        var rowTop = [Double](repeating: 84, count: layout.depthCount)
        for d in 1..<max(layout.depthCount, 1) where d < layout.depthCount { rowTop[d] = rowTop[d - 1] + rowHeight[d - 1] + gap }
        let treeBottom = (rowTop.last ?? 84) + (rowHeight.last ?? 0)

        // The legend: persona names in up to three columns.
        let columns = min(3, max(names.count, 1))
        let columnWidth = (width - 40) / Double(columns)
        let perColumn = (names.count + columns - 1) / max(columns, 1)
        var probe = SVGDocument(width: 0, height: 0)
        var legendHeight = 0.0
        for c in 0..<columns {
            let entries = names.indices.dropFirst(c * perColumn).prefix(perColumn).map { ($0, names[$0], String?.none) }
            legendHeight = max(legendHeight, SegmentStyle.legend(entries, x: 0, y: 0, width: columnWidth - 10, fontSize: 13,
                                                                 into: &probe))
        }
        let legendTop = treeBottom + 40
        let height = legendTop + 20 + legendHeight + 16

        var doc = SVGDocument(width: width, height: height)
        doc.chartHeading("Typing tool: which segment is a new customer in?", subtitle: subtitle, titleSize: 19, subtitleSize: 13)

        // Branches first, under the boxes: down from the question, across, down to the answer.
        doc.open("g", [("class", "branches"), ("fill", "none"), ("stroke", "#8A94A6"), ("stroke-width", "1.4")])
        for (i, node) in tree.nodes.enumerated() where !node.isLeaf {
            let d = layout.depth[i]
            let start = rowTop[d] + boxes[i].height, bar = rowTop[d] + rowHeight[d] + gap / 2
            for (child, answer) in [(node.left, answers[i].left), (node.right, answers[i].right)] {
                let end = rowTop[d + 1]
                doc.element("path", [("class", "branch"), ("d", "M\(f(x(i))) \(f(start))V\(f(bar))H\(f(x(child)))V\(f(end))")])
                let isLeft = child == node.left
                doc.element("text", [("class", "answer"), ("x", f(x(child) + (isLeft ? -5 : 5))), ("y", f(bar + 15)),
                                     ("text-anchor", isLeft ? "end" : "start"), ("font-size", "12"), ("font-weight", "600"),
                                     ("fill", "#3B4B5C"), ("stroke", "none")], text: answer)
            }
        }
        doc.close("g")

        for (i, node) in tree.nodes.enumerated() {
            let box = boxes[i], top = rowTop[layout.depth[i]], boxLeft = x(i) - box.width / 2
            if node.isLeaf {
                let segment = Int(tree.classLabels[node.segment]) ?? node.segment
                let colour = RGBColour(hex: SegmentStyle.colour(segment))
                doc.open("g", [("class", "leaf"), ("data-segment", String(segment))])
                doc.element("rect", [("x", f(boxLeft)), ("y", f(top)), ("width", f(box.width)), ("height", f(box.height)),
                                     ("rx", "5"), ("fill", colour.mixed(with: .white, 0.8).hex), ("stroke", colour.hex),
                                     ("stroke-width", "2")])
                doc.element("text", [("x", f(x(i))), ("y", f(top + 18)), ("text-anchor", "middle"), ("font-size", "12"),
                                     ("font-weight", "600"), ("fill", ChartStyle.ink)], text: "Segment \(segment)")
                let share = node.weight > 0 ? node.distribution[node.segment] / node.weight : 0
                doc.element("text", [("x", f(x(i))), ("y", f(top + 35)), ("text-anchor", "middle"), ("font-size", "11"),
                                     ("fill", "#3B4B5C")], text: "\(Int((share * 100).rounded()))% of \(NarrativeFormat.count(node.samples))")
                doc.close("g")
            } else {
                doc.open("g", [("class", "question")])
                doc.element("rect", [("x", f(boxLeft)), ("y", f(top)), ("width", f(box.width)), ("height", f(box.height)),
                                     ("rx", "5"), ("fill", "#F4F5F7"), ("stroke", "#3B4B5C"), ("stroke-width", "1.2")])
                for (l, line) in box.lines.enumerated() {
                    doc.element("text", [("x", f(x(i))), ("y", f(top + 6 + (Double(l) + 1) * Self.questionFont * 1.25)),
                                         ("text-anchor", "middle"), ("font-size", f(Self.questionFont)),
                                         ("font-weight", "600"), ("fill", ChartStyle.ink)],
                                text: line)
                }
                if let note = box.note {
                    doc.element("text", [("x", f(x(i))), ("y", f(top + box.height - 7)), ("text-anchor", "middle"),
                                         ("font-size", "11"), ("fill", ChartStyle.muted)], text: note)
                }
                doc.close("g")
            }
        }

        doc.element("text", [("x", "20"), ("y", f(legendTop)), ("font-size", "14"), ("font-weight", "600"), ("fill", ChartStyle.ink)],
                    text: "Segments")
        for c in 0..<columns {
            let entries = names.indices.dropFirst(c * perColumn).prefix(perColumn).map { ($0, names[$0], String?.none) }
            SegmentStyle.legend(entries, x: 20 + Double(c) * columnWidth, y: legendTop + 14, width: columnWidth - 10,
                                fontSize: 13, into: &doc)
        }
        return doc.rendered(title: "Typing tool: \(tree.questions.count) questions, \(tree.leafCount) outcomes")
    }

    /// A question's text and the answers on its left and right branches. Level questions list
    /// the smaller side (of the levels still possible here) so the box stays short.
    private func question(_ tree: DecisionTree, node i: Int, reachable: [Int: Set<Int>], yesNoQuestions: Set<String>,
                          levelLabels: [String: [String: String]]) -> (text: String, left: String, right: String) {
        let node = tree.nodes[i]
        let feature = tree.features[node.feature]
        switch feature.kind {
        case .numeric:
            if yesNoQuestions.contains(feature.name), let t = node.threshold, t >= 0, t < 1 {
                return ("\(feature.title)?", "no", "yes")
            }
            // Eight significant digits, as the Markdown tool prints them.
            return ("\(feature.title) ≤ \(String(format: "%.8g", node.threshold ?? 0))?", "yes", "no")
        case .categorical, .ordinal:
            let levels = feature.levels ?? []
            let still = reachable[node.feature] ?? Set(levels.indices)
            let goesLeft = Set(node.leftLevels ?? [])
            let leftSide = levels.indices.filter { still.contains($0) && goesLeft.contains($0) }
            let rightSide = levels.indices.filter { still.contains($0) && !goesLeft.contains($0) }
            let asked = leftSide.count <= rightSide.count || rightSide.isEmpty ? leftSide : rightSide
            let labels = asked.map { levelLabels[feature.name]?[levels[$0]] ?? levels[$0] }
            let list = labels.count > 1 ? labels.dropLast().joined(separator: ", ") + " or " + labels.last! : labels.first ?? "–"
            let askedLeft = asked == leftSide
            return ("\(feature.title): \(list)?", askedLeft ? "yes" : "no", askedLeft ? "no" : "yes")
        }
    }
}

import Foundation
import PersonasProfiles

/// `charts/typing-tool.svg`: the typing tool as delivered, as a questionnaire a rep can follow
/// (``TypingToolQuestionnaire``): a box per question ("Practice size (physicians)?"), a branch
/// per answer labelled as the rep hears it ("up to 35", "36–95", "Oncology, Surgery (or
/// unknown)", "Yes"), each column asked once on a path, and a box per outcome in its segment's
/// colour naming the persona, with the share of training customers it got right; a legend
/// names the personas.
///
/// Outcomes sit in a row per depth, left to right in the questionnaire's order; a question sits
/// above the middle of its answers. Questions are `<g class="question">`, outcomes `<g
/// class="leaf" data-segment="…">`, branches `<path class="branch">` with their `<text
/// class="answer">` lines.
struct TypingToolChart {
    /// Horizontal room per outcome.
    static let leafSpacing = 110.0
    static let questionFont = 12.5
    static let questionLines = 3
    static let answerFont = 11.0
    static let answerLines = 3

    /// - Parameters:
    ///   - names: persona names by segment number (else the tree's own names).
    ///   - subtitle: a line under the title (the accuracy).
    func svg(_ tree: DecisionTree, names: [String], subtitle: String) -> String {
        let f = { (v: Double) in SVGNumber.format(v, decimals: 1) }
        let view = tree.questionnaire
        let layout = TreeLayout(view)
        let spacing = Self.leafSpacing
        let width = max(960, Double(layout.leafCount) * spacing + 40)
        let left = (width - Double(layout.leafCount) * spacing) / 2
        let x = { (node: Int) in left + (layout.position[node] + 0.5) * spacing }
        let lineHeight = Self.answerFont * 1.2

        // Each box's text and size, then the row heights per depth.
        struct Box { var lines: [String]; var width: Double; var height: Double }
        var boxes: [Box] = []
        for (i, step) in layout.steps.enumerated() {
            switch step {
            case .outcome(let outcome):
                let name = self.name(of: outcome.segment, in: tree, names: names)
                let lines = TextLines.wrap(name, maxCharacters: TextLines.characters(fitting: spacing - 16, fontSize: 11),
                                           maxLines: 2)
                boxes.append(Box(lines: lines, width: spacing - 8, height: 40 + Double(lines.count) * 13))
            case .question(let question):
                // As wide as the room between this question and its neighbours' subtrees allows.
                let roomLeft = x(i) - (left + layout.span[i].lowerBound * spacing)
                let roomRight = left + layout.span[i].upperBound * spacing - x(i)
                let boxWidth = min(260, 2 * min(roomLeft, roomRight) - 12)
                let characters = TextLines.characters(fitting: boxWidth - 12, fontSize: Self.questionFont)
                let lines = TextLines.wrap(tree.features[question.feature].questionText, maxCharacters: characters,
                                           maxLines: Self.questionLines)
                boxes.append(Box(lines: lines, width: boxWidth, height: 10 + Double(lines.count) * Self.questionFont * 1.25))
            }
        }
        var rowHeight = [Double](repeating: 0, count: layout.depthCount)
        for (i, box) in boxes.enumerated() { rowHeight[layout.depth[i]] = max(rowHeight[layout.depth[i]], box.height) }
        let gap = 24 + Double(Self.answerLines) * lineHeight
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
        for (i, step) in layout.steps.enumerated() {
            guard case .question(let question) = step else { continue }
            let d = layout.depth[i]
            let start = rowTop[d] + boxes[i].height, bar = rowTop[d] + rowHeight[d] + 10
            let feature = tree.features[question.feature]
            for (child, answer) in zip(layout.children[i], question.answers) {
                doc.element("path", [("class", "branch"), ("d", "M\(f(x(i))) \(f(start))V\(f(bar))H\(f(x(child)))V\(f(rowTop[d + 1]))")])
                let room = (layout.span[child].upperBound - layout.span[child].lowerBound) * spacing - 8
                // Level labels read best; a list too long for the room falls back to the level codes.
                let characters = TextLines.characters(fitting: room, fontSize: Self.answerFont)
                var text = feature.answerText(answer)
                if TextLines.wrap(text, maxCharacters: characters, maxLines: 99).count > Self.answerLines {
                    text = feature.answerText(answer, levelLabels: false)
                }
                let lines = TextLines.wrap(text, maxCharacters: characters, maxLines: Self.answerLines)
                for (l, line) in lines.enumerated() {
                    doc.element("text", [("class", "answer"), ("x", f(x(child))), ("y", f(bar + 14 + Double(l) * lineHeight)),
                                         ("text-anchor", "middle"), ("font-size", f(Self.answerFont)), ("font-weight", "600"),
                                         ("fill", "#3B4B5C"), ("stroke", "#FFFFFF"), ("stroke-width", "3"),
                                         ("paint-order", "stroke")], text: line)
                }
            }
        }
        doc.close("g")

        for (i, step) in layout.steps.enumerated() {
            let box = boxes[i], top = rowTop[layout.depth[i]], boxLeft = x(i) - box.width / 2
            switch step {
            case .outcome(let outcome):
                let segment = Int(tree.classLabels[outcome.segment]) ?? outcome.segment
                let colour = RGBColour(hex: SegmentStyle.colour(segment))
                doc.open("g", [("class", "leaf"), ("data-segment", String(segment))])
                doc.element("rect", [("x", f(boxLeft)), ("y", f(top)), ("width", f(box.width)), ("height", f(box.height)),
                                     ("rx", "5"), ("fill", colour.mixed(with: .white, 0.8).hex), ("stroke", colour.hex),
                                     ("stroke-width", "2")])
                doc.element("text", [("x", f(x(i))), ("y", f(top + 17)), ("text-anchor", "middle"), ("font-size", "12"),
                                     ("font-weight", "600"), ("fill", ChartStyle.ink)], text: "Segment \(tree.classLabels[outcome.segment])")
                for (l, line) in box.lines.enumerated() {
                    doc.element("text", [("class", "persona"), ("x", f(x(i))), ("y", f(top + 31 + Double(l) * 13)),
                                         ("text-anchor", "middle"), ("font-size", "11"), ("fill", ChartStyle.ink)], text: line)
                }
                let (customers, share) = tree.training(outcome)
                doc.element("text", [("x", f(x(i))), ("y", f(top + box.height - 8)), ("text-anchor", "middle"), ("font-size", "11"),
                                     ("fill", "#3B4B5C")], text: "\(Int((share * 100).rounded()))% of \(NarrativeFormat.count(customers))")
                doc.close("g")
            case .question:
                doc.open("g", [("class", "question")])
                doc.element("rect", [("x", f(boxLeft)), ("y", f(top)), ("width", f(box.width)), ("height", f(box.height)),
                                     ("rx", "5"), ("fill", "#F4F5F7"), ("stroke", "#3B4B5C"), ("stroke-width", "1.2")])
                for (l, line) in box.lines.enumerated() {
                    doc.element("text", [("x", f(x(i))), ("y", f(top + 3 + (Double(l) + 1) * Self.questionFont * 1.25)),
                                         ("text-anchor", "middle"), ("font-size", f(Self.questionFont)),
                                         ("font-weight", "600"), ("fill", ChartStyle.ink)],
                                text: line)
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
        return doc.rendered(title: "Typing tool: \(view.askedFeatures.count) questions, \(layout.leafCount) outcomes")
    }

    /// The persona name of a segment (class index): the report's, else the tree's, else none.
    private func name(of segment: Int, in tree: DecisionTree, names: [String]) -> String {
        let number = Int(tree.classLabels[segment]) ?? segment
        if number >= 0, number < names.count { return names[number] }
        return tree.segmentNames.flatMap { segment < $0.count ? $0[segment] : nil } ?? ""
    }
}

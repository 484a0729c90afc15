import Foundation
import FoundationXML
import PersonasData
import PersonasNumerics
import PersonasProfiles
@testable import PersonasReports
import PersonasSegmentation
import Testing

/// Figures computed here from the table and the labels, independently of the profile code.
private struct Truth {
    let table: DataTable
    let labels: [Int32]

    func rows(in segment: Int) -> [Int] { labels.indices.filter { labels[$0] == Int32(segment) } }

    /// Segment mean ÷ overall mean × 100 (missing cells skipped).
    func numericIndex(_ column: String, segment: Int) -> Double {
        let values = table[column]!.numbers!
        func mean(_ rows: some Sequence<Int>) -> Double {
            let present = rows.map { values[$0] }.filter { !$0.isNaN }
            return present.reduce(0, +) / Double(present.count)
        }
        return mean(rows(in: segment)) / mean(labels.indices) * 100
    }

    /// The level's share of the segment's answers ÷ its share of everyone's × 100.
    func levelIndex(_ column: String, level: String, segment: Int) -> Double {
        let c = table[column]!
        let cells: [String?]
        if let numbers = c.numbers {
            cells = numbers.map { $0.isNaN ? nil : ($0 == 0 ? "no" : "yes") }
        } else {
            let (codes, levels) = c.codedLevels!
            cells = codes.map { $0 < 0 ? nil : levels[Int($0)] }
        }
        func share(_ rows: some Sequence<Int>) -> Double {
            let answered = rows.compactMap { cells[$0] }
            return Double(answered.filter { $0 == level }.count) / Double(answered.count)
        }
        return share(rows(in: segment)) / share(labels.indices) * 100
    }

    /// The segment's share of the value column's total (missing as 0).
    func valueShare(_ segment: Int) -> Double {
        let values = table["value"]!.numbers!.map { $0.isNaN ? 0 : $0 }
        return rows(in: segment).reduce(0) { $0 + values[$1] } / values.reduce(0, +)
    }
}

extension PlantedReport {
    fileprivate var truth: Truth { Truth(table: table, labels: result.labels) }
}

@Suite("Report charts")
struct ReportChartTests {
    @Test("segments: two bars per segment, as long as the segment's share of customers and of value")
    func segmentBars() throws {
        let planted = try PlantedReport()
        let (table, truth) = (planted.table, planted.truth)
        let chart = try planted.chart(.segments)
        let customers = chart.elements(withClass: "customers"), value = chart.elements(withClass: "value")
        #expect(customers.count == 3 && value.count == 3)
        #expect(chart.elements(withClass: "bar").count == 6)

        // Shares from the labels and the table; widths proportional to them, on one scale.
        var expected: [(width: Double, share: Double)] = []
        for s in 0..<3 {
            let bar = try #require(customers.first { $0.value(of: "data-segment") == String(s) })
            expected.append((bar.number("width"), Double(truth.rows(in: s).count) / Double(table.rowCount)))
            let valueBar = try #require(value.first { $0.value(of: "data-segment") == String(s) })
            expected.append((valueBar.number("width"), truth.valueShare(s)))
        }
        let reference = try #require(expected.max { $0.width < $1.width })
        let plot = try #require(chart.plotArea)
        #expect(reference.width <= plot.width && reference.width > plot.width / 2)
        for bar in expected {
            #expect(abs(bar.width - bar.share / reference.share * reference.width) < 0.2, "\(bar)")
        }
        // The planted value: segment 2 (the smallest) holds most of it.
        #expect(truth.valueShare(2) > 0.8)
    }

    @Test("heat map: segments × key traits, each cell printing the index computed from the table")
    func heatMapCells() throws {
        let planted = try PlantedReport()
        let truth = planted.truth
        let chart = try planted.chart(.indexHeatMap)
        let headers = chart.elements(class: "trait")
        let cells = chart.elements(class: "cell")
        #expect(headers.count >= 3)
        #expect(cells.count == 3 * headers.count)
        // The planted traits are among the columns.
        let columns = Set(headers.compactMap { $0.value(of: "data-column") })
        #expect(columns.isSuperset(of: ["visits", "calls"]))
        for cell in cells {
            let segment = try #require(Int(cell.value(of: "data-segment") ?? ""))
            let column = try #require(cell.value(of: "data-column")), level = cell.value(of: "data-level") ?? ""
            let index = level.isEmpty ? truth.numericIndex(column, segment: segment)
                : truth.levelIndex(column, level: level, segment: segment)
            let text = try #require(cell.descendants.first { $0.name == "text" }?.stringValue)
            #expect(Int(text) == Int(index.rounded()), "segment \(segment), \(column) \(level): \(text) vs \(index)")
            // Diverging colours: reds above average, blues below.
            let fill = RGBColour(hex: cell.descendants.first { $0.name == "rect" }?.value(of: "fill") ?? "")
            if index > 105 { #expect(fill.red > fill.blue) }
            if index < 95 { #expect(fill.blue > fill.red) }
        }
    }

    @Test("value concentration: from (0, 0) to (1, 1), concave, each point the top customers' share",
          arguments: [7, 1_000, 200_000])
    func concentrationCurve(n: Int) throws {
        var random = SeededGenerator(seed: UInt64(n))
        let values = (0..<n).map { i -> Double in
            i % 50 == 3 ? .nan : 1 / max(random.nextUnitDouble(), 1e-3)   // heavy tailed, a few missing
        }
        let curve = try #require(ValueConcentration(values: values, points: 400))
        #expect(curve.points.count == min(n, 400) + 1)
        #expect(curve.points.first! == (0, 0))
        #expect(curve.points.last!.customers == 1 && abs(curve.points.last!.value - 1) < 1e-12)
        let slopes = zip(curve.points, curve.points.dropFirst()).map { ($1.value - $0.value) / ($1.customers - $0.customers) }
        #expect(zip(slopes, slopes.dropFirst()).allSatisfy { $1 <= $0 * (1 + 1e-9) })

        let descending = values.map { $0.isNaN ? 0 : $0 }.sorted(by: >)
        var prefix = [0.0]
        for v in descending { prefix.append(prefix.last! + v) }
        for point in curve.points {
            let top = Int((point.customers * Double(n)).rounded())
            #expect(abs(point.value - prefix[top] / prefix[n]) < 1e-9)
        }
        let top20 = try #require(curve.topShares.first { $0.customers == 0.2 })
        #expect(abs(top20.value - prefix[max(1, Int((0.2 * Double(n)).rounded()))] / prefix[n]) < 1e-9)
        #expect(curve.missingCount == values.filter(\.isNaN).count)
    }

    @Test("value concentration: nothing to draw without a positive total")
    func noConcentration() {
        #expect(ValueConcentration(values: []) == nil)
        #expect(ValueConcentration(values: [0, 0, .nan]) == nil)
        #expect(ValueConcentration(values: [-5, 1]) == nil)
    }

    @Test("value concentration chart: the curve spans the plot from its bottom-left to its top-right corner")
    func concentrationChart() throws {
        let chart = try PlantedReport().chart(.valueConcentration)
        let plot = try #require(chart.plotArea)
        let points = try #require(chart.elements(class: "curve").first?.value(of: "points")).split(separator: " ").map {
            $0.split(separator: ",").map { Double($0)! }
        }
        #expect(points.count == 401)
        #expect(abs(points.first![0] - plot.x) < 0.01 && abs(points.first![1] - (plot.y + plot.height)) < 0.01)
        #expect(abs(points.last![0] - (plot.x + plot.width)) < 0.01 && abs(points.last![1] - plot.y) < 0.01)
        #expect(zip(points, points.dropFirst()).allSatisfy { $1[0] > $0[0] && $1[1] <= $0[1] })
        // The segment-level curve has a marker per segment in its colour.
        let markers = chart.elements(class: "segment-markers").first?.descendants.dropFirst() ?? []
        #expect(Set(markers.compactMap { $0.value(of: "fill") }) == Set((0..<3).map { QualitativePalette.colour($0) }))
    }

    @Test("customer map: every customer once, in its segment's colour, when they fit the sample")
    func mapOfEveryone() throws {
        let planted = try PlantedReport()
        let (table, result) = (planted.table, planted.result)
        let chart = try planted.chart(.customerMap)
        let groups = chart.elements(class: "segment")
        #expect(groups.count == 3)
        var total = 0
        for group in groups {
            let segment = try #require(Int(group.value(of: "data-segment") ?? ""))
            #expect(group.value(of: "fill") == QualitativePalette.colour(segment))
            let points = (group.children ?? []).count
            #expect(points == result.labels.filter { $0 == Int32(segment) }.count)
            total += points
        }
        #expect(total == table.rowCount)
    }

    @Test("customer map: a seeded sample of the rows, each point coloured by its row's segment")
    func sampledMap() throws {
        var options = SegmentationReport.Options()
        options.mapSampleSize = 120
        let planted = try PlantedReport(options: options)
        let result = planted.result
        let chart = try planted.chart(.customerMap)
        let map = try #require(CustomerMap(features: result.features, labels: result.labels, sampleSize: 120, seed: result.model.seed))
        #expect(map.rows.count == 120 && Set(map.rows).count == 120 && map.rows == map.rows.sorted())
        for group in chart.elements(class: "segment") {
            let segment = try #require(Int32(group.value(of: "data-segment") ?? ""))
            #expect((group.children ?? []).count == map.rows.filter { result.labels[$0] == segment }.count)
        }
        let again = try #require(CustomerMap(features: result.features, labels: result.labels, sampleSize: 120, seed: result.model.seed))
        let otherSeed = try #require(CustomerMap(features: result.features, labels: result.labels, sampleSize: 120, seed: 99))
        #expect(again.rows == map.rows && otherSeed.rows != map.rows)
    }

    @Test("customer map: the axes are the principal components, with their shares of variance")
    func principalAxes() throws {
        // Points at (±3, ±1) in equal numbers: uncorrelated axes with variances 9 : 1.
        let corners: [[Double]] = [[3, 1], [3, -1], [-3, 1], [-3, -1]]
        let x = Matrix<Double>(Array(repeating: corners, count: 25).flatMap { $0 })
        let labels = (0..<100).map { Int32($0 % 4 < 2 ? 0 : 1) }
        let map = try #require(CustomerMap(features: x, labels: labels, sampleSize: 5_000, seed: 1))
        #expect(abs(map.explainedVariance.first - 0.9) < 1e-12)
        #expect(abs((map.explainedVariance.second ?? 0) - 0.1) < 1e-12)
        #expect(map.coordinates.allSatisfy { abs(abs($0.x) - 3) < 1e-9 && abs(abs($0.y) - 1) < 1e-9 })
        let svg = CustomerMapChart().svg(map, names: ["first", "second"], totalCustomers: 100)
        let titles = try ParsedChart(svg).elements(class: "axis-title").compactMap(\.stringValue)
        #expect(titles == ["first principal component (90.0% of variance)", "second principal component (10.0% of variance)"])
    }

    // Issue 17, item 7. Fails on main: the map fitted its components on every column, allocating
    // the 100,000 × 100,000 covariance (80 GB) for this three-customer table.
    @Test("customer map: on very wide data the axes come from the 1,000 columns of largest variance")
    func wideMap() throws {
        // Columns 0 and 1 carry the spread (variances 9 : 1 as above); the other 99,998 a little noise.
        let d = 100_000
        var generator = SeededGenerator(seed: 3)
        let corners: [[Double]] = [[3, 1], [3, -1], [-3, 1], [-3, -1]]
        let x = Matrix<Double>((0..<4).map { i in corners[i] + (2..<d).map { _ in Double.random(in: -1e-4...1e-4, using: &generator) } })
        let map = try #require(CustomerMap(features: x, labels: [0, 0, 1, 1], sampleSize: 5_000, seed: 1))
        // The shares are of the variance over all 100,000 columns: the noise takes a sliver of it.
        #expect(map.explainedVariance.first < 0.9 && map.explainedVariance.first > 0.89)
        #expect(abs((map.explainedVariance.second ?? 0) - 0.1) < 0.01)
        #expect(map.coordinates.allSatisfy { abs(abs($0.x) - 3) < 1e-3 && abs(abs($0.y) - 1) < 1e-3 })
        let variances = CustomerMap.columnVariances(x, rows: [0, 1, 2, 3])
        #expect(abs(variances[0] - 12) < 1e-9 && abs(variances[1] - 4.0 / 3) < 1e-9 && variances[2...].allSatisfy { $0 < 1e-7 })
    }

    // Changed with issue 20 (fails on main before this change): the chart draws the delivered
    // questionnaire (one question per column along a path, several answers, persona names on the
    // outcomes), not the binary tree with "≤" thresholds and "Segment 3" leaves.
    @Test("typing tool: a box per question, a branch per answer, an outcome per path naming its persona, left to right")
    func typingToolTree() throws {
        let planted = try PlantedReport()
        let tree = try #require(planted.result.typingTool?.tree?.tree)
        let view = tree.questionnaire
        let chart = try planted.chart(.typingTool)
        let leaves = chart.elements(class: "leaf"), questions = chart.elements(class: "question")
        #expect(leaves.count == view.paths.count && leaves.count >= 3)
        #expect(questions.count == view.questions.count)
        // The outcomes in the questionnaire's order, each with its segment's colour and persona name.
        let drawn = leaves.map { ($0.value(of: "data-segment") ?? "", $0.descendants.first { $0.name == "rect" }!, $0) }
        #expect(drawn.map(\.0) == view.paths.map { tree.classLabels[$0.outcome.segment] })
        for (segment, rect, leaf) in drawn {
            #expect(rect.value(of: "stroke") == QualitativePalette.colour(Int(segment)!))
            let text = leaf.descendants.compactMap(\.stringValue).joined(separator: " ")
            let name = planted.result.model.segmentNames[Int(segment)!]
            #expect(text.contains("Segment \(segment)") && text.contains(name.prefix(8)), "\(text)")
        }
        let centres = drawn.map { $0.1.number("x") + $0.1.number("width") / 2 }
        #expect(zip(centres, centres.dropFirst()).allSatisfy { $0 < $1 })
        // The root's question names its feature; each answer is a branch, read as a rep hears it.
        guard case .question(let root) = view.root else { Issue.record("the tool asks nothing"); return }
        let title = tree.features[root.feature].title
        #expect(questions.first?.descendants.compactMap(\.stringValue).joined().contains(title) == true)
        #expect(chart.elements(class: "branch").count == view.questions.reduce(0) { $0 + $1.answers.count })
        let answers = chart.elements(class: "answer").compactMap(\.stringValue).joined(separator: " ")
        #expect(!answers.isEmpty && !answers.contains("≤") && !answers.contains("yes"))
    }
}

import Foundation
import FoundationXML
import PersonasData
import PersonasReports
import PersonasSegmentation
import Testing

@Suite("The segmentation report")
struct SegmentationReportTests {
    /// Every chart of a report and its page, for the checks that hold for all of them.
    private func documents(_ report: SegmentationReport) -> [(name: String, markup: String)] {
        [("report.html", report.html)] + report.charts.map { ($0.path, $0.svg) }
    }

    @Test("the page embeds every chart, in the order of the brief, and names the run")
    func contents() throws {
        let planted = try PlantedReport()
        let (result, report) = (planted.result, planted.report)
        #expect(report.charts.map(\.path) == ["charts/segments.svg", "charts/index-heatmap.svg", "charts/value-concentration.svg",
                                              "charts/customer-map.svg", "charts/typing-tool.svg"])
        for chart in report.charts { #expect(report.html.contains(chart.svg)) }
        let page = try ParsedChart(report.html)
        let sections = page.elements.filter { $0.name == "section" }.compactMap { $0.value(of: "id") }
        #expect(sections == ["sizes", "personas", "traits", "value", "map", "typing-tool"])
        // A card per persona, with its name and narrative.
        let cards = page.elements(class: "card")
        #expect(cards.count == 3)
        for persona in result.model.personas.personas {
            let card = try #require(cards.first { $0.value(of: "id") == "persona-\(persona.segment)" })
            #expect(card.stringValue?.contains(persona.name) == true)
            #expect(card.stringValue?.contains(persona.narrative) == true)
        }
        let facts = page.elements.filter { $0.name == "dd" }.compactMap(\.stringValue)
        #expect(facts.starts(with: ["planted.csv", "600", "3", "k-means", "7"]))
        #expect(report.html.contains("k = 3 was given"))
    }

    @Test("a range of k adds the choose-k curves; Ward adds the dendrogram, the charts the CLI also writes")
    func optionalCharts() throws {
        let table = PlantedCustomers.table()
        let range = SegmentationReport(try PlantedCustomers.segmentation(table, ks: [2, 3, 4]), table: table)
        let choice = try #require(try PlantedCustomers.segmentation(table, ks: [2, 3, 4]).chooseK)
        #expect(range[.chooseK]?.svg == ChooseKChart().svg(choice))
        #expect(range[.dendrogram] == nil)
        #expect(range.html.contains(choice.summary))
        let ward = SegmentationReport(try PlantedCustomers.segmentation(table, method: .ward), table: table)
        #expect(ward[.chooseK] == nil)
        let dendrogram = try ParsedChart(try #require(ward[.dendrogram]).svg)
        #expect(dendrogram.elements(class: "link").count == 29)
        #expect(dendrogram.elements(class: "cut").count == 1)
        #expect(ward.html.contains("id=\"dendrogram\""))
    }

    @Test("names holding markup are escaped: every document parses, no script element anywhere")
    func escaping() throws {
        let table = PlantedCustomers.table(hostile: true)
        let result = try PlantedCustomers.segmentation(table)
        // The hostile labels reach the persona names, so the test exercises them.
        #expect(result.model.segmentNames.contains { $0.contains("<script>&\"A") })
        let report = SegmentationReport(result, table: table)
        for (name, markup) in documents(report) {
            #expect(throws: Never.self, "\(name) is not well-formed") { try ParsedChart(markup) }
            #expect(!markup.lowercased().contains("<script"), "\(name)")
            #expect(!markup.contains("<b>"), "\(name)")
        }
        let page = try ParsedChart(report.html)
        #expect(page.elements.filter { $0.name == "script" }.isEmpty)
        // Read back, the text is the names as given.
        let headings = page.elements.filter { $0.name == "h3" }.compactMap { $0.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(Set(headings) == Set(result.model.segmentNames))
        #expect(page.elements.first { $0.name == "dd" }?.stringValue == "<weird>&\"name\".csv")
        #expect(report.html.contains("&lt;script&gt;&amp;&quot;A"))
    }

    @Test("self-contained: no reference to anything outside the page but the SVG namespace")
    func selfContained() throws {
        let report = try PlantedReport(ks: [2, 3]).report
        for (name, markup) in documents(report) {
            let http = markup.components(separatedBy: "http").count - 1
            let namespaces = markup.components(separatedBy: "xmlns=\"http://www.w3.org/2000/svg\"").count - 1
            #expect(http == namespaces, "\(name)")
            for forbidden in ["src=", "<link", "<img", "url(", "@import", "<iframe", "<object", "<embed", "javascript:"] {
                #expect(!markup.contains(forbidden), "\(name) holds \(forbidden)")
            }
        }
        let page = try ParsedChart(report.html)
        let links = page.elements.compactMap { $0.value(of: "href") }
        #expect(!links.isEmpty && links.allSatisfy { $0.hasPrefix("#") })
        let ids = Set(page.elements.compactMap { $0.value(of: "id") })
        #expect(links.allSatisfy { ids.contains(String($0.dropFirst())) })
    }

    @Test("deterministic: the same result gives the same bytes, and so do two runs at different times")
    func determinism() throws {
        let table = PlantedCustomers.table()
        let first = try PlantedCustomers.segmentation(table, ks: [2, 3])
        let a = SegmentationReport(first, table: table), b = SegmentationReport(first, table: table)
        #expect(a.html == b.html && a.charts == b.charts)
        Thread.sleep(forTimeInterval: 1.1)   // a later creation time
        let second = try PlantedCustomers.segmentation(table, ks: [2, 3])
        #expect(second.model.createdAt != first.model.createdAt)
        let c = SegmentationReport(second, table: table)
        #expect(c.charts == a.charts)
        #expect(c.html == a.html)
        #expect(!a.html.contains(first.model.createdAt))
    }
}

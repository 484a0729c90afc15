import PersonasData
import PersonasNumerics
import PersonasProfiles
import PersonasSegmentation

/// The HTML of ``SegmentationReport``: the header (the run and how k was chosen), then a section
/// per chart with a sentence on how to read it, the summary table and the persona cards.
struct ReportPage {
    let model: SegmentationModel
    let figures: ReportFigures
    let names: [String]
    let charts: [SegmentationReport.ChartKind: String]
    let traitsPerPersona: Int

    private var document: PersonasDocument { model.personas }
    private var valueName: String? { figures.valueName }

    func render() -> String {
        var html = HTMLBuilder()
        html.raw("<!DOCTYPE html>")
        html.open("html", [("lang", "en")])
        html.open("head")
        html.empty("meta", [("charset", "utf-8")])
        html.empty("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")])
        html.element("title", text: "Customer segments: \(figures.source)")
        html.open("style")
        html.raw(ReportStylesheet.css)
        html.close("style")
        html.close("head")
        html.open("body")
        html.open("main")
        header(&html)
        sizesSection(&html)
        figureSection(&html, .membership, id: "membership", title: "How sure is each assignment?",
                      caption: "Each customer's probability of its own segment under the \(model.latentClass == nil ? "Gaussian mixture" : "latent class model"): the box spans "
                          + "the middle half of the segment's customers, the line 10% to 90%, the dark tick the median. "
                          + "Left of the dashed line (0.5) no segment holds the customer more than all others together; "
                          + "assignments.csv flags them (low_probability).")
        section(&html, id: "personas", title: "Personas") { html in
            html.element("p", text: "One card per segment: who they are, what they are worth and the traits that set them "
                         + "apart (▲ above the average customer, ▼ below; index 100 = average).")
            PersonaCards.write(document, valueName: valueName, traits: traitsPerPersona, into: &html)
        }
        figureSection(&html, .indexHeatMap, id: "traits", title: "What sets each segment apart",
                      caption: "Each cell is a segment's index on a key trait: its mean (or share of a level) divided by "
                          + "that of all customers, × 100. Red cells are above average, blue below; bold figures are "
                          + "notable (≥ \(NarrativeFormat.index(document.profiles.configuration.overIndexThreshold)) or ≤ "
                          + "\(NarrativeFormat.index(document.profiles.configuration.underIndexThreshold))).")
        valueSection(&html)
        if let choice = figures.chooseK {
            section(&html, id: "choose-k", title: "How many segments?") { html in
                html.paragraph("p", [("class", "choice")], [("strong", choice.summary)])
                figure(&html, .chooseK, caption: "Every criterion against k; the grey band marks the recommendation, a "
                       + "ring each criterion's own choice. Silhouette, Calinski–Harabasz, the gap statistic and "
                       + "stability favour higher values, Davies–Bouldin lower, the inertia curve its elbow.")
                html.open("ul")
                for reason in choice.reasons { html.element("li", text: reason) }
                html.close("ul")
            }
        }
        if charts[.dendrogram] != nil {
            let hybrid = model.method == .hybrid
            figureSection(&html, .dendrogram, id: "dendrogram", title: "The segment tree",
                          caption: "Ward's hierarchical clustering: the lower two branches join, the more alike they are. "
                              + "The dashed line cuts the tree into the \(model.k) segments; leaves are groups of customers "
                              + "(their count in brackets)."
                              + (hybrid ? " In the hybrid the tree is built on k-means micro-clusters, so leaf counts "
                                 + "and the legend count micro-clusters, not customers." : ""))
        }
        if charts[.customerMap] != nil, let map = figures.customerMap {
            let sampled = map.coordinates.count
            let sample = sampled < map.totalCustomers
                ? "a seeded random sample of \(NarrativeFormat.count(sampled)) customers" : "every customer"
            figureSection(&html, .customerMap, id: "map", title: "Map of customers",
                          caption: "Customers placed by the first two principal components of the prepared features "
                              + "(\(sample)): the two directions in which they differ most. Customers close together are "
                              + "alike; well separated colours mean distinct segments, overlapping ones segments that "
                              + "blend into each other. The axes' shares say how much of the differences the map shows.")
        }
        typingToolSection(&html)
        html.element("footer", text: "Written by personas segment from \(figures.source). The model (model.json) applies these "
                     + "segments to new customers; each chart is also in charts/ as an SVG file.")
        html.close("main")
        html.close("body")
        html.close("html")
        return html.markup
    }

    // MARK: - Sections

    private func header(_ html: inout HTMLBuilder) {
        html.open("header", [("class", "report")])
        html.element("h1", text: "Customer segments")
        html.element("p", [("class", "lede")], text: lede())
        html.open("dl", [("class", "facts")])
        var facts: [(String, String)] = [
            ("Data file", figures.source),
            ("Customers", NarrativeFormat.count(figures.rows)),
            ("Segments (k)", String(model.k)),
            ("Method", Self.methodName(model.method)
                + (model.mixture.map { " (\($0.covarianceType.rawValue) covariances)" } ?? "")),
            ("Seed", String(model.seed)),
            ("Prepared features", String(figures.featureCount)),
            ("Value column", valueName ?? "none"),
        ]
        if let typing = figures.typingTool, let tool = model.typingTool {
            facts.append(("Typing tool", "\(typing.method == .lda ? "golden questions" : "tree"), "
                          + "\(tool.questions.count) questions, \(NarrativeFormat.percent(typing.holdOutAccuracy)) accurate"))
        }
        for (term, value) in facts {
            html.open("div")
            html.element("dt", text: term)
            html.element("dd", text: value)
            html.close("div")
        }
        // No creation time here: model.json's created_at is the one field that differs between
        // two runs with the same seed, so the report stays byte for byte reproducible.
        html.close("dl")
        if let choice = figures.chooseK {
            html.paragraph("p", [("class", "choice")], [("strong", "How k was chosen: "), (nil, choice.summary)])
        } else {
            html.paragraph("p", [("class", "choice")], [("strong", "How k was chosen: "),
                                                         (nil, "k = \(model.k) was given; no range of k was compared.")])
        }
        let warnings = figures.warnings + document.profiles.notes
        if !warnings.isEmpty {
            html.open("div", [("class", "warnings")])
            html.element("strong", text: warnings.count == 1 ? "Warning" : "Warnings")
            html.open("ul")
            for warning in warnings { html.element("li", text: warning) }
            html.close("ul")
            html.close("div")
        }
        html.open("nav", [("class", "contents")])
        var links = [("sizes", "Sizes and value"), ("personas", "Personas"), ("traits", "Traits")]
        if charts[.membership] != nil { links.insert(("membership", "Certainty"), at: 1) }
        if charts[.valueConcentration] != nil { links.append(("value", "Value concentration")) }
        if charts[.chooseK] != nil { links.append(("choose-k", "Choosing k")) }
        if charts[.dendrogram] != nil { links.append(("dendrogram", "Tree")) }
        if charts[.customerMap] != nil { links.append(("map", "Map")) }
        if charts[.typingTool] != nil { links.append(("typing-tool", "Typing tool")) }
        for (id, label) in links { html.element("a", [("href", "#" + id)], text: label) }
        html.close("nav")
        html.close("header")
    }

    /// One or two sentences a reader takes away: how many segments, the largest, and where the
    /// value sits.
    private func lede() -> String {
        // Suppressed segments' customers are in no figure here, not even the total.
        let reported = document.profiles.segments.filter { !$0.suppressed }
        let hidden = document.profiles.segments.count - reported.count
        var text = "\(Quantity.count(document.profiles.rows, "customer")) of \(figures.source) fall into "
            + Quantity.count(reported.count, "segment")
            + (hidden == 0 ? "." : " (\(hidden == 1 ? "one more segment" : "\(hidden) more segments") of fewer than "
               + "\(Quantity.count(document.profiles.configuration.minimumSegmentSize, "customer")) withheld).")
        let largest = reported.max { ($0.size ?? 0, -$0.segment) < ($1.size ?? 0, -$1.segment) }
        if let largest, let share = largest.share, largest.segment < names.count, reported.count > 1 {
            text += " The largest, “\(names[largest.segment])”, holds \(NarrativeFormat.percent(share)) of them."
        }
        let top = reported.filter { $0.valueShare != nil }.max { ($0.valueShare!, -$0.segment) < ($1.valueShare!, -$1.segment) }
        if let valueName, let top, let share = top.share, top.segment < names.count, reported.count > 1 {
            text += " “\(names[top.segment])” accounts for \(NarrativeFormat.percent(top.valueShare!)) of \(valueName) with "
                + "\(NarrativeFormat.percent(share)) of the customers."
        }
        return text
    }

    private func sizesSection(_ html: inout HTMLBuilder) {
        section(&html, id: "sizes", title: valueName == nil ? "Segment sizes" : "Segment sizes and value") { html in
            figure(&html, .segments, caption: valueName == nil
                   ? "Each segment's share of all customers. No value column was given, so value shares are not shown."
                   : "Each segment's share of all customers (light) beside its share of total \(valueName!) (dark): a "
                   + "segment whose dark bar is longer is worth more than its numbers suggest.")
            let profiles = Dictionary(document.profiles.segments.map { ($0.segment, $0) }, uniquingKeysWith: { a, _ in a })
            let hasValue = valueName != nil
            let hasPotential = document.profiles.potentialColumn != nil
            let hasTargeting = document.targeting != nil
            html.open("table", [("class", "summary")])
            html.open("thead")
            html.open("tr")
            html.element("th", [("class", "number")], text: "Segment")
            html.element("th", text: "Persona")
            html.element("th", [("class", "number")], text: "Customers")
            html.element("th", [("class", "number")], text: "Share")
            if hasValue { html.element("th", [("class", "number")], text: "Value share") }
            if hasPotential { html.element("th", [("class", "number")], text: "Potential share") }
            if hasTargeting {
                html.element("th", text: "Tier")
                html.element("th", text: "Channel")
            }
            html.close("tr")
            html.close("thead")
            html.open("tbody")
            for s in 0..<model.k {
                let profile = profiles[s]
                html.open("tr")
                html.element("td", [("class", "number")], text: String(s))
                html.open("td")
                html.element("span", [("class", "swatch \(SegmentStyle.shape(s).rawValue)"),
                                      ("style", "background: \(SegmentStyle.colour(s))")], text: "")
                html.element("a", [("href", "#persona-\(s)")], text: names[s])
                html.close("td")
                html.element("td", [("class", "number")], text: profile?.size.map(NarrativeFormat.count) ?? "–")
                html.element("td", [("class", "number")], text: profile?.share.map(NarrativeFormat.percent) ?? "–")
                if hasValue { html.element("td", [("class", "number")], text: profile?.valueShare.map(NarrativeFormat.percent) ?? "–") }
                if hasPotential {
                    html.element("td", [("class", "number")], text: profile?.potentialShare.map(NarrativeFormat.percent) ?? "–")
                }
                if hasTargeting {
                    html.element("td", text: model.segmentTiers[s] ?? "–")
                    html.element("td", text: model.segmentChannels[s] ?? "–")
                }
                html.close("tr")
            }
            html.close("tbody")
            html.close("table")
        }
    }

    private func valueSection(_ html: inout HTMLBuilder) {
        section(&html, id: "value", title: "Value concentration") { html in
            guard let concentration = figures.valueCurve, let valueName else {
                html.element("p", [("class", "muted")], text: "No value column was named (a schema role \"value\" or "
                             + "the segmentation's value column), so value concentration is not shown.")
                return
            }
            let top20 = concentration.topShares.first { $0.customers == 0.2 }?.value
            figure(&html, .valueConcentration, caption: "Customers sorted by \(valueName), highest first: the solid curve "
                   + "climbs steeply when a few customers hold most of the value"
                   + (top20.map { " (here the top 20% hold \(NarrativeFormat.percent($0)))" } ?? "")
                   + "; the dashed line does the same with whole segments, the dotted diagonal is an even spread.")
        }
    }

    private func typingToolSection(_ html: inout HTMLBuilder) {
        guard let typing = figures.typingTool, let tool = model.typingTool else { return }
        switch tool {
        case .tree:
            guard charts[.typingTool] != nil else { return }
            section(&html, id: "typing-tool", title: "Typing tool") { html in
                html.element("p", text: "A few questions a rep or a survey can ask place a new customer in a segment: start at "
                             + "the top, follow the answers, read the segment at the end. "
                             + typing.summary + ".")
                figure(&html, .typingTool, caption: "Each box is a question, asked once, and each branch an answer; \"(or "
                       + "unknown)\" says where to go when the answer is not known. Each end box names the segment and its "
                       + "persona and how many of the training customers that reached it were in that segment. The same tool "
                       + "is in typing-tool.md, .sql, .csv and .xlsx.")
            }
        case .discriminant(let sheet):
            section(&html, id: "typing-tool", title: "Typing tool: golden questions") { html in
                html.element("p", text: "A few questions a rep or a survey can ask place a new customer in a segment: each "
                             + "answer adds the points below to every segment, and the segment with the highest total wins. "
                             + typing.summary + (typing.choice.map { ". Chosen over the other method: \($0)" } ?? "")
                             + ".")
                pointsTable(&html, sheet.scoringSheetRows)
            }
        }
    }

    /// The golden questions' points sheet as a table (header row first), as typing-tool.csv holds it.
    private func pointsTable(_ html: inout HTMLBuilder, _ rows: [[String]]) {
        guard let header = rows.first else { return }
        html.open("table", [("class", "summary")])
        html.open("thead")
        html.open("tr")
        for cell in header { html.element("th", text: cell) }
        html.close("tr")
        html.close("thead")
        html.open("tbody")
        for row in rows.dropFirst() {
            html.open("tr")
            for (i, cell) in row.enumerated() {
                html.element("td", i < 2 ? [] : [("class", "number")], text: cell)
            }
            html.close("tr")
        }
        html.close("tbody")
        html.close("table")
    }

    // MARK: - Pieces

    private func section(_ html: inout HTMLBuilder, id: String, title: String, _ body: (inout HTMLBuilder) -> Void) {
        html.open("section", [("id", id)])
        html.element("h2", text: title)
        body(&html)
        html.close("section")
    }

    private func figureSection(_ html: inout HTMLBuilder, _ kind: SegmentationReport.ChartKind, id: String, title: String,
                               caption: String) {
        guard charts[kind] != nil else { return }
        section(&html, id: id, title: title) { html in figure(&html, kind, caption: caption) }
    }

    private func figure(_ html: inout HTMLBuilder, _ kind: SegmentationReport.ChartKind, caption: String) {
        guard let svg = charts[kind] else { return }
        html.open("figure")
        html.raw(svg)
        html.element("figcaption", text: caption)
        html.close("figure")
    }

    static func methodName(_ method: SegmentationConfiguration.Method) -> String {
        switch method {
        case .kmeans: "k-means"
        case .ward: "Ward (hierarchical)"
        case .hybrid: "k-means + Ward hybrid"
        case .gmm: "Gaussian mixture"
        case .latentClass: "latent class model"
        }
    }

    /// "5 questions; right for 87.1% of 1,250 held-out customers (everyone in the largest segment: 22.3%)".
    static func typingToolSummary(_ typing: DeliveredTypingTool) -> String {
        let features = typing.model.features
        let questions = typing.model.questions.compactMap { name in features.first { $0.name == name }?.title }
        return "\(questions.count) question\(questions.count == 1 ? "" : "s") (\(questions.joined(separator: ", "))); "
            + "right for \(NarrativeFormat.percent(typing.holdOut.accuracy)) of \(NarrativeFormat.count(typing.holdOut.rows)) "
            + "held-out customers (everyone in the largest segment: \(NarrativeFormat.percent(typing.holdOut.baselineAccuracy))"
            + (typing.tree.map(\.unsimplifiedHoldOut.accuracy).map { $0 == typing.holdOut.accuracy ? ""
                : "; before rounding and merging: \(NarrativeFormat.percent($0))" } ?? "") + ")"
    }
}

import PersonasClustering
import PersonasData
import PersonasProfiles
import PersonasSegmentation

/// `report.html` for one run of `Segmentation`: the page a brand manager opens, and each of its
/// charts as a standalone SVG for slides and notebooks.
///
/// The page is one self-contained file: inline CSS, charts as inline SVG, system fonts, no
/// scripts and no external references, every name and narrative escaped. It shows the run (data,
/// k and how it was chosen, method, seed, warnings), segment sizes against value shares, a card
/// per persona, the index heat map, the value-concentration curve, the choose-k curves (a range
/// of k), the dendrogram (Ward and the hybrid), a map of customers on their first two principal
/// components, and the typing tool as a tree. A suppressed segment (kept under the minimum size)
/// has no figure anywhere on the page: no bar, no size or share, no point on the value curve
/// (drawn over the reported segments' customers) and no point on the map.
///
/// Cost: one sort of the value column and a principal-component fit on a sample of
/// ``Options/mapSampleSize`` rows; nothing else grows with the number of customers, so a million
/// rows cost well under a second. The same result gives the same bytes; the model's creation
/// time is the one thing on the page that differs between runs with the same seed.
///
/// What the page draws beyond the model is kept in ``figures``: saved with the page, it draws the
/// page again for the same model with edited persona names (``init(model:figures:keptCharts:options:)``),
/// byte for byte as the run with the same edits draws it, without the table or a refit.
///
/// ```swift
/// let result = try Segmentation.run(table, configuration)
/// let report = SegmentationReport(result, table: table)
/// try Data(report.html.utf8).write(to: folder.appendingPathComponent("report.html"))
/// for chart in report.charts { try Data(chart.svg.utf8).write(to: folder.appendingPathComponent(chart.path)) }
/// ```
public struct SegmentationReport: Sendable {
    /// A chart of the report; its raw value is its path in the output folder.
    public enum ChartKind: String, Sendable, CaseIterable {
        case segments = "charts/segments.svg"
        case indexHeatMap = "charts/index-heatmap.svg"
        case valueConcentration = "charts/value-concentration.svg"
        case chooseK = "charts/choose-k.svg"
        case dendrogram = "charts/dendrogram.svg"
        case customerMap = "charts/customer-map.svg"
        case typingTool = "charts/typing-tool.svg"
        case membership = "charts/membership.svg"

        /// Whether the chart shows persona names: those that do not (the choice of k, the
        /// dendrogram) are kept as drawn when the report is drawn again with edited names.
        public var showsNames: Bool { self != .chooseK && self != .dendrogram }
    }

    /// One chart as a standalone SVG document.
    public struct Chart: Sendable, Equatable {
        public let kind: ChartKind
        public let svg: String
        /// The file's path relative to the output folder, such as "charts/segments.svg".
        public var path: String { kind.rawValue }
    }

    /// What the report samples and shows.
    public struct Options: Sendable {
        /// Customers drawn on the map (a seeded sample above this; the seed is the model's).
        public var mapSampleSize = 5_000
        /// Points of the value-concentration curve.
        public var curvePoints = 400
        /// Traits listed on each persona card.
        public var traitsPerPersona = 5
        /// Traits per segment in the heat map (its strongest over-indexed ones and its strongest
        /// under-indexed one), and the most columns in all.
        public var heatMapTraitsPerSegment = 3
        public var heatMapMaximumTraits = 18
        /// Leaves of the drawn dendrogram (SciPy's `lastp`).
        public var dendrogramLeaves = 30

        public init() {}
    }

    /// The page.
    public let html: String
    /// The charts drawn, in the page's order (choose-k only for a range of k, the dendrogram only
    /// for Ward and the hybrid, value concentration only with a value column, the typing tool
    /// only when one was built).
    public let charts: [Chart]

    /// The chart of a kind, when drawn.
    public subscript(kind: ChartKind) -> Chart? { charts.first { $0.kind == kind } }

    /// The figures drawn beyond the model: saved beside the report (`report.json`) so it can be
    /// drawn again with edited persona names (``init(model:figures:keptCharts:options:)``).
    public let figures: ReportFigures

    /// The report of `result`, run on `table`.
    public init(_ result: SegmentationResult, table: DataTable, options: Options = Options()) {
        var kept: [ChartKind: String] = [:]
        if let choice = result.chooseK { kept[.chooseK] = ChooseKChart().svg(choice) }
        if let tree = result.dendrogram {
            let k = result.model.k
            kept[.dendrogram] = DendrogramChart(title: "Ward linkage", lastMerges: options.dendrogramLeaves,
                                                clusterCount: k > 1 ? k : nil).svg(tree)
        }
        self.init(model: result.model, figures: ReportFigures(result, table: table, options: options), keptCharts: kept,
                  options: options)
    }

    /// The report drawn again from a saved run: its model (with the analyst's edits), its saved
    /// figures, and the charts that show no persona name as they were drawn (``ChartKind/showsNames``).
    /// The same model, figures and kept charts give the same bytes as the run itself drew.
    /// - Parameters:
    ///   - model: the segmentation, names, tiers and channels as they now stand.
    ///   - figures: the run's figures (``figures`` of the report it first drew).
    ///   - keptCharts: each drawn chart that shows no name (the choice of k, the dendrogram), by kind.
    ///   - options: how the charts are drawn (the same as for the first drawing).
    public init(model: SegmentationModel, figures: ReportFigures, keptCharts: [ChartKind: String], options: Options = Options()) {
        let document = model.personas
        let k = model.k
        let names = (0..<k).map { $0 < model.segmentNames.count ? model.segmentNames[$0] : "" }
        let profiles = Dictionary(document.profiles.segments.map { ($0.segment, $0) }, uniquingKeysWith: { a, _ in a })
        var charts: [Chart] = []

        let shareRows = (0..<k).compactMap { s -> SegmentSharesChart.Row? in
            guard let profile = profiles[s], let size = profile.size, let share = profile.share else { return nil }
            return SegmentSharesChart.Row(segment: s, name: names[s], customers: size, customerShare: share,
                                          valueShare: profile.valueShare)
        }
        charts.append(Chart(kind: .segments, svg: SegmentSharesChart().svg(shareRows, valueName: figures.valueName)))
        if let membership = figures.membership {
            charts.append(Chart(kind: .membership, svg: MembershipChart().svg(membership, names: names)))
        }

        let traits = KeyTrait.select(document, perSegment: options.heatMapTraitsPerSegment, limit: options.heatMapMaximumTraits)
        let heatRows = (0..<k).map { s in
            let profile = profiles[s]
            return IndexHeatMapChart.Row(segment: s, name: names[s],
                                         indices: traits.map { trait in profile.flatMap { trait.index(in: $0) } })
        }
        let configuration = document.profiles.configuration
        charts.append(Chart(kind: .indexHeatMap, svg: IndexHeatMapChart().svg(
            traits: traits, rows: heatRows, overThreshold: configuration.overIndexThreshold,
            underThreshold: configuration.underIndexThreshold)))

        if let curve = figures.valueCurve, let valueName = figures.valueName {
            let points = document.profiles.pareto.map {
                ValueConcentrationChart.SegmentPoint(segment: $0.segment, name: $0.segment < k ? names[$0.segment] : "",
                                                     customers: $0.cumulativeCustomerShare, value: $0.cumulativeValueShare)
            }
            charts.append(Chart(kind: .valueConcentration,
                                svg: ValueConcentrationChart().svg(curve, valueName: valueName, segments: points)))
        }
        for kind in [ChartKind.chooseK, .dendrogram] {
            if let svg = keptCharts[kind] { charts.append(Chart(kind: kind, svg: svg)) }
        }
        if let map = figures.customerMap {
            charts.append(Chart(kind: .customerMap, svg: CustomerMapChart().svg(map, names: names)))
        }
        if let typing = figures.typingTool, case .tree(let tree) = model.typingTool {
            charts.append(Chart(kind: .typingTool, svg: TypingToolChart().svg(tree, names: names, subtitle: typing.summary)))
        }

        self.charts = charts
        self.figures = figures
        self.html = ReportPage(model: model, figures: figures, names: names,
                               charts: Dictionary(charts.map { ($0.kind, $0.svg) }, uniquingKeysWith: { a, _ in a }),
                               traitsPerPersona: options.traitsPerPersona).render()
    }
}

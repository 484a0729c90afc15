import PersonasData
import PersonasNumerics
import PersonasReports
import PersonasSegmentation

/// A small customer table with three planted groups of different sizes (300, 200 and 100 rows),
/// so k-means numbers them 0, 1, 2 by size: group 0 high on `visits`, group 1 high on `calls`
/// and mostly flagged, group 2 worth almost all the value. A level column `kind` is "A", "B" or
/// "C" by group (90%); with `hostile` names, its display name and level labels are markup.
enum PlantedCustomers {
    static let groupSizes = [300, 200, 100]

    static func table(hostile: Bool = false, seed: UInt64 = 3) -> DataTable {
        var random = SeededGenerator(seed: seed)
        var ids: [String] = [], visits: [Double] = [], calls: [Double] = [], kind: [Int32] = []
        var flag: [Double] = [], value: [Double] = [], potential: [Double] = []
        for (group, size) in groupSizes.enumerated() {
            for _ in 0..<size {
                ids.append("C\(ids.count + 1)")
                visits.append((group == 0 ? 20 : 4) + 2 * random.nextStandardNormal())
                calls.append((group == 1 ? 15 : 3) + 1.5 * random.nextStandardNormal())
                kind.append(random.nextUnitDouble() < 0.9 ? Int32(group) : Int32(random.nextInt(below: 3)))
                flag.append(random.nextUnitDouble() < (group == 1 ? 0.85 : 0.2) ? 1 : 0)
                // About 2% of values missing; group 2 worth two orders of magnitude more.
                let worth = (group == 2 ? 5_000 : 50) * (0.5 + random.nextUnitDouble())
                value.append(random.nextUnitDouble() < 0.02 ? .nan : worth)
                potential.append(100 + 50 * random.nextUnitDouble())
            }
        }
        let n = ids.count
        let labels = hostile ? ["A": "<script>&\"A", "B": "<b>B</b>", "C": "C's & \"co\""] : ["A": "Alpha", "B": "Beta", "C": "Gamma"]
        let columns = [
            Column(name: "id", type: .identifier, role: .identifier, values: .levels(codes: (0..<n).map { Int32($0) }, levels: ids)),
            Column(name: "visits", type: .numeric, role: .feature, values: .numbers(visits), displayName: "Portal visits"),
            Column(name: "calls", type: .numeric, role: .feature, values: .numbers(calls), displayName: "Rep calls"),
            Column(name: "kind", type: .categorical, role: .feature, values: .levels(codes: kind, levels: ["A", "B", "C"]),
                   displayName: hostile ? "<script>alert(\"x\")&</script>" : "Practice kind", levelLabels: labels),
            Column(name: "flag", type: .boolean, role: .feature, values: .numbers(flag), displayName: "Restricts access"),
            Column(name: "value", type: .numeric, role: .value, values: .numbers(value), displayName: "Annual value"),
            Column(name: "potential", type: .numeric, role: .potential, values: .numbers(potential), displayName: "Potential"),
        ]
        return DataTable(source: hostile ? "<weird>&\"name\".csv" : "planted.csv", columns: columns, rowCount: n)
    }

    /// The pipeline on the table: k = 3 by default, a seeded k-means, the typing tool.
    static func segmentation(_ table: DataTable, ks: [Int] = [3], method: SegmentationConfiguration.Method = .kmeans,
                             seed: UInt64 = 7) throws -> SegmentationResult {
        try Segmentation.run(table, SegmentationConfiguration(ks: ks, method: method, restarts: 3, bootstrapResamples: 4,
                                                              gapReferences: 3, seed: seed))
    }
}

/// The planted table, its segmentation and the report on it, with its charts parsed on demand.
struct PlantedReport {
    let table: DataTable
    let result: SegmentationResult
    let report: SegmentationReport

    init(ks: [Int] = [3], options: SegmentationReport.Options = SegmentationReport.Options()) throws {
        table = PlantedCustomers.table()
        result = try PlantedCustomers.segmentation(table, ks: ks)
        report = SegmentationReport(result, table: table, options: options)
    }

    /// A chart of the report, parsed (the test fails when it was not drawn).
    func chart(_ kind: SegmentationReport.ChartKind) throws -> ParsedChart {
        guard let chart = report[kind] else { throw MissingChart(kind: kind) }
        return try ParsedChart(chart.svg)
    }

    struct MissingChart: Error { let kind: SegmentationReport.ChartKind }
}

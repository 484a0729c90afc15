import ArgumentParser
import Foundation
import PersonasClustering
import PersonasData
import PersonasFiles
import PersonasNumerics
import PersonasReports

/// `personas hclust FILE --method ward --k K --out DIR`: agglomerative clustering of a CSV table
/// or a `.npy` matrix, with SciPy's linkage conventions.
struct HClustCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hclust",
        abstract: "Hierarchical clustering; writes linkage.csv, labels.csv, dendrogram.svg and summary.json.",
        discussion: """
            linkage.csv has SciPy's linkage-matrix layout, one merge per row: cluster_a, cluster_b, \
            height, size. Observations are clusters 0..n-1 (rows of the input, in order); merge k \
            creates cluster n+k; height is SciPy's (Ward: sqrt(2·ΔSSE)); size is the number of \
            observations (total weight). numpy.loadtxt("linkage.csv", delimiter=",", skiprows=1) \
            can be passed to scipy.cluster.hierarchy.dendrogram. With --hybrid M the leaves are M \
            k-means micro-clusters instead of rows.
            Ward, single, centroid and median (Euclidean) need O(n·d) memory; complete, average \
            and weighted need the n(n-1)/2 distance matrix (1.6 GB at n = 20,000).
            """)

    @Argument(help: "The customer table (CSV) or a NumPy matrix (.npy).")
    var file: String

    @Option(help: "Linkage: ward, single, complete, average, weighted, centroid or median.")
    var method: LinkageMethod = .ward

    @Option(help: "Dissimilarity: euclidean, sqeuclidean, manhattan, cosine or gower (mixed types; CSV only).")
    var metric: MetricChoice = .euclidean

    @Option(help: "Cut into at most K segments (SciPy's maxclust).")
    var k: Int?

    @Option(help: "Cut at this merge height instead.")
    var height: Double?

    @Option(help: ArgumentHelp("Ward on M k-means micro-clusters, for large tables.", valueName: "M"))
    var hybrid: Int?

    @OptionGroup var columns: ColumnListOptions

    @Option(help: "Scaling of CSV features: zscore, robust, minmax or none (not used by gower).")
    var scale: ScaleChoice = .zscore

    @OptionGroup var seed: SeedOption

    @Option(help: "Observations shown as leaves of dendrogram.svg (the last merges; SciPy's lastp).")
    var leaves = 30

    @OptionGroup var output: OutputFolderOptions
    var out: String { output.out }

    @OptionGroup var input: InputOptions

    @OptionGroup var format: FormatOption

    func validate() throws {
        guard (k == nil) != (height == nil) else { throw ValidationError("give one cut: --k K or --height H") }
        if let k, k < 1 { throw ValidationError("--k must be at least 1") }
        if let height, !(height >= 0) { throw ValidationError("--height must be 0 or more") }
        if let hybrid {
            guard hybrid >= 2 else { throw ValidationError("--hybrid needs at least 2 micro-clusters") }
            guard method == .ward, metric == .euclidean else {
                throw ValidationError("--hybrid runs Ward with the Euclidean metric")
            }
        }
        if metric == .gower && file.lowercased().hasSuffix(".npy") {
            throw ValidationError("--metric gower needs a CSV with column types, not a .npy matrix")
        }
        if metric == .gower && !columns.transforms.isEmpty {
            throw ValidationError("--transform changes prepared features; --metric gower ranges the raw columns")
        }
    }

    func run() throws {
        let inputURL = URL(fileURLWithPath: file)
        let staged = try output.stage("hclust", inputs: [file, input.schema])
        var result: Result
        if metric == .gower {
            let table = try input.readTable(file)
            for warning in table.warnings { Terminal.warn(warning) }
            let variables = try GowerInput.variables(table, columns: columns)
            let gower = try GowerDissimilarity(variables)
            let start = ContinuousClock.now
            let tree = try HierarchicalClustering.fit(gower: gower, method: method)
            let labels = try cut(tree)
            result = Result(tree: tree, labels: labels, seconds: (ContinuousClock.now - start) / .seconds(1),
                            rows: table.rowCount, features: variables.map(\.name),
                            identifiers: table.identifierColumn.map { c in (0..<table.rowCount).map { c.text(atRow: $0) } },
                            identifierName: table.identifierColumn?.name, leafKind: "rows")
        } else {
            let loaded = try FeatureInput<Double>.load(inputURL, columns: columns, scaling: scale.scaling, input: input)
            for warning in loaded.warnings { Terminal.warn(warning) }
            let x = loaded.matrix
            let start = ContinuousClock.now
            let tree: Dendrogram, labels: [Int32], leafKind: String
            if let hybrid {
                let model = try HybridWard.fit(x, HybridWard.Configuration(microClusters: hybrid, seed: seed.seed))
                tree = model.dendrogram
                labels = try k.map { try model.labels(clusterCount: $0) } ?? model.labels(height: height!)
                leafKind = "micro-clusters"
            } else {
                tree = try HierarchicalClustering.fit(x, HierarchicalConfiguration(method: method, metric: metric.metric!))
                labels = try cut(tree)
                leafKind = "rows"
            }
            result = Result(tree: tree, labels: labels, seconds: (ContinuousClock.now - start) / .seconds(1),
                            rows: x.rows, features: loaded.featureNames, identifiers: loaded.identifiers,
                            identifierName: loaded.identifierName, leafKind: leafKind)
        }
        let report = try write(result, inputURL: inputURL, folder: staged.staging)
        try output.commit(staged)
        try report()
    }

    private func cut(_ tree: Dendrogram) throws -> [Int32] {
        if let k { return try tree.labels(clusterCount: k) }
        return try tree.labels(height: height!)
    }

    private struct Result {
        var tree: Dendrogram
        var labels: [Int32]
        var seconds: Double
        var rows: Int
        var features: [String]
        var identifiers: [String]?
        var identifierName: String?
        var leafKind: String
        var clusters: Int { Int(labels.max() ?? 0) + 1 }
    }

    /// Writes the outputs into `folder`; returns the summary to print once the folder is in place.
    private func write(_ result: Result, inputURL: URL, folder: URL) throws -> () throws -> Void {
        let protected = [inputURL]
        let tree = result.tree

        var linkage = CSVWriter(file: try AtomicFileWriter(destination: folder.appendingPathComponent(OutputFileName.linkage),
                                                           protectedInputs: protected))
        try linkage.writeRow(["cluster_a", "cluster_b", "height", "size"])
        for merge in tree.merges {
            try linkage.writeRow([String(merge.left), String(merge.right), "\(merge.height)", "\(merge.size)"])
        }
        try linkage.finish()

        try LabelsFile.write(result.labels, identifierName: result.identifierName, identifiers: result.identifiers,
                             to: AtomicFileWriter(destination: folder.appendingPathComponent(OutputFileName.labels),
                                                  protectedInputs: protected))

        let clusters = result.clusters
        let chart = DendrogramChart(
            title: "\(tree.method.rawValue.capitalized) linkage, \(Format.count(result.rows)) rows"
                + (result.leafKind == "rows" ? "" : " (\(tree.observationCount) micro-clusters)"),
            lastMerges: leaves, clusterCount: clusters > 1 ? clusters : nil,
            leafNames: result.leafKind == "rows" ? result.identifiers : nil)
        try AtomicFileWriter.write(Data(chart.svg(tree).utf8), to: folder.appendingPathComponent(OutputFileName.dendrogram),
                                   protectedInputs: protected)

        let sizes = segmentSizes(result.labels, count: clusters)
        let summary = HClustSummary(
            input: file, rows: result.rows, features: result.features.count, method: tree.method.rawValue,
            metric: metric.rawValue, leaves: tree.observationCount, leafKind: result.leafKind, hybridMicroClusters: hybrid,
            cutClusters: k, cutHeight: height, clusters: clusters, segmentSizes: sizes, monotonic: tree.isMonotonic,
            topMergeHeights: tree.merges.suffix(10).map(\.height).reversed(), fitSeconds: result.seconds,
            threads: ParallelFor.threadCount, distanceKernels: distanceKernelInstructionSet, seed: seed.seed)
        try SummaryJSON.write(summary, to: folder.appendingPathComponent(OutputFileName.summary), protectedInputs: protected)
        return { try format.print(summary) {
            ["\(tree.method.rawValue) linkage: \(Format.count(result.rows)) rows → \(clusters) segment"
             + (clusters == 1 ? " " : "s ") + "in \(Format.seconds(result.seconds)); wrote \(out)/"]
        } }
    }
}

enum MetricChoice: String, ExpressibleByArgument, CaseIterable {
    case euclidean, sqeuclidean, manhattan, cosine, gower

    var metric: DistanceMetric? {
        switch self {
        case .euclidean: .euclidean
        case .sqeuclidean: .squaredEuclidean
        case .manhattan: .manhattan
        case .cosine: .cosine
        case .gower: nil
        }
    }
}

extension LinkageMethod: ExpressibleByArgument {}

/// What `summary.json` holds.
struct HClustSummary: Encodable {
    var input: String
    var rows: Int
    var features: Int
    var method: String
    var metric: String
    /// Leaves of the dendrogram: the rows, or the hybrid's micro-clusters.
    var leaves: Int
    var leafKind: String
    var hybridMicroClusters: Int?
    var cutClusters: Int?
    var cutHeight: Double?
    var clusters: Int
    var segmentSizes: [Int]
    var monotonic: Bool
    var topMergeHeights: [Double]
    /// The clustering alone (distances, linkage and cut), loading and writing excluded.
    var fitSeconds: Double
    var threads: Int
    var distanceKernels: String
    var seed: UInt64
}

import Foundation
import PersonasClustering
import PersonasData
import PersonasNumerics
import PersonasProfiles

/// The analyst's pipeline as one call: prepare → (choose k) → cluster → profile → personas →
/// targeting, returning the saved model and everything the reports need.
///
/// ```swift
/// let table = try CSVReader.read(contentsOf: url, options: options)
/// let result = try Segmentation.run(table, SegmentationConfiguration(ks: Array(2...10), seed: 1))
/// result.model.segmentNames            // the personas' names
/// try result.model.jsonData()          // model.json: apply it next year with `assign`
/// ```
public enum Segmentation {
    /// Progress: each stage (`Stage.preparing`, the choice of k's stages, the
    /// final fit, profiling, the typing tool, targeting) as it starts, the share of it done, and its
    /// end with its wall time (``SegmentationResult/stageTimes``).
    public typealias Progress = StageClock.Observer

    public static func run(
        _ table: DataTable, _ configuration: SegmentationConfiguration, progress: Progress? = nil
    ) throws -> SegmentationResult {
        guard !configuration.ks.isEmpty, configuration.ks.allSatisfy({ $0 >= 1 }) else {
            throw SegmentationError(.invalidConfiguration, "give k (at least 1) or a range of k such as 2...10")
        }
        guard configuration.profile.minimumSegmentSize >= 1 else {
            throw SegmentationError(.invalidConfiguration, "the minimum segment size must be at least 1")
        }
        // The value and potential measures named in the configuration take their roles before
        // anything else reads the table, so neither can become a feature or a question.
        var table = table
        if let name = configuration.profile.valueColumn { try table.assignRole(.value, toColumn: name) }
        if let name = configuration.profile.potentialColumn { try table.assignRole(.potential, toColumn: name) }
        // The survey weights (``ProfileConfiguration/weightColumn``, else the schema's weight role),
        // checked before any work: they weigh the profiles, the typing tool and the projection.
        if let name = configuration.profile.weightColumn { try table.assignRole(.weight, toColumn: name) }
        let weights = try table.weightColumn.map { column throws(DataError) in try table.weights(column: column.name) }
        let stages = StageClock(observer: progress)
        stages.begin(.preparing)
        // A level the model keeps is written into model.json: no fewer customers may hold it than
        // make up a segment that may be shown.
        var spec = configuration.preparation
        spec.minimumLevelCount = Swift.max(spec.minimumLevelCount, configuration.profile.minimumSegmentSize)
        let preparation = try Preparation.fit(table, spec: spec)
        try MemoryBudget.require(
            estimatedWorkingBytes(rows: table.rowCount, features: preparation.outputNames.count, configuration),
            for: "segmenting \(table.rowCount) rows × \(preparation.outputNames.count) features",
            kind: .segmentation)
        let prepared = try preparation.apply(table)
        // Rows left out of fitting shape no segment; they are assigned to the nearest one below.
        let fittingRows = configuration.leftOutOfFitting.isEmpty ? nil
            : (0..<table.rowCount).filter { !configuration.leftOutOfFitting.contains($0) }
        let everyRow = prepared.matrix
        let x = fittingRows.map { everyRow.rows(at: $0) } ?? everyRow
        var warnings = table.warnings + preparation.warnings + prepared.warnings
        try checkDistinctRows(x, ks: configuration.ks, source: table.source)
        // A latent class model reads the columns as items, a missing cell left missing: not the
        // prepared features, which fill it.
        // The final fit counts each row by its survey weight, rescaled to sum to the rows it fits:
        // the segments are the weighted population's, while the criteria keep n at the rows
        // (a weight of 2 counts a respondent twice; weights summing to a universe do not
        // multiply the evidence).
        let fitWeights = weights.map { w in Self.rescaledToRows(fittingRows.map { $0.map { w[$0] } } ?? w) }
        let items = configuration.method == .latentClass
            ? try latentClassItems(table, preparation: preparation, weights: fitWeights) : nil
        if items != nil && fittingRows != nil {
            // The items are every row's; a latent class fit of some rows would need them subset.
            throw SegmentationError(.invalidConfiguration, "a latent class model is fitted to every row, so rows cannot "
                                    + "be left out of fitting; leave the straight-liners out of the file instead")
        }
        // Ward's tree does not depend on k: fitted once, it answers choosing k and the final cut.
        var wardTree: Dendrogram?
        if configuration.method == .ward {
            stages.begin(.wardTree)
            wardTree = try HierarchicalClustering.fit(x, HierarchicalConfiguration(method: .ward))
        }
        let segmenter = wardTree.map { Segmenter.ward(reusing: $0, fittedTo: x) }
            ?? items.map { Segmenter.latentClass($0, fittedTo: x, restarts: configuration.restarts) }
            ?? self.segmenter(configuration)

        var chooseK: ChooseKResult?
        var k = configuration.ks[0]
        if configuration.ks.count > 1 {
            stages.end()
            let result = try ChooseK.run(x, ChooseKConfiguration(
                ks: configuration.ks, segmenter: segmenter,
                // The gap statistic's reference sets and the bootstrap's resamples have no items.
                bootstrapResamples: items == nil ? configuration.bootstrapResamples : 0,
                gapReferences: items == nil ? configuration.gapReferences : 0, minimumSegmentShare: 0.03,
                minimumSegmentSize: configuration.profile.minimumSegmentSize,
                resamplingSampleSize: configuration.resamplingSampleSize ?? configuration.method.resamplingSampleSize,
                seed: configuration.seed
            ), progress: progress)
            stages.append(result.stageTimes)
            chooseK = result
            k = result.recommendedK
            warnings += result.warnings
        }
        guard k < x.rows || k == 1 else {
            throw SegmentationError(.tooFewRows(k: k, rows: x.rows), "k = \(k) needs more than \(k) rows; the table has \(x.rows)")
        }

        stages.begin(.finalFit)
        // The survey weights reach every engine that takes them; Ward's tree has none, so its
        // segments are the unweighted rows' (said in a warning), while its profiles are weighted.
        if fitWeights != nil && [.ward, .hybrid].contains(configuration.method) {
            warnings.append("Ward's clustering does not weigh rows: the segments come from the unweighted rows, "
                            + "while their profiles, sizes and typing tool are weighted")
        }
        var dendrogram: Dendrogram?
        var kMeansCenters: Matrix<Double>?
        var fittedMixture: GaussianMixtureParameters?
        var fittedLatentClass: LatentClassParameters?
        var raw: [Int32] = []
        switch configuration.method {
        case .kmeans:
            let fitted = try KMeans.fit(x, KMeansConfiguration(k: k, restarts: configuration.restarts, seed: configuration.seed,
                                                               sampleWeights: fitWeights,
                                                               restartSampleSize: configuration.restartSampleSize))
            raw = fitted.labels
            kMeansCenters = fitted.centers
        case .ward:
            let tree = try wardTree ?? HierarchicalClustering.fit(x, HierarchicalConfiguration(method: .ward))
            dendrogram = tree
            raw = try tree.labels(clusterCount: k)
        case .hybrid:
            if x.rows > configuration.microClusters {
                let model = try HybridWard.fit(x, HybridWard.Configuration(microClusters: configuration.microClusters,
                                                                          seed: configuration.seed))
                dendrogram = model.dendrogram
                raw = try model.labels(clusterCount: k)
            } else {
                let tree = try HierarchicalClustering.fit(x, HierarchicalConfiguration(method: .ward))
                dendrogram = tree
                raw = try tree.labels(clusterCount: k)
            }
        case .gmm:
            fittedMixture = try GaussianMixture.fit(x, GaussianMixtureConfiguration(
                k: k, covarianceType: configuration.covarianceType, restarts: configuration.restarts,
                seed: configuration.seed, sampleWeights: fitWeights)).savedParameters
        case .latentClass:
            fittedLatentClass = try LatentClass.fit(items!, LatentClassConfiguration(
                k: k, restarts: configuration.restarts, seed: configuration.seed)).parameters
        }
        let fitLabels: [Int32], centers: Matrix<Double>, mixture: GaussianMixtureParameters?
        var latentClass: LatentClassParameters?
        if let fittedLatentClass, let items {
            // The classes become the segments as a mixture's components do; each segment's
            // center is its customers' mean prepared features.
            let resolved = try MixtureSegments.resolve(
                x, fittedLatentClass, minimumSize: configuration.profile.minimumSegmentSize,
                keep: configuration.keepSmallSegments, predict: { try $0.predict(items) },
                centers: { model, labels in segmentMeans(x, labels: labels, k: model.k) })
            warnings += resolved.warnings
            (fitLabels, mixture, latentClass) = (resolved.labels, nil, resolved.mixture)
            centers = segmentMeans(x, labels: fitLabels, k: resolved.mixture.k)
        } else if let fittedMixture {
            // The mixture's components become the segments, numbered by size; small ones are
            // dropped from it (or kept), so the model assigns exactly as the labels say.
            let resolved = try MixtureSegments.resolve(x, fittedMixture, minimumSize: configuration.profile.minimumSegmentSize,
                                                       keep: configuration.keepSmallSegments)
            warnings += resolved.warnings
            (fitLabels, mixture, centers) = (resolved.labels, resolved.mixture, resolved.mixture.means)
        } else {
            let sized = numberedBySize(raw)
            let found = Int(sized.max() ?? 0) + 1
            if found < k { warnings.append("only \(found) of the \(k) segments asked for are non-empty") }
            // k-means keeps its own centers (the labels are their nearest), renumbered like the
            // labels; hierarchical segments are represented by their means.
            let fittedCenters = kMeansCenters.map { renumbered($0, from: raw, to: sized, count: found) }
                ?? segmentMeans(x, labels: sized, k: found)
            let resolved = try SmallSegments.resolve(x, labels: sized, centers: fittedCenters,
                                                     minimumSize: configuration.profile.minimumSegmentSize,
                                                     keep: configuration.keepSmallSegments,
                                                     centersAreMeans: kMeansCenters == nil)
            warnings += resolved.warnings
            (fitLabels, mixture, centers) = (resolved.labels, nil, resolved.centers)
        }
        let segments = centers.rows
        // A model with memberships scores every row once, as `assign` scores it, with probabilities.
        let scored = try mixture.map { try SegmentationModel.assignments(everyRow, mixture: $0, centers: centers) }
            ?? latentClass.map { try SegmentationModel.assignments(everyRow, latentClass: $0, items: items!, centers: centers) }
        // Every row's segment: the fitted rows keep theirs; rows left out of fitting (straight-liners)
        // take the segment `assign` gives them.
        let labels: [Int32]
        if let fittingRows {
            var all = scored?.map(\.segment) ?? SegmentationModel.nearest(everyRow, centers: centers).map(\.segment)
            for (position, row) in fittingRows.enumerated() { all[row] = fitLabels[position] }
            labels = all
        } else {
            labels = fitLabels
        }

        stages.begin(.profiling)
        let personas = try PersonaBuilder.build(table, labels: labels, configuration: configuration.profile,
                                                rules: configuration.rules)
        var tiers = [String?](repeating: nil, count: segments), channels = [String?](repeating: nil, count: segments)
        var names = [String](repeating: "", count: segments)
        for persona in personas.personas where persona.segment < segments {
            names[persona.segment] = persona.name
            tiers[persona.segment] = persona.tier
            channels[persona.segment] = persona.channel
        }
        var typing: DeliveredTypingTool?
        let suppressed = Set(personas.profiles.segments.filter(\.suppressed).map { Int32($0.segment) })
        if let settings = configuration.typingTool, segments - suppressed.count > 1 {
            stages.begin(.typingTool)
            var tool = try typingTool(table, labels: labels, weights: weights, leavingOut: suppressed, settings: settings,
                                      configuration: configuration)
            // The tool's outcomes name the personas (its classes are segment numbers).
            tool.model.segmentNames = tool.model.classLabels.map { label in
                Int(label).flatMap { names.indices.contains($0) ? names[$0] : nil } ?? "Segment \(label)"
            }
            typing = tool
        }
        let model = SegmentationModel(
            formatVersion: SegmentationModel.formatVersion(holding: mixture, latentClass), createdAt: ISO8601DateFormatter().string(from: Date()),
            method: configuration.method, seed: configuration.seed, preparation: preparation, centers: centers,
            segmentNames: names, segmentTiers: tiers, segmentChannels: channels, personas: personas,
            typingTool: typing?.model, identifierColumn: table.identifierColumn?.name,
            questionTypes: typing.map { tool in
                Dictionary(tool.model.features.compactMap { f in table[f.name].map { (f.name, $0.type) } },
                           uniquingKeysWith: { first, _ in first })
            }, mixture: mixture, latentClass: latentClass)
        stages.begin(.targeting)
        // Rows keep the segment they were clustered into. Their distance is to that segment's
        // mean; a row nearer to another segment's mean (possible for hierarchical segments) has
        // confidence 0. A model with memberships keeps the rows it scored above.
        let rows = scored ?? SegmentationModel.assignments(everyRow, labels: labels, centers: centers)
        let customerTargets = try model.customerTargets(table, labels: labels)
        stages.end()
        return SegmentationResult(model: model, labels: labels, assignments: rows, features: everyRow,
                                  featureNames: preparation.outputNames, chooseK: chooseK, dendrogram: dendrogram,
                                  typingTool: typing, customerTargets: customerTargets, warnings: warnings,
                                  stageTimes: stages.times)
    }

    /// Bytes the pipeline adds to the table already in memory: the prepared features (n × p
    /// doubles), the clustering's working set, labels per candidate k when choosing, per-row
    /// assignments and, for Ward on rows, the O(n·p) chain state. Nothing here grows with p² or
    /// n²: a PCA in the preparation checks its own d × d matrices before fitting
    /// (`PrincipalComponents.estimatedWorkingBytes(rows:columns:)`), and the report's customer
    /// map fits its components on a bounded sample of rows and columns. Saturates at `Int.max`
    /// (`MemoryBudget.product(_:)`) instead of overflowing on absurd sizes.
    public static func estimatedWorkingBytes(rows: Int, features: Int, _ configuration: SegmentationConfiguration) -> Int {
        let matrix = MemoryBudget.product(rows, features, 8)
        let clustering = KMeans.estimatedWorkingBytes(rows: rows, k: configuration.ks.max() ?? 1)
        let choosing = configuration.ks.count > 1 ? MemoryBudget.product(rows, 4, configuration.ks.count) : 0
        let assignments = MemoryBudget.product(rows, 24)
        let ward = configuration.method == .ward ? MemoryBudget.product(rows, MemoryBudget.sum(MemoryBudget.product(features, 8), 32)) : 0
        // A latent class model's items (at most one per feature) and its memberships.
        let latentClass = configuration.method == .latentClass
            ? MemoryBudget.product(rows, MemoryBudget.sum(features, configuration.ks.max() ?? 1), 8) : 0
        return MemoryBudget.sum(matrix, clustering, choosing, assignments, ward, latentClass)
    }

    /// Refuses a k the prepared rows cannot fill: with fewer distinct rows than segments some
    /// segment would be empty, and choosing k needs more distinct rows than the largest k (at that
    /// k every segment holds copies of one row and the gap statistic is undefined).
    /// `source` names the table in the message.
    public static func checkDistinctRows<Scalar: BLASScalar>(_ x: Matrix<Scalar>, ks: [Int], source: String) throws {
        let largest = ks.max() ?? 1
        guard largest > 1 else { return }
        let needed = ks.count > 1 ? largest + 1 : largest
        let distinct = x.distinctRowCount(upTo: needed)
        guard distinct < needed else { return }
        let remedy: String
        if distinct <= 1 {
            remedy = "every row is the same, so there is nothing to segment; check the feature columns"
        } else if ks.count > 1 && distinct > 2 {
            remedy = "choose among fewer segments"
        } else {
            remedy = "ask for at most \(distinct) segments"
        }
        let wanted = ks.count > 1 ? "choosing among k = \(ks.min()!)…\(largest) needs more than \(largest)"
            : "k = \(largest) needs at least \(largest)"
        throw SegmentationError(.tooFewDistinctRows(distinct: distinct, ks: ks),
                                "\(source): \(wanted) distinct customers, but the \(x.rows) rows of features take "
                                + "only \(distinct) distinct values; \(remedy)")
    }

    /// The typing tool for the segments, trained on every row or on a seeded sample of
    /// ``SegmentationConfiguration/typingToolSampleSize`` rows. The customers of `suppressed`
    /// segments (kept under the minimum size) are left out: the tool's leaves count the customers
    /// that reach them, and it types customers into the reported segments only. `weights` (one per
    /// row of `table`, or nil) are the survey weights the tool is fitted and measured with.
    static func typingTool(_ table: DataTable, labels: [Int32], weights: [Double]?, leavingOut suppressed: Set<Int32>,
                           settings: TypingToolConfiguration, configuration: SegmentationConfiguration) throws -> DeliveredTypingTool {
        var rows = suppressed.isEmpty ? Array(0..<table.rowCount) : (0..<table.rowCount).filter { !suppressed.contains(labels[$0]) }
        if rows.count > configuration.typingToolSampleSize {
            var generator = SeededGenerator(seed: configuration.seed, stream: 7)
            rows.shuffle(using: &generator)
            rows = Array(rows.prefix(configuration.typingToolSampleSize)).sorted()
        }
        let sample = rows.count == table.rowCount ? table : table.selectingRows(rows)
        let data = try TreeDataset(table: sample, columns: settings.questions)
        var seeded = settings
        seeded.seed = configuration.seed
        var treeLabels = TreeLabels(segments: rows.map { Int(labels[$0]) })
        treeLabels.weights = weights.map { w in rows.map { w[$0] } }
        return try TypingTool.deliver(data, labels: treeLabels, configuration: seeded)
    }

    /// `weights` scaled to sum to their count: a weighted fit then counts the rows it has, whatever
    /// the weights' unit (a universe's size, or 1 a respondent).
    static func rescaledToRows(_ weights: [Double]) -> [Double] {
        let total = weights.reduce(0, +)
        let scale = Double(weights.count) / total
        return weights.map { $0 * scale }
    }

    /// The latent class items of the training table (`SegmentationModel.latentClassData(_:preparation:)`):
    /// refused after principal components, which leave no column to read as an item.
    ///
    /// `weights` (one per row, or nil) are the survey weights the fit counts each row by.
    public static func latentClassItems(_ table: DataTable, preparation: Preparation,
                                        weights: [Double]? = nil) throws -> LatentClassData {
        guard preparation.pca == nil else {
            throw SegmentationError(.invalidConfiguration, "a latent class model reads the columns themselves as items, "
                                    + "so principal components do not apply to it; leave them out")
        }
        return try SegmentationModel.latentClassData(table, preparation: preparation, weights: weights)
    }

    /// The seeded segmenter of a method, as choose-k runs it: k-means (or a Gaussian mixture's
    /// EM) with 3 restarts on the rows of a resample or reference set, and with the final fit's restarts on the restart sample of a
    /// large table, where they cost little and find the deepest optimum more often.
    static func segmenter(_ configuration: SegmentationConfiguration) -> Segmenter {
        configuration.method.segmenter(restarts: min(configuration.restarts, 3), microClusters: configuration.microClusters,
                                       restartSampleSize: configuration.restartSampleSize,
                                       sampledRestarts: configuration.restarts,
                                       covarianceType: configuration.covarianceType)
    }

    /// The mean prepared row of each segment (k × d; zeros for an empty one), by the libraries'
    /// one centroid routine (``ClusterCentroids``).
    static func segmentMeans(_ x: Matrix<Double>, labels: [Int32], k: Int) -> Matrix<Double> {
        ClusterCentroids(x, labels: labels, k: k).centroidMatrix
    }

    /// `centers` numbered as `old` (one label per row) renumbered as `new` (the same rows):
    /// `count` centers, each the old center of the segment now carrying its number.
    static func renumbered(_ centers: Matrix<Double>, from old: [Int32], to new: [Int32], count: Int) -> Matrix<Double> {
        var out = Matrix<Double>(rows: count, columns: centers.columns)
        var newLabel = [Int32: Int32]()
        for (o, n) in zip(old, new) where newLabel[o] == nil { newLabel[o] = n }
        for (o, n) in newLabel {
            for q in 0..<centers.columns { out[Int(n), q] = centers[Int(o), q] }
        }
        return out
    }

    /// The Euclidean distance of row `i` to center `segment`.
    static func distanceToCenter(_ x: Matrix<Double>, row i: Int, centers: Matrix<Double>, segment j: Int) -> Double {
        var s = 0.0
        for q in 0..<x.columns {
            let t = x[i, q] - centers[j, q]
            s += t * t
        }
        return s.squareRoot()
    }
}

/// What ``Segmentation/run(_:_:progress:)`` produced.
public struct SegmentationResult: Sendable {
    /// The model to save (`model.json`).
    public let model: SegmentationModel
    /// Each row's segment, 0 the largest.
    public let labels: [Int32]
    /// Each row's distance to its segment's center and its confidence.
    public let assignments: [Assignment]
    /// The prepared features (n × d) the segments were found in.
    public let features: Matrix<Double>
    public let featureNames: [String]
    /// The choice of k, when a range was given.
    public let chooseK: ChooseKResult?
    /// The tree, for Ward and the hybrid (leaves are micro-clusters for the hybrid).
    public let dendrogram: Dendrogram?
    /// The typing tool with its question curve and hold-out measurement, when built.
    public let typingTool: DeliveredTypingTool?
    /// Each customer's own tier and channel under the configured rules, when targeting ran.
    public let customerTargets: CustomerTargets?
    public let warnings: [String]
    /// The wall time of each stage of the run, in the order they ran (``Segmentation/Progress``):
    /// preparing, the choice of k's stages when a range was given, the final fit, profiling, the
    /// typing tool when built, and targeting.
    public let stageTimes: [StageTime]
}

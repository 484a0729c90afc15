import ArgumentParser
import Foundation
import PersonasClustering
import PersonasData
import PersonasFiles
import PersonasNumerics

extension KMeansCommand {
    /// Mini-batch k-means (``MiniBatchKMeans/fit(_:epochs:batchSize:)``, then its labelling pass):
    /// a `.npy` is streamed from disk in `--batch-size` blocks, so memory stays at one batch; a CSV
    /// is prepared in memory and fed in the same blocks. Returns the summary to print once the
    /// folder is in place.
    func miniBatch<S: BLASScalar>(_: S.Type, _ inputURL: URL, into folder: URL) throws -> () throws -> Void {
        let isNPY = inputURL.pathExtension.lowercased() == "npy"
        if isNPY {
            try survey.refuseMatrix(inputURL)
            // One batch is all a .npy run holds; a --batch-size beyond the rows reads the whole file at once.
            let (rows, columns) = try NPY.matrixSize(of: inputURL)
            try MemoryBudget.require(MemoryBudget.product(min(batchSize, rows), columns, MemoryLayout<S>.size),
                                     for: "mini-batch k-means in batches of \(Format.count(min(batchSize, rows))) rows × "
                                         + "\(columns) features", kind: .miniBatch)
        }
        let loaded: FeatureInput<S>? = isNPY
            ? nil : try FeatureInput<S>.load(inputURL, columns: columns, scaling: scale.scaling, input: input,
                                           rowCentering: survey)
        for warning in loaded?.warnings ?? [] { Terminal.warn(warning) }
        let batches: any RowBatches<S> = try loaded?.matrix ?? NPYRowBatches(url: inputURL, as: S.self)

        let start = ContinuousClock.now
        var clusterer = MiniBatchKMeans<S>(k: k, seed: seed.seed)
        try clusterer.fit(batches, epochs: epochs, batchSize: batchSize)
        let seconds = (ContinuousClock.now - start) / .seconds(1)
        guard let centers = clusterer.centers else { throw ValidationError("\(file) has no rows") }

        let protected = [inputURL]
        let featureNames = loaded?.featureNames ?? (0..<centers.columns).map { "x\($0)" }
        var centerFile = CSVWriter(file: try AtomicFileWriter(destination: folder.appendingPathComponent(OutputFileName.centers),
                                                              protectedInputs: protected))
        try centerFile.writeRow(["segment"] + featureNames)
        for j in 0..<k { try centerFile.writeRow([String(j)] + (0..<centers.columns).map { "\(centers[j, $0])" }) }
        try centerFile.finish()

        // A final streaming pass labels every row and measures the inertia exactly.
        var labelFile = try LabelsFile(file: AtomicFileWriter(destination: folder.appendingPathComponent(OutputFileName.labels),
                                                              protectedInputs: protected),
                                       identifierName: loaded?.identifierName, identifiers: loaded?.identifiers)
        let labelled = try clusterer.label(batches, batchSize: batchSize) { first, labels in
            for (offset, label) in labels.enumerated() { try labelFile.append(row: first + offset, labels: [label]) }
        }
        let row = labelled.rows, inertia = labelled.inertia, sizes = labelled.sizes
        try labelFile.finish()

        let summary = KMeansSummary(
            input: file, rows: row, features: centers.columns, k: k, precision: S.numpyName, inertia: inertia,
            iterations: clusterer.batchInertia.count, converged: true, inertiaHistory: clusterer.batchInertia,
            restarts: [], restartAgreement: 1, segmentSizes: sizes, fitSeconds: seconds,
            threads: ParallelFor.threadCount, blasCore: BLASRuntime.checkCore().coreName,
            distanceKernels: distanceKernelInstructionSet, seed: seed.seed)
        try summary.write(to: folder.appendingPathComponent(OutputFileName.summary), protectedInputs: protected)
        return { try format.print(summary) {
            ["mini-batch k-means: \(Format.count(row)) rows × \(centers.columns) features, k = \(k), "
             + "\(epochs) epochs of \(Format.count(batchSize))-row batches in \(Format.seconds(seconds)); "
             + "inertia \(Format.number(inertia)); wrote \(out)/"]
        } }
    }
}

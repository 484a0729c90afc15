import ArgumentParser
import Foundation
import PersonasData
import PersonasClustering
import PersonasNumerics
import PersonasSegmentation

/// A feature matrix loaded for an algorithm: a `.npy` as it is, or a CSV through a fitted
/// preparation (identifiers kept aside to label the output rows), in the precision asked for.
struct FeatureInput<Scalar: BLASScalar> {
    var matrix: Matrix<Scalar>
    var featureNames: [String]
    var identifiers: [String]?
    var identifierName: String?
    var warnings: [String]
    /// The survey weight of each row (`--weight`, or the schema's weight role), or nil.
    var weights: [Double]? = nil
    /// The name of the weight column, when there are weights.
    var weightColumn: String? = nil
    /// The table's columns as a latent class model's items, a missing cell left missing (when
    /// asked for).
    var latentClassItems: LatentClassData? = nil

    /// Loads the features, refusing up front (``MemoryBudget``) when the matrix and
    /// `workingBytes(rows, features)` (what the algorithm adds) would not fit.
    /// `rowCentering` adds the batteries centred within respondents (`--center-rows`), for a CSV;
    /// `weight` reads the survey weights (`--weight`, else the schema's weight role), for a CSV.
    static func load(_ url: URL, columns: ColumnListOptions, scaling: PreparationSpec.Scaling, input: InputOptions,
                     rowCentering: RowCenteringOption? = nil, weight: WeightOption? = nil, task: String = "the run",
                     workingBytes: (Int, Int) -> Int = { _, _ in 0 },
                     latentClassItems: Bool = false) throws -> FeatureInput {
        let scalarBytes = MemoryLayout<Scalar>.size
        if url.pathExtension.lowercased() == "npy" {
            try rowCentering?.refuseMatrix(url)
            if latentClassItems {
                throw ValidationError("--method latent-class reads a CSV table's columns as items (levels, numbers, "
                                      + "missing cells); a .npy matrix has none")
            }
            if weight?.weight != nil {
                throw CommandFailure("\(url.lastPathComponent): --weight names a column, which a .npy matrix does not have; "
                                     + "give the table as a CSV")
            }
            // The header's sizes are checked (dtype, shape, file length) before any arithmetic on them.
            let (rows, features) = try NPY.matrixSize(of: url)
            try MemoryBudget.require(MemoryBudget.sum(MemoryBudget.product(rows, features, scalarBytes),
                                                      workingBytes(rows, features)),
                                     for: "\(task) on \(Format.count(rows)) rows × \(features) features", kind: .featureMatrix)
            let matrix = try NPY.readMatrix(from: url, as: Scalar.self)
            return FeatureInput(matrix: matrix, featureNames: (0..<matrix.columns).map { "x\($0)" }, identifiers: nil,
                                identifierName: nil, warnings: [])
        }
        var table = try input.readTable(url.path)
        // The weight column takes its role first, so it is never a feature.
        let weights = try weight?.apply(to: &table)
        try columns.check(table)
        var spec = columns.preparation(scaling: scaling)
        spec.rowCentering = try rowCentering?.centerings(in: table) ?? []
        let preparation = try Preparation.fit(table, spec: spec)
        let rows = table.rowCount, features = preparation.outputNames.count
        // The preparation writes doubles, converted afterwards for Float: both live for a moment.
        let matrixBytes = MemoryBudget.product(rows, features, 8 + (scalarBytes == 8 ? 0 : scalarBytes))
        // The table is already in memory (and so out of what is available): only what comes next counts.
        try MemoryBudget.require(MemoryBudget.sum(matrixBytes, workingBytes(rows, features)),
                                 for: "\(task) on \(Format.count(rows)) rows × \(features) features", kind: .featureMatrix)
        let output = try preparation.apply(table, as: Scalar.self)
        let id = table.identifierColumn
        return FeatureInput(
            matrix: output.matrix, featureNames: preparation.outputNames,
            identifiers: id.map { column in (0..<table.rowCount).map { column.text(atRow: $0) } },
            identifierName: id?.name, warnings: table.warnings + preparation.warnings + output.warnings, weights: weights,
            weightColumn: weights == nil ? nil : table.weightColumn?.name,
            latentClassItems: latentClassItems ? try Segmentation.latentClassItems(table, preparation: preparation) : nil)
    }
}

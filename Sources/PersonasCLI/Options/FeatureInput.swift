import Foundation
import PersonasData
import PersonasNumerics

/// A feature matrix loaded for an algorithm: a `.npy` as it is, or a CSV through a fitted
/// preparation (identifiers kept aside to label the output rows), in the precision asked for.
struct FeatureInput<Scalar: BLASScalar> {
    var matrix: Matrix<Scalar>
    var featureNames: [String]
    var identifiers: [String]?
    var identifierName: String?
    var warnings: [String]

    static func load(_ url: URL, columns: [String], scaling: PreparationSpec.Scaling, input: InputOptions) throws -> FeatureInput {
        if url.pathExtension.lowercased() == "npy" {
            let matrix = try NPY.readMatrix(from: url, as: Scalar.self)
            return FeatureInput(matrix: matrix, featureNames: (0..<matrix.columns).map { "x\($0)" }, identifiers: nil,
                                identifierName: nil, warnings: [])
        }
        let table = try input.readTable(url.path)
        let spec = PreparationSpec(features: columns.isEmpty ? nil : columns, scaling: scaling)
        let preparation = try Preparation.fit(table, spec: spec)
        let output = try preparation.apply(table, as: Scalar.self)
        let id = table.identifierColumn
        return FeatureInput(
            matrix: output.matrix, featureNames: preparation.outputNames,
            identifiers: id.map { column in (0..<table.rowCount).map { column.text(atRow: $0) } },
            identifierName: id?.name, warnings: table.warnings + preparation.warnings + output.warnings)
    }
}

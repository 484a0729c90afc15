import PersonasClustering
import PersonasData
import PersonasNumerics

/// A latent class model's items, read from a table through the saved preparation
/// (`Preparation.answers(of:)`), and its assignments.
///
/// Each prepared column is one item, in the preparation's order: a categorical column's kept
/// levels and its pooled `other` (a level the model never kept scores as `other`), an ordinal
/// column's levels (unordered, as in poLCA's and Latent GOLD's basic model: declare a 1–5
/// attitude item `ordinal` in the schema to make it categorical), a boolean's two values; a
/// number's standardised value (the features' scale: the variance floor is then relative to
/// the column's spread, and the classes' means read as the other methods' centers do). A missing
/// cell stays missing: the model leaves it out of the row's likelihood.
extension SegmentationModel {
    /// The items' kinds a preparation gives.
    static func latentClassKinds(_ preparation: Preparation) -> [LatentClassItem.Kind] {
        preparation.answerLevels.map { $0.map { .categorical(levels: $0) } ?? .continuous }
    }

    /// The items of `table` under `preparation`.
    /// - Throws: `DataError` for a table the preparation refuses; ``SegmentationError`` for a
    ///   categorical column left with one level (it tells no class from another).
    static func latentClassData(_ table: DataTable, preparation: Preparation, weights: [Double]? = nil) throws -> LatentClassData {
        let answers = try preparation.answers(of: table)
        let items = zip(preparation.columns, answers).map { column, answers -> (String, LatentClassItem) in
            switch answers {
            case .levels(let codes, let count): (column.name, .categorical(codes: codes, levels: count))
            case .values(let values): (column.name, .continuous(values))
            }
        }
        if let (name, _) = items.first(where: { if case .categorical(_, let levels) = $0.1 { levels < 2 } else { false } }) {
            throw SegmentationError(.invalidConfiguration, "\(table.source): column \"\(name)\" keeps one level, which tells "
                                    + "no latent class from another; leave it out of the features")
        }
        do {
            return try LatentClassData(items: items.map(\.1), weights: weights)
        } catch {
            let names = items.map { "\"\($0.0)\"" }.joined(separator: ", ")
            throw SegmentationError(.invalidConfiguration, "\(table.source): the latent class items (the columns \(names), "
                                    + "in that order): \(error.description)")
        }
    }

    /// Each row's most probable class under `latentClass` (the first on ties, as the fit labelled
    /// its training rows) with its probability, and its distance to its segment's center in the
    /// prepared features `x`.
    static func assignments(_ x: Matrix<Double>, latentClass: LatentClassParameters, items: LatentClassData,
                            centers: Matrix<Double>) throws -> [Assignment] {
        let labels = try latentClass.predict(items), probabilities = try latentClass.predictProba(items)
        var rows = assignments(x, labels: labels, centers: centers)
        for i in rows.indices { rows[i].probability = probabilities[i, Int(labels[i])] }
        return rows
    }

    /// Checks a saved latent class model against the model's segments and preparation: one class
    /// per segment, one item per prepared column of the same kind, weights and level
    /// probabilities that are distributions, finite means and usable variances.
    func validateLatentClass(_ latentClass: LatentClassParameters) throws {
        func fail(_ problem: String) -> SegmentationError {
            SegmentationError(.unreadableModel, "the model is inconsistent: \(problem)")
        }
        guard formatVersion >= 2 else { throw fail("a format \(formatVersion) model holds a latent class model (format 2 and later)") }
        guard latentClass.k == k else { throw fail("a latent class model of \(latentClass.k) classes for \(k) segments") }
        guard latentClass.kinds == Self.latentClassKinds(preparation) else {
            throw fail("the latent class model's items do not match the preparation's columns and levels")
        }
        func isDistribution(_ values: ArraySlice<Double>) -> Bool {
            values.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= 1 } && abs(values.reduce(0, +) - 1) <= 1e-8
        }
        guard isDistribution(latentClass.weights[...]) else { throw fail("the latent class weights do not sum to 1") }
        for (column, item) in zip(preparation.columns, latentClass.items) {
            let usable: Bool = switch item {
            case .categorical(let probabilities): (0..<k).allSatisfy { isDistribution(probabilities.row($0)) }
            case .continuous(let means, let variances):
                means.allSatisfy(\.isFinite) && variances.allSatisfy { $0 > 0 && $0.isFinite && (0.5 / $0).isFinite }
            }
            guard usable else { throw fail("the latent class parameters of column \"\(column.name)\" are not usable") }
        }
    }
}

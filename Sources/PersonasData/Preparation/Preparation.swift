import Foundation
import PersonasNumerics

/// A fitted feature preparation: the recorded pipeline that turns a customer table into the
/// clustering matrix, and turns next year's table into the same features.
///
/// Steps, per column: impute → encode (ordinal rank or one-hot with rare levels pooled) → scale
/// → weight; then optionally principal components over all features. Every learned number is
/// stored, so ``apply(_:)`` on the fitting table reproduces the fitted matrix bit for bit, before
/// and after a JSON round trip. Identifiers and free text never become features.
public struct Preparation: Codable, Sendable {
    /// The JSON format version.
    public static let formatVersion = 1

    public var formatVersion: Int
    /// The choices this was fitted with.
    public var spec: PreparationSpec
    /// The fitted transformation of each input column, in feature order.
    public var columns: [PreparedColumn]
    /// Principal axes over the features, when the spec asked for a reduction.
    public var pca: PrincipalComponents<Double>?
    /// Eligible columns left out, with the reason.
    public var droppedColumns: [DroppedColumn]
    /// What fitting decided that the analyst should know.
    public var warnings: [String]

    /// Feature names before any PCA ("rx_volume", "specialty=Oncology", …).
    public var featureNames: [String] { columns.flatMap(\.featureNames) }

    /// Names of the output matrix columns: the features, or "PC1", "PC2", … after PCA.
    public var outputNames: [String] {
        if let pca { return (1...Swift.max(pca.components.rows, 1)).prefix(pca.components.rows).map { "PC\($0)" } }
        return featureNames
    }

    /// A schema declaring every input column's type, for reading a new file exactly as the fitting
    /// file was read (so inference cannot drift between years).
    public var inputSchema: Schema {
        Schema(columns: columns.map { column in
            var declared = ColumnSchema(name: column.name, type: column.type)
            if case .ordinal(let levels, _, _, _) = column.encoding { declared.levels = levels }
            return declared
        })
    }

    // MARK: Fitting

    /// Fits the spec to `table`.
    /// - Throws: ``DataError`` naming the column when a feature cannot be prepared (an identifier
    ///   or free text asked for, an unknown column, a non-finite value with its line, a bad weight).
    public static func fit(_ table: DataTable, spec: PreparationSpec = PreparationSpec()) throws(DataError) -> Preparation {
        func fail(_ message: String, column: String? = nil) -> DataError {
            DataError(file: table.source, columnName: column, kind: .preparation(message))
        }
        guard spec.rareLevelShare >= 0 && spec.rareLevelShare < 1 else {
            throw fail("rare-level share must be in [0, 1), got \(spec.rareLevelShare)")
        }
        guard spec.minimumLevelCount >= 1 else {
            throw fail("the minimum number of customers holding a level must be at least 1, got \(spec.minimumLevelCount)")
        }
        guard spec.maxLevels >= 1 else { throw fail("at most \(spec.maxLevels) levels per column leaves nothing to encode") }
        guard table.rowCount >= 2 else {
            throw fail("the table has \(table.rowCount == 1 ? "only one row" : "no rows"); fitting a preparation needs at "
                       + "least two customers (fill values and scales come from the spread of the rows)")
        }
        for (name, weight) in spec.weights.sorted(by: { $0.key < $1.key }) {
            guard table[name] != nil else { throw fail("a weight is given for \"\(name)\", which is not a column", column: name) }
            guard weight.isFinite && weight >= 0 else { throw fail("weight \(weight) must be a finite number ≥ 0", column: name) }
        }

        let selected = try selectColumns(table, spec: spec)
        for name in spec.transforms.keys.sorted() {
            guard let column = table[name] else {
                throw DataError(file: table.source, columnName: name,
                                kind: .unknownColumn(role: nil, columns: table.columns.map(\.name)))
            }
            guard selected.contains(where: { $0.name == name }) else {
                let why = column.role == .feature ? "it is excluded or not among the columns asked for" : "its role is \(column.role.rawValue)"
                throw fail("a transform is given for this column, which is not a feature (\(why))", column: name)
            }
        }
        for centering in spec.rowCentering {
            for name in centering.columns where (spec.transforms[name] ?? table[name]?.transform) != nil {
                throw DataError(file: table.source, columnName: name, kind: .battery(
                    "is an item of battery \"\(centering.battery)\", which is centred within respondents, and cannot "
                    + "also be transformed; leave the item untransformed or the battery uncentred"))
            }
        }
        // Centred items are fitted as the deviations from each respondent's mean.
        let centered = try RowCentering.apply(spec.rowCentering, to: table)
        var prepared: [PreparedColumn] = []
        var dropped: [DroppedColumn] = []
        var warnings: [String] = []
        for column in selected.map({ centered[$0.name] ?? $0 }) {
            let weight = spec.weights[column.name] ?? 1
            let transform = spec.transforms[column.name] ?? column.transform
            switch try ColumnFitter.fit(column, table: table, spec: spec, weight: weight, transform: transform) {
            case .prepared(let result, let note):
                prepared.append(result)
                if let note { warnings.append(note) }
            case .dropped(let reason):
                dropped.append(DroppedColumn(name: column.name, reason: reason))
                warnings.append("column \"\(column.name)\" is not used: \(reason)")
            }
        }
        guard !prepared.isEmpty else {
            throw fail(noFeatureMessage(table, spec: spec, dropped: dropped))
        }
        try RowCentering.check(spec.rowCentering, columns: prepared) { message, column in
            let reason = dropped.first { $0.name == column }.map { " (it is not used: \($0.reason))" } ?? ""
            return DataError(file: table.source, field: column.flatMap(table.columnIndex(named:)).map { $0 + 1 },
                             columnName: column, kind: .battery(message + reason))
        }

        var preparation = Preparation(formatVersion: formatVersion, spec: spec, columns: prepared, pca: nil,
                                      droppedColumns: dropped, warnings: warnings)
        if spec.pca != .none {
            // The features (n × d) and the covariance's d × d matrices: refused before either exists.
            let d = preparation.featureNames.count
            do {
                try MemoryBudget.require(
                    MemoryBudget.sum(MemoryBudget.product(table.rowCount, d, MemoryLayout<Double>.stride),
                                     PrincipalComponents<Double>.estimatedWorkingBytes(rows: table.rowCount, columns: d)),
                    for: "principal components of \(table.rowCount) rows × \(d) features", kind: .principalComponents)
            } catch {
                throw fail(error.description)
            }
            let features = try preparation.features(of: table).matrix
            let keep: PrincipalComponents<Double>.Keep
            switch spec.pca {
            case .none: keep = .all
            case .components(let count):
                guard count >= 1 else { throw fail("PCA needs at least one component, got \(count)") }
                keep = .count(count)
            case .varianceFraction(let fraction):
                guard fraction > 0 && fraction <= 1 else { throw fail("PCA variance fraction must be in (0, 1], got \(fraction)") }
                keep = .varianceFraction(fraction)
            }
            let pca: PrincipalComponents<Double>
            do {
                pca = try PrincipalComponents.fit(features, keeping: keep)
            } catch {
                throw fail("principal components failed: \(error)")
            }
            guard pca.components.elements.allSatisfy(\.isFinite) && pca.explainedVariance.allSatisfy(\.isFinite) else {
                throw fail("principal components failed: the features' covariance overflows; scale the features "
                           + "(their values are near the floating-point limits)")
            }
            preparation.pca = pca
        }
        return preparation
    }

    /// The refusal of a table left with no feature: every column, and why it was left out.
    private static func noFeatureMessage(_ table: DataTable, spec: PreparationSpec, dropped: [DroppedColumn]) -> String {
        let droppedReason = Dictionary(dropped.map { ($0.name, $0.reason) }, uniquingKeysWith: { a, _ in a })
        let reasons = table.columns.map { column -> String in
            let reason: String
            if let why = droppedReason[column.name] {
                reason = why
            } else if column.type == .identifier || column.role == .identifier {
                reason = "the customer identifier"
            } else if column.type == .text {
                reason = "free text"
            } else if column.role == .value || column.role == .potential {
                reason = "the \(column.role.rawValue) measure, never a feature"
            } else if column.role == .weight {
                reason = "the survey weight, never a feature"
            } else if column.role != .feature {
                reason = "its role is \(column.role.rawValue)"
            } else if spec.exclude.contains(column.name) {
                reason = "excluded"
            } else {
                reason = "not among the columns asked for"
            }
            return "\"\(column.name)\": \(reason)"
        }
        return "no column can be a feature, so there is nothing to segment on (" + reasons.joined(separator: "; ")
            + "); give columns that describe and vary between customers"
    }

    private static func selectColumns(_ table: DataTable, spec: PreparationSpec) throws(DataError) -> [Column] {
        func fail(_ message: String, column: String) -> DataError {
            DataError(file: table.source, columnName: column, kind: .preparation(message))
        }
        guard let names = spec.features else {
            return table.columns.filter {
                $0.role == .feature && $0.reasonItIsNeverAFeature == nil && !spec.exclude.contains($0.name)
            }
        }
        var chosen: [Column] = []
        for name in names {
            guard let column = table[name] else {
                throw DataError(file: table.source, columnName: name,
                                kind: .unknownColumn(role: nil, columns: table.columns.map(\.name)))
            }
            if let reason = column.reasonItIsNeverAFeature { throw fail(reason, column: name) }
            chosen.append(column)
        }
        return chosen
    }

    // MARK: Applying

    /// The prepared matrix of a table and what applying it noticed.
    public struct Output: Sendable {
        /// n × p, row-major, in ``Preparation/outputNames`` order.
        public var matrix: Matrix<Double>
        public var warnings: [String]
    }

    /// Applies the fitted pipeline to `table` (the fitting table or a new one).
    /// - Throws: ``DataError`` for a missing or retyped column, a non-finite value (with its line),
    ///   or an unseen level under the ``PreparationSpec/UnseenLevelPolicy/error`` policy.
    /// - Throws: also when the prepared values are so large or so small that squared distances
    ///   between customers overflow or vanish (`DistanceRange`; `scaling: .none` on values near
    ///   the floating-point limits), naming the column.
    public func apply(_ table: DataTable) throws(DataError) -> Output {
        var output = try features(of: table)
        if let pca {
            output.matrix = pca.transform(output.matrix)
            if let bad = output.matrix.firstNonFinite {
                throw DataError(file: table.source, line: table.line(ofRow: bad.row), kind: .preparation(
                    "the principal components overflow on this row; check its values, which lie far outside "
                    + "those the preparation was fitted on"))
            }
        }
        if let problem = DistanceRange.problem(in: output.matrix) {
            let name = sourceColumn(ofOutput: problem.column)
            throw DataError(file: table.source, field: table.columnIndex(named: name).map { $0 + 1 }, columnName: name,
                            kind: .distanceRange(problem))
        }
        return output
    }

    /// The input column behind output column `index` (the principal component's name after PCA).
    private func sourceColumn(ofOutput index: Int) -> String {
        if pca != nil { return outputNames[index] }
        var offset = 0
        for column in columns {
            offset += column.featureCount
            if index < offset { return column.name }
        }
        return outputNames[index]
    }

    /// The same, converted to `Float` or `Double`.
    public func apply<Scalar: BLASScalar>(_ table: DataTable, as _: Scalar.Type) throws(DataError) -> (matrix: Matrix<Scalar>, warnings: [String]) {
        let output = try apply(table)
        if let same = output.matrix as? Matrix<Scalar> { return (same, output.warnings) }
        return (Matrix<Scalar>(converting: output.matrix), output.warnings)
    }

    func features(of table: DataTable) throws(DataError) -> Output {
        let table = try RowCentering.apply(spec.rowCentering, to: table)
        let n = table.rowCount
        let p = columns.reduce(0) { $0 + $1.featureCount }
        var warnings: [String] = []
        var matrix = Matrix<Double>(rows: n, columns: p)
        var offset = 0
        for prepared in columns {
            guard let column = table[prepared.name] else {
                throw DataError(file: table.source, columnName: prepared.name, kind: .preparation(
                    "the model needs this column, but the file has no column of that name"))
            }
            try ColumnEncoder.write(prepared, column: column, table: table, into: &matrix, at: offset,
                                    policy: spec.unseenLevels, warnings: &warnings)
            offset += prepared.featureCount
        }
        return Output(matrix: matrix, warnings: warnings)
    }

    // MARK: Saving

    /// Pretty-printed JSON with sorted keys; numbers round-trip exactly.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Decodes and checks a saved preparation.
    public static func decode(_ data: Data, name: String) throws(DataError) -> Preparation {
        func fail(_ message: String) -> DataError { DataError(file: name, kind: .preparation(message)) }
        let preparation: Preparation
        do {
            preparation = try JSONDecoder().decode(Preparation.self, from: data)
        } catch {
            throw fail("not a valid saved preparation: \(JSONDiagnostics.describe(error, in: data))")
        }
        try preparation.validate(source: name)
        return preparation
    }

    /// Checks a preparation read from a file (on its own or inside a saved model), so that applying
    /// it can index without checks: this format version, column names and levels distinct, each
    /// encoding matching its column's type, every stored number finite, the principal components
    /// matching the features.
    /// - Throws: ``DataError`` naming `name` and the first inconsistency.
    public func validate(source name: String) throws(DataError) {
        func fail(_ message: String) -> DataError { DataError(file: name, kind: .preparation(message)) }
        guard formatVersion == Preparation.formatVersion else {
            throw fail("saved with format version \(formatVersion); this version reads \(Preparation.formatVersion)")
        }
        var names = Set<String>()
        for column in columns {
            guard names.insert(column.name).inserted else { throw fail("column \"\(column.name)\" appears twice") }
            guard column.weight.isFinite && column.weight >= 0 else { throw fail("column \"\(column.name)\" has weight \(column.weight)") }
            guard column.encoding.accepts(column.type) else {
                throw fail("column \"\(column.name)\" is \(column.type.rawValue), which its \(column.encoding.name) encoding does not take")
            }
            if let transform = column.transform {
                guard case .scaled = column.encoding, ColumnTransform.canTransform(column.type) else {
                    throw fail("column \"\(column.name)\" is \(column.type.rawValue), which its \(transform.rawValue) transform does not take")
                }
            }
            switch column.encoding {
            case .scaled(let fill, let center, let scale):
                guard fill.isFinite && center.isFinite && scale.isFinite && scale > 0 else {
                    throw fail("column \"\(column.name)\" has an invalid fill, center or scale")
                }
            case .ordinal(let levels, let fill, let center, let scale):
                guard fill.isFinite && center.isFinite && scale.isFinite && scale > 0 else {
                    throw fail("column \"\(column.name)\" has an invalid fill, center or scale")
                }
                guard !levels.isEmpty && Set(levels).count == levels.count else {
                    throw fail("column \"\(column.name)\" needs distinct ordinal levels")
                }
            case .oneHot(let levels, let other, let fill):
                guard !levels.isEmpty || other != nil else { throw fail("column \"\(column.name)\" has no levels") }
                guard Set(levels).count == levels.count else { throw fail("column \"\(column.name)\" lists a level twice") }
                if let other {
                    guard other.count >= 1, other.share.map({ $0 >= 0 && $0 <= 1 }) ?? true else {
                        throw fail("column \"\(column.name)\" has an invalid count or share of pooled levels")
                    }
                }
                if let fill, !levels.contains(fill) { throw fail("column \"\(column.name)\" fills with an unknown level") }
            }
        }
        try RowCentering.check(spec.rowCentering, columns: columns) { message, column in
            fail((column.map { "column \"\($0)\" " } ?? "") + message)
        }
        if let pca {
            let p = columns.reduce(0) { $0 + $1.featureCount }
            guard pca.mean.count == p, pca.components.columns == p, pca.components.rows >= 1,
                  pca.explainedVariance.count == pca.components.rows, pca.explainedVarianceRatio.count == pca.components.rows
            else { throw fail("the principal components do not match the \(p) features") }
            guard pca.mean.allSatisfy(\.isFinite) && pca.components.elements.allSatisfy(\.isFinite) else {
                throw fail("the principal components hold non-finite numbers")
            }
        }
    }
}

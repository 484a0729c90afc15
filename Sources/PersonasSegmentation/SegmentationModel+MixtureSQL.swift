import Foundation
import PersonasClustering
import PersonasData

extension SegmentationModel {
    /// The columns of each segment's weighted log-density, `log_density_0` …
    static func logDensityColumns(_ k: Int, _ dialect: SQLDialect) -> [String] {
        (0..<k).map { dialect.identifier("log_density_\($0)") }
    }

    /// The common tables that score a Gaussian mixture's segments over the prepared features of
    /// `source` (a common table with the prepared features, or their principal components, named
    /// `coordinates`):
    /// `projections`, each segment's `z_j_c`, the c-th coordinate of `(x − s − m_j)·U_j` (U_j its
    /// upper triangular precision Cholesky factor, so the sum runs over r ≤ c: for full and tied
    /// covariances `Σ_r (x_r − s_r)·U_j[r,c] − (m_j·U_j)_c`, the library's order; for diagonal and
    /// spherical ones `((x_c − s_c) − m_jc)·u_jc`), beside the `distances` items; then
    /// `densities`, each segment's `ln w_j + ln N_j(x) = ln w_j + c_j − ½·Σ_c z_j_c²`
    /// (``GaussianMixtureParameters/logNormalisingConstants``). `carried` columns pass through.
    func mixtureSQL(_ mixture: GaussianMixtureParameters, source: String, coordinates names: [String], carried: [String],
                    distances: [String], dialect: SQLDialect) -> String {
        func list(_ items: [String]) -> String { items.joined(separator: ",\n    ") }
        let k = mixture.k, d = mixture.features
        let coordinates = names.map(dialect.identifier)
        let m = mixture.shiftedMeans
        let shifted = (0..<d).map { "(\(coordinates[$0]) - \(SQLText.double(mixture.shift[$0])))" }
        func z(_ j: Int, _ c: Int) -> String { dialect.identifier("z_\(j)_\(c)") }
        var projections: [String] = []
        for j in 0..<k {
            let u = mixture.precisionCholeskyFactor(ofComponent: j)
            for c in 0..<d {
                let expression: String
                switch mixture.covarianceType {
                case .full, .tied:
                    let offset = (0..<d).reduce(0.0) { $0 + m[j, $1] * u[$1, c] }
                    let terms = (0...c).map { r in "\(shifted[r]) * \(SQLText.double(u[r, c]))" }
                    expression = "(\(terms.joined(separator: "\n      + "))) - \(SQLText.double(offset))"
                case .diagonal, .spherical:
                    expression = "(\(shifted[c]) - \(SQLText.double(m[j, c]))) * \(SQLText.double(u[c, c]))"
                }
                projections.append("\(expression) AS \(z(j, c))")
            }
        }
        let constants = mixture.logNormalisingConstants
        let densities = Self.logDensityColumns(k, dialect)
        let densityItems = (0..<k).map { j in
            let squares = (0..<d).map { "\(z(j, $0)) * \(z(j, $0))" }.joined(separator: "\n      + ")
            return "\(SQLText.double(log(mixture.weights[j]) + constants[j])) - 0.5 * (\(squares)) AS \(densities[j])"
        }
        let distanceNames = (0..<k).map { dialect.identifier("distance2_\($0)") }
        return """
            \(dialect.commonTable("projections")) (
              SELECT
                \(list(carried + distances + projections))
              FROM \(source)
            ),
            \(dialect.commonTable("densities")) (
              SELECT
                \(list(carried + distanceNames + densityItems))
              FROM projections
            ),

            """
    }
}

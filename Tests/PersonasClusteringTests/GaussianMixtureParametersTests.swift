import Foundation
@testable import PersonasClustering
import PersonasNumerics
import Testing

/// Issue 23 (CLI and pipeline): a fitted mixture as a file keeps it scores rows exactly as the
/// fit did, for every covariance type, and survives JSON.
@Suite("Gaussian mixture parameters as saved")
struct GaussianMixtureParametersTests {
    // Fails on main before this change: there is no saved form of a mixture to score with.
    @Test("Saved, written as JSON and read back, the parameters give the fit's labels bit for bit and its probabilities",
          arguments: GaussianMixtureConfiguration.CovarianceType.allCases)
    func roundTrip(type: GaussianMixtureConfiguration.CovarianceType) throws {
        let x: Matrix<Double> = blobs(n: 900, d: 4, k: 3, spread: 2.5, seed: 7)
        let model = try GaussianMixture.fit(x, GaussianMixtureConfiguration(k: 3, covarianceType: type, restarts: 2, seed: 1))
        let saved = try JSONDecoder().decode(GaussianMixtureParameters.self,
                                             from: JSONEncoder().encode(model.savedParameters))
        #expect(saved == model.savedParameters)
        try saved.validate()
        #expect(try saved.predict(x) == model.labels)
        #expect(try saved.predictProba(x) == model.predictProba(x))
        #expect(saved.means == model.means)
        // A renumbering keeps every row's component (new component i is old order[i]); dropping one
        // shares its weight out.
        let order = [2, 0, 1]
        let renumbered = saved.selectingComponents(order)
        #expect(try renumbered.predict(x).map { order[Int($0)] } == model.labels.map { Int($0) })
        let fewer = saved.selectingComponents([0, 1])
        #expect(abs(fewer.weights.reduce(0, +) - 1) < 1e-15 && fewer.k == 2)
        #expect(try fewer.predict(x).allSatisfy { $0 < 2 })
    }

    // Fails on main before this change: there is no check of a saved mixture.
    @Test("A damaged mixture is refused by validate with what is wrong")
    func damaged() throws {
        let x: Matrix<Double> = blobs(n: 300, d: 2, k: 2, seed: 3)
        let saved = try GaussianMixture.fit(x, GaussianMixtureConfiguration(k: 2, covarianceType: .full)).savedParameters
        var wrongShape = saved
        wrongShape.precisionsCholesky.removeLast()
        #expect(throws: ClusteringError.self) { try wrongShape.validate() }
        var badWeights = saved
        badWeights.weights = [0.7, 0.7]
        #expect(throws: ClusteringError.self) { try badWeights.validate() }
        var negative = saved
        negative.precisionsCholesky[0] = -1
        #expect(throws: ClusteringError.self) { try negative.validate() }
    }
}

import PersonasClustering
import PersonasNumerics
import Testing

/// Issue 18, part 5 (one kmeans|ward|hybrid enum): fails on main before this change, where
/// `choose-k` and the segmentation configuration each declared the three methods and their
/// segmenters (no `SegmentationMethod`: a compile error).
@Suite("Segmentation methods")
struct SegmentationMethodTests {
    @Test("the methods keep their names and map to their segmenters")
    func methods() {
        #expect(SegmentationMethod.allCases.map(\.rawValue) == ["kmeans", "ward", "hybrid", "gmm", "latent-class"])
        #expect(SegmentationMethod.allCases.map { $0.segmenter().name }
                == ["k-means", "Ward", "hybrid Ward", "Gaussian mixture (diagonal)", "latent class"])
        #expect(SegmentationMethod.allCases.map(\.isModelBased) == [false, false, false, true, true])
    }

    // Issue 23 (CLI and pipeline): fails on main before this change, where there is no latent class method.
    @Test("latent-class's segmenter without its items refuses to run; with them it answers only for the rows it was given")
    func latentClassNeedsItems() throws {
        let x = Matrix(rows: 6, columns: 1, elements: [0, 0, 0, 1, 1, 1])
        #expect(throws: ClusteringError.self) { try SegmentationMethod.latentClass.segmenter().segment(x, k: 2, seed: 1) }
        let items = try LatentClassData(items: [.categorical(codes: [0, 0, 0, 1, 1, 1], levels: 2),
                                                .categorical(codes: [0, 0, -1, 1, 1, 1], levels: 2)])
        let segmenter = Segmenter.latentClass(items, fittedTo: x, restarts: 2)
        let fit = try #require(try segmenter.fitModel(x, k: 2, seed: 1))
        #expect(Set(fit.labels[0..<3]).count == 1 && Set(fit.labels[3...]).count == 1 && fit.labels[0] != fit.labels[3])
        #expect(fit.criteria.parameterCount == 5)
        #expect(throws: ClusteringError.self) { try segmenter.segment(Matrix(rows: 4, columns: 1, elements: [0, 0, 1, 1]), k: 2, seed: 1) }
    }
}

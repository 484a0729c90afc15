import PersonasClustering
import Testing

/// Issue 18, part 5 (one kmeans|ward|hybrid enum): fails on main before this change, where
/// `choose-k` and the segmentation configuration each declared the three methods and their
/// segmenters (no `SegmentationMethod`: a compile error).
@Suite("Segmentation methods")
struct SegmentationMethodTests {
    @Test("the three methods keep their names and map to their segmenters")
    func methods() {
        #expect(SegmentationMethod.allCases.map(\.rawValue) == ["kmeans", "ward", "hybrid"])
        #expect(SegmentationMethod.allCases.map { $0.segmenter().name } == ["k-means", "Ward", "hybrid Ward"])
    }
}

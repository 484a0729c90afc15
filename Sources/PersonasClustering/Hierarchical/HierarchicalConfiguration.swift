import Foundation

/// The parameters of an agglomerative clustering.
public struct HierarchicalConfiguration: Sendable {
    /// The linkage method (default Ward).
    public var method: LinkageMethod
    /// The dissimilarity between observations (default Euclidean). Ward, centroid and median are
    /// Euclidean by definition; with another metric they apply their Lance–Williams formula to
    /// that metric's distances, as SciPy does.
    public var metric: DistanceMetric
    /// A weight per observation (a row that stands for m customers counts m times): the cluster
    /// sizes of average, centroid and Ward, and the size column of the linkage matrix.
    public var sampleWeights: [Double]?
    /// The most memory the condensed matrix may take (complete, average and weighted linkage, or
    /// a non-Euclidean metric with Ward, centroid or median). Default: 70% of physical memory.
    public var memoryLimitBytes: Int

    public init(method: LinkageMethod = .ward, metric: DistanceMetric = .euclidean, sampleWeights: [Double]? = nil,
                memoryLimitBytes: Int? = nil) {
        self.method = method
        self.metric = metric
        self.sampleWeights = sampleWeights
        self.memoryLimitBytes = memoryLimitBytes ?? Int(Double(ProcessInfo.processInfo.physicalMemory) * 0.7)
    }

    /// Whether this method and metric run from the coordinates in O(n·d) memory, never building
    /// the n × n matrix: single linkage with any metric, and Ward, centroid and median with the
    /// Euclidean metric.
    public var runsFromCoordinates: Bool {
        method == .single || (method.isGeometric && metric == .euclidean)
    }
}

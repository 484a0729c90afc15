import PersonasNumerics

/// The stages of ``ChooseK/run(_:_:progress:)``, as its progress reports them and
/// ``ChooseKResult/stageTimes`` times them: each candidate k's segmenting and indices, then the gap
/// statistic and bootstrap stability, which cluster each reference set and each resample for every
/// k at once.
extension Stage {
    /// Segmenting one candidate k and computing its validity indices (use `Stage.at(k:)`).
    public static let segmentingAndIndices = Stage("segmenting_and_indices", title: "segmenting and indices")
    /// The gap statistic over every candidate k (its fraction: the reference sets clustered).
    public static let gapStatistic = Stage("gap_statistic", title: "gap statistic")
    /// Bootstrap stability over every candidate k, on resamples shared by every k (its fraction:
    /// the resamples clustered).
    public static let bootstrapStability = Stage("bootstrap_stability", title: "bootstrap stability")
}

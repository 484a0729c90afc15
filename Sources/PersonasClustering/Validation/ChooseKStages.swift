import PersonasNumerics

/// The stages of ``ChooseK/run(_:_:progress:)``, as its progress reports them and
/// ``ChooseKResult/stageTimes`` times them. Each is one candidate k's part of the work, except
/// the gap statistic, which clusters its reference sets for every k at once.
extension Stage {
    /// Segmenting one candidate k and computing its validity indices (use `Stage.at(k:)`).
    public static let segmentingAndIndices = Stage("segmenting_and_indices", title: "segmenting and indices")
    /// The gap statistic over every candidate k (its fraction: the reference sets clustered).
    public static let gapStatistic = Stage("gap_statistic", title: "gap statistic")
    /// One candidate k's bootstrap stability (use `Stage.at(k:)`; its fraction: the resamples
    /// clustered).
    public static let bootstrapStability = Stage("bootstrap_stability", title: "bootstrap stability")
}

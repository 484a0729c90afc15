import PersonasNumerics

/// The stages of ``Segmentation/run(_:_:progress:)`` besides the choice of k's (see
/// PersonasClustering's `ChooseK`), as its progress reports them and
/// ``SegmentationResult/stageTimes`` times them.
extension Stage {
    /// Fitting the preparation (imputation, encoding, scaling) and applying it to the table.
    public static let preparing = Stage("preparing", title: "preparing")
    /// Fitting Ward's tree of every row, once for the choice of k and the final cut (Ward only).
    public static let wardTree = Stage("ward_tree", title: "Ward's tree")
    /// Segmenting at the chosen k, and resolving segments under the minimum size.
    public static let finalFit = Stage("final_fit", title: "final fit")
    /// Profiling the segments and naming the personas.
    public static let profiling = Stage("profiling", title: "profiling")
    /// Choosing the typing tool's questions and training it.
    public static let typingTool = Stage("typing_tool", title: "typing tool")
    /// Each customer's distance, confidence, tier and channel.
    public static let targeting = Stage("targeting", title: "targeting")
}

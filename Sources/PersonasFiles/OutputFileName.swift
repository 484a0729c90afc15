/// The name of every file and folder Personas writes, in one place, so the commands that write a
/// file and the readers that load it back (the notebook, `assign`, `type`) cannot disagree.
///
/// `segment` and `typing-tool` write the typing tool under the same four names. The charts inside
/// ``charts`` are named by PersonasReports (`SegmentationReport`), which draws them.
public enum OutputFileName {
    /// The saved segmentation (`segment`), applied by `assign`, `type` and `export-sql`.
    public static let model = "model.json"
    /// Each customer's segment, distance, confidence and targeting (`segment`; `assign` by default).
    public static let assignments = "assignments.csv"
    /// The personas as data (`segment`, `profile`).
    public static let personasJSON = "personas.json"
    /// The personas as a printable document (`segment`, `profile`).
    public static let personasMarkdown = "personas.md"
    /// Every profiled statistic, one per row (`segment`, `profile`).
    public static let profile = "profile.csv"
    /// The profile as a workbook: traits colour-scaled, each segment's category mix (``ProfileWorkbook``).
    public static let profileWorkbook = "profile.xlsx"
    /// The typing tool's tree, loaded by `type` (`segment`, `typing-tool`).
    public static let typingToolJSON = "typing-tool.json"
    /// The typing tool as a printable tree and question flow.
    public static let typingToolMarkdown = "typing-tool.md"
    /// The typing tool as one SQL query.
    public static let typingToolSQL = "typing-tool.sql"
    /// The typing tool's scoring sheet.
    public static let typingToolScoringSheet = "typing-tool.csv"
    /// The typing tool as a workbook a field rep fills in (``TypingToolWorkbook``).
    public static let typingToolWorkbook = "typing-tool.xlsx"
    /// Cross-validated accuracy for 1…N questions (`typing-tool`).
    public static let curve = "curve.csv"
    /// The choice of k as a document (`segment` over a range, `choose-k`).
    public static let chooseKMarkdown = "choose-k.md"
    /// The choice of k as a chart.
    public static let chooseKChart = "choose-k.svg"
    /// Every figure of the choice of k (`choose-k`).
    public static let chooseKSummary = "choose-k.json"
    /// The last merges of the hierarchy (`segment` with ward or hybrid, `hclust`).
    public static let dendrogram = "dendrogram.svg"
    /// The folder of charts (`segment`).
    public static let charts = "charts"
    /// One self-contained page with every chart (`segment`).
    public static let report = "report.html"
    /// The figures the report draws beyond the model (`segment`), so `rename` can draw it again.
    public static let reportFigures = "report.json"
    /// The story as a Jupyter notebook (`segment`, `notebook`).
    public static let notebook = "notebook.ipynb"
    /// A run's figures (`kmeans`, `hclust`, `typing-tool`).
    public static let summary = "summary.json"
    /// Each row's segment (`kmeans`, `hclust`, `choose-k`).
    public static let labels = "labels.csv"
    /// The segment centers (`kmeans`).
    public static let centers = "centers.csv"
    /// SciPy's linkage matrix (`hclust`).
    public static let linkage = "linkage.csv"
    /// The list of what a run wrote into its output folder, checked before `--force` replaces it.
    public static let manifest = ".personas-manifest.json"
}

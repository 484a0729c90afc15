import PersonasNumerics

/// The stages a command times around the library's own (PersonasSegmentation's and
/// PersonasClustering's), reading its input and writing its files; each goes into its summary's
/// `stage_seconds` (``StageSeconds``).
extension Stage {
    /// Reading and checking the input table.
    public static let reading = Stage("reading", title: "reading")
    /// The typing tool as a scoring SQL query.
    public static let sql = Stage("sql", title: "SQL")
    /// Writing the model, the personas, the profile, the assignments and the typing tool's files.
    public static let writing = Stage("writing", title: "writing")
    /// The typing tool's workbook (`typing-tool.xlsx`).
    public static let workbook = Stage("workbook", title: "workbook")
    /// The report: `report.html`, its charts and the choice of k's document.
    public static let report = Stage("report", title: "report and charts")
    /// The story as a Jupyter notebook (`notebook.ipynb`).
    public static let notebook = Stage("notebook", title: "notebook")
}

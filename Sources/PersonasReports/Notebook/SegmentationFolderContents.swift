import PersonasSegmentation

/// What the notebook tells, as read from a segmentation folder: the saved model and the text of
/// the Markdown pages and SVG charts present. PersonasFiles reads the folder (the names of its
/// files live there); this module only turns the contents into a notebook.
public struct SegmentationFolderContents: Sendable {
    /// The names of the folder's files, as the notebook's prose and Python cells refer to them.
    public struct FileNames: Sendable {
        public var model: String
        public var assignments: String
        public var profile: String
        public var chooseKMarkdown: String
        public var chooseKChart: String
        public var typingToolMarkdown: String
        public var dendrogram: String

        public init(model: String, assignments: String, profile: String, chooseKMarkdown: String, chooseKChart: String,
                    typingToolMarkdown: String, dendrogram: String) {
            self.model = model
            self.assignments = assignments
            self.profile = profile
            self.chooseKMarkdown = chooseKMarkdown
            self.chooseKChart = chooseKChart
            self.typingToolMarkdown = typingToolMarkdown
            self.dendrogram = dendrogram
        }
    }

    public var names: FileNames
    /// The saved segmentation (the folder's model file).
    public var model: SegmentationModel
    /// The text of each Markdown page and SVG chart present, by its path relative to the folder
    /// (`choose-k.md`, `charts/segments.svg`, …); a file that is absent has no entry.
    public var texts: [String: String]

    public init(names: FileNames, model: SegmentationModel, texts: [String: String]) {
        self.names = names
        self.model = model
        self.texts = texts
    }
}

import PersonasData
import PersonasTestSupport
import Testing

/// The bundled sample read with its schema, and each customer's segment from the committed
/// k-means (k = 6) labels: the segmentation the workbook tests write and read back.
enum SampleSegments {
    static func load() throws -> (table: DataTable, segments: [Int]) {
        let repository = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
        let schema = try Schema.load(from: repository.appendingPathComponent("examples/hcp-sample.schema.json"))
        let table = try CSVReader.read(contentsOf: repository.appendingPathComponent("examples/hcp-sample.csv"),
                                       options: CSVOptions(schema: schema))
        let labels = try CSVReader.read(contentsOf: Fixtures.url("typing-tool/hcp-sample-kmeans-k6-labels.csv"))
        return (table, try #require(labels["segment"]?.numbers).map { Int($0) })
    }
}

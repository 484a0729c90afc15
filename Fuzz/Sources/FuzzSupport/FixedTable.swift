import PersonasData

/// The small fixed table the model, schema and typing-tool fuzzers apply what they load to: the first
/// rows of the slice of `examples/hcp-sample.csv` that the seed model and typing tool were fitted on,
/// so a loaded file that decodes but does not fit its own data is caught when it is used.
public enum FixedTable {
    /// The name the table's messages carry.
    public static let name = "fixed.csv"

    /// The table read with `schema` (none: inferred types). A reading error is checked like any
    /// other (it must name the table and a line that exists) and gives nil.
    public static func read(schema: Schema? = nil) -> DataTable? {
        let bytes = Array(text.utf8)
        do {
            let table = try CSVReader.read(bytes: bytes, name: name, options: CSVOptions(schema: schema))
            Oracle.checkTable(table, lastLine: Oracle.lastLine(of: bytes))
            return table
        } catch {
            Oracle.checkReadError(error, source: name, lastLine: Oracle.lastLine(of: bytes))
            return nil
        }
    }
}

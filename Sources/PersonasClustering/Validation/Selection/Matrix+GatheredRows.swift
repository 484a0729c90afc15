import PersonasNumerics

extension Matrix {
    /// The rows at `rows` (each in 0..<self.rows) as a rows.count × columns matrix: a resample or
    /// subsample. Written once into uninitialised storage, in parallel row blocks (a pure copy,
    /// so the thread count cannot change it).
    func gatheredRows(_ rows: [Int]) -> Matrix {
        let d = columns
        return Matrix(rows: rows.count, columns: d) { out in
            let target = out.baseAddress!
            withUnsafeBufferPointer { source in
                rows.withUnsafeBufferPointer { index in
                    ParallelFor.forEachRange(count: index.count, chunkSize: 4096) { range in
                        for t in range {
                            (target + t * d).initialize(from: source.baseAddress! + index[t] * d, count: d)
                        }
                    }
                }
            }
        }
    }
}

extension Matrix {
    /// The number of distinct rows, counting no further than `limit`: enough to tell whether
    /// k clusters can all hold a row (k-means with more clusters than distinct rows leaves some
    /// empty, and every within-cluster sum of squares is zero once k reaches the count).
    ///
    /// Rows compare by value (0 and −0 are equal). Stops as soon as `limit` distinct rows are
    /// seen, so on ordinary data it reads about `limit` rows; O(n·d) at worst.
    public func distinctRowCount(upTo limit: Int) -> Int {
        guard limit > 0, rows > 0 else { return 0 }
        let d = columns
        return withUnsafeBufferPointer { values in
            func bits(_ i: Int, _ q: Int) -> UInt64 {
                let v = Double(values[i * d + q])
                return (v == 0 ? 0 : v).bitPattern
            }
            func equal(_ a: Int, _ b: Int) -> Bool {
                for q in 0..<d where bits(a, q) != bits(b, q) { return false }
                return true
            }
            var representatives: [Int: [Int]] = [:]  // row hash → distinct rows with that hash
            var count = 0
            for i in 0..<rows {
                var hasher = Hasher()
                for q in 0..<d { hasher.combine(bits(i, q)) }
                let key = hasher.finalize()
                if representatives[key]?.contains(where: { equal($0, i) }) == true { continue }
                representatives[key, default: []].append(i)
                count += 1
                if count >= limit { break }
            }
            return count
        }
    }
}

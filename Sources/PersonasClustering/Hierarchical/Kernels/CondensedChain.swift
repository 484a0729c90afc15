import PersonasNumerics

/// The nearest-neighbour chain on a condensed distance matrix (Müllner 2011; SciPy's `nn_chain`)
/// for the reducible methods: the matrix is updated in place by the method's Lance–Williams
/// formula, so memory is the matrix itself plus O(n).
///
/// Slots follow SciPy: a merged cluster takes the larger slot, the smaller one is retired, and
/// ties go as in SciPy (the previous chain element first, then the lowest slot).
enum CondensedChain {
    static func run<U: LanceWilliamsUpdate>(
        _ buffer: DistanceBuffer, n: Int, sizes initialSizes: [Double], update _: U.Type
    ) -> MergeRecord {
        var record = MergeRecord(capacity: n - 1)
        var size = initialSizes
        // The live slots in increasing order: scans and updates touch only these, so the strided
        // half of each scan shrinks as clusters merge.
        var live = Array(0..<n)
        var chain = [Int]()
        chain.reserveCapacity(n)
        let dist = buffer.pointer
        for _ in 0..<(n - 1) {
            if chain.isEmpty { chain.append(live[0]) }
            var x = 0, y = 0, current = 0.0
            while true {
                x = chain[chain.count - 1]
                var best = Double.infinity
                var found = -1
                if chain.count > 1 {
                    found = chain[chain.count - 2]
                    best = dist[x < found ? rowStart(x, n) + found : rowStart(found, n) + x]
                }
                let (hit, value) = nearest(to: x, live: live, dist: dist, n: n, seed: best)
                if hit >= 0 {
                    found = hit
                    best = value
                }
                y = found
                current = best
                if chain.count > 1 && y == chain[chain.count - 2] { break }
                chain.append(y)
            }
            chain.removeLast(2)
            if x > y { swap(&x, &y) }
            record.append(x, y, height: current)
            let nx = size[x], ny = size[y]
            size[x] = 0
            size[y] = nx + ny
            live.remove(at: live.firstIndex(of: x)!)  // sorted: a binary search would not change the O(n)
            live.withUnsafeBufferPointer { slots in
                size.withUnsafeBufferPointer { size in
                    ParallelFor.forEachChunk(chunkCount(slots.count)) { chunk in
                        for i in slots[chunkRange(chunk, of: slots.count)] where i != y {
                            let ix = i < x ? rowStart(i, n) + x : rowStart(x, n) + i
                            let iy = i < y ? rowStart(i, n) + y : rowStart(y, n) + i
                            dist[iy] = U.update(dist[ix], dist[iy], current, nx, ny, size[i])
                        }
                    }
                }
            }
        }
        return record
    }

    /// Offset such that offset + j is the position of (i, j), i < j.
    @inline(__always)
    static func rowStart(_ i: Int, _ n: Int) -> Int { n * i - i * (i + 1) / 2 - i - 1 }

    /// Scans and updates of more live slots than this are split into `chunks` fixed parts (a
    /// partition that depends on the count only, so results never depend on the threads).
    static let parallelThreshold = 4_096
    static let chunks = 8

    @inline(__always)
    static func chunkCount(_ count: Int) -> Int { count > parallelThreshold ? chunks : 1 }

    @inline(__always)
    static func chunkRange(_ chunk: Int, of count: Int) -> Range<Int> {
        let parts = chunkCount(count)
        return (count * chunk / parts)..<(count * (chunk + 1) / parts)
    }

    /// The live slot nearest to x strictly below `seed` (lowest slot on ties), or −1.
    static func nearest(to x: Int, live: [Int], dist: UnsafeMutablePointer<Double>, n: Int, seed: Double)
        -> (Int, Double) {
        live.withUnsafeBufferPointer { slots in
            let rowX = dist + rowStart(x, n)
            let results = ParallelFor.mapChunks(chunkCount(slots.count)) { chunk -> (Int, Double) in
                var best = seed, found = -1
                for i in slots[chunkRange(chunk, of: slots.count)] where i != x {
                    // Below x: column x of the upper triangle (strided); above: row x.
                    let value = i < x ? dist[rowStart(i, n) + x] : rowX[i]
                    if value < best {
                        best = value
                        found = i
                    }
                }
                return (found, best)
            }
            var best = seed, found = -1
            for (hit, value) in results where hit >= 0 && value < best {
                best = value
                found = hit
            }
            return (found, best)
        }
    }
}

/// The nearest-neighbour chain on a condensed distance matrix (Müllner 2011; SciPy's `nn_chain`)
/// for the reducible methods: the matrix is updated in place by the method's Lance–Williams
/// formula, so memory is the matrix itself plus O(n).
///
/// Slots follow SciPy: a merged cluster takes the larger slot, the smaller one is retired. A
/// retired slot's distances are set to +infinity so the nearest-neighbour scans need no test
/// per element, and a contiguous half of every scan vectorises.
enum CondensedChain {
    static func run<U: LanceWilliamsUpdate>(
        _ distances: inout [Double], n: Int, sizes initialSizes: [Double], update _: U.Type
    ) -> MergeRecord {
        var record = MergeRecord(capacity: n - 1)
        var size = initialSizes
        var active = [Bool](repeating: true, count: n)
        var chain = [Int]()
        chain.reserveCapacity(n)
        var firstActive = 0
        distances.withUnsafeMutableBufferPointer { buffer in
            let dist = buffer.baseAddress!
            @inline(__always) func rowStart(_ i: Int) -> Int { n * i - i * (i + 1) / 2 - i - 1 }  // + j gives (i, j)
            for _ in 0..<(n - 1) {
                if chain.isEmpty {
                    while !active[firstActive] { firstActive += 1 }
                    chain.append(firstActive)
                }
                var x = 0, y = 0, current = 0.0
                while true {
                    x = chain[chain.count - 1]
                    var best = Double.infinity
                    var found = -1
                    if chain.count > 1 {
                        found = chain[chain.count - 2]
                        best = dist[x < found ? rowStart(x) + found : rowStart(found) + x]
                    }
                    // i < x: column x of the upper triangle, strided.
                    var i = 0
                    while i < x {
                        let value = dist[rowStart(i) + x]
                        if value < best {
                            best = value
                            found = i
                        }
                        i += 1
                    }
                    // i > x: row x, contiguous.
                    let row = dist + rowStart(x)
                    var j = x + 1
                    while j < n {
                        if row[j] < best {
                            best = row[j]
                            found = j
                        }
                        j += 1
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
                active[x] = false
                size[x] = 0
                size[y] = nx + ny
                for i in 0..<n where i != x && i != y {
                    let ix = i < x ? rowStart(i) + x : rowStart(x) + i
                    guard active[i] else { continue }
                    let iy = i < y ? rowStart(i) + y : rowStart(y) + i
                    dist[iy] = U.update(dist[ix], dist[iy], current, nx, ny, size[i])
                }
                for i in 0..<n where i != x {
                    dist[i < x ? rowStart(i) + x : rowStart(x) + i] = .infinity
                }
            }
        }
        return record
    }
}

/// Dissimilarities the generic algorithm works on: stored (a condensed matrix with Lance–Williams
/// updates) or computed (centroids).
protocol GenericLinkageSpace {
    /// The comparable dissimilarity of live slots i and j; the same bits every time it is asked.
    func value(_ i: Int, _ j: Int) -> Double
    /// The live slot above x with the smallest value (the lowest such slot on a tie, as SciPy's
    /// `find_min_dist`), and that value; (−1, ∞) when there is none.
    func nearest(above x: Int, alive: [Bool]) -> (Int, Double)
    /// The merge height SciPy reports for a value.
    func height(_ value: Double) -> Double
    /// Cluster x is merged into slot y (x < y): update what slot y stands for. `alive(i)` tells
    /// which other slots are live.
    mutating func merge(_ x: Int, into y: Int, value: Double, sizes: [Double], alive: [Bool])
}

/// Müllner's (2011) generic algorithm (SciPy's `fast_linkage`, fastcluster's `generic_linkage`)
/// for centroid and median, which are not reducible: every slot keeps a candidate nearest
/// neighbour among the higher slots and a lower bound of its distance in a heap; the globally
/// closest pair is merged each step, and stale candidates are recomputed only when they reach
/// the top. Rows come out in merge order (heights may decrease: inversions).
enum GenericLinkage {
    static func run<Space: GenericLinkageSpace>(_ space: inout Space, n: Int, sizes initialSizes: [Double]) -> MergeRecord {
        var record = MergeRecord(capacity: n - 1)
        guard n > 1 else { return record }
        var size = initialSizes
        var alive = [Bool](repeating: true, count: n)
        var neighbor = [Int](repeating: 0, count: n)
        var lowest = [Double](repeating: .infinity, count: n)

        func nearestAbove(_ x: Int) -> (Int, Double) { space.nearest(above: x, alive: alive) }

        for x in 0..<(n - 1) { (neighbor[x], lowest[x]) = nearestAbove(x) }
        var heap = IndexedMinHeap(values: Array(lowest[0..<(n - 1)]))
        for _ in 0..<(n - 1) {
            var x = heap.top
            var y = neighbor[x]
            var value = heap.values[x]
            while value != space.value(x, y) {
                let (j, v) = nearestAbove(x)
                neighbor[x] = j
                heap.update(x, v)
                x = heap.top
                y = neighbor[x]
                value = heap.values[x]
            }
            record.append(x, y, height: space.height(value))
            heap.remove(x)
            alive[x] = false
            space.merge(x, into: y, value: value, sizes: size, alive: alive)
            size[y] += size[x]
            size[x] = 0
            // Distances to y changed (for centroid they can shrink); the others did not. Lower
            // bounds that pointed at x now point at y and are re-checked when they surface.
            for z in 0..<y where alive[z] {
                if neighbor[z] == x { neighbor[z] = y }
                let v = space.value(z, y)
                if v < heap.values[z] {
                    neighbor[z] = y
                    heap.update(z, v)
                }
            }
            if y < n - 1 {
                let (j, v) = nearestAbove(y)
                if j >= 0 {
                    neighbor[y] = j
                    heap.update(y, v)
                } else {
                    heap.remove(y)
                }
            }
        }
        return record
    }
}

/// Centroid or median linkage from coordinates (row-major, one row per slot): the value is the
/// Euclidean distance between cluster centers, which is also the height.
///
/// SciPy runs these methods on `pdist(X)`: sqrt(Σ (x_q − y_q)²) of the rows as given, summed in
/// column order, and it compares those distances. Ties between them are common in real tables
/// (duplicate rows, rows that differ by the same amounts elsewhere), and SciPy's heap decides
/// which tied pair merges first, which decides the tree. So while both slots still stand for
/// copies of their own row only (a row, or a group of its exact duplicates), the value is computed
/// exactly as `pdist` does, to the same bits: from the rows as given (centered coordinates are
/// rounded, so equal differences can come out unequal) and as the distance, not its square (two
/// squares an ulp apart can have the same square root, a tie for SciPy). Merged centers are kept
/// centered on the column means, which keeps their rounding small for data far from the origin;
/// from there on SciPy's Lance–Williams recurrence and these centers agree to rounding only.
struct CentroidSpace: GenericLinkageSpace {
    /// The rows as given.
    let rows: [Double]
    /// Cluster centers minus the column means.
    var centers: [Double]
    /// Whether the slot holds only copies of its own row, so that its center is that row.
    var isRow: [Bool]
    let d: Int
    let median: Bool

    init(rows: [Double], d: Int, shift: [Double], median: Bool) {
        self.rows = rows
        var centers = rows
        for i in 0..<(rows.count / d) { for q in 0..<d { centers[i * d + q] -= shift[q] } }
        self.centers = centers
        isRow = [Bool](repeating: true, count: rows.count / d)
        self.d = d
        self.median = median
    }

    func value(_ i: Int, _ j: Int) -> Double {
        (isRow[i] && isRow[j] ? rows : centers).withUnsafeBufferPointer { squaredDistance($0, i, j) }.squareRoot()
    }

    func nearest(above x: Int, alive: [Bool]) -> (Int, Double) {
        // Squares order the slots as their roots do, except that squares an ulp apart can share
        // a root (a tie): a root is taken only for a square below the best so far, and it must be
        // strictly below the best root to win, so the lowest of tied slots stays the answer.
        rows.withUnsafeBufferPointer { rows in
            centers.withUnsafeBufferPointer { centers in
                var bestSquare = Double.infinity, best = Double.infinity, found = -1
                for j in (x + 1)..<isRow.count where alive[j] {
                    let square = squaredDistance(isRow[x] && isRow[j] ? rows : centers, x, j)
                    if found < 0 || square < bestSquare {
                        let root = square.squareRoot()
                        if found < 0 || root < best {
                            (bestSquare, best, found) = (square, root, j)
                        }
                    }
                }
                return (found, best)
            }
        }
    }

    @inline(__always)
    private func squaredDistance(_ points: UnsafeBufferPointer<Double>, _ i: Int, _ j: Int) -> Double {
        var sum = 0.0
        let a = i * d, b = j * d
        for q in 0..<d {
            let t = points[a + q] - points[b + q]
            sum += t * t
        }
        return sum
    }

    func height(_ value: Double) -> Double { value }

    mutating func merge(_ x: Int, into y: Int, value _: Double, sizes: [Double], alive _: [Bool]) {
        let nx = sizes[x], ny = sizes[y]
        let d = d, median = median
        // c_y + share (c_x − c_y): equal centers (duplicate rows) stay bit-equal.
        let share = median ? 0.5 : nx / (nx + ny)
        centers.withUnsafeMutableBufferPointer { c in
            for q in 0..<d {
                c[y * d + q] += share * (c[x * d + q] - c[y * d + q])
            }
        }
        isRow[y] = isRow[x] && isRow[y] && rows[(x * d)..<(x * d + d)] == rows[(y * d)..<(y * d + d)]
    }
}

/// Any method's Lance–Williams update on a condensed matrix, in place.
struct CondensedSpace<U: LanceWilliamsUpdate>: GenericLinkageSpace {
    let buffer: DistanceBuffer
    let n: Int

    @inline(__always)
    func index(_ i: Int, _ j: Int) -> Int {
        let (a, b) = i < j ? (i, j) : (j, i)
        return n * a - a * (a + 1) / 2 + (b - a - 1)
    }

    func value(_ i: Int, _ j: Int) -> Double { buffer.pointer[index(i, j)] }

    func nearest(above x: Int, alive: [Bool]) -> (Int, Double) {
        var best = Double.infinity, found = -1
        for j in (x + 1)..<n where alive[j] {
            let v = buffer.pointer[index(x, j)]
            if found < 0 || v < best { (best, found) = (v, j) }
        }
        return (found, best)
    }

    func height(_ value: Double) -> Double { value }

    mutating func merge(_ x: Int, into y: Int, value: Double, sizes: [Double], alive: [Bool]) {
        let nx = sizes[x], ny = sizes[y]
        let dist = buffer.pointer
        for z in 0..<n where alive[z] && z != y {
            let zy = index(z, y)
            dist[zy] = U.update(dist[index(z, x)], dist[zy], value, nx, ny, sizes[z])
        }
    }
}

/// A binary min-heap over the indices 0..<n with a changeable value per index, as the generic
/// linkage algorithm needs: O(log n) update, remove and minimum.
///
/// Equal values are left where the sifts put them, exactly as SciPy's `Heap`
/// (`_structures.pxi`) does: it is built by sifting down from the last parent, a sift moves an
/// entry only past a strictly larger parent or strictly smaller child (the left child when both
/// children are equal), and removing the minimum moves the last entry to the top and sifts it
/// down. Which of several equal values is on top is what decides SciPy's merge order when
/// distances tie (exact duplicate rows tie at 0), so breaking ties any other way (an earlier
/// version took the lower index first) gives the same heights in another order, hence other
/// cluster ids, and for median and centroid, whose merges are not associative, other heights.
struct IndexedMinHeap {
    private var heap: [Int]       // heap position -> index
    private var place: [Int]      // index -> heap position, −1 when removed
    private(set) var values: [Double]

    init(values: [Double]) {
        self.values = values
        heap = Array(values.indices)
        place = Array(values.indices)
        var i = heap.count / 2 - 1
        while i >= 0 {
            siftDown(i)
            i -= 1
        }
    }

    var isEmpty: Bool { heap.isEmpty }
    var top: Int { heap[0] }

    mutating func update(_ index: Int, _ value: Double) {
        let old = values[index]
        values[index] = value
        guard place[index] >= 0 else { return }
        if value < old { siftUp(place[index]) } else { siftDown(place[index]) }
    }

    mutating func remove(_ index: Int) {
        let position = place[index]
        guard position >= 0 else { return }
        let last = heap.count - 1
        swapAt(position, last)
        heap.removeLast()
        place[index] = -1
        if position < heap.count {
            siftUp(position)
            siftDown(position)
        }
    }

    private func lessAt(_ p: Int, _ q: Int) -> Bool { values[heap[p]] < values[heap[q]] }

    private mutating func swapAt(_ p: Int, _ q: Int) {
        heap.swapAt(p, q)
        place[heap[p]] = p
        place[heap[q]] = q
    }

    private mutating func siftUp(_ start: Int) {
        var p = start
        while p > 0 {
            let parent = (p - 1) / 2
            guard lessAt(p, parent) else { return }
            swapAt(p, parent)
            p = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var p = start
        while true {
            let l = 2 * p + 1, r = l + 1
            var smallest = p
            if l < heap.count && lessAt(l, smallest) { smallest = l }
            if r < heap.count && lessAt(r, smallest) { smallest = r }
            if smallest == p { return }
            swapAt(p, smallest)
            p = smallest
        }
    }
}

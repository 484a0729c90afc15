/// The one-to-one matching of two segmentations' segments that keeps the most customers together:
/// given the migration (contingency) matrix `overlap[i][j]` (customers in segment `i` of the first
/// segmentation and `j` of the second), the assignment of rows to distinct columns whose summed
/// overlap is largest — the linear sum assignment problem, solved by the Hungarian method
/// (Kuhn 1955, Munkres 1957) in its shortest-augmenting-path form with dual potentials, O(k³) for
/// k = max(rows, columns).
///
/// Written here rather than taken from a package because no maintained Swift package on this
/// project's machines provides it (SwiftGraph, the only graph library among them, has no weighted
/// bipartite matching), and the problem is small and self-contained: about 80 lines, exact on
/// integer counts (potentials and reduced costs are integers, so every comparison is exact), and
/// checked against SciPy's `scipy.optimize.linear_sum_assignment` on committed matrices and
/// against a search of every permutation on small random ones.
///
/// **Rectangular matrices** are padded with zero rows or columns to a square: when there are more
/// rows than columns, some rows get no column (`nil`); when there are more columns, some columns
/// are left over. A row may be matched to a column it shares no customer with (overlap 0) when
/// nothing better is left: a caller that wants only real matches drops those pairs.
///
/// **Ties**: of all assignments with the largest total, the result is the lexicographically
/// smallest one — row 0 takes the lowest-numbered column it can among maximum-total assignments,
/// then row 1 the lowest it can given row 0's, and so on, with "no column" counting as after every
/// real column. The same matrix always gives the same matching, whatever the order the solver met
/// the ties in. After the solve, the assignments of largest total are exactly the perfect matchings
/// of the "tight" pairs (zero reduced cost under the optimal potentials, by complementary
/// slackness), so the tie rule is applied by re-routing along alternating paths of tight pairs: at
/// most O(k⁴) in the worst case of all-equal entries, much less when few pairs are tight.
///
/// - Parameter overlap: a rectangular matrix of integers (rows of equal length; counts in
///   practice, any integers whose sums do not overflow).
/// - Returns: one entry per row: its column, or nil when it has none. Columns are distinct.
public func maximumOverlapMatching(_ overlap: [[Int]]) -> [Int?] {
    let rows = overlap.count
    guard rows > 0 else { return [] }
    let columns = overlap[0].count
    precondition(overlap.allSatisfy { $0.count == columns }, "rows of different lengths")
    let size = max(rows, columns)
    guard size > 0, columns > 0 else { return [Int?](repeating: nil, count: rows) }
    // Costs to minimise: the overlap negated; padding costs 0.
    func cost(_ i: Int, _ j: Int) -> Int { i < rows && j < columns ? -overlap[i][j] : 0 }

    // Shortest augmenting paths with potentials u (rows) and v (columns), 1-based with column 0 the
    // root of each search; afterwards u[i] + v[j] ≤ cost(i, j) everywhere, with equality on the
    // matched pairs.
    var u = [Int](repeating: 0, count: size + 1), v = [Int](repeating: 0, count: size + 1)
    var rowOfColumn = [Int](repeating: 0, count: size + 1), way = [Int](repeating: 0, count: size + 1)
    for i in 1...size {
        rowOfColumn[0] = i
        var j0 = 0
        var minimum = [Int](repeating: Int.max, count: size + 1)
        var used = [Bool](repeating: false, count: size + 1)
        repeat {
            used[j0] = true
            let i0 = rowOfColumn[j0]
            var delta = Int.max, j1 = 0
            for j in 1...size where !used[j] {
                let reduced = cost(i0 - 1, j - 1) - u[i0] - v[j]
                if reduced < minimum[j] { minimum[j] = reduced; way[j] = j0 }
                if minimum[j] < delta { delta = minimum[j]; j1 = j }
            }
            for j in 0...size {
                if used[j] { u[rowOfColumn[j]] += delta; v[j] -= delta } else { minimum[j] -= delta }
            }
            j0 = j1
        } while rowOfColumn[j0] != 0
        repeat {
            let j1 = way[j0]
            rowOfColumn[j0] = rowOfColumn[j1]
            j0 = j1
        } while j0 != 0
    }

    // 0-based matching, then the tie rule on the tight pairs.
    var columnOf = [Int](repeating: 0, count: size), rowOf = [Int](repeating: 0, count: size)
    for j in 1...size { columnOf[rowOfColumn[j] - 1] = j - 1; rowOf[j - 1] = rowOfColumn[j] - 1 }
    func tight(_ i: Int, _ j: Int) -> Bool { cost(i, j) == u[i + 1] + v[j + 1] }
    var locked = [Bool](repeating: false, count: size)  // columns of rows already settled
    for i in 0..<size {
        for j in 0..<size where !locked[j] && tight(i, j) {
            if columnOf[i] == j { break }
            // Give i column j: j's row r must move, along tight pairs through unsettled rows, to the
            // column i frees.
            let freed = columnOf[i]
            var visited = [Bool](repeating: false, count: size)
            var path: [Int] = []  // the columns taken in turn, from r's new one to `freed`
            func reroute(_ row: Int) -> Bool {
                for c in 0..<size where !locked[c] && c != j && !visited[c] && tight(row, c) {
                    visited[c] = true
                    path.append(c)
                    if c == freed || reroute(rowOf[c]) { return true }
                    path.removeLast()
                }
                return false
            }
            var row = rowOf[j]
            guard reroute(row) else { continue }
            for c in path {
                let next = rowOf[c]
                columnOf[row] = c
                rowOf[c] = row
                row = next
            }
            columnOf[i] = j
            rowOf[j] = i
            break
        }
        locked[columnOf[i]] = true
    }
    return (0..<rows).map { columnOf[$0] < columns ? columnOf[$0] : nil }
}

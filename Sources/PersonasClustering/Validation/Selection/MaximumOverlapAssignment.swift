/// The one-to-one matching of two labellings' clusters that maximises the rows they share: the
/// linear assignment problem on a k × k contingency table, solved exactly by the Hungarian
/// method (Kuhn 1955; Munkres 1957) in the O(k³) shortest-augmenting-path form with potentials.
///
/// Consensus uses it to put each run's arbitrary label numbers into the reference's numbering
/// before voting. Deterministic: the same table gives the same matching.
enum MaximumOverlapAssignment {
    /// For each row r of `table` (k × k, row-major, non-negative counts), the column matched to
    /// it, such that Σ_r table[r, match[r]] is as large as possible.
    static func solve(_ table: [Int], size k: Int) -> [Int] {
        precondition(table.count == k * k, "a \(k) × \(k) table needs \(k * k) counts")
        guard k > 0 else { return [] }
        // Minimise −overlap. Arrays are 1-based with index 0 as the augmenting path's root.
        let infinity = Int.max / 4
        var u = [Int](repeating: 0, count: k + 1), v = [Int](repeating: 0, count: k + 1)
        var rowOfColumn = [Int](repeating: 0, count: k + 1), way = [Int](repeating: 0, count: k + 1)
        for row in 1...k {
            rowOfColumn[0] = row
            var column0 = 0
            var minimum = [Int](repeating: infinity, count: k + 1)
            var used = [Bool](repeating: false, count: k + 1)
            repeat {
                used[column0] = true
                let row0 = rowOfColumn[column0]
                var delta = infinity, column1 = 0
                for column in 1...k where !used[column] {
                    let reduced = -table[(row0 - 1) * k + column - 1] - u[row0] - v[column]
                    if reduced < minimum[column] {
                        minimum[column] = reduced
                        way[column] = column0
                    }
                    if minimum[column] < delta {
                        delta = minimum[column]
                        column1 = column
                    }
                }
                for column in 0...k {
                    if used[column] {
                        u[rowOfColumn[column]] += delta
                        v[column] -= delta
                    } else {
                        minimum[column] -= delta
                    }
                }
                column0 = column1
            } while rowOfColumn[column0] != 0
            repeat {
                let column1 = way[column0]
                rowOfColumn[column0] = rowOfColumn[column1]
                column0 = column1
            } while column0 != 0
        }
        var match = [Int](repeating: 0, count: k)
        for column in 1...k { match[rowOfColumn[column] - 1] = column - 1 }
        return match
    }
}

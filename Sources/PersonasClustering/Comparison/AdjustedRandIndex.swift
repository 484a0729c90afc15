/// The adjusted Rand index of two partitions of the same rows (Hubert & Arabie 1985): 1 for
/// identical partitions (whatever the label numbers), about 0 for unrelated ones.
///
/// Labels are small non-negative integers (cluster numbers). Two partitions that each put every
/// row in one cluster are identical, so their index is 1 (as in scikit-learn).
public func adjustedRandIndex(_ a: [Int32], _ b: [Int32]) -> Double {
    precondition(a.count == b.count, "partitions of \(a.count) and \(b.count) rows")
    let n = a.count
    guard n > 1 else { return 1 }
    let ka = Int(a.max() ?? 0) + 1, kb = Int(b.max() ?? 0) + 1
    var table = [Int](repeating: 0, count: ka * kb)
    for i in 0..<n { table[Int(a[i]) * kb + Int(b[i])] += 1 }
    func pairs(_ m: Int) -> Double { Double(m) * Double(m - 1) / 2 }
    var index = 0.0, rowPairs = 0.0, columnPairs = 0.0
    var columnTotals = [Int](repeating: 0, count: kb)
    for r in 0..<ka {
        var rowTotal = 0
        for c in 0..<kb {
            let m = table[r * kb + c]
            index += pairs(m)
            rowTotal += m
            columnTotals[c] += m
        }
        rowPairs += pairs(rowTotal)
    }
    for c in 0..<kb { columnPairs += pairs(columnTotals[c]) }
    let expected = rowPairs * columnPairs / pairs(n)
    let maximum = (rowPairs + columnPairs) / 2
    if maximum == expected { return 1 }
    return (index - expected) / (maximum - expected)
}

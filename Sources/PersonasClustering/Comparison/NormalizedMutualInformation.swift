#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The normalised mutual information of two partitions of the same rows (Strehl & Ghosh 2002):
/// I(a; b) / [(H(a) + H(b)) / 2], natural logarithms — scikit-learn's
/// `normalized_mutual_info_score` with `average_method="arithmetic"`, operation for operation.
///
/// 1 for identical partitions whatever the label numbers, 0 for independent ones. As in
/// scikit-learn: 1 when both put all rows in one cluster (or there are no rows), 0 when only one
/// of them does (the mutual information is then 0). Labels are any `Int32` values; only the
/// values that occur are clusters. O(n + ka·kb).
public func normalizedMutualInformation(_ a: [Int32], _ b: [Int32]) -> Double {
    precondition(a.count == b.count, "partitions of \(a.count) and \(b.count) rows")
    let rows = ClusterLabels(a), columns = ClusterLabels(b)
    let ka = rows.k, kb = columns.k
    if (ka == 1 && kb == 1) || a.isEmpty { return 1 }
    guard ka > 1 && kb > 1 else { return 0 }
    var table = [Int](repeating: 0, count: ka * kb)
    for i in a.indices { table[Int(rows.codes[i]) * kb + Int(columns.codes[i])] += 1 }

    let n = Double(a.count)
    let logN = log(n)
    var mutual = 0.0
    for r in 0..<ka {
        for c in 0..<kb where table[r * kb + c] > 0 {
            let count = Double(table[r * kb + c])
            let share = count / n
            // scikit-learn: outer = pi·pj as int64; log_outer = −log(outer) + log(Σpi) + log(Σpj).
            let outer = Double(rows.counts[r] * columns.counts[c])
            let logOuter = -log(outer) + logN + logN
            var term = share * (log(count) - logN) + share * logOuter
            if abs(term) < Double.ulpOfOne { term = 0 }
            mutual += term
        }
    }
    mutual = max(mutual, 0)
    if mutual == 0 { return 0 }
    func entropy(_ counts: [Int]) -> Double {
        var sum = 0.0
        for count in counts { sum += (Double(count) / n) * (log(Double(count)) - logN) }
        return -sum
    }
    return mutual / ((entropy(rows.counts) + entropy(columns.counts)) / 2)
}

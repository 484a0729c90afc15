import PersonasNumerics

extension Consensus {
    /// The aligned-vote path for large n: match each run's labels to the current reference
    /// (maximum overlap), let every row take its most frequent matched label, repeat with the
    /// vote as the reference until it stops changing.
    static func alignedVote(_ runLabels: RunLabels, k: Int) -> Result {
        let n = runLabels.rows, runs = runLabels.runs
        let absent = RunLabels.absent
        // Run 1 is the first reference; rows it did not draw take no part in the first matching.
        var reference = (0..<n).map { runLabels.values[$0 * runs] }
        var confidence = [Double](repeating: 0, count: n)
        for _ in 0..<20 {
            let maps = alignments(runLabels, to: reference, k: k)
            var next = [UInt8](repeating: 0, count: n)
            var changed = false
            runLabels.values.withUnsafeBufferPointer { values in
                maps.withUnsafeBufferPointer { map in
                    reference.withUnsafeBufferPointer { current in
                        next.withUnsafeMutableBufferPointer { vote in
                            confidence.withUnsafeMutableBufferPointer { share in
                                let changes: [Bool] = ParallelFor.mapChunks((n + 4095) / 4096) { chunk in
                                    var counts = [Int](repeating: 0, count: k)
                                    var anyChange = false
                                    for i in (chunk * 4096)..<min(n, chunk * 4096 + 4096) {
                                        for c in 0..<k { counts[c] = 0 }
                                        var drawn = 0
                                        for r in 0..<runs {
                                            let label = values[i * runs + r]
                                            if label != absent {
                                                counts[map[r * k + Int(label)]] += 1
                                                drawn += 1
                                            }
                                        }
                                        // Ties keep the current label, else go to the lowest.
                                        var best = current[i] == absent ? 0 : Int(current[i])
                                        for c in 0..<k where counts[c] > counts[best] { best = c }
                                        vote[i] = UInt8(best)
                                        share[i] = Double(counts[best]) / Double(drawn)
                                        if vote[i] != current[i] { anyChange = true }
                                    }
                                    return anyChange
                                }
                                changed = changes.contains(true)
                            }
                        }
                    }
                }
            }
            reference = next
            if !changed { break }
        }
        let labels = numberedBySize(reference.map { Int32($0) })
        return Result(labels: labels, confidence: confidence, runs: runs, method: alignedVoteMethod)
    }

    /// For each run r, the map from its labels to the reference's (`map[r * k + label]`): the
    /// matching maximising the rows they share, counted on rows both have.
    static func alignments(_ runLabels: RunLabels, to reference: [UInt8], k: Int) -> [Int] {
        let n = runLabels.rows, runs = runLabels.runs
        let absent = RunLabels.absent
        // tables[r][run label][reference label], filled in one pass over the rows.
        var tables = [Int](repeating: 0, count: runs * k * k)
        runLabels.values.withUnsafeBufferPointer { values in
            tables.withUnsafeMutableBufferPointer { table in
                for i in 0..<n where reference[i] != absent {
                    let column = Int(reference[i])
                    for r in 0..<runs {
                        let label = values[i * runs + r]
                        if label != absent { table[(r * k + Int(label)) * k + column] += 1 }
                    }
                }
            }
        }
        var maps: [Int] = []
        maps.reserveCapacity(runs * k)
        for r in 0..<runs {
            let table = (0..<k).map { row in Array(tables[(r * k + row) * k..<(r * k + row + 1) * k]) }
            // A square table: every row gets a column (`maximumOverlapMatching` leaves none out).
            maps.append(contentsOf: maximumOverlapMatching(table).map { $0! })
        }
        return maps
    }
}

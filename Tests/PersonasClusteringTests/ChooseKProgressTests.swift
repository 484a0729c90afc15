import PersonasClustering
import PersonasNumerics
import PersonasTestSupport
import Synchronization
import Testing

@Suite("Choosing k: stage times and progress")
struct ChooseKProgressTests {
    // Issue 22, items 1 and 2. Fails on main: choose-k reported one fraction of the whole run at
    // the start of each k's work (fixed shares), nothing within the bootstrap or the gap
    // statistic, and kept no stage times.
    @Test("Each k's parts, the gap statistic and the bootstrap (every k on shared resamples) are stages, timed, with their own fractions")
    func stages() throws {
        let x: Matrix<Double> = blobs(n: 300, d: 3, k: 3, spread: 0.5, seed: 5)
        let events = Mutex<[StageProgress]>([])
        let result = try ChooseK.run(x, ChooseKConfiguration(ks: [2, 3, 4], segmenter: .kMeans(restarts: 1),
                                                             bootstrapResamples: 4, gapReferences: 2, seed: 1)) { event in
            events.withLock { $0.append(event) }
        }
        let expected: [Stage] = [.segmentingAndIndices.at(k: 2), .segmentingAndIndices.at(k: 3), .segmentingAndIndices.at(k: 4),
                                 .gapStatistic, .bootstrapStability]
        #expect(result.stageTimes.map(\.stage) == expected)
        #expect(result.stageTimes.allSatisfy { $0.seconds >= 0 })

        let seen = events.withLock { $0 }
        // Each stage: a start at 0, its own fractions rising to 1, then its end.
        for stage in expected {
            let own = seen.filter { $0.stage == stage }
            #expect(own.first?.fractionDone == 0 && own.first?.finished == false, "\(stage)")
            #expect(own.last?.finished == true, "\(stage)")
            let fractions = own.dropLast().compactMap(\.fractionDone)
            #expect(fractions == fractions.sorted() && fractions.allSatisfy { (0...1).contains($0) }, "\(stage)")
        }
        let bootstrap = seen.filter { $0.stage == .bootstrapStability && !$0.finished }.compactMap(\.fractionDone)
        #expect(bootstrap == [0, 0.25, 0.5, 0.75, 1], "one report per resample (every k fitted on it)")
        let gap = seen.filter { $0.stage == .gapStatistic && !$0.finished }.compactMap(\.fractionDone)
        #expect(gap == [0, 0.5, 1], "one report per reference set (every k fitted on it)")
        // The stages follow one another: every event of a stage comes before the next begins.
        let order = seen.map(\.stage).reduce(into: [Stage]()) { if $0.last != $1 { $0.append($1) } }
        #expect(order == expected)
    }
}

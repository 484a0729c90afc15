import PersonasNumerics
import Synchronization
import Testing

@Suite("Stage clock: stage times and the time left")
struct StageClockTests {
    // Issue 22, item 2. Fails on main: the time left came from fixed shares of the whole run;
    // this estimate from the stage's own pace did not exist.
    @Test("The time left is elapsed ÷ fraction − elapsed; 0 when done; none before anything is done")
    func remaining() {
        #expect(StageProgress.remainingSeconds(fractionDone: 0.25, elapsed: 10) == 30)
        #expect(StageProgress.remainingSeconds(fractionDone: 0.5, elapsed: 7) == 7)
        #expect(StageProgress.remainingSeconds(fractionDone: 0.8, elapsed: 8)! == 8 / 0.8 - 8)
        #expect(StageProgress.remainingSeconds(fractionDone: 1, elapsed: 12) == 0)
        #expect(StageProgress.remainingSeconds(fractionDone: 1.5, elapsed: 12) == 0)
        #expect(StageProgress.remainingSeconds(fractionDone: 0, elapsed: 5) == nil)
        #expect(StageProgress.remainingSeconds(fractionDone: nil, elapsed: 5) == nil)
        #expect(StageProgress.remainingSeconds(fractionDone: .nan, elapsed: 5) == nil)
        #expect(StageProgress.remainingSeconds(fractionDone: -0.1, elapsed: 5) == nil)
        #expect(StageProgress.remainingSeconds(fractionDone: 0.5, elapsed: .infinity) == nil)
        let finished = StageProgress(stage: Stage("x", title: "x"), fractionDone: 0.5, elapsed: 3, finished: true)
        #expect(finished.remainingSeconds == 0)
    }

    // Issue 22, item 1. Fails on main: stages reported a name and a fraction only; no time was kept.
    @Test("Stages are timed in order, each ended by the next; the observer sees start, progress and end")
    func clock() {
        let events = Mutex<[StageProgress]>([])
        let clock = StageClock { event in events.withLock { $0.append(event) } }
        let first = Stage("first", title: "first"), second = Stage("second", title: "second", k: 3)
        clock.report(0.5)  // no stage under way: nothing
        clock.begin(first)
        clock.report(0.25)
        clock.report(2)    // clamped
        clock.begin(second)
        clock.end()
        clock.end()        // nothing under way: nothing
        clock.append([StageTime(stage: Stage("nested", title: "nested"), seconds: -1)])
        let times = clock.times
        #expect(times.map(\.stage) == [first, second, Stage("nested", title: "nested")])
        #expect(times.allSatisfy { $0.seconds >= 0 }, "a negative time is recorded as 0")
        let seen = events.withLock { $0 }
        #expect(seen.map(\.stage.name) == ["first", "first", "first", "first", "second", "second"])
        #expect(seen.map(\.fractionDone) == [0, 0.25, 1, 1, 0, 1])
        #expect(seen.map(\.finished) == [false, false, false, true, false, true])
        #expect(seen[3].elapsed == times[0].seconds && seen[5].elapsed == times[1].seconds)
        #expect(second.description == "second, k = 3" && first.at(k: 4) == Stage("first", title: "first", k: 4))
    }
}

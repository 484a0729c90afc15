import PersonasFiles
import PersonasSegmentation

/// What `compare` reports, and prints with `--format json`. Segment labels and persona names are
/// values, never keys: `old_segments` and `new_segments` list the labels (with `old_names` and
/// `new_names` beside them, null without a model), `counts[i][j]` is the customers that moved from
/// `old_segments[i]` to `new_segments[j]`, and every segment elsewhere is given by its label and
/// name (null without a model).
struct CompareSummary: Encodable {
    /// A segment of the other run and the customers it shares with the one described.
    struct Part: Encodable {
        var segment: String
        @NullWhenAbsent var name: String?
        var customers: Int
        /// `customers` as a share of the described segment's.
        var share: Double
    }

    /// An old segment and the new one it was matched to.
    struct Match: Encodable {
        var oldSegment: String
        @NullWhenAbsent var oldName: String?
        var newSegment: String
        @NullWhenAbsent var newName: String?
        /// The customers in both (of those in both files).
        var customers: Int
        /// The old segment's customers (of those in both files).
        var oldCustomers: Int
        /// customers ÷ old_customers.
        var retention: Double
    }

    /// A segment with no match (an old one gone, a new one appeared) and the segment of the other
    /// run that shares most customers with it.
    struct Unmatched: Encodable {
        var segment: String
        @NullWhenAbsent var name: String?
        var customers: Int
        var largest: Part
    }

    /// A split (an old segment and the two new ones it went to) or a merge (a new segment and the
    /// two old ones it came from).
    struct Flow: Encodable {
        var segment: String
        @NullWhenAbsent var name: String?
        var customers: Int
        var parts: [Part]
    }

    var old: String
    var new: String
    var matched: Int
    var oldSegments: [String]
    var newSegments: [String]
    @NullWhenAbsent var oldNames: [String]?
    @NullWhenAbsent var newNames: [String]?
    var counts: [[Int]]
    /// The share of each old segment's customers found in its match (null: no match).
    var retention: [Double?]
    var matches: [Match]
    var unmatchedOld: [Unmatched]
    var unmatchedNew: [Unmatched]
    var splits: [Flow]
    var merges: [Flow]
    var splitRule = MigrationFlow.splitRule
    var mergeRule = MigrationFlow.mergeRule
    var adjustedRandIndex: Double
    var onlyOld: Int
    var onlyNew: Int

    /// The summary of `migration`, its segments named by `oldNames` and `newNames` (aligned with
    /// its `oldSegments` and `newSegments`) when known.
    init(old: String, new: String, migration m: Migration, oldNames: [String]?, newNames: [String]?) {
        let oldTotals = m.counts.map { $0.reduce(0, +) }
        let newTotals = m.newSegments.indices.map { j in m.counts.reduce(0) { $0 + $1[j] } }
        func oldPart(_ i: Int, ofNew j: Int) -> Part {
            Part(segment: m.oldSegments[i], name: oldNames?[i], customers: m.counts[i][j],
                 share: Double(m.counts[i][j]) / Double(newTotals[j]))
        }
        func newPart(_ j: Int, ofOld i: Int) -> Part {
            Part(segment: m.newSegments[j], name: newNames?[j], customers: m.counts[i][j],
                 share: Double(m.counts[i][j]) / Double(oldTotals[i]))
        }
        self.old = old
        self.new = new
        matched = m.matched
        oldSegments = m.oldSegments
        newSegments = m.newSegments
        self.oldNames = oldNames
        self.newNames = newNames
        counts = m.counts
        retention = m.retention
        matches = m.matches.enumerated().compactMap { i, j in
            j.map { j in
                Match(oldSegment: m.oldSegments[i], oldName: oldNames?[i], newSegment: m.newSegments[j],
                      newName: newNames?[j], customers: m.counts[i][j], oldCustomers: oldTotals[i],
                      retention: Double(m.counts[i][j]) / Double(oldTotals[i]))
            }
        }
        unmatchedOld = m.matches.indices.filter { m.matches[$0] == nil }.map { i in
            Unmatched(segment: m.oldSegments[i], name: oldNames?[i], customers: oldTotals[i],
                      largest: newPart(m.largestDestination(ofOld: i), ofOld: i))
        }
        unmatchedNew = m.unmatchedNew.map { j in
            Unmatched(segment: m.newSegments[j], name: newNames?[j], customers: newTotals[j],
                      largest: oldPart(m.largestSource(ofNew: j), ofNew: j))
        }
        splits = m.splits.map { flow in
            Flow(segment: m.oldSegments[flow.segment], name: oldNames?[flow.segment], customers: flow.customers,
                 parts: flow.parts.map { newPart($0.segment, ofOld: flow.segment) })
        }
        merges = m.merges.map { flow in
            Flow(segment: m.newSegments[flow.segment], name: newNames?[flow.segment], customers: flow.customers,
                 parts: flow.parts.map { oldPart($0.segment, ofNew: flow.segment) })
        }
        adjustedRandIndex = m.adjustedRandIndex
        onlyOld = m.onlyOld
        onlyNew = m.onlyNew
    }
}

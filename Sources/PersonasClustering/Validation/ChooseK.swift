import PersonasNumerics

/// "How many segments are really there, and will they hold up?": runs a range of k through the
/// validity indices, the gap statistic, the elbow and bootstrap stability, and recommends one k,
/// stating why in one sentence per criterion and saying so when the criteria disagree.
///
/// ```swift
/// let result = try ChooseK.run(features, ChooseKConfiguration(ks: Array(2...10), seed: 1))
/// result.recommendedK
/// result.votes.map(\.reason)
/// ```
///
/// Each criterion votes for one k: silhouette (highest), Calinski–Harabasz (highest),
/// Davies–Bouldin (lowest), the gap statistic (Tibshirani's rule), the elbow of the inertia curve
/// (the point farthest from its chord) and bootstrap stability (Hennig's clusterboot: the largest k
/// whose every segment has a mean Jaccard of at least 0.75). A k whose smallest segment is under the minimum share cannot win
/// unless every k has such a segment. A k with a segment of fewer customers than the minimum
/// segment size is never recommended: such a segment would single out its customers in every
/// figure of it, so when every k has one the choice fails rather than recommend one. The k with
/// the most votes is recommended; ties go to the more stable k, then to the smaller k (the
/// simpler story for a sales force). The headline (``ChooseKResult/summary``) says what decided:
/// the criteria, or the minimum-share or minimum-size rule when it set their favourite aside
/// (``ChooseKResult/decidedBy``). When even the best average silhouette shows no substantial
/// structure, ``ChooseKResult/warnings`` says so (``StructureStrength``).
///
/// A model-based method (``Segmenter/isModelBased``, a Gaussian mixture) is chosen by BIC
/// instead, as mclust and Latent GOLD choose: the lowest BIC among the k the size rules allow is
/// recommended, and AIC, ICL and the indices above are shown beside it, each with its own vote,
/// without deciding (``ChooseKResult/Decision/lowestBIC``).
public enum ChooseK {
    /// Progress: each stage (one k's segmenting and indices, the gap statistic, one k's bootstrap
    /// stability) as it starts, the share of it done, and its end with its wall time
    /// (``ChooseKResult/stageTimes``).
    public typealias Progress = StageClock.Observer

    public static func run(
        _ x: Matrix<Double>, _ configuration: ChooseKConfiguration, progress: Progress? = nil
    ) throws -> ChooseKResult {
        let ks = configuration.ks
        let n = x.rows
        guard !ks.isEmpty else { throw ModelSelectionError("choose-k needs at least one candidate k") }
        guard ks == ks.sorted(), Set(ks).count == ks.count else {
            throw ModelSelectionError("the candidate k must be increasing and distinct, not \(ks)")
        }
        guard ks[0] >= 2 else { throw ModelSelectionError("the candidate k start at 2, not \(ks[0])") }
        guard ks.last! < n else {
            throw ModelSelectionError(.tooFewRows(k: ks.last!, rows: n), "k = \(ks.last!) needs more than \(ks.last!) rows; the data has \(n)")
        }
        guard configuration.exactSilhouetteLimit >= 2, configuration.resamplingSampleSize > ks.last! else {
            throw ModelSelectionError("the silhouette's sample needs at least 2 rows and the resampling sample more "
                                      + "rows than the largest k (\(ks.last!))")
        }
        // At k = the number of distinct rows every segment holds copies of one row: the
        // within-segment sums of squares vanish and the gap statistic's logarithm is undefined.
        let distinct = x.distinctRowCount(upTo: ks.last! + 1)
        guard distinct > ks.last! else {
            throw ModelSelectionError("k = \(ks.last!) needs more than \(ks.last!) distinct rows, but the rows take only "
                                      + "\(distinct) distinct values; "
                                      + (distinct > 2 ? "try k up to \(distinct - 1)" : "there is nothing to choose between"))
        }
        let stages = StageClock(observer: progress)

        // One seeded sample of the rows, drawn once and shared by every k: the silhouette's
        // (above the exact limit) and, its first rows, the gap statistic's and bootstrap
        // stability's (above the resampling size). See ``ChooseKConfiguration``.
        let silhouetteLimit = configuration.exactSilhouetteLimit, resamplingSize = configuration.resamplingSampleSize
        let sample = RowSample(rows: n, size: max(silhouetteLimit, resamplingSize), seed: derivedSeed(configuration.seed, 5, 0))
        let silhouetteRows = n > silhouetteLimit ? sample.first(silhouetteLimit) : nil
        let resamplingRows = n > resamplingSize ? sample.first(resamplingSize) : nil

        // The data's own segmentation at each k: one fit per k (k-means), or one tree cut at
        // every k (Ward, the hybrid).
        let fitSeeds = ks.indices.map { derivedSeed(configuration.seed, 1, UInt64($0)) }
        let segmenter = configuration.segmenter
        let fits = segmenter.answersEveryKInOneFit ? try segmenter.segment(x, ks: ks, seeds: fitSeeds) : nil
        var labelsByK: [Int: [Int32]] = [:]
        var partial: [(k: Int, labels: [Int32], sizes: [Int], inertia: Double, silhouette: Double, silhouetteSE: Double,
                       ch: Double, db: Double, dunn: Double?, criteria: InformationCriteria?)] = []
        for (index, k) in ks.enumerated() {
            stages.begin(.segmentingAndIndices.at(k: k))
            // A model-based method's fit also gives its information criteria.
            let modelFit = fits == nil ? try segmenter.fitModel(x, k: k, seed: fitSeeds[index]) : nil
            let raw = try fits?[index] ?? modelFit?.labels ?? segmenter.segment(x, k: k, seed: fitSeeds[index])
            try SelectionChecks.labels(raw, rows: n, k: k, what: "the \(segmenter.name) segmenter (k = \(k))")
            let labels = numberedBySize(raw)
            labelsByK[k] = labels
            let sizes = segmentSizes(labels)
            guard sizes.count >= 2 else {
                throw ModelSelectionError("k = \(k): \(segmenter.name) put every row in one segment "
                                          + "(are the rows identical?); choosing k needs at least two distinct rows")
            }
            let silhouette: (value: Double, standardError: Double)
            if let silhouetteRows {
                silhouette = try ValidityIndex.silhouetteOfSample(x, labels: labels, rows: silhouetteRows)
            } else {
                silhouette = (try ValidityIndex.silhouette(x, labels: labels), 0)
            }
            partial.append((k, labels, sizes, try ValidityIndex.inertia(x, labels: labels), silhouette.value,
                            silhouette.standardError, try ValidityIndex.calinskiHarabasz(x, labels: labels),
                            try ValidityIndex.daviesBouldin(x, labels: labels),
                            n <= configuration.dunnLimit ? try ValidityIndex.dunn(x, labels: labels) : nil,
                            modelFit?.criteria))
        }

        // Above the resampling size, the gap statistic and bootstrap stability are those of the
        // sample (its own clustering at each k, reference sets of its size; resamples of it).
        let resampled = resamplingRows.map { x.gatheredRows($0) } ?? x
        var gap: GapStatistic.Result?
        if configuration.gapReferences > 0 {
            stages.begin(.gapStatistic)
            gap = try GapStatistic.compute(resampled, ks: ks, references: configuration.gapReferences,
                                           segmenter: segmenter, seed: derivedSeed(configuration.seed, 3, 0),
                                           dataLabels: resamplingRows == nil ? labelsByK : [:], progress: stages.report)
        }

        var stability: [BootstrapStability.Result]?
        if configuration.bootstrapResamples > 0 {
            stages.begin(.bootstrapStability)
            stability = try BootstrapStability.assess(
                resampled, labels: partial.map { entry in resamplingRows.map { $0.map { entry.labels[$0] } } ?? entry.labels },
                ks: ks, resamples: configuration.bootstrapResamples, segmenter: segmenter,
                seed: derivedSeed(configuration.seed, 4, 0), emptyClustersAllowed: resamplingRows != nil,
                progress: stages.report)
        }

        let candidates = partial.enumerated().map { index, entry in
            ChooseKResult.Candidate(
                k: entry.k, segmentSizes: entry.sizes, smallestShare: Double(entry.sizes.min() ?? 0) / Double(n),
                inertia: entry.inertia, silhouette: entry.silhouette, silhouetteStandardError: entry.silhouetteSE,
                calinskiHarabasz: entry.ch, daviesBouldin: entry.db, dunn: entry.dunn,
                gap: gap?.gap[index], gapStandardError: gap?.standardError[index],
                stabilityJaccard: stability?[index].meanJaccard, stabilityAdjustedRandIndex: stability?[index].meanAdjustedRandIndex,
                labels: entry.labels, informationCriteria: entry.criteria)
        }
        stages.end()
        let floor = configuration.minimumSegmentSize
        if candidates.allSatisfy({ hasSegmentUnder(floor, $0) }) {
            throw ModelSelectionError("every k from \(ks.first!) to \(ks.last!) gives a segment of fewer than \(floor) "
                                      + "customers (a few customers far from the rest form their own segment?), so none "
                                      + "can be recommended; give one k instead of a range, which merges each such "
                                      + "segment into its nearest neighbour, or lower the minimum segment size")
        }
        var result = recommend(candidates, gap: gap, configuration: configuration, rows: n)
        result.stageTimes = stages.times
        return result
    }

    /// The votes, the recommendation and its summary, from the figures alone.
    static func recommend(
        _ candidates: [ChooseKResult.Candidate], gap: GapStatistic.Result?, configuration: ChooseKConfiguration, rows: Int
    ) -> ChooseKResult {
        let ks = candidates.map(\.k)
        var votes: [ChooseKResult.Vote] = []
        func best(_ value: (ChooseKResult.Candidate) -> Double, highest: Bool) -> ChooseKResult.Candidate {
            candidates.dropFirst().reduce(candidates[0]) { current, next in
                (highest ? value(next) > value(current) : value(next) < value(current)) ? next : current
            }
        }
        let silhouette = best({ $0.silhouette }, highest: true)
        votes.append(.init(criterion: "silhouette", k: silhouette.k,
                           reason: "Silhouette is highest at k = \(silhouette.k) (\(format(silhouette.silhouette)))"
                           + (silhouette.silhouetteStandardError > 0
                              ? ", estimated from a sample (± \(format(silhouette.silhouetteStandardError)))." : ".")))
        let ch = best({ $0.calinskiHarabasz }, highest: true)
        votes.append(.init(criterion: "Calinski–Harabasz", k: ch.k,
                           reason: "Calinski–Harabasz is highest at k = \(ch.k) (\(format(ch.calinskiHarabasz)))."))
        let db = best({ $0.daviesBouldin }, highest: false)
        votes.append(.init(criterion: "Davies–Bouldin", k: db.k,
                           reason: "Davies–Bouldin is lowest at k = \(db.k) (\(format(db.daviesBouldin)))."))
        if let gap {
            if let k = gap.recommendedK {
                votes.append(.init(criterion: "gap statistic", k: k,
                                   reason: "The gap statistic's rule (the smallest k with gap(k) ≥ gap(k+1) − s(k+1)) "
                                   + "picks k = \(k)."))
            } else {
                votes.append(.init(criterion: "gap statistic", k: nil,
                                   reason: "The gap statistic keeps rising up to k = \(ks.last!): no k in the range "
                                   + "satisfies its rule, which suggests more segments than tried."))
            }
        }
        if let elbow = Elbow.farthestFromChord(ks: ks, values: candidates.map(\.inertia)) {
            votes.append(.init(criterion: "elbow", k: elbow,
                               reason: "The elbow of the inertia curve (the point farthest from the chord joining its "
                               + "ends) is at k = \(elbow)."))
        }
        if candidates.allSatisfy({ $0.minimumJaccard != nil }) {
            // Hennig's reading: a segmentation is only as trustworthy as its least stable segment.
            // The largest k whose every segment is at least stable is the most detail the data
            // supports; when none is, the k whose weakest segment holds up best.
            let resamples = configuration.bootstrapResamples
            if let stable = candidates.last(where: { $0.minimumJaccard! >= 0.75 }) {
                votes.append(.init(criterion: "bootstrap stability", k: stable.k,
                                   reason: "Bootstrap stability (\(resamples) resamples): k = \(stable.k) is the largest k "
                                   + "whose every segment is stable (mean Jaccard ≥ 0.75; its weakest segment "
                                   + "\(format(stable.minimumJaccard!)), \(stabilityReading(stable.minimumJaccard!)))."))
            } else {
                let steadiest = best({ $0.minimumJaccard! }, highest: true)
                votes.append(.init(criterion: "bootstrap stability", k: steadiest.k,
                                   reason: "Bootstrap stability (\(resamples) resamples): no k has every segment stable; "
                                   + "k = \(steadiest.k) holds up best (weakest segment's mean Jaccard "
                                   + "\(format(steadiest.minimumJaccard!)), \(stabilityReading(steadiest.minimumJaccard!)))."))
            }
        }

        // The size floor excludes without exception (``run`` refuses when it excludes every k);
        // the share rule then applies among the rest, yielding when every one of them is small.
        let floor = configuration.minimumSegmentSize
        let underFloor = candidates.filter { hasSegmentUnder(floor, $0) }.map(\.k)
        let allowed = underFloor.count == candidates.count ? ks : ks.filter { !underFloor.contains($0) }
        let minimumShare = configuration.minimumSegmentShare
        let small = candidates.filter { allowed.contains($0.k) && $0.smallestShare < minimumShare }.map(\.k)
        let eligible = small.count == allowed.count ? allowed : allowed.filter { !small.contains($0) }
        if !underFloor.isEmpty {
            votes.append(.init(criterion: "minimum segment size", k: nil,
                               reason: "k = \(list(underFloor)) \(underFloor.count == 1 ? "has" : "have") a segment of "
                               + "fewer than \(Quantity.count(floor, "customer")), so \(underFloor.count == 1 ? "it is" : "they are") not "
                               + "recommended."))
        }
        if !small.isEmpty {
            votes.append(.init(criterion: "segment size", k: nil,
                               reason: "k = \(list(small)) \(small.count == 1 ? "has" : "have") a segment under "
                               + "\(Int((minimumShare * 100).rounded()))% of the customers"
                               + (small.count == allowed.count ? ", like every k \(underFloor.isEmpty ? "tried" : "left"); it does not decide." :
                                  ", which counts against \(small.count == 1 ? "it" : "them").")))
        }
        // A model-based method's fits carry information criteria: BIC, AIC and ICL vote first,
        // and BIC alone decides (``ChooseKHeadline``).
        let byBIC = candidates.allSatisfy { $0.informationCriteria != nil }
        if byBIC { votes.insert(contentsOf: informationCriterionVotes(candidates), at: 0) }
        let headline = ChooseKHeadline(candidates: candidates, votes: votes, allowed: allowed, eligible: eligible,
                                       minimumSize: floor, minimumShare: minimumShare, gapRan: gap != nil,
                                       byBIC: byBIC).decide()
        let warnings = [StructureStrength.warning(silhouette: silhouette.silhouette, k: silhouette.k,
                                                  estimated: silhouette.silhouetteStandardError > 0)].compactMap { $0 }
        return ChooseKResult(rows: rows, segmenter: configuration.segmenter.name, candidates: candidates, votes: votes,
                             recommendedK: headline.k, summary: headline.summary, decidedBy: headline.decidedBy,
                             criteriaDisagree: Set(votes.compactMap(\.k)).count > 1, warnings: warnings)
    }

    /// Whether a candidate has a segment of fewer than `floor` rows.
    static func hasSegmentUnder(_ floor: Int, _ candidate: ChooseKResult.Candidate) -> Bool {
        (candidate.segmentSizes.min() ?? 0) < floor
    }

    static func stabilityReading(_ jaccard: Double) -> String {
        jaccard >= 0.85 ? "highly stable" : jaccard >= 0.75 ? "stable" : jaccard >= 0.6 ? "doubtful" : "dissolved"
    }

    static func format(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude >= 1000 { return String(Int(value.rounded())) }
        if magnitude >= 10 { return String((value * 10).rounded() / 10) }
        return String((value * 1000).rounded() / 1000)
    }

    /// "3", "3 and 4", "3, 4 and 5".
    static func list(_ ks: [Int]) -> String { words(ks.map(String.init)) }

    /// "silhouette", "silhouette and elbow", "silhouette, Davies–Bouldin and elbow".
    static func words(_ items: [String]) -> String {
        items.count <= 2 ? items.joined(separator: " and ")
            : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    /// A per-purpose seed: the master seed mixed with a purpose tag and an index (SplitMix64's
    /// finaliser), so streams for different purposes never coincide.
    static func derivedSeed(_ seed: UInt64, _ purpose: UInt64, _ index: UInt64) -> UInt64 {
        var z = seed &+ 0x9E37_79B9_7F4A_7C15 &* (purpose &* 1_000_003 &+ index &+ 1)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

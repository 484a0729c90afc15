import Foundation
import PersonasData
import PersonasNumerics

/// Profiles every segment of a labelled table on its original columns.
///
/// Cost: per numeric column two parallel passes over fixed row chunks (segment sums, then sums of
/// squared deviations about the segment means, combined in chunk order so results do not depend
/// on the thread count), a counting-sort scatter by segment and one radix sort per segment for the
/// quartiles; per level column one parallel counting pass. O(rows × columns) time, one column's
/// copy of extra memory.
public enum Profiler {
    /// Rows per parallel chunk: fixed, so the partition never depends on the thread count.
    static let chunkRows = 65_536

    /// Profiles `table` segmented by `labels` (one per row; a negative label leaves the row out).
    ///
    /// Identifier, free-text, ignored and survey-weight columns are never profiled; nor are level columns with
    /// more than ``ProfileConfiguration/maximumLevels`` levels. With
    /// ``ProfileConfiguration/weightColumn`` the figures are weighted by it (see there) and each
    /// segment is projected onto the universe (``UniverseProjection``).
    public static func profile(_ table: DataTable, labels: [Int32],
                               configuration: ProfileConfiguration = ProfileConfiguration()) throws(ProfileError) -> SegmentProfiles {
        guard labels.count == table.rowCount else {
            throw ProfileError("\(labels.count) labels for \(table.rowCount) rows: give one segment per row")
        }
        guard configuration.minimumSegmentSize >= 1 else { throw ProfileError("the minimum segment size must be at least 1") }
        let segmentIDs = Array(Set(labels.filter { $0 >= 0 })).sorted()
        guard !segmentIDs.isEmpty else { throw ProfileError("no row has a segment") }
        let k = segmentIDs.count
        let position = Dictionary(uniqueKeysWithValues: segmentIDs.enumerated().map { ($0.element, Int32($0.offset)) })
        let labelledGroups = labels.map { $0 >= 0 ? position[$0]! : -1 }
        var labelledSizes = [Int](repeating: 0, count: k)
        for g in labelledGroups where g >= 0 { labelledSizes[Int(g)] += 1 }
        let suppressed = labelledSizes.map { $0 < configuration.minimumSegmentSize }
        // A suppressed segment's customers leave the population like unassigned rows: a
        // population figure that included them (a total, a level count, a maximum) minus the
        // reported segments' figures would give theirs back.
        let groups = labelledGroups.map { $0 >= 0 && suppressed[Int($0)] ? -1 : $0 }
        let sizes = zip(labelledSizes, suppressed).map { $1 ? 0 : $0 }
        let rows = sizes.reduce(0, +)
        let withheld = labelledSizes.reduce(0, +) - rows
        let (weightColumn, weights) = try surveyWeights(table, configuration)
        // Σw and Σw² per segment (the sizes themselves when unweighted).
        var sizeWeights = sizes.map(Double.init), sizeSquaredWeights = sizeWeights
        if let weights {
            sizeWeights = [Double](repeating: 0, count: k)
            sizeSquaredWeights = sizeWeights
            for (g, w) in zip(groups, weights) where g >= 0 {
                sizeWeights[Int(g)] += w
                sizeSquaredWeights[Int(g)] += w * w
            }
        }
        let totalWeight = sizeWeights.reduce(0, +)

        // Value and potential.
        func roleColumn(_ name: String?, _ role: ColumnRole, _ what: String) throws(ProfileError) -> Column? {
            if let name {
                guard let column = table[name] else {
                    throw ProfileError(.roleColumnNotFound(role: role, name: name),
                                       "\(what) column \"\(name)\" is not in \(table.source)")
                }
                guard column.numbers != nil, column.type != .boolean else {
                    throw ProfileError(.roleColumnNotNumeric(role: role, name: name),
                                       "\(what) column \"\(name)\" must be numeric")
                }
                return column
            }
            return table.columns.first { $0.role == role && $0.numbers != nil }
        }
        let valueColumn = try roleColumn(configuration.valueColumn, .value, "value")
        let potentialColumn = try roleColumn(configuration.potentialColumn, .potential, "potential")
        let valueTotals = valueColumn.map { segmentTotals($0.numbers!, groups, k, weights: weights) }
        let potentialTotals = potentialColumn.map { segmentTotals($0.numbers!, groups, k, weights: weights) }

        var notes: [String] = []
        var columns: [ProfiledColumn] = []
        let correlations = TraitCorrelations(groups: groups)
        var numericBySegment = [[NumericProfile]](repeating: [], count: k)
        var levelsBySegment = [[LevelProfile]](repeating: [], count: k)
        for column in table.columns {
            if column.type == .identifier || column.type == .text || column.role == .identifier || column.role == .ignore
                || column.role == .weight || column.name == weightColumn {
                continue
            }
            switch column.values {
            case .withheld:
                continue
            case .numbers(let values) where column.type == .boolean:
                let codes = values.map { $0.isNaN ? Int32(-1) : ($0 == 0 ? 0 : 1) }
                let labels = [column.levelLabels["no"] ?? column.levelLabels["false"] ?? "not " + lowercasedFirst(column.displayName),
                              column.levelLabels["yes"] ?? column.levelLabels["true"] ?? column.displayName]
                let (info, profiles) = profileLevels(column, codes: codes, levels: ["no", "yes"], labels: labels,
                                                     groups: groups, sizes: sizeWeights, suppressed: suppressed,
                                                     weights: weights)
                columns.append(info)
                correlations.add(column.name, .codes(codes, levels: ["no", "yes"]))
                for s in 0..<k where !suppressed[s] { levelsBySegment[s].append(profiles[s]) }
            case .numbers(let values):
                let (info, profiles, used, note) = profileNumeric(column, values: values, groups: groups, sizes: sizeWeights,
                                                                  suppressed: suppressed, configuration: configuration,
                                                                  weights: weights)
                columns.append(info)
                correlations.add(column.name, .numbers(used))
                if let note { notes.append(note) }
                for s in 0..<k where !suppressed[s] { numericBySegment[s].append(profiles[s]) }
            case .levels(let allCodes, let allLevels):
                guard let (codes, levels) = RareLevels.pool(codes: allCodes, levels: allLevels,
                                                             minimumHolders: configuration.minimumSegmentSize) else {
                    notes.append("\"\(column.name)\" is not profiled: none of its levels is held by "
                                 + "\(configuration.minimumSegmentSize) or more customers (free text or identifier-like)")
                    continue
                }
                guard levels.count <= configuration.maximumLevels else {
                    notes.append("\"\(column.name)\" has \(levels.count) levels (more than \(configuration.maximumLevels)) "
                                 + "and is not profiled")
                    continue
                }
                let (info, profiles) = profileLevels(column, codes: codes, levels: levels,
                                                     labels: levels.map { column.label(forLevel: $0) },
                                                     groups: groups, sizes: sizeWeights, suppressed: suppressed,
                                                     weights: weights)
                columns.append(info)
                correlations.add(column.name, .codes(codes, levels: levels))
                for s in 0..<k where !suppressed[s] { levelsBySegment[s].append(profiles[s]) }
            }
        }

        // Benjamini–Hochberg over every test of every reported segment.
        var family: [Double] = []
        for s in 0..<k where !suppressed[s] {
            for p in numericBySegment[s] { if let test = p.test { family.append(test.p) } }
            for p in levelsBySegment[s] { if let test = p.test { family.append(test.p) } }
        }
        let adjusted = BenjaminiHochberg.adjust(family)
        var next = 0
        for s in 0..<k where !suppressed[s] {
            for i in numericBySegment[s].indices where numericBySegment[s][i].test != nil {
                numericBySegment[s][i].adjustedP = adjusted[next]
                next += 1
            }
            for i in levelsBySegment[s].indices where levelsBySegment[s][i].test != nil {
                levelsBySegment[s][i].adjustedP = adjusted[next]
                next += 1
            }
        }

        let columnInfo = Dictionary(uniqueKeysWithValues: columns.map { ($0.name, $0) })
        let totalValue = valueTotals?.reduce(0, +)
        let totalPotential = potentialTotals?.reduce(0, +)
        let effectiveRows = KishEffectiveSize.of(weight: totalWeight, squaredWeight: sizeSquaredWeights.reduce(0, +))
        let universe = configuration.universeSize ?? totalWeight
        var segments: [SegmentProfile] = []
        for s in 0..<k {
            if suppressed[s] {
                segments.append(SegmentProfile(segment: Int(segmentIDs[s]), size: nil, share: nil, suppressed: true,
                                               numeric: [], levels: [], overIndexed: [], underIndexed: []))
                continue
            }
            var profile = SegmentProfile(
                segment: Int(segmentIDs[s]), size: sizes[s], share: sizeWeights[s] / totalWeight,
                valueShare: valueTotals.flatMap { totals in totalValue! > 0 ? totals[s] / totalValue! : nil },
                potentialShare: potentialTotals.flatMap { totals in totalPotential! > 0 ? totals[s] / totalPotential! : nil },
                valueTotal: valueTotals?[s], potentialTotal: potentialTotals?[s],
                suppressed: false, numeric: numericBySegment[s], levels: levelsBySegment[s],
                overIndexed: [], underIndexed: [])
            (profile.overIndexed, profile.underIndexed) = traits(of: profile, columns: columnInfo, correlations: correlations,
                                                                 configuration)
            if weights != nil {
                profile.weight = sizeWeights[s]
                profile.effectiveSize = KishEffectiveSize.of(weight: sizeWeights[s], squaredWeight: sizeSquaredWeights[s])
                profile.projection = UniverseProjection(share: sizeWeights[s] / totalWeight, effectiveSize: effectiveRows,
                                                        universe: universe)
            }
            segments.append(profile)
        }
        var pareto: [ParetoPoint] = []
        if valueTotals != nil {
            var customers = 0.0, value = 0.0
            let reported = segments.filter { !$0.suppressed }
            for segment in reported.sorted(by: { ($0.valueShare ?? 0, -$0.segment) > ($1.valueShare ?? 0, -$1.segment) }) {
                customers += segment.share ?? 0
                value += segment.valueShare ?? 0
                pareto.append(ParetoPoint(segment: segment.segment, cumulativeCustomerShare: customers,
                                          cumulativeValueShare: value))
            }
        }
        let hidden = (0..<k).filter { suppressed[$0] }.map { String(segmentIDs[$0]) }
        if !hidden.isEmpty {
            let pooled = withheld >= configuration.minimumSegmentSize
                ? " (\(withheld) customers between them)" : ""
            notes.append("segment\(hidden.count == 1 ? "" : "s") \(hidden.joined(separator: ", ")) \(hidden.count == 1 ? "has" : "each have") "
                         + "fewer than \(configuration.minimumSegmentSize) customers; \(hidden.count == 1 ? "its" : "their") "
                         + "customers\(pooled) are left out of every figure and \(hidden.count == 1 ? "its" : "their") "
                         + "profile is suppressed")
        }
        var profiles = SegmentProfiles(
            source: table.source, rows: rows, unassignedRows: table.rowCount - labelledSizes.reduce(0, +),
            suppressedRows: hidden.isEmpty || withheld < configuration.minimumSegmentSize ? nil : withheld,
            configuration: configuration, valueColumn: valueColumn?.name, potentialColumn: potentialColumn?.name,
            columns: columns, segments: segments, pareto: pareto, testCount: family.count, notes: notes)
        if weights != nil {
            profiles.weightColumn = weightColumn
            profiles.totalWeight = totalWeight
            profiles.effectiveRows = effectiveRows
            profiles.universeSize = universe
        }
        return profiles
    }

    /// The survey-weight column (``ProfileConfiguration/weightColumn``, else the schema's weight
    /// role) and its weights, both nil without one; checked: every cell a finite number above 0,
    /// and a universe size, if given, too.
    static func surveyWeights(_ table: DataTable, _ configuration: ProfileConfiguration)
        throws(ProfileError) -> (column: String?, weights: [Double]?) {
        guard let name = configuration.weightColumn ?? table.weightColumn?.name else { return (nil, nil) }
        if let universe = configuration.universeSize, !(universe.isFinite && universe > 0) {
            throw ProfileError("the universe size must be a number above 0, found \(universe)")
        }
        do {
            return (name, try table.weights(column: name))
        } catch {
            throw ProfileError(.invalidWeights(error), error.description)
        }
    }

    // MARK: - Traits

    /// A segment's traits: every column (or level) whose difference from the rest of the
    /// customers is significant (Benjamini–Hochberg adjusted p below the significance level) and
    /// at least ``ProfileConfiguration/minimumEffectSize`` in standardised terms (|Cohen's d| of a
    /// numeric column, on `log1p` when it is heavily skewed; |Cohen's h| of a level's share),
    /// largest first; a trait correlated with an already chosen one of the same kind (two numeric
    /// columns, or levels of two columns) by ``ProfileConfiguration/maximumTraitCorrelation`` or
    /// more is skipped: it says the same thing twice. Levels of one column are exempt ("more
    /// Hospital, fewer GP practice" is a mix, and a level the segment holds more often must not give
    /// way to its mirror image), and so is a level beside a numeric column: their (point-biserial)
    /// correlation says that the level's holders differ on the measure, which is the segment's
    /// profile, not a repetition, and the level's label is what a name leads with. The index plays no
    /// part: it cannot see a column that varies little around a large mean, nor one whose mean is
    /// not positive.
    static func traits(of profile: SegmentProfile, columns: [String: ProfiledColumn], correlations: TraitCorrelations,
                       _ configuration: ProfileConfiguration) -> (over: [DistinguishingTrait], under: [DistinguishingTrait]) {
        var candidates: [DistinguishingTrait] = []
        let alpha = configuration.significanceLevel, notable = configuration.minimumEffectSize
        for numeric in profile.numeric {
            guard let p = numeric.adjustedP, p < alpha, let d = numeric.effectSize, abs(d) >= notable,
                  let info = columns[numeric.column], let summary = numeric.summary, let population = info.numeric
            else { continue }
            candidates.append(DistinguishingTrait(
                column: numeric.column, displayName: info.displayName, type: info.type, level: nil, levelLabel: nil,
                direction: d > 0 ? .over : .under, segmentValue: summary.mean, populationValue: population.mean,
                index: numeric.index, effectSize: abs(d), adjustedP: p))
        }
        for column in profile.levels {
            guard let p = column.adjustedP, p < alpha, let info = columns[column.column] else { continue }
            for level in column.levels where abs(level.effectSize) >= notable {
                // A boolean speaks through its "yes" level only ("no" restates it).
                if info.type == .boolean && level.level != "yes" { continue }
                candidates.append(DistinguishingTrait(
                    column: column.column, displayName: info.displayName, type: info.type, level: level.level,
                    levelLabel: level.label, direction: level.effectSize > 0 ? .over : .under,
                    segmentValue: level.share, populationValue: level.populationShare, index: level.index,
                    effectSize: abs(level.effectSize), adjustedP: p))
            }
        }
        // Largest effect first; ties over before under, then by column and level, so the order is
        // deterministic.
        candidates.sort { a, b in
            if a.effectSize != b.effectSize { return a.effectSize > b.effectSize }
            if a.direction != b.direction { return a.direction == .over }
            if a.column != b.column { return a.column < b.column }
            return (a.level ?? "") < (b.level ?? "")
        }
        var over: [DistinguishingTrait] = [], under: [DistinguishingTrait] = []
        let limit = configuration.traitsPerDirection
        for candidate in candidates where (candidate.direction == .over ? over.count : under.count) < limit {
            let chosen = over + under
            if chosen.contains(where: {
                $0.column != candidate.column && ($0.level == nil) == (candidate.level == nil)
                    && correlations.absoluteCorrelation($0, candidate) >= configuration.maximumTraitCorrelation
            }) { continue }
            if candidate.direction == .over { over.append(candidate) } else { under.append(candidate) }
        }
        return (over, under)
    }

    // MARK: - Numeric columns

    /// Σx (Σwx with weights) of `values` per segment, NaN left out.
    static func segmentTotals(_ values: [Double], _ groups: [Int32], _ k: Int, weights: [Double]?) -> [Double] {
        let chunks = (values.count + chunkRows - 1) / chunkRows
        let partial = ParallelFor.mapChunks(chunks) { chunk -> [Double] in
            var sums = [Double](repeating: 0, count: k)
            for i in chunk * chunkRows..<min(values.count, (chunk + 1) * chunkRows) where groups[i] >= 0 && !values[i].isNaN {
                sums[Int(groups[i])] += weights.map { $0[i] * values[i] } ?? values[i]
            }
            return sums
        }
        var totals = [Double](repeating: 0, count: k)
        for sums in partial { for s in 0..<k { totals[s] += sums[s] } }
        return totals
    }

    /// The column's profiles, the series its traits use (its values, or `log1p` of them when its
    /// effect sizes are on that scale) and a note when it is heavily skewed but cannot be logged.
    /// `sizes` are the segments' Σw (their sizes when `weights` is nil).
    static func profileNumeric(_ column: Column, values: [Double], groups: [Int32], sizes: [Double], suppressed: [Bool],
                               configuration: ProfileConfiguration, weights: [Double]?)
        -> (ProfiledColumn, [NumericProfile], used: [Double], note: String?) {
        let k = sizes.count, n = values.count
        // Moments are taken of the values times a power of two (exact) that brings values near the
        // floating-point limits to order 1: sums of 1e300s and squares of 1e-300s stay finite and
        // non-zero. Tests and ratios do not depend on the scale; means and deviations are scaled back.
        let scale = momentScale(values)
        let moments = segmentMoments(values, groups, k: k, scale: scale, weights: weights)
        let counts = moments.map(\.count)
        let population = moments.reduce(GroupMoments()) { $0.merged(with: $1) }
        // Quartiles: scatter the values by segment (counting sort), then sort each segment.
        var offsets = [Int](repeating: 0, count: k + 1)
        for s in 0..<k { offsets[s + 1] = offsets[s] + counts[s] }
        var scattered = [Double](repeating: 0, count: offsets[k])
        var cursor = Array(offsets.dropLast())
        for i in 0..<n {
            let s = Int(groups[i]), x = values[i]
            if s >= 0 && !x.isNaN {
                scattered[cursor[s]] = x
                cursor[s] += 1
            }
        }
        let summaries: [NumericSummary?] = ParallelFor.mapChunks(k + 1) { s in
            var sorted: [Double]
            if s == k {
                sorted = scattered
            } else {
                if suppressed[s] { return nil }
                sorted = Array(scattered[offsets[s]..<offsets[s + 1]])
            }
            RadixSort.sort(&sorted)
            let m = s == k ? population : moments[s]
            return summary(sorted: sorted, moments: m, scale: scale, weighted: weights != nil)
        }
        let populationSummary = summaries[k]
        let all = sizes.reduce(0, +)
        let missingShare = all > 0 ? (all - population.weight) / all : 0
        // Effect sizes on log1p of a heavily skewed column without negative values: a few huge
        // values would otherwise make the pooled SD so large that no segment differs.
        var used = values, effectMoments = moments, logged = false, note: String?
        if let skewness = skewness(values, groups, population: population, scale: scale, weights: weights),
           skewness > configuration.logSkewness, let minimum = populationSummary?.minimum {
            if minimum >= 0 {
                used = values.map { $0.isNaN ? .nan : Foundation.log1p($0) }
                effectMoments = segmentMoments(used, groups, k: k, scale: 1, weights: weights)
                logged = true
            } else {
                note = "\"\(column.name)\" is heavily skewed (skewness \(NarrativeFormat.number(skewness))) but has negative "
                    + "values, so its effect sizes are on its values, not on log(1 + x)"
            }
        }
        let info = ProfiledColumn(name: column.name, displayName: column.displayName, type: column.type, kind: .numeric,
                                  missingShare: missingShare, numeric: populationSummary, levels: nil,
                                  effectScale: logged ? "log1p" : nil)
        var profiles: [NumericProfile] = []
        for s in 0..<k {
            if suppressed[s] {
                profiles.append(NumericProfile(column: column.name, missingShare: 0))
                continue
            }
            var rest = GroupMoments(), effectRest = GroupMoments()
            for other in 0..<k where other != s {
                rest = rest.merged(with: moments[other])
                effectRest = effectRest.merged(with: effectMoments[other])
            }
            let index: Double? = moments[s].count > 0 && population.count > 0 && population.mean > 0
                ? moments[s].mean / population.mean * 100 : nil
            profiles.append(NumericProfile(
                column: column.name,
                missingShare: sizes[s] > 0 ? (sizes[s] - moments[s].weight) / sizes[s] : 0,
                summary: summaries[s], index: index, test: WelchTest(moments[s], rest), adjustedP: nil,
                cohensD: WelchTest.cohensD(moments[s], rest),
                effectSize: WelchTest.cohensD(effectMoments[s], effectRest)))
        }
        return (info, profiles, used, note)
    }

    /// Count, Σw, Σw², weighted mean and weighted sum of squared deviations of `values` (times
    /// `scale`) per segment: two parallel passes over fixed chunks (sums, then squared deviations
    /// about the segment means), combined in chunk order so the result does not depend on the
    /// thread count. NaN is left out. Without `weights` every weight is 1: the products by 1 and
    /// sums of ones are exact, so the moments are the unweighted ones bit for bit.
    static func segmentMoments(_ values: [Double], _ groups: [Int32], k: Int, scale: Double,
                               weights: [Double]? = nil) -> [GroupMoments] {
        let n = values.count
        let chunks = (n + chunkRows - 1) / chunkRows
        let ones = weights == nil ? [1.0] : []
        let (wBase, wStride) = weights == nil ? (ones, 0) : (weights!, 1)
        let firstPass = values.withUnsafeBufferPointer { v in
            groups.withUnsafeBufferPointer { g in
                wBase.withUnsafeBufferPointer { w in
                    ParallelFor.mapChunks(chunks) { chunk -> ([Int], [Double], [Double], [Double]) in
                        var counts = [Int](repeating: 0, count: k), sums = [Double](repeating: 0, count: k)
                        var weightSums = sums, squaredWeights = sums
                        for i in chunk * chunkRows..<min(n, (chunk + 1) * chunkRows) {
                            let s = Int(g[i]), x = v[i] * scale
                            if s >= 0 && !x.isNaN {
                                let wi = w[i * wStride]
                                counts[s] += 1
                                weightSums[s] += wi
                                squaredWeights[s] += wi * wi
                                sums[s] += wi * x
                            }
                        }
                        return (counts, weightSums, squaredWeights, sums)
                    }
                }
            }
        }
        var counts = [Int](repeating: 0, count: k), sums = [Double](repeating: 0, count: k)
        var weightSums = sums, squaredWeights = sums
        for (c, w, w2, t) in firstPass {
            for s in 0..<k { counts[s] += c[s]; weightSums[s] += w[s]; squaredWeights[s] += w2[s]; sums[s] += t[s] }
        }
        let means = (0..<k).map { counts[$0] > 0 ? sums[$0] / weightSums[$0] : 0 }
        let secondPass = values.withUnsafeBufferPointer { v in
            groups.withUnsafeBufferPointer { g in
                wBase.withUnsafeBufferPointer { w in
                    ParallelFor.mapChunks(chunks) { chunk -> [Double] in
                        var ss = [Double](repeating: 0, count: k)
                        for i in chunk * chunkRows..<min(n, (chunk + 1) * chunkRows) {
                            let s = Int(g[i]), x = v[i] * scale
                            if s >= 0 && !x.isNaN {
                                let d = x - means[s]
                                ss[s] += w[i * wStride] * (d * d)
                            }
                        }
                        return ss
                    }
                }
            }
        }
        var squares = [Double](repeating: 0, count: k)
        for ss in secondPass { for s in 0..<k { squares[s] += ss[s] } }
        return (0..<k).map {
            GroupMoments(count: counts[$0], weight: weightSums[$0], squaredWeight: squaredWeights[$0], mean: means[$0],
                         sumOfSquares: squares[$0])
        }
    }

    /// The sample skewness g₁ = m₃ ÷ m₂^1.5 (SciPy's `skew`, biased) of the profiled values, from
    /// their `population` moments (of the values times `scale`), the central moments weighted
    /// by `weights` when given; nil below three values or for a constant column.
    static func skewness(_ values: [Double], _ groups: [Int32], population: GroupMoments, scale: Double,
                         weights: [Double]? = nil) -> Double? {
        guard population.count > 2, population.sumOfSquares > 0 else { return nil }
        let n = values.count, chunks = (n + chunkRows - 1) / chunkRows, mean = population.mean
        let cubes = ParallelFor.mapChunks(chunks) { chunk -> Double in
            var sum = 0.0
            for i in chunk * chunkRows..<min(n, (chunk + 1) * chunkRows) where groups[i] >= 0 {
                let x = values[i] * scale
                if !x.isNaN { let d = x - mean; sum += (weights?[i] ?? 1) * (d * d * d) }
            }
            return sum
        }.reduce(0, +)
        let count = population.weight
        let m2 = population.sumOfSquares / count, m3 = cubes / count
        let g = m3 / (m2 * m2.squareRoot())
        return g.isFinite ? g : nil
    }

    /// `moments` are of the values times `scale` (see ``momentScale(_:)``); `sorted` of the values.
    /// `weighted` adds the moments' Σw and effective count.
    static func summary(sorted: [Double], moments: GroupMoments, scale: Double = 1, weighted: Bool = false) -> NumericSummary? {
        guard !sorted.isEmpty else { return nil }
        return NumericSummary(count: moments.count, mean: moments.mean / scale,
                              standardDeviation: moments.variance.map { $0.squareRoot() / scale }, minimum: sorted[0],
                              lowerQuartile: Quantiles.quantile(sorted: sorted, 0.25),
                              median: Quantiles.quantile(sorted: sorted, 0.5),
                              upperQuartile: Quantiles.quantile(sorted: sorted, 0.75), maximum: sorted[sorted.count - 1],
                              weight: weighted ? moments.weight : nil,
                              effectiveCount: weighted ? moments.effectiveCount : nil)
    }

    /// 1, or the power of two that brings the largest finite magnitude of `values` near 1 when it
    /// is so large that sums or squares could overflow (above 2^400) or so small that squares
    /// underflow (below 2^-400). Multiplying by a power of two is exact, so ordinary columns keep
    /// their bits.
    static func momentScale(_ values: [Double]) -> Double {
        var largest = 0.0
        for v in values where v.isFinite { largest = max(largest, abs(v)) }
        guard largest > 0, largest > 0x1p400 || largest < 0x1p-400 else { return 1 }
        // Capped so that a subnormal largest value does not ask for 2^1074, which overflows.
        return Double(sign: .plus, exponent: min(1000, -largest.exponent), significand: 1)
    }

    // MARK: - Level columns

    /// `sizes` are the segments' Σw (their sizes when `weights` is nil). Shares and indices are
    /// of the weighted counts; each row of a segment's test is scaled to its Kish effective size
    /// (`ContingencyTest.init(segment:rest:)` on weighted counts).
    static func profileLevels(_ column: Column, codes: [Int32], levels: [String], labels: [String], groups: [Int32],
                              sizes: [Double], suppressed: [Bool], weights: [Double]?) -> (ProfiledColumn, [LevelProfile]) {
        let k = sizes.count, n = codes.count, width = levels.count + 1
        let chunks = (n + chunkRows - 1) / chunkRows
        // Per segment × (level, or missing last): respondents, Σw and Σw² (the last two only with weights).
        let partial = codes.withUnsafeBufferPointer { c in
            groups.withUnsafeBufferPointer { g in
                ParallelFor.mapChunks(chunks) { chunk -> (counts: [Int], weight: [Double], squared: [Double]) in
                    var counts = [Int](repeating: 0, count: k * width)
                    var weight = [Double](repeating: 0, count: weights == nil ? 0 : k * width), squared = weight
                    for i in chunk * chunkRows..<min(n, (chunk + 1) * chunkRows) {
                        let s = Int(g[i])
                        if s >= 0 {
                            let code = Int(c[i])
                            let cell = s * width + (code >= 0 ? code : levels.count)
                            counts[cell] += 1
                            if let weights {
                                weight[cell] += weights[i]
                                squared[cell] += weights[i] * weights[i]
                            }
                        }
                    }
                    return (counts, weight, squared)
                }
            }
        }
        var counts = [Int](repeating: 0, count: k * width)
        for p in partial { for j in counts.indices { counts[j] += p.counts[j] } }
        // Weighted counts (the counts themselves, exactly, when unweighted) and squared weights.
        var weighted = counts.map(Double.init), squared = weighted
        if weights != nil {
            weighted = [Double](repeating: 0, count: k * width)
            squared = weighted
            for p in partial {
                for j in weighted.indices { weighted[j] += p.weight[j]; squared[j] += p.squared[j] }
            }
        }
        var total = [Int](repeating: 0, count: width), weightedTotal = [Double](repeating: 0, count: width)
        var squaredTotal = weightedTotal
        for s in 0..<k {
            for j in 0..<width {
                total[j] += counts[s * width + j]
                weightedTotal[j] += weighted[s * width + j]
                squaredTotal[j] += squared[s * width + j]
            }
        }
        let totalPresent = weightedTotal[0..<levels.count].reduce(0, +)
        let all = sizes.reduce(0, +)
        let populationShares = (0..<levels.count).map { totalPresent > 0 ? weightedTotal[$0] / totalPresent : 0 }
        let info = ProfiledColumn(
            name: column.name, displayName: column.displayName, type: column.type, kind: .levels,
            missingShare: all > 0 ? weightedTotal[levels.count] / all : 0, numeric: nil,
            levels: (0..<levels.count).map {
                ProfiledColumn.LevelShare(level: levels[$0], label: labels[$0], count: total[$0], share: populationShares[$0],
                                          weightedCount: weights == nil ? nil : weightedTotal[$0])
            })
        var profiles: [LevelProfile] = []
        for s in 0..<k {
            if suppressed[s] {
                profiles.append(LevelProfile(column: column.name, missingShare: 0, levels: [], test: nil, adjustedP: nil))
                continue
            }
            let cells = s * width..<s * width + levels.count
            let mine = Array(weighted[cells])
            let rest = (0..<levels.count).map { weightedTotal[$0] - mine[$0] }
            let present = mine.reduce(0, +), restPresent = rest.reduce(0, +)
            var entries: [LevelProfile.Level] = []
            for j in 0..<levels.count {
                let share = present > 0 ? mine[j] / present : 0
                let restShare = restPresent > 0 ? rest[j] / restPresent : 0
                let h = 2 * asin(share.squareRoot()) - 2 * asin(restShare.squareRoot())
                entries.append(.init(level: levels[j], label: labels[j], count: counts[s * width + j], share: share,
                                     populationShare: populationShares[j],
                                     index: populationShares[j] > 0 && present > 0 ? share / populationShares[j] * 100 : nil,
                                     cohensH: present > 0 && restPresent > 0 ? h : 0,
                                     effectSize: present > 0 && restPresent > 0 ? h : 0,
                                     weightedCount: weights == nil ? nil : mine[j]))
            }
            var test: ContingencyTest?
            if weights == nil {
                test = ContingencyTest(segment: mine, rest: rest)
            } else {
                // Each row scaled to its effective size: counts × n_eff ÷ Σw = counts × Σw ÷ Σw².
                let mineSquared = squared[cells].reduce(0, +)
                let restSquared = squaredTotal[0..<levels.count].reduce(0, +) - mineSquared
                let mineScale = mineSquared > 0 ? present / mineSquared : 0
                let restScale = restSquared > 0 ? restPresent / restSquared : 0
                test = ContingencyTest(segment: mine.map { $0 * mineScale }, rest: rest.map { $0 * restScale })
            }
            profiles.append(LevelProfile(
                column: column.name,
                missingShare: sizes[s] > 0 ? weighted[s * width + levels.count] / sizes[s] : 0,
                levels: entries, test: test, adjustedP: nil))
        }
        return (info, profiles)
    }
}

/// "Monthly prescriptions" → "monthly prescriptions"; leaves acronyms ("HCP ID") alone.
func lowercasedFirst(_ text: String) -> String {
    guard let first = text.first else { return text }
    let second = text.dropFirst().first
    if let second, second.isUppercase { return text }
    return first.lowercased() + text.dropFirst()
}

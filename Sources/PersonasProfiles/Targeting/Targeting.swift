import PersonasData
import PersonasNumerics

/// One cell of a segment's Customer Value Matrix.
public struct MatrixCell: Sendable, Codable, Hashable {
    public var value: String
    public var potential: String
    public var count: Int
    /// count ÷ the segment's customers with both value and potential.
    public var share: Double
}

/// A name with a count and share (tier mix, channel mix).
public struct NamedShare: Sendable, Codable, Hashable {
    public var name: String
    public var count: Int
    public var share: Double
}

/// The targeting of one segment.
///
/// One rule, two levels: every member gets a tier and a channel from the rules applied to their
/// own value, potential, access and engagement, and the segment's ``tier`` and ``channel`` are its
/// members' most common ones (a tie goes to the one the rules name first), with their share
/// (``tierShare``, ``channelShare``) shown beside them: "Monitor (66% of members)". So the segment
/// never contradicts most of its members, and `assignments.csv`'s `segment_tier` is the majority of
/// the segment's `tier` column. A segment whose largest tier holds no more than
/// ``mixedTierShare`` of its members is ``mixed``: the reports say so, since one tier then
/// describes a minority.
public struct SegmentTargeting: Sendable, Codable, Hashable {
    /// A segment is mixed when no tier holds more than this share (60%) of its members.
    public static let mixedTierShare = 0.6

    public var segment: Int
    /// The level of the segment's mean value per customer against the customer cut points
    /// (a description; the tier comes from the members).
    public var valueLevel: String?
    public var potentialLevel: String?
    /// The members' most common tier.
    public var tier: String
    /// The members' most common channel.
    public var channel: String
    /// The share of members (with a tier) whose own tier is ``tier`` (nil in files written before it).
    public var tierShare: Double?
    /// The share of members whose own channel is ``channel``.
    public var channelShare: Double?
    /// True when no tier holds more than ``mixedTierShare`` of the members.
    public var mixed: Bool?
    /// Share of the segment restricting rep access (nil without such a column).
    public var accessRestrictedShare: Double?
    /// Share of the segment digitally engaged (nil without engagement columns).
    public var digitallyEngagedShare: Double?
    /// Share of customers in the top value level and the top potential level.
    public var topCellShare: Double
    public var matrix: [MatrixCell]
    public var tierMix: [NamedShare]
    public var channelMix: [NamedShare]
}

/// The Customer Value Matrix, tiers and channels for every segment.
public struct TargetingResult: Sendable, Codable, Hashable {
    public var rules: TargetingRules
    public var valueColumn: String
    public var potentialColumn: String
    /// The value at each of the rules' value quantiles.
    public var valueCutPoints: [Double]
    public var potentialCutPoints: [Double]
    public var accessRestrictionColumn: String?
    public var digitalEngagementColumns: [String]
    public var segments: [SegmentTargeting]
}

/// Every customer's targeting: indices into the rules' names (-1 where unknown).
public struct CustomerTargets: Sendable {
    /// Tier name per row (nil for unassigned rows).
    public var tiers: [String?]
    public var channels: [String?]
}

/// Applies ``TargetingRules`` to a labelled table.
public enum Targeting {
    /// Tiers and channels per customer and per segment. Needs a value and a potential column.
    public static func run(_ table: DataTable, labels: [Int32], valueColumn: String, potentialColumn: String,
                           rules: TargetingRules = .standard) throws(ProfileError) -> (TargetingResult, CustomerTargets) {
        try rules.validate()
        guard let value = table[valueColumn]?.numbers, let potential = table[potentialColumn]?.numbers else {
            throw ProfileError("targeting needs numeric value and potential columns (\(valueColumn), \(potentialColumn))")
        }
        let n = table.rowCount
        let valueCuts = cutPoints(value, rules.valueQuantiles)
        let potentialCuts = cutPoints(potential, rules.potentialQuantiles)
        func level(_ x: Double, _ cuts: [Double]) -> Int? {
            guard !x.isNaN else { return nil }
            var level = 0
            while level < cuts.count && x >= cuts[level] { level += 1 }
            return level
        }

        // Access restriction and digital engagement.
        let accessName = rules.accessRestrictionColumn
            ?? table.columns.first { $0.type == .boolean && $0.name.lowercased().contains("restrict") }?.name
        let access = accessName.flatMap { table[$0]?.numbers }
        let engagementNames = rules.digitalEngagementColumns ?? table.columns.filter { column in
            let name = column.name.lowercased()
            return column.numbers != nil && column.type != .boolean && column.role != .value && column.role != .potential
                && ["email", "webinar", "portal", "digital", "online"].contains { name.contains($0) }
        }.map(\.name)
        let engagementColumns = engagementNames.compactMap { table[$0]?.numbers }
        var engaged: [Bool?] = Array(repeating: nil, count: n)
        if !engagementColumns.isEmpty {
            let means = engagementColumns.map { column -> Double in
                let finite = column.filter { !$0.isNaN }
                return finite.isEmpty ? 0 : finite.reduce(0, +) / Double(finite.count)
            }
            var scores = [Double](repeating: .nan, count: n)
            for i in 0..<n {
                var sum = 0.0, count = 0
                for (column, mean) in zip(engagementColumns, means) where !column[i].isNaN && mean > 0 {
                    sum += column[i] / mean
                    count += 1
                }
                if count > 0 { scores[i] = sum / Double(count) }
            }
            let cut = cutPoints(scores, [rules.digitalEngagementQuantile])[0]
            for i in 0..<n where !scores[i].isNaN { engaged[i] = scores[i] >= cut }
        }

        var tiers = [String?](repeating: nil, count: n), channels = [String?](repeating: nil, count: n)
        let segmentIDs = Array(Set(labels.filter { $0 >= 0 })).sorted()
        var segments: [SegmentTargeting] = []
        let levels = rules.levelNames
        var rowsBySegment: [Int32: [Int]] = [:]
        for i in 0..<n where labels[i] >= 0 { rowsBySegment[labels[i], default: []].append(i) }
        for id in segmentIDs {
            let rows = rowsBySegment[id] ?? []
            var cells = [Int](repeating: 0, count: levels.count * levels.count)
            var tierCounts: [String: Int] = [:], channelCounts: [String: Int] = [:]
            var restricted = 0, accessKnown = 0, engagedCount = 0, engagementKnown = 0
            var valueSum = 0.0, valueCount = 0, potentialSum = 0.0, potentialCount = 0
            for i in rows {
                let v = level(value[i], valueCuts), p = level(potential[i], potentialCuts)
                if let v, let p { cells[v * levels.count + p] += 1 }
                if !value[i].isNaN { valueSum += value[i]; valueCount += 1 }
                if !potential[i].isNaN { potentialSum += potential[i]; potentialCount += 1 }
                let restrictedHere: Bool? = access.flatMap { $0[i].isNaN ? nil : $0[i] != 0 }
                if let restrictedHere { accessKnown += 1; if restrictedHere { restricted += 1 } }
                if let e = engaged[i] { engagementKnown += 1; if e { engagedCount += 1 } }
                let tier = rules.tier(value: v.map { levels[$0] }, potential: p.map { levels[$0] })
                let channel = rules.channel(tier: tier, accessRestricted: restrictedHere, digitallyEngaged: engaged[i])
                tiers[i] = tier
                channels[i] = channel
                tierCounts[tier, default: 0] += 1
                channelCounts[channel, default: 0] += 1
            }
            let both = cells.reduce(0, +)
            let valueLevel = valueCount > 0 ? level(valueSum / Double(valueCount), valueCuts).map { levels[$0] } : nil
            let potentialLevel = potentialCount > 0 ? level(potentialSum / Double(potentialCount), potentialCuts).map { levels[$0] } : nil
            let accessShare: Double? = access != nil && accessKnown > 0 ? Double(restricted) / Double(accessKnown) : nil
            let engagedShare: Double? = engagementKnown > 0 ? Double(engagedCount) / Double(engagementKnown) : nil
            func mix(_ counts: [String: Int], order: [String]) -> [NamedShare] {
                // Several rules can name the same tier or channel: each name once, in rule order.
                var seen = Set<String>()
                let ordered = order.filter { counts[$0] != nil && seen.insert($0).inserted }
                let names = ordered + counts.keys.filter { !order.contains($0) }.sorted()
                return names.map { NamedShare(name: $0, count: counts[$0]!, share: Double(counts[$0]!) / Double(max(rows.count, 1))) }
            }
            let tierMix = mix(tierCounts, order: rules.tiers.map(\.name) + [rules.defaultTier])
            let channelMix = mix(channelCounts, order: rules.channels.map(\.channel) + [rules.defaultChannel])
            // The members' majority; `max` keeps the first of equal counts, so a tie goes to rule order.
            let tier = majority(tierMix), channel = majority(channelMix)
            var matrix: [MatrixCell] = []
            for v in levels.indices {
                for p in levels.indices {
                    let count = cells[v * levels.count + p]
                    matrix.append(MatrixCell(value: levels[v], potential: levels[p], count: count,
                                             share: both > 0 ? Double(count) / Double(both) : 0))
                }
            }
            segments.append(SegmentTargeting(
                segment: Int(id), valueLevel: valueLevel, potentialLevel: potentialLevel, tier: tier?.name ?? rules.defaultTier,
                channel: channel?.name ?? rules.defaultChannel, tierShare: tier?.share, channelShare: channel?.share,
                mixed: tier.map { $0.share <= SegmentTargeting.mixedTierShare }, accessRestrictedShare: accessShare,
                digitallyEngagedShare: engagedShare, topCellShare: matrix.last!.share, matrix: matrix,
                tierMix: tierMix, channelMix: channelMix))
        }
        let result = TargetingResult(
            rules: rules, valueColumn: valueColumn, potentialColumn: potentialColumn, valueCutPoints: valueCuts,
            potentialCutPoints: potentialCuts, accessRestrictionColumn: access == nil ? nil : accessName,
            digitalEngagementColumns: engagementColumns.isEmpty ? [] : engagementNames, segments: segments)
        return (result, CustomerTargets(tiers: tiers, channels: channels))
    }

    /// The first of the largest shares of a mix (nil for an empty segment).
    static func majority(_ mix: [NamedShare]) -> NamedShare? {
        mix.reduce(nil) { best, next in best.map { next.count > $0.count ? next : $0 } ?? next }
    }

    /// Quantiles of the non-missing values (linear interpolation); +inf when there are none.
    static func cutPoints(_ values: [Double], _ quantiles: [Double]) -> [Double] {
        let finite = Quantiles.sortedFinite(values)
        guard !finite.isEmpty else { return quantiles.map { _ in .infinity } }
        return quantiles.map { Quantiles.quantile(sorted: finite, $0) }
    }
}

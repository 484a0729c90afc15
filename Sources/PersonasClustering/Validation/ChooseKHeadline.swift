import PersonasNumerics

/// The recommendation's headline, ``ChooseKResult/summary``: which k, and what decided it.
///
/// The criteria decide when the k with the most votes is allowed: "Recommendation: k = 4 (3 of 5
/// criteria favour it: silhouette, Calinski–Harabasz and elbow)." When the criteria's favourite
/// has a segment under the minimum share (or under the minimum size), a rule decided instead and
/// the headline says so in words: "Recommendation: k = 2, decided by the minimum-share rule, not
/// by the criteria: …". A headline never says "0 of N criteria favour it". With one k there is
/// nothing to decide, and the headline says that too. Criteria that were not run (the gap
/// statistic, bootstrap stability) are named, so a reader knows what the count leaves out.
///
/// For a model-based method (``byBIC``) BIC alone decides among the k the size rules allow, and
/// the headline says so: "Recommendation: k = 4, the lowest BIC of the k tried (BIC 12345;
/// mclust's BIC, higher is better, −12345)." followed by which k the other criteria favour.
struct ChooseKHeadline {
    let candidates: [ChooseKResult.Candidate]
    /// Every vote, the criteria's (with a k) and the rules' notes (without one).
    let votes: [ChooseKResult.Vote]
    /// The k left after the minimum-size rule.
    let allowed: [Int]
    /// The k left after both rules.
    let eligible: [Int]
    let minimumSize: Int
    let minimumShare: Double
    /// Whether the gap statistic was computed.
    let gapRan: Bool
    /// Whether BIC decides (a model-based method): the lowest BIC wins, the votes are shown.
    var byBIC = false

    /// Votes per k, counting the criteria only.
    var tally: [Int: Int] {
        var tally: [Int: Int] = [:]
        for vote in votes { if let k = vote.k { tally[k, default: 0] += 1 } }
        return tally
    }

    /// The k a choice among `ks` gives: the most votes, then the most stable weakest segment, then
    /// the smaller k (the simpler story for a sales force).
    func winner(among ks: [Int]) -> Int {
        if byBIC { return lowestBIC(among: ks) }
        let tally = self.tally
        let stability = Dictionary(uniqueKeysWithValues: candidates.map { ($0.k, $0.minimumJaccard ?? 0) })
        return ks.max { a, b in
            let (va, vb) = (tally[a, default: 0], tally[b, default: 0])
            if va != vb { return va < vb }
            let (sa, sb) = (stability[a]!, stability[b]!)
            if sa != sb { return sa < sb }
            return a > b
        }!
    }

    /// The recommended k, what decided it, and the headline.
    func decide() -> (k: Int, decidedBy: ChooseKResult.Decision, summary: String) {
        let recommended = winner(among: eligible)
        if candidates.count == 1 {
            return (recommended, .onlyCandidate,
                    "Recommendation: k = \(recommended), the only k tried: there was nothing to choose between, "
                    + "so no criterion decided it; its figures are below.")
        }
        let favourite = winner(among: candidates.map(\.k))
        let tally = self.tally
        let decidedBy: ChooseKResult.Decision
        var summary: String
        if byBIC {
            (decidedBy, summary) = bicSummary(recommended, favourite: favourite)
        } else if favourite != recommended {
            let bySize = !allowed.contains(favourite)
            decidedBy = bySize ? .minimumSize : .minimumShare
            // The k the rule set aside that beat the recommendation: more votes, or as many and the
            // tie-break (the favourite).
            let setAside = candidates.map(\.k).filter {
                (bySize ? !allowed.contains($0) : allowed.contains($0) && !eligible.contains($0))
                    && (tally[$0, default: 0] > tally[recommended, default: 0] || $0 == favourite)
            }
            let more = setAside.allSatisfy { tally[$0, default: 0] > tally[recommended, default: 0] }
                ? "more criteria" : "at least as many criteria"
            let rule = bySize ? "minimum-size rule" : "minimum-share rule"
            let limit = bySize ? "of fewer than \(Quantity.count(minimumSize, "customer"))"
                : "under \(Int((minimumShare * 100).rounded()))% of the customers"
            summary = "Recommendation: k = \(recommended), decided by the \(rule), not by the criteria: \(more) "
                + "favour k = \(ChooseK.list(setAside)), but \(setAside.count == 1 ? "it has" : "each has") a segment "
                + "\(limit); " + (eligible.count == 1 ? "k = \(recommended) is the only k left"
                                  : "of the k left, " + support(recommended, among: eligible, named: true)) + "."
        } else if tally[recommended, default: 0] == 0 {
            decidedBy = .tieBreak
            summary = "Recommendation: k = \(recommended): no criterion favours any k tried, so the "
                + tieBreak(recommended, among: eligible) + " is taken."
        } else {
            decidedBy = .criteria
            summary = "Recommendation: k = \(recommended) (" + support(recommended, among: eligible, named: false) + ")."
        }
        summary += " " + agreement(recommended)
        let skipped = (gapRan ? [] : ["the gap statistic"])
            + (candidates.allSatisfy { $0.minimumJaccard != nil } ? [] : ["bootstrap stability"])
        if !skipped.isEmpty {
            let names = ChooseK.words(skipped)
            summary += " " + names.prefix(1).uppercased() + names.dropFirst() + " "
                + Quantity.word(skipped.count, "was", plural: "were") + " not run."
        }
        return (recommended, decidedBy, summary)
    }

    /// The k of `ks` with the lowest BIC (the smaller k on a tie).
    func lowestBIC(among ks: [Int]) -> Int {
        let bic = Dictionary(uniqueKeysWithValues: candidates.map { ($0.k, $0.informationCriteria?.bic ?? .infinity) })
        return ks.min { a, b in bic[a]! != bic[b]! ? bic[a]! < bic[b]! : a < b }!
    }

    /// The headline of a choice by BIC: "Recommendation: k = 4, the lowest BIC (…)", or, when a
    /// size rule set BIC's favourite aside, what it set aside and why.
    func bicSummary(_ recommended: Int, favourite: Int) -> (ChooseKResult.Decision, String) {
        let criteria = candidates.first { $0.k == recommended }!.informationCriteria!
        let figures = "BIC \(ChooseK.format(criteria.bic)); mclust's BIC, higher is better, \(ChooseK.format(criteria.mclustBIC))"
        guard favourite != recommended else {
            return (.lowestBIC, "Recommendation: k = \(recommended), the lowest BIC of the k tried (\(figures)).")
        }
        let bySize = !allowed.contains(favourite)
        let rule = bySize ? "minimum-size rule" : "minimum-share rule"
        let limit = bySize ? "of fewer than \(Quantity.count(minimumSize, "customer"))"
            : "under \(Int((minimumShare * 100).rounded()))% of the customers"
        return (bySize ? .minimumSize : .minimumShare,
                "Recommendation: k = \(recommended), decided by the \(rule), not by BIC: BIC is lowest at k = \(favourite), "
                + "but it has a segment \(limit); "
                + (eligible.count == 1 ? "k = \(recommended) is the only k left" : "of the k left, BIC is lowest at k = \(recommended)")
                + " (\(figures)).")
    }

    /// "3 of 5 criteria favour it: silhouette, Calinski–Harabasz and elbow" (or, `named`, "1 of 4
    /// criteria favours k = 3: elbow"), or when none does "no criterion favours one, so the
    /// smallest k is taken"; with the tie-break when another of `ks` has as many votes.
    func support(_ k: Int, among ks: [Int], named: Bool) -> String {
        let criteria = votes.filter { $0.k != nil }
        let agreeing = criteria.filter { $0.k == k }.map(\.criterion)
        guard !agreeing.isEmpty else {
            return "no criterion favours one, so the " + tieBreak(k, among: ks) + " is taken"
        }
        var text = "\(agreeing.count) of \(Quantity.count(criteria.count, "criterion", plural: "criteria")) "
            + Quantity.word(agreeing.count, "favours", plural: "favour")
            + (named ? " k = \(k)" : " it") + ": " + ChooseK.words(agreeing)
        let tied = ks.filter { $0 != k && tally[$0, default: 0] == agreeing.count }
        if !tied.isEmpty {
            text += "; k = \(ChooseK.list(tied)) \(tied.count == 1 ? "has" : "have") as many, and the "
                + tieBreak(k, among: [k] + tied) + " is taken"
        }
        return text
    }

    /// How the tie-break chose `k` among equally voted `ks`: "most stable" when its weakest
    /// segment holds up better than theirs, else "smallest".
    func tieBreak(_ k: Int, among ks: [Int]) -> String {
        let stability = Dictionary(uniqueKeysWithValues: candidates.map { ($0.k, $0.minimumJaccard) })
        let others = ks.filter { $0 != k }
        if let mine = stability[k] ?? nil, !others.isEmpty,
           others.allSatisfy({ (stability[$0] ?? nil).map { mine > $0 } ?? true }) {
            return "most stable k (weakest segment's mean Jaccard \(ChooseK.format(mine)))"
        }
        return "smallest k"
    }

    /// "Every criterion agrees.", "Every criterion favours k = 4." or "The criteria disagree:
    /// silhouette and elbow favour k = 3; Calinski–Harabasz favours k = 5."
    func agreement(_ recommended: Int) -> String {
        let favoured = Set(votes.compactMap(\.k))
        if favoured.count <= 1 {
            return favoured.first.map { $0 == recommended ? "Every criterion agrees." : "Every criterion favours k = \($0)." }
                ?? ""
        }
        var groups: [Int: [String]] = [:]
        for vote in votes { if let k = vote.k, k != recommended { groups[k, default: []].append(vote.criterion) } }
        let others = groups.keys.sorted().map {
            "\(ChooseK.words(groups[$0]!)) \(Quantity.word(groups[$0]!.count, "favours", plural: "favour")) k = \($0)"
        }
        return "The criteria disagree: " + others.joined(separator: "; ") + "."
    }
}
